/*
 * answer.c - govsvc.Answer: the one-time notice (一次性告知单) as Python
 * values, read through the govsvc_answer_* accessors.
 *
 * An answer never changes, so its materials are turned into Python values
 * once, on first access, and kept.
 */
#include "pygovsvc.h"

static PyObject *wrap(gp_rulebook *rb, const govsvc_answer *answer, govsvc_answer *owned,
                      PyObject *owner)
{
    /* Not GC-tracked: an answer refers to its Rulebook, to the bundle's
     * Answer it is part of and to tuples of strings and dates, none of
     * which can refer back to it. */
    gp_answer *self = PyObject_New(gp_answer, &gp_answer_type);
    if (!self) {
        govsvc_answer_free(owned);
        return NULL;
    }
    self->answer = answer;
    self->owned = owned;
    self->owner = owner ? Py_NewRef(owner) : NULL;
    self->rulebook = (gp_rulebook *)Py_NewRef((PyObject *)rb);
    self->materials = NULL;
    return (PyObject *)self;
}

PyObject *gp_answer_new(gp_rulebook *rb, govsvc_answer *answer)
{
    return wrap(rb, answer, answer, NULL);
}

static void answer_dealloc(gp_answer *self)
{
    Py_XDECREF(self->materials);
    Py_DECREF(self->rulebook);
    Py_XDECREF(self->owner);
    govsvc_answer_free(self->owned);
    PyObject_Free(self);
}

/* A bundle's answer has a bundle code; an item's has none. */
static int is_bundle(const gp_answer *self)
{
    return govsvc_answer_bundle_code(self->answer) != NULL;
}

static PyObject *answer_repr(gp_answer *self)
{
    char d[11];
    govsvc_date date = govsvc_answer_date(self->answer);
    if (govsvc_date_format(&date, d) != 0)
        d[0] = '\0';
    return PyUnicode_FromFormat("<govsvc.Answer %s%s on %s: %zu materials>",
                                is_bundle(self) ? "bundle " : "",
                                is_bundle(self) ? govsvc_answer_bundle_code(self->answer)
                                                : govsvc_answer_item_code(self->answer),
                                d, govsvc_answer_material_count(self->answer));
}

/* -- values ----------------------------------------------------------------- */

/* Fills a named tuple from `n` new references, any of which may be NULL
 * after a failure: then the tuple is dropped and NULL returned. */
static PyObject *fill(PyTypeObject *type, PyObject **v, int n)
{
    int ok = 1;
    for (int i = 0; i < n; i++)
        ok = ok && v[i];
    PyObject *t = ok ? PyStructSequence_New(type) : NULL;
    for (int i = 0; i < n; i++) {
        if (t)
            PyStructSequence_SetItem(t, i, v[i]);
        else
            Py_XDECREF(v[i]);
    }
    return t;
}

static PyObject *date_or_none(int has, govsvc_date d)
{
    if (!has)
        Py_RETURN_NONE;
    return gp_date_to_py(d);
}

/* The forms as a tuple of names, in the JSON's order. */
static PyObject *forms(unsigned form)
{
    static const char *const names[] = {"original", "copy", "electronic"};
    Py_ssize_t n = 0;
    for (int i = 0; i < 3; i++)
        n += (form >> i) & 1u;
    PyObject *t = PyTuple_New(n);
    for (int i = 0, k = 0; t && i < 3; i++) {
        if (!(form & (1u << i)))
            continue;
        PyObject *s = PyUnicode_FromString(names[i]);
        if (!s)
            Py_CLEAR(t);
        else
            PyTuple_SET_ITEM(t, k++, s);
    }
    return t;
}

/* For a bundle's answer: the codes of the items that need material i. */
static PyObject *material_items(const govsvc_answer *a, size_t i)
{
    if (!govsvc_answer_bundle_code(a))
        Py_RETURN_NONE;
    size_t n = govsvc_answer_material_item_count(a, i);
    PyObject *t = PyTuple_New((Py_ssize_t)n);
    for (size_t k = 0; t && k < n; k++) {
        PyObject *s = gp_str_or_none(govsvc_answer_material_item(a, i, k));
        if (!s)
            Py_CLEAR(t);
        else
            PyTuple_SET_ITEM(t, (Py_ssize_t)k, s);
    }
    return t;
}

static PyObject *material(const govsvc_answer *a, size_t i)
{
    govsvc_date due, verify;
    int has_due = govsvc_answer_material_due(a, i, &due);
    int has_verify = govsvc_answer_material_verify_due(a, i, &verify);
    unsigned copies = govsvc_answer_material_copies(a, i);
    PyObject *v[10] = {
        gp_str_or_none(govsvc_answer_material_id(a, i)),
        gp_str_or_none(govsvc_answer_material_name(a, i)),
        gp_str_or_none(govsvc_status_name(govsvc_answer_material_status(a, i))),
        date_or_none(has_due, due),
        date_or_none(has_verify, verify),
        gp_str_or_none(govsvc_answer_material_condition(a, i)),
        copies ? PyLong_FromUnsignedLong(copies) : Py_NewRef(Py_None),
        forms(govsvc_answer_material_form(a, i)),
        gp_str_or_none(govsvc_answer_material_source(a, i)),
        material_items(a, i),
    };
    return fill(gp_material_type, v, 10);
}

static PyObject *get_materials(gp_answer *self, void *c)
{
    if (!self->materials) {
        size_t n = govsvc_answer_material_count(self->answer);
        PyObject *t = PyTuple_New((Py_ssize_t)n);
        for (size_t i = 0; t && i < n; i++) {
            PyObject *m = material(self->answer, i);
            if (!m)
                Py_CLEAR(t);
            else
                PyTuple_SET_ITEM(t, (Py_ssize_t)i, m);
        }
        if (!t)
            return NULL;
        /* Making the values may run a finalizer and let another thread in
         * here first: keep the tuple that was stored first. */
        if (self->materials)
            Py_DECREF(t);
        else
            self->materials = t;
    }
    return Py_NewRef(self->materials);
}

static PyObject *due(const govsvc_answer *a, int kind)
{
    govsvc_date d;
    const char *duration = NULL;
    if (!govsvc_answer_deadline(a, kind, &d, &duration))
        Py_RETURN_NONE;
    PyObject *v[2] = {gp_str_or_none(duration), gp_date_to_py(d)};
    return fill(gp_due_type, v, 2);
}

static PyObject *get_deadline(gp_answer *self, void *c)
{
    const govsvc_answer *a = self->answer;
    size_t n = govsvc_answer_special_count(a);
    PyObject *special = PyTuple_New((Py_ssize_t)n);
    for (size_t i = 0; special && i < n; i++) {
        PyObject *v[2] = {gp_str_or_none(govsvc_answer_special_name(a, i)),
                          gp_str_or_none(govsvc_answer_special_max(a, i))};
        PyObject *s = fill(gp_special_type, v, 2);
        if (!s)
            Py_CLEAR(special);
        else
            PyTuple_SET_ITEM(special, (Py_ssize_t)i, s);
    }
    PyObject *v[4] = {
        due(a, GOVSVC_DEADLINE_PROMISED),
        due(a, GOVSVC_DEADLINE_STATUTORY),
        special,
        gp_str_or_none(govsvc_answer_deadline_condition(a)),
    };
    return fill(gp_deadline_type, v, 4);
}

static PyObject *get_ask(gp_answer *self, void *c)
{
    size_t n = govsvc_answer_ask_count(self->answer);
    PyObject *t = PyTuple_New((Py_ssize_t)n);
    for (size_t i = 0; t && i < n; i++) {
        PyObject *s = gp_str_or_none(govsvc_answer_ask_fact(self->answer, i));
        if (!s)
            Py_CLEAR(t);
        else
            PyTuple_SET_ITEM(t, (Py_ssize_t)i, s);
    }
    return t;
}

static PyObject *get_item(gp_answer *self, void *c)
{
    if (is_bundle(self))
        Py_RETURN_NONE;
    PyObject *v[2] = {gp_str_or_none(govsvc_answer_item_code(self->answer)),
                      gp_str_or_none(govsvc_answer_item_name(self->answer))};
    return fill(gp_item_type, v, 2);
}

static PyObject *get_bundle(gp_answer *self, void *c)
{
    const govsvc_answer *a = self->answer;
    if (!is_bundle(self))
        Py_RETURN_NONE;
    size_t n = govsvc_answer_bundle_item_count(a);
    PyObject *items = PyTuple_New((Py_ssize_t)n);
    for (size_t i = 0; items && i < n; i++) {
        PyObject *v[2] = {gp_str_or_none(govsvc_answer_bundle_item_code(a, i)),
                          gp_str_or_none(govsvc_answer_item_name(govsvc_answer_bundle_part(a, i)))};
        PyObject *it = fill(gp_item_type, v, 2);
        if (!it)
            Py_CLEAR(items);
        else
            PyTuple_SET_ITEM(items, (Py_ssize_t)i, it);
    }
    PyObject *v[3] = {gp_str_or_none(govsvc_answer_bundle_code(a)),
                      gp_str_or_none(govsvc_answer_bundle_name(a)), items};
    return fill(gp_bundle_type, v, 3);
}

/* Each item's own answer within a bundle's, borrowed from it. */
static PyObject *get_parts(gp_answer *self, void *c)
{
    if (!is_bundle(self))
        return PyTuple_New(0);
    size_t n = govsvc_answer_bundle_item_count(self->answer);
    PyObject *t = PyTuple_New((Py_ssize_t)n);
    for (size_t i = 0; t && i < n; i++) {
        PyObject *p = wrap(self->rulebook, govsvc_answer_bundle_part(self->answer, i), NULL,
                           (PyObject *)self);
        if (!p)
            Py_CLEAR(t);
        else
            PyTuple_SET_ITEM(t, (Py_ssize_t)i, p);
    }
    return t;
}

static PyObject *get_date(gp_answer *self, void *c)
{
    return gp_date_to_py(govsvc_answer_date(self->answer));
}

static PyObject *get_rulebook(gp_answer *self, void *c)
{
    return Py_NewRef((PyObject *)self->rulebook);
}

/* -- output ----------------------------------------------------------------- */

typedef int (*render_fn)(const govsvc_answer *a, char **out, size_t *len);

static PyObject *render(gp_answer *self, render_fn fn)
{
    char *text = NULL;
    size_t len = 0;
    int r;
    Py_BEGIN_ALLOW_THREADS
    r = fn(self->answer, &text, &len);
    Py_END_ALLOW_THREADS
    if (r)
        return gp_raise_diags(gp_error, r, NULL, NULL);
    PyObject *s = PyUnicode_DecodeUTF8(text, (Py_ssize_t)len, "strict");
    govsvc_free(text);
    return s;
}

static PyObject *answer_to_json(gp_answer *self, PyObject *unused)
{
    return render(self, govsvc_answer_to_json);
}

static PyObject *answer_to_text(gp_answer *self, PyObject *unused)
{
    return render(self, govsvc_answer_to_text);
}

static PyMethodDef answer_methods[] = {
    {"to_json", (PyCFunction)answer_to_json, METH_NOARGS,
     "to_json($self, /)\n--\n\n"
     "The answer as deterministic JSON (schema ``govsvc.answer/1``), ending in a\n"
     "newline: encoded as UTF-8, byte for byte what ``govsvc query --format json``\n"
     "prints for the same rulebook, facts and date."},
    {"to_text", (PyCFunction)answer_to_text, METH_NOARGS,
     "to_text($self, /)\n--\n\n"
     "The printable one-time notice (一次性告知单) in Chinese, as ``govsvc query``\n"
     "prints it."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef answer_getset[] = {
    {"rulebook", (getter)get_rulebook, NULL, "The Rulebook that gave this answer.", NULL},
    {"item", (getter)get_item, NULL,
     "The service item answered, as ``Item(code, name)`` (None for a bundle's answer).", NULL},
    {"bundle", (getter)get_bundle, NULL,
     "For an answer to Rulebook.query_bundle(): ``Bundle(code, name, items)`` with the\n"
     "items as a tuple of ``Item(code, name)``; None for an item's answer.",
     NULL},
    {"parts", (getter)get_parts, NULL,
     "For a bundle's answer: each item's own Answer, in the bundle's order (empty for an\n"
     "item's answer).",
     NULL},
    {"date", (getter)get_date, NULL, "The acceptance date (受理日) the answer counts from.",
     NULL},
    {"materials", (getter)get_materials, NULL,
     "The materials as a tuple of Material, in the item's order; those whose ``when`` is\n"
     "false are left out. A bundle's answer lists each material once, in first-seen order,\n"
     "with the items that need it in ``Material.items`` and the strictest status.",
     NULL},
    {"deadline", (getter)get_deadline, NULL,
     "The time limits: ``Deadline(promised, statutory, special, condition)``.", NULL},
    {"ask", (getter)get_ask, NULL,
     "Names of unknown facts whose value would settle or relax a line of the answer.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject gp_answer_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "govsvc.Answer",
    .tp_basicsize = sizeof(gp_answer),
    .tp_dealloc = (destructor)answer_dealloc,
    .tp_repr = (reprfunc)answer_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "An answer to Rulebook.query(): what the applicant submits and by when.\n"
              "Immutable; safe to read from any thread.",
    .tp_methods = answer_methods,
    .tp_getset = answer_getset,
};
