/*
 * convert.c - values between Python and the C API: dates, strings,
 * diagnostics, the exceptions that carry them, and load options.
 *
 * This is the only file that includes datetime.h: its C API lives in a
 * per-file static pointer (PyDateTimeAPI) that PyDateTime_IMPORT fills.
 */
#include "pygovsvc.h"

#include <datetime.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

static PyObject *abc_mapping; /* collections.abc.Mapping */

int gp_convert_init(void)
{
    PyDateTime_IMPORT;
    if (!PyDateTimeAPI)
        return -1;
    PyObject *abc = PyImport_ImportModule("collections.abc");
    if (!abc)
        return -1;
    Py_XSETREF(abc_mapping, PyObject_GetAttrString(abc, "Mapping"));
    Py_DECREF(abc);
    return abc_mapping ? 0 : -1;
}

int gp_is_mapping(PyObject *o)
{
    return PyDict_Check(o) ? 1 : PyObject_IsInstance(o, abc_mapping);
}

PyObject *gp_date_to_py(govsvc_date d)
{
    return PyDate_FromDate(d.year, d.month, d.day);
}

int gp_date_object(PyObject *o, govsvc_date *out)
{
    if (!PyDate_Check(o))
        return 0;
    if (PyDateTime_Check(o))
        return -1;
    out->year = PyDateTime_GET_YEAR(o);
    out->month = PyDateTime_GET_MONTH(o);
    out->day = PyDateTime_GET_DAY(o);
    return 1;
}

int gp_date_from_py(PyObject *o, govsvc_date *out, const char *what)
{
    /* A datetime is a date subclass; taking its date would drop the time
     * without a word, so it is refused rather than truncated. */
    int k = gp_date_object(o, out);
    if (k > 0)
        return 1;
    if (PyUnicode_Check(o)) {
        Py_ssize_t n;
        const char *s = PyUnicode_AsUTF8AndSize(o, &n);
        if (!s)
            return -1;
        if ((size_t)n != strlen(s))
            return 0;
        return govsvc_date_parse(out, s) == 0 ? 1 : 0;
    }
    PyErr_Format(PyExc_TypeError,
                 "%s must be a datetime.date or an ISO date str 'YYYY-MM-DD', not %.100s%s", what,
                 Py_TYPE(o)->tp_name,
                 k < 0 ? " (take its .date() if the time does not matter)" : "");
    return -1;
}

PyObject *gp_str_or_none(const char *s)
{
    if (!s)
        Py_RETURN_NONE;
    return PyUnicode_FromString(s);
}

const char *gp_utf8_arg(PyObject *o, const char *what)
{
    if (!PyUnicode_Check(o)) {
        PyErr_Format(PyExc_TypeError, "%s must be str, not %.100s", what, Py_TYPE(o)->tp_name);
        return NULL;
    }
    Py_ssize_t n;
    const char *s = PyUnicode_AsUTF8AndSize(o, &n);
    if (s && (size_t)n != strlen(s)) {
        PyErr_Format(PyExc_ValueError, "%s contains a NUL character", what);
        return NULL;
    }
    return s;
}

/* -- diagnostics ----------------------------------------------------------- */

static const char *severity_name(govsvc_severity s)
{
    switch (s) {
    case GOVSVC_SEVERITY_WARNING: return "warning";
    case GOVSVC_SEVERITY_NOTE: return "note";
    default: return "error";
    }
}

/* 0 means "no position" in C; None in Python. */
static PyObject *uint_or_none(unsigned v)
{
    if (!v)
        Py_RETURN_NONE;
    return PyLong_FromUnsignedLong(v);
}

PyObject *gp_diag_to_py(const govsvc_diag *d)
{
    PyObject *t = PyStructSequence_New(gp_diagnostic_type);
    if (!t)
        return NULL;
    PyObject *v[8] = {
        PyUnicode_FromString(severity_name(d->severity)),
        gp_str_or_none(d->code),
        gp_str_or_none(d->message),
        gp_str_or_none(d->file),
        uint_or_none(d->line),
        uint_or_none(d->column),
        gp_str_or_none(d->hint),
        gp_str_or_none(d->fact),
    };
    int ok = 1;
    for (int i = 0; i < 8; i++) {
        if (!v[i])
            ok = 0;
        PyStructSequence_SetItem(t, i, v[i] ? v[i] : Py_NewRef(Py_None));
    }
    if (!ok) {
        Py_DECREF(t);
        return NULL;
    }
    return t;
}

PyObject *gp_diag_list_to_py(const govsvc_diag_list *l)
{
    size_t n = govsvc_diag_list_count(l);
    PyObject *list = PyList_New((Py_ssize_t)n);
    if (!list)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        PyObject *d = gp_diag_to_py(govsvc_diag_list_get(l, i));
        if (!d) {
            Py_DECREF(list);
            return NULL;
        }
        PyList_SET_ITEM(list, (Py_ssize_t)i, d);
    }
    return list;
}

/* Sets the exception's attributes from the first error among `ds` (or the
 * first diagnostic) and raises it. */
static PyObject *raise_diags(PyObject *exc, const govsvc_diag *const *ds, size_t n,
                             const char *fallback)
{
    PyObject *list = PyList_New((Py_ssize_t)n);
    PyObject *text = NULL, *e = NULL;
    if (!list)
        return NULL;
    const govsvc_diag *first = NULL;
    PyObject *lines = PyList_New(0);
    if (!lines)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        PyObject *d = gp_diag_to_py(ds[i]);
        if (!d)
            goto fail;
        PyList_SET_ITEM(list, (Py_ssize_t)i, d);
        if (!first || (first->severity != GOVSVC_SEVERITY_ERROR &&
                       ds[i]->severity == GOVSVC_SEVERITY_ERROR))
            first = ds[i];
        char *s = govsvc_diag_format(ds[i]);
        if (!s) {
            PyErr_NoMemory();
            goto fail;
        }
        PyObject *line = PyUnicode_FromString(s);
        govsvc_free(s);
        if (!line || PyList_Append(lines, line) < 0) {
            Py_XDECREF(line);
            goto fail;
        }
        Py_DECREF(line);
    }
    if (n) {
        PyObject *sep = PyUnicode_FromString("\n");
        if (!sep)
            goto fail;
        text = PyUnicode_Join(sep, lines);
        Py_DECREF(sep);
    } else {
        text = PyUnicode_FromString(fallback);
    }
    if (!text)
        goto fail;
    e = PyObject_CallOneArg(exc, text);
    if (!e)
        goto fail;
    struct {
        const char *name;
        PyObject *value;
    } attrs[] = {
        {"code", gp_str_or_none(first ? first->code : NULL)},
        {"message", first ? gp_str_or_none(first->message) : PyUnicode_FromString(fallback)},
        {"file", gp_str_or_none(first ? first->file : NULL)},
        {"line", first ? uint_or_none(first->line) : Py_NewRef(Py_None)},
        {"column", first ? uint_or_none(first->column) : Py_NewRef(Py_None)},
        {"hint", gp_str_or_none(first ? first->hint : NULL)},
        {"fact", gp_str_or_none(first ? first->fact : NULL)},
        {"diagnostics", Py_NewRef(list)},
    };
    int ok = 1;
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
        if (ok && (!attrs[i].value || PyObject_SetAttrString(e, attrs[i].name, attrs[i].value) < 0))
            ok = 0;
        Py_XDECREF(attrs[i].value);
    }
    if (ok)
        PyErr_SetObject(exc, e);
fail:
    Py_XDECREF(e);
    Py_XDECREF(text);
    Py_XDECREF(lines);
    Py_DECREF(list);
    return NULL;
}

PyObject *gp_raise_diags(PyObject *exc, int status, const govsvc_diag_list *diags,
                         const char *file)
{
    if (status == GOVSVC_ENOMEM)
        return PyErr_NoMemory();
    size_t n = govsvc_diag_list_count(diags);
    govsvc_diag *copies = PyMem_Malloc((n ? n : 1) * sizeof *copies);
    const govsvc_diag **ds = PyMem_Malloc((n ? n : 1) * sizeof *ds);
    if (!copies || !ds) {
        PyMem_Free(copies);
        PyMem_Free(ds);
        return PyErr_NoMemory();
    }
    for (size_t i = 0; i < n; i++) {
        copies[i] = *govsvc_diag_list_get(diags, i);
        if (!copies[i].file)
            copies[i].file = file;
        ds[i] = &copies[i];
    }
    raise_diags(exc, ds, n, govsvc_strerror(status));
    PyMem_Free(ds);
    PyMem_Free(copies);
    return NULL;
}

PyObject *gp_raise_diag(PyObject *exc, const govsvc_diag *d)
{
    return raise_diags(exc, &d, d ? 1 : 0, "unknown error");
}

PyObject *gp_raise_new(PyObject *exc, const char *code, const char *fact, const char *hint,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    PyObject *text = PyUnicode_FromFormatV(fmt, ap); /* %R and %S as well as %s */
    va_end(ap);
    const char *msg = text ? PyUnicode_AsUTF8(text) : NULL;
    if (msg) {
        govsvc_diag d = {GOVSVC_SEVERITY_ERROR, code, msg, NULL, 0, 0, hint, fact};
        gp_raise_diag(exc, &d);
    }
    Py_XDECREF(text);
    return NULL;
}

/* -- load options ---------------------------------------------------------- */

enum { SZ, UINT, U32 };

static const struct limit_field {
    const char *name;
    size_t offset;
    int kind;
} LIMITS[] = {
    {"max_file_bytes", offsetof(govsvc_load_options, max_file_bytes), SZ},
    {"max_total_bytes", offsetof(govsvc_load_options, max_total_bytes), SZ},
    {"max_files", offsetof(govsvc_load_options, max_files), UINT},
    {"max_depth", offsetof(govsvc_load_options, max_depth), UINT},
    {"max_aliases", offsetof(govsvc_load_options, max_aliases), UINT},
    {"max_nodes", offsetof(govsvc_load_options, max_nodes), SZ},
    {"max_scalar_bytes", offsetof(govsvc_load_options, max_scalar_bytes), SZ},
    {"max_expr_bytes", offsetof(govsvc_load_options, max_expr_bytes), UINT},
    {"max_expr_depth", offsetof(govsvc_load_options, max_expr_depth), UINT},
    {"pattern_match_limit", offsetof(govsvc_load_options, pattern_match_limit), U32},
    {"pattern_depth_limit", offsetof(govsvc_load_options, pattern_depth_limit), U32},
    {"max_items", offsetof(govsvc_load_options, max_items), SZ},
    {"max_materials", offsetof(govsvc_load_options, max_materials), SZ},
    {"pattern_heap_limit", offsetof(govsvc_load_options, pattern_heap_limit), U32},
};

static int set_limit(govsvc_load_options *opts, PyObject *key, PyObject *value)
{
    const char *name = gp_utf8_arg(key, "a limit's name");
    if (!name)
        return -1;
    const struct limit_field *f = NULL;
    for (size_t i = 0; i < sizeof LIMITS / sizeof LIMITS[0]; i++)
        if (strcmp(LIMITS[i].name, name) == 0)
            f = &LIMITS[i];
    if (!f) {
        PyErr_Format(PyExc_ValueError,
                     "unknown limit '%s' (limits are the fields of govsvc_load_options: "
                     "max_file_bytes, max_total_bytes, max_files, max_depth, max_aliases, "
                     "max_nodes, max_scalar_bytes, max_expr_bytes, max_expr_depth, "
                     "pattern_match_limit, pattern_depth_limit, max_items, max_materials, "
                     "pattern_heap_limit)",
                     name);
        return -1;
    }
    if (!PyLong_Check(value) || PyBool_Check(value)) {
        PyErr_Format(PyExc_TypeError, "limit '%s' must be an int, not %.100s", name,
                     Py_TYPE(value)->tp_name);
        return -1;
    }
    unsigned long long v = PyLong_AsUnsignedLongLong(value);
    unsigned long long max = f->kind == SZ ? (unsigned long long)SIZE_MAX
                             : f->kind == UINT ? (unsigned long long)UINT_MAX
                                               : (unsigned long long)UINT32_MAX;
    if ((v == (unsigned long long)-1 && PyErr_Occurred()) || v > max) {
        PyErr_Clear();
        PyErr_Format(PyExc_ValueError,
                     "limit '%s' must be between 0 (the default) and %llu, not %R", name, max,
                     value);
        return -1;
    }
    char *p = (char *)opts + f->offset;
    if (f->kind == SZ)
        *(size_t *)p = (size_t)v;
    else if (f->kind == UINT)
        *(unsigned *)p = (unsigned)v;
    else
        *(uint32_t *)p = (uint32_t)v;
    return 0;
}

int gp_load_options(PyObject *limits, govsvc_load_options *opts)
{
    govsvc_load_options_init(opts);
    if (!limits || limits == Py_None)
        return 0;
    int is = gp_is_mapping(limits);
    if (is < 0)
        return -1;
    if (!is) {
        PyErr_Format(PyExc_TypeError, "limits must be a mapping of limit names to ints, not %.100s",
                     Py_TYPE(limits)->tp_name);
        return -1;
    }
    PyObject *items = PyMapping_Items(limits);
    if (!items)
        return -1;
    int r = 0;
    for (Py_ssize_t i = 0; r == 0 && i < PyList_GET_SIZE(items); i++) {
        PyObject *kv = PyList_GET_ITEM(items, i);
        if (!PyTuple_Check(kv) || PyTuple_GET_SIZE(kv) != 2) {
            PyErr_SetString(PyExc_TypeError, "limits.items() must give (name, value) pairs");
            r = -1;
            break;
        }
        r = set_limit(opts, PyTuple_GET_ITEM(kv, 0), PyTuple_GET_ITEM(kv, 1));
    }
    Py_DECREF(items);
    return r;
}

int gp_load_path(PyObject *args, PyObject *kwargs, const char *fmt, gp_loader load, void *out)
{
    static char *kwlist[] = {"path", "limits", NULL};
    PyObject *path = NULL, *limits = Py_None;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, fmt, kwlist, PyUnicode_FSConverter, &path,
                                     &limits))
        return -1;
    govsvc_load_options opts;
    if (gp_load_options(limits, &opts) < 0) {
        Py_DECREF(path);
        return -1;
    }
    const char *cpath = PyBytes_AS_STRING(path);
    govsvc_diag_list *diags = NULL;
    int r;
    Py_BEGIN_ALLOW_THREADS
    r = load(out, cpath, &opts, &diags);
    Py_END_ALLOW_THREADS
    if (r)
        gp_raise_diags(gp_rulebook_error, r, diags, cpath);
    govsvc_diag_list_free(diags);
    Py_DECREF(path);
    return r ? -1 : 0;
}
