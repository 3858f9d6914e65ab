/*
 * rulebook.c - govsvc.load() and govsvc.Rulebook: a loaded rulebook, its
 * identity, and queries.
 *
 * A Rulebook holds one reference to the library's immutable table; queries
 * build their own facts set and answer, so any number of threads may query
 * one Rulebook at once (include/govsvc/rulebook.h). The GIL is released
 * while the library loads and answers.
 */
#include "pygovsvc.h"

#include <string.h>

/* -- arguments ---------------------------------------------------------------- */

int gp_parse_fastcall(const char *fname, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames, const char *const *names, int nnames, int npos,
                      int nreq, PyObject **out)
{
    for (int i = 0; i < nnames; i++)
        out[i] = NULL;
    if (nargs > npos) {
        PyErr_Format(PyExc_TypeError, "%s() takes at most %d positional argument%s (%zd given)",
                     fname, npos, npos == 1 ? "" : "s", nargs);
        return -1;
    }
    for (Py_ssize_t i = 0; i < nargs; i++)
        out[i] = args[i];
    Py_ssize_t nkw = kwnames ? PyTuple_GET_SIZE(kwnames) : 0;
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        const char *kname = PyUnicode_AsUTF8(key);
        if (!kname)
            return -1;
        int found = -1;
        for (int i = 0; i < nnames; i++)
            if (strcmp(names[i], kname) == 0)
                found = i;
        if (found < 0) {
            PyErr_Format(PyExc_TypeError, "%s() got an unexpected keyword argument '%s'", fname,
                         kname);
            return -1;
        }
        if (out[found]) {
            PyErr_Format(PyExc_TypeError, "%s() got multiple values for argument '%s'", fname,
                         kname);
            return -1;
        }
        out[found] = args[nargs + k];
    }
    for (int i = 0; i < nreq; i++) {
        if (!out[i]) {
            PyErr_Format(PyExc_TypeError, "%s() missing required argument '%s'", fname,
                         names[i]);
            return -1;
        }
    }
    return 0;
}

/* -- load ----------------------------------------------------------------- */

static int load_rulebook(void *out, const char *path, const govsvc_load_options *opts,
                         govsvc_diag_list **diags)
{
    return govsvc_rulebook_load(out, path, opts, diags);
}

PyObject *gp_load(PyObject *module, PyObject *args, PyObject *kwargs)
{
    govsvc_rulebook *rb = NULL;
    if (gp_load_path(args, kwargs, "O&|$O:load", load_rulebook, &rb) < 0)
        return NULL;
    gp_rulebook *self = PyObject_New(gp_rulebook, &gp_rulebook_type);
    if (!self) {
        govsvc_rulebook_unref(rb);
        return NULL;
    }
    self->rb = rb;
    return (PyObject *)self;
}

static void rulebook_dealloc(gp_rulebook *self)
{
    govsvc_rulebook_unref(self->rb);
    PyObject_Free(self);
}

static PyObject *rulebook_repr(gp_rulebook *self)
{
    return PyUnicode_FromFormat("<govsvc.Rulebook %s %s %s>", govsvc_rulebook_id(self->rb),
                                govsvc_rulebook_version(self->rb),
                                govsvc_rulebook_digest(self->rb));
}

/* -- queries ------------------------------------------------------------------ */

typedef int (*query_fn)(govsvc_answer **out, const govsvc_rulebook *rb, const char *code,
                        const govsvc_facts *facts, const govsvc_query_options *opts,
                        govsvc_diag_list **diags);

static PyObject *query(gp_rulebook *self, const char *fname, const char *what, query_fn fn,
                       int bundle, PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames)
{
    const char *const names[] = {bundle ? "bundle" : "item", "facts", "date", "explain"};
    PyObject *a[4];
    if (gp_parse_fastcall(fname, args, nargs, kwnames, names, 4, 3, 1, a) < 0)
        return NULL;
    const char *code = gp_utf8_arg(a[0], what);
    if (!code)
        return NULL;
    govsvc_query_options qo = GOVSVC_QUERY_OPTIONS_INIT;
    if (a[2] && a[2] != Py_None) {
        int k = gp_date_from_py(a[2], &qo.date, "date");
        if (k < 0)
            return NULL;
        if (k == 0)
            /* The library's own wording for E072 (libgovsvc/query.c). */
            return gp_raise_new(gp_query_error, "E072", NULL, "write the date as YYYY-MM-DD",
                                "the acceptance date %R is not a valid date", a[2]);
    }
    if (a[3]) {
        int e = PyObject_IsTrue(a[3]);
        if (e < 0)
            return NULL;
        if (e)
            qo.flags |= GOVSVC_QUERY_EXPLAIN;
    }
    govsvc_facts *facts = NULL;
    if (gp_facts_from_py(self->rb, a[1], &facts) < 0)
        return NULL;
    govsvc_answer *ans = NULL;
    govsvc_diag_list *diags = NULL;
    int r;
    /* `code` is the UTF-8 buffer of a str the caller's frame holds. */
    Py_BEGIN_ALLOW_THREADS
    r = fn(&ans, self->rb, code, facts, &qo, &diags);
    govsvc_facts_free(facts);
    Py_END_ALLOW_THREADS
    if (r) {
        gp_raise_diags(gp_query_error, r, diags, NULL);
        govsvc_diag_list_free(diags);
        return NULL;
    }
    govsvc_diag_list_free(diags);
    return gp_answer_new(self, ans);
}

static PyObject *rulebook_query(gp_rulebook *self, PyObject *const *args, Py_ssize_t nargs,
                                PyObject *kwnames)
{
    return query(self, "query", "the item code", govsvc_query_item, 0, args, nargs, kwnames);
}

static PyObject *rulebook_query_bundle(gp_rulebook *self, PyObject *const *args,
                                       Py_ssize_t nargs, PyObject *kwnames)
{
    return query(self, "query_bundle", "the bundle code", govsvc_query_bundle, 1, args, nargs,
                 kwnames);
}

/* -- identity ------------------------------------------------------------- */

static PyObject *get_id(gp_rulebook *self, void *c)
{
    return gp_str_or_none(govsvc_rulebook_id(self->rb));
}

static PyObject *get_version(gp_rulebook *self, void *c)
{
    return gp_str_or_none(govsvc_rulebook_version(self->rb));
}

static PyObject *get_title(gp_rulebook *self, void *c)
{
    return gp_str_or_none(govsvc_rulebook_title(self->rb));
}

static PyObject *get_digest(gp_rulebook *self, void *c)
{
    return gp_str_or_none(govsvc_rulebook_digest(self->rb));
}

static PyObject *get_effective(gp_rulebook *self, void *c)
{
    govsvc_date d = govsvc_rulebook_effective(self->rb);
    if (!d.year)
        Py_RETURN_NONE;
    return gp_date_to_py(d);
}

static PyObject *pair(PyTypeObject *type, const char *a, const char *b)
{
    PyObject *t = PyStructSequence_New(type);
    if (!t)
        return NULL;
    PyObject *x = gp_str_or_none(a), *y = gp_str_or_none(b);
    PyStructSequence_SetItem(t, 0, x ? x : Py_NewRef(Py_None));
    PyStructSequence_SetItem(t, 1, y ? y : Py_NewRef(Py_None));
    if (!x || !y) {
        Py_DECREF(t);
        return NULL;
    }
    return t;
}

static PyObject *get_items(gp_rulebook *self, void *c)
{
    size_t n = govsvc_rulebook_item_count(self->rb);
    PyObject *t = PyTuple_New((Py_ssize_t)n);
    for (size_t i = 0; t && i < n; i++) {
        PyObject *it = pair(gp_item_type, govsvc_rulebook_item_code(self->rb, i),
                            govsvc_rulebook_item_name(self->rb, i));
        if (!it)
            Py_CLEAR(t);
        else
            PyTuple_SET_ITEM(t, (Py_ssize_t)i, it);
    }
    return t;
}

static PyObject *get_facts(gp_rulebook *self, void *c)
{
    govsvc_facts *f;
    int r = govsvc_facts_new(&f, self->rb);
    if (r)
        return gp_raise_diags(gp_error, r, NULL, NULL);
    PyObject *d = PyDict_New();
    for (size_t i = 0; d && i < govsvc_rulebook_fact_count(self->rb); i++) {
        const char *name = govsvc_rulebook_fact_name(self->rb, i);
        PyObject *type = gp_str_or_none(gp_fact_type_name(govsvc_facts_type(f, name)));
        if (!type || PyDict_SetItemString(d, name, type) < 0)
            Py_CLEAR(d);
        Py_XDECREF(type);
    }
    govsvc_facts_free(f);
    return d;
}

static PyObject *get_calendar(gp_rulebook *self, void *c)
{
    const govsvc_calendar *cal = govsvc_rulebook_calendar(self->rb);
    if (!cal)
        Py_RETURN_NONE;
    return gp_calendar_borrowed((PyObject *)self, cal);
}

static PyGetSetDef rulebook_getset[] = {
    {"id", (getter)get_id, NULL, "The rulebook's id (``rulebook.id``), e.g. ``'hlj-fire'``.",
     NULL},
    {"version", (getter)get_version, NULL,
     "The rulebook's version (``rulebook.version``), free text shown in answers.", NULL},
    {"title", (getter)get_title, NULL, "The rulebook's title, or None.", NULL},
    {"digest", (getter)get_digest, NULL,
     "``'sha256:<64 hex>'`` over the source bytes of every file in load order: the same in "
     "every answer, so a printed notice can be traced to the rules that produced it.",
     NULL},
    {"effective", (getter)get_effective, NULL,
     "The first day this version is in force (``rulebook.effective``), a datetime.date, or "
     "None.",
     NULL},
    {"items", (getter)get_items, NULL,
     "The service items as a tuple of ``Item(code, name)``, in the rulebook's order.", NULL},
    {"facts", (getter)get_facts, NULL,
     "The declared facts: a dict of fact name to type (``'bool'``, ``'int'``, ``'number'``, "
     "``'string'``, ``'enum'`` or ``'date'``), in declaration order.",
     NULL},
    {"calendar", (getter)get_calendar, NULL,
     "The working-day Calendar the rulebook counts deadlines on, or None.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyMethodDef rulebook_methods[] = {
    {"query", GP_METH(rulebook_query), METH_FASTCALL | METH_KEYWORDS,
     "query($self, /, item, facts=None, date=None, *, explain=False)\n"
     "--\n\n"
     "Answers for one service item: which materials the applicant submits, which\n"
     "the hall fetches itself, which a commitment may replace, which may come\n"
     "later, and by when everything is due.\n\n"
     "item: the item's code (``rulebook.items``). facts: a dict of fact name to\n"
     "value (bool, int, float, str, datetime.date; None = unknown); unset facts\n"
     "are unknown or take their default. date: the acceptance date, a\n"
     "datetime.date or an ISO str (default: today). explain: record each\n"
     "material's rule and condition values (``to_json()``'s \"because\").\n\n"
     "Raises FactError (an undeclared fact, a value of the wrong type or form)\n"
     "and QueryError (E070 no such item, E072 a bad date, E073 the item is not\n"
     "valid on the date, E071 a due date beyond the calendar). Releases the GIL\n"
     "while the library answers."},
    {"query_bundle", GP_METH(rulebook_query_bundle), METH_FASTCALL | METH_KEYWORDS,
     "query_bundle($self, /, bundle, facts=None, date=None, *, explain=False)\n"
     "--\n\n"
     "Answers for a bundle of items (一件事一次办, SPEC section 7): each material\n"
     "once, with the items that need it (``Material.items``) and the strictest\n"
     "status; the bundle's own promised deadline; each item's answer in\n"
     "``Answer.parts``. Arguments and errors as query(); an unknown bundle raises\n"
     "QueryError E130."},
    {NULL, NULL, 0, NULL},
};

PyTypeObject gp_rulebook_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "govsvc.Rulebook",
    .tp_basicsize = sizeof(gp_rulebook),
    .tp_dealloc = (destructor)rulebook_dealloc,
    .tp_repr = (reprfunc)rulebook_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A loaded, compiled rulebook (from govsvc.load()). Immutable: one Rulebook\n"
              "may be queried from any number of threads at once.",
    .tp_methods = rulebook_methods,
    .tp_getset = rulebook_getset,
};
