/*
 * lint.c - govsvc.lint() and govsvc.format_diagnostic(): checking rulebooks
 * (include/govsvc/lint.h) and printing diagnostics the compiler way.
 */
#include "pygovsvc.h"

#include <string.h>

/* -- lint ------------------------------------------------------------------- */

/* Converts `path` (one path, or a list or tuple of them) into a new list of
 * bytes objects. */
static PyObject *path_list(PyObject *path)
{
    PyObject *list = PyList_New(0);
    if (!list)
        return NULL;
    int many = PyList_Check(path) || PyTuple_Check(path);
    Py_ssize_t n = many ? PySequence_Fast_GET_SIZE(path) : 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *one = many ? PySequence_Fast_GET_ITEM(path, i) : path, *b = NULL;
        if (!PyUnicode_FSConverter(one, &b) || PyList_Append(list, b) < 0) {
            Py_XDECREF(b);
            Py_DECREF(list);
            return NULL;
        }
        Py_DECREF(b);
    }
    if (n == 0) {
        PyErr_SetString(PyExc_ValueError, "lint() needs at least one path");
        Py_DECREF(list);
        return NULL;
    }
    return list;
}

/* Reads `skip` (None or an iterable of codes) into a new list of str, each
 * a code the lint may report. */
static PyObject *skip_list(PyObject *skip)
{
    if (!skip || skip == Py_None)
        return PyList_New(0);
    if (PyUnicode_Check(skip)) {
        PyErr_SetString(PyExc_TypeError, "skip must be a list of codes, such as ['W104']");
        return NULL;
    }
    PyObject *list = PySequence_List(skip);
    for (Py_ssize_t i = 0; list && i < PyList_GET_SIZE(list); i++) {
        const char *code = gp_utf8_arg(PyList_GET_ITEM(list, i), "a code in skip");
        if (!code) {
            Py_CLEAR(list);
        } else if (!govsvc_lint_code_title(code)) {
            PyErr_Format(PyExc_ValueError, "skip: '%s' is not a code the lint reports", code);
            Py_CLEAR(list);
        }
    }
    return list;
}

PyObject *gp_lint(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"path", "werror", "skip", "limits", NULL};
    PyObject *path, *skip = Py_None, *limits = Py_None;
    int werror = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "O|$pOO:lint", kwlist, &path, &werror, &skip,
                                     &limits))
        return NULL;
    govsvc_load_options lo;
    if (gp_load_options(limits, &lo) < 0)
        return NULL;
    PyObject *paths = path_list(path);
    PyObject *codes = paths ? skip_list(skip) : NULL;
    const char **cpaths = NULL, **cskip = NULL;
    PyObject *result = NULL;
    if (!codes)
        goto done;
    Py_ssize_t np = PyList_GET_SIZE(paths), ns = PyList_GET_SIZE(codes);
    cpaths = PyMem_Malloc((size_t)np * sizeof *cpaths);
    cskip = PyMem_Malloc((size_t)(ns + 1) * sizeof *cskip);
    if (!cpaths || !cskip) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < np; i++)
        cpaths[i] = PyBytes_AS_STRING(PyList_GET_ITEM(paths, i));
    for (Py_ssize_t i = 0; i < ns; i++)
        cskip[i] = PyUnicode_AsUTF8(PyList_GET_ITEM(codes, i)); /* checked in skip_list */
    cskip[ns] = NULL;
    govsvc_lint_options opts = GOVSVC_LINT_OPTIONS_INIT;
    opts.flags = werror ? GOVSVC_LINT_WERROR : 0;
    opts.skip = ns ? cskip : NULL;
    opts.load = &lo;
    govsvc_diag_list *out = NULL;
    int r;
    /* The paths and codes are buffers of `paths` and `codes`, held here. */
    Py_BEGIN_ALLOW_THREADS
    r = govsvc_lint_paths(&out, cpaths, (size_t)np, &opts, NULL);
    Py_END_ALLOW_THREADS
    /* Errors and unreadable paths are the lint's findings, in the list;
     * only a failure to run at all is raised. */
    if (r == GOVSVC_ENOMEM || r == GOVSVC_EINVAL)
        gp_raise_diags(gp_error, r, out, NULL);
    else
        result = gp_diag_list_to_py(out);
    govsvc_diag_list_free(out);
done:
    PyMem_Free(cpaths);
    PyMem_Free(cskip);
    Py_XDECREF(codes);
    Py_XDECREF(paths);
    return result;
}

/* -- format_diagnostic ---------------------------------------------------- */

/* Reads one attribute as an optional str / unsigned for format_diagnostic;
 * the strings are borrowed from `o`'s attributes, kept in `keep`. */
static int attr_str(PyObject *o, const char *name, PyObject *keep, const char **out)
{
    PyObject *v = PyObject_GetAttrString(o, name);
    *out = NULL;
    if (!v)
        return -1;
    int r = PyList_Append(keep, v);
    if (r == 0 && v != Py_None && !(*out = gp_utf8_arg(v, name)))
        r = -1;
    Py_DECREF(v);
    return r;
}

static int attr_uint(PyObject *o, const char *name, unsigned *out)
{
    PyObject *v = PyObject_GetAttrString(o, name);
    *out = 0;
    if (!v)
        return -1;
    int r = 0;
    if (v != Py_None) {
        unsigned long x = PyLong_AsUnsignedLong(v);
        if (x == (unsigned long)-1 && PyErr_Occurred())
            r = -1;
        else
            *out = (unsigned)x;
    }
    Py_DECREF(v);
    return r;
}

PyObject *gp_format_diagnostic(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                               PyObject *kwnames)
{
    static const char *const names[] = {"diagnostic", "source"};
    PyObject *a[2];
    if (gp_parse_fastcall("format_diagnostic", args, nargs, kwnames, names, 2, 1, 1, a) < 0)
        return NULL;
    int source = 0;
    if (a[1] && (source = PyObject_IsTrue(a[1])) < 0)
        return NULL;
    PyObject *d = a[0], *keep = PyList_New(0);
    if (!keep)
        return NULL;
    const char *sev, *code, *message, *file, *hint, *fact;
    unsigned line, column;
    PyObject *r = NULL;
    if (attr_str(d, "severity", keep, &sev) < 0 || attr_str(d, "code", keep, &code) < 0 ||
        attr_str(d, "message", keep, &message) < 0 || attr_str(d, "file", keep, &file) < 0 ||
        attr_uint(d, "line", &line) < 0 || attr_uint(d, "column", &column) < 0 ||
        attr_str(d, "hint", keep, &hint) < 0 || attr_str(d, "fact", keep, &fact) < 0)
        goto done;
    govsvc_severity s = GOVSVC_SEVERITY_ERROR;
    if (sev && strcmp(sev, "warning") == 0)
        s = GOVSVC_SEVERITY_WARNING;
    else if (sev && strcmp(sev, "note") == 0)
        s = GOVSVC_SEVERITY_NOTE;
    govsvc_diag cd = {s, code, message, file, line, column, hint, fact};
    char *text = NULL;
    if (source) {
        int e;
        /* Reads the file again: no Python object is touched meanwhile (the
         * strings are held by `keep`). */
        Py_BEGIN_ALLOW_THREADS
        e = govsvc_diag_format_source(&cd, &text);
        Py_END_ALLOW_THREADS
        if (e && e != GOVSVC_ENOMEM) {
            gp_raise_diags(gp_error, e, NULL, NULL);
            goto done;
        }
    } else {
        text = govsvc_diag_format(&cd);
    }
    if (!text) {
        PyErr_NoMemory();
        goto done;
    }
    r = PyUnicode_FromString(text);
    govsvc_free(text);
done:
    Py_DECREF(keep);
    return r;
}
