/*
 * module.c - the govsvc._govsvc extension module: its functions, the
 * named-tuple types of answers and diagnostics, and the exceptions.
 *
 * The package govsvc (bindings/python/govsvc/__init__.py) re-exports all of
 * it; users write `import govsvc`.
 */
#include "pygovsvc.h"

PyTypeObject *gp_item_type;
PyTypeObject *gp_bundle_type;
PyTypeObject *gp_material_type;
PyTypeObject *gp_due_type;
PyTypeObject *gp_special_type;
PyTypeObject *gp_deadline_type;
PyTypeObject *gp_diagnostic_type;

PyObject *gp_error;
PyObject *gp_rulebook_error;
PyObject *gp_fact_error;
PyObject *gp_query_error;
PyObject *gp_calendar_error;

/* -- named tuples -------------------------------------------------------------- */

static PyStructSequence_Field item_fields[] = {
    {"code", "The item's code, e.g. '230100-XF-002'."},
    {"name", "The item's name."},
    {NULL, NULL},
};

static PyStructSequence_Field bundle_fields[] = {
    {"code", "The bundle's code, e.g. 'QYKB'."},
    {"name", "The bundle's name (一件事)."},
    {"items", "Its items, a tuple of Item(code, name), in the bundle's order."},
    {NULL, NULL},
};

static PyStructSequence_Field material_fields[] = {
    {"id", "The material's id in the rulebook's catalogue."},
    {"name", "The material's name."},
    {"status", "'shared', 'commitment', 'deferred', 'required' or 'conditional' (SPEC 6)."},
    {"due", "For 'deferred': the datetime.date by which it is handed in; else None."},
    {"verify_due", "For 'commitment': the end of the office's check period; else None."},
    {"condition", "For 'conditional': when it is needed, in the rulebook's expression "
                  "language; else None."},
    {"copies", "Number of copies, or None when the rulebook does not say."},
    {"form", "Tuple of 'original', 'copy', 'electronic'."},
    {"source", "'applicant', 'government' or 'third_party', or None."},
    {"items", "In a bundle's answer: the codes of the items that need it; else None."},
    {NULL, NULL},
};

static PyStructSequence_Field due_fields[] = {
    {"duration", "The time limit as the rulebook counts it, e.g. '3 working days'."},
    {"due", "The datetime.date it ends on."},
    {NULL, NULL},
};

static PyStructSequence_Field special_fields[] = {
    {"name", "The special step (特殊环节), not counted in the time limit."},
    {"max", "Its longest duration, e.g. '10 working days'."},
    {NULL, NULL},
};

static PyStructSequence_Field deadline_fields[] = {
    {"promised", "Due(duration, due) of the promised limit (承诺时限), or None."},
    {"statutory", "Due(duration, due) of the statutory limit (法定时限), or None."},
    {"special", "Tuple of Special(name, max)."},
    {"condition", "When the deadline depends on an unknown fact: the open condition; "
                  "else None."},
    {NULL, NULL},
};

static PyStructSequence_Field diagnostic_fields[] = {
    {"severity", "'error', 'warning' or 'note'."},
    {"code", "The stable code, e.g. 'E031' (docs/errors.md)."},
    {"message", "What is wrong, in the user's terms."},
    {"file", "The file, or None when the problem has no source position."},
    {"line", "1-based line, or None."},
    {"column", "1-based column in characters, or None."},
    {"hint", "How to fix it, or None."},
    {"fact", "The fact concerned, or None."},
    {NULL, NULL},
};

static PyStructSequence_Desc descs[] = {
    {"govsvc.Item", "A service item: Item(code, name).", item_fields, 2},
    {"govsvc.Bundle", "A bundle of items (一件事一次办): Bundle(code, name, items).",
     bundle_fields, 3},
    {"govsvc.Material",
     "One material of an answer, with its status (SPEC section 6) and what goes with it.",
     material_fields, 10},
    {"govsvc.Due", "A time limit and the date it ends: Due(duration, due).", due_fields, 2},
    {"govsvc.Special", "A special step: Special(name, max).", special_fields, 2},
    {"govsvc.Deadline", "An answer's time limits.", deadline_fields, 4},
    {"govsvc.Diagnostic",
     "A diagnostic from the library: severity, code, message, file, line, column, hint, "
     "fact. govsvc.format_diagnostic() prints it the compiler way.",
     diagnostic_fields, 8},
};

static PyTypeObject **const desc_types[] = {
    &gp_item_type,    &gp_bundle_type,   &gp_material_type,   &gp_due_type,
    &gp_special_type, &gp_deadline_type, &gp_diagnostic_type,
};

/* -- functions ---------------------------------------------------------------- */

static PyObject *version(PyObject *module, PyObject *unused)
{
    return PyUnicode_FromString(govsvc_version());
}

static PyMethodDef module_methods[] = {
    {"load", GP_METH(gp_load), METH_VARARGS | METH_KEYWORDS,
     "load(path, *, limits=None)\n--\n\n"
     "Loads the rulebook whose top file is `path` (str or os.PathLike), with its\n"
     "includes and calendar, checks it and compiles it.\n\n"
     "limits: a dict of load limits, named as the fields of govsvc_load_options\n"
     "(max_file_bytes, max_total_bytes, max_files, max_depth, max_aliases,\n"
     "max_nodes, max_scalar_bytes, max_expr_bytes, max_expr_depth,\n"
     "pattern_match_limit, pattern_depth_limit, max_items, max_materials,\n"
     "pattern_heap_limit); 0 or absent means the default.\n\n"
     "Raises RulebookError carrying every diagnostic (E001 for a file that cannot\n"
     "be read, E013 for a limit). Releases the GIL while loading."},
    {"load_calendar", GP_METH(gp_load_calendar), METH_VARARGS | METH_KEYWORDS,
     "load_calendar(path, *, limits=None)\n--\n\n"
     "Loads a calendar file (``govsvc: 1`` with a ``calendar:`` mapping, such as\n"
     "rules/calendars/cn.yaml). Raises RulebookError like load()."},
    {"calendar_add", GP_METH(gp_calendar_add), METH_VARARGS | METH_KEYWORDS,
     "calendar_add(calendar, start, duration)\n--\n\n"
     "The day on which `duration` counted from `start` ends, on `calendar`: a\n"
     "Calendar, a Rulebook (its calendar) or the path of a calendar file. `start`\n"
     "is a datetime.date or an ISO str. The same as ``govsvc calendar CALENDAR\n"
     "--from START --add DURATION``; see Calendar.add()."},
    {"format_diagnostic", GP_METH(gp_format_diagnostic), METH_FASTCALL | METH_KEYWORDS,
     "format_diagnostic(diagnostic, /, *, source=False)\n--\n\n"
     "A Diagnostic the compiler way, as the command line prints it:\n"
     "``FILE:LINE:COL: error[CODE]: message`` and a ``hint:`` line; with\n"
     "source=True also the offending source line with a caret under the column\n"
     "(as ``govsvc lint`` shows it), when the file can still be read."},
    {"lint", GP_METH(gp_lint), METH_VARARGS | METH_KEYWORDS,
     "lint(path, *, werror=False, skip=None, limits=None)\n--\n\n"
     "Checks rulebooks as ``govsvc lint`` does and returns every diagnostic as a\n"
     "list of Diagnostic (empty when all is clean), sorted by path, file, line\n"
     "and column: the loader's errors, and for a rulebook that loads the\n"
     "semantic checks (W100-W199, E150-E199; docs/lint.md).\n\n"
     "path: a rulebook's top file or a directory searched for them, or a list of\n"
     "such paths. werror: report warnings as errors. skip: codes not to report\n"
     "(ValueError for one that is not a lint code). limits: as for load().\n"
     "Problems found are the result, not exceptions: a path that cannot be read\n"
     "is an E001 diagnostic. Releases the GIL while linting."},
    {"version", (PyCFunction)version, METH_NOARGS,
     "version()\n--\n\nThe C library's version, \"MAJOR.MINOR.PATCH\"."},
    {NULL, NULL, 0, NULL},
};

/* -- exceptions --------------------------------------------------------------- */

static PyObject *new_exception(PyObject *m, const char *name, const char *doc, PyObject *bases,
                               PyObject *dict)
{
    char full[64];
    PyOS_snprintf(full, sizeof full, "govsvc.%s", name);
    PyObject *e = PyErr_NewExceptionWithDoc(full, doc, bases, dict);
    if (e && PyModule_AddObjectRef(m, name, e) < 0)
        Py_CLEAR(e);
    return e;
}

static int add_exceptions(PyObject *m)
{
    /* Class-level defaults, so every govsvc.Error has the fields, even one
     * raised without a diagnostic. */
    PyObject *dict = Py_BuildValue("{sOsOsOsOsOsOsOsO}", "code", Py_None, "message", Py_None,
                                   "file", Py_None, "line", Py_None, "column", Py_None, "hint",
                                   Py_None, "fact", Py_None, "diagnostics", Py_None);
    if (!dict)
        return -1;
    gp_error = new_exception(
        m, "Error",
        "Base of every libgovsvc error. Carries the first error's .code, .message, .file,\n"
        ".line, .column, .hint and .fact, and every diagnostic in .diagnostics;\n"
        "str() is the diagnostics as the command line prints them.",
        NULL, dict);
    Py_DECREF(dict);
    if (!gp_error)
        return -1;
    PyObject *b;
    gp_rulebook_error = new_exception(
        m, "RulebookError",
        "A rulebook or calendar file cannot be loaded: E001 (cannot read), E002-E090\n"
        "(see docs/errors.md), E013 (a load limit). .file, .line and .column point at\n"
        "the first error; .diagnostics holds them all.",
        gp_error, NULL);
    b = PyTuple_Pack(2, gp_error, PyExc_ValueError);
    gp_fact_error = b ? new_exception(m, "FactError",
                                      "A fact is undeclared (E060) or its value is of the wrong "
                                      "type or form (E061), out of range (E062), not among the\n"
                                      "enum's values (E063) or does not match the pattern (E064). "
                                      ".fact names the fact.",
                                      b, NULL)
                      : NULL;
    Py_XDECREF(b);
    gp_query_error = new_exception(
        m, "QueryError",
        "A query cannot be answered: E070 no such item, E072 the acceptance date is\n"
        "not a date, E073 the item is not valid on that date, E071 a due date falls\n"
        "outside the calendar.",
        gp_error, NULL);
    b = PyTuple_Pack(2, gp_error, PyExc_ValueError);
    gp_calendar_error = b ? new_exception(m, "CalendarError",
                                          "Working-day arithmetic failed: E020 not a duration, "
                                          "E023 not a date, E071 outside the calendar's coverage.",
                                          b, NULL)
                          : NULL;
    Py_XDECREF(b);
    return gp_rulebook_error && gp_fact_error && gp_query_error && gp_calendar_error ? 0 : -1;
}

/* -- init ------------------------------------------------------------------- */

static struct PyModuleDef module_def = {
    PyModuleDef_HEAD_INIT,
    .m_name = "govsvc._govsvc",
    .m_doc = "The C extension behind the govsvc package: libgovsvc's public API in Python.",
    .m_size = -1,
    .m_methods = module_methods,
};

PyMODINIT_FUNC PyInit__govsvc(void);

PyMODINIT_FUNC PyInit__govsvc(void)
{
    if (gp_convert_init() < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module_def);
    if (!m)
        return NULL;
    PyTypeObject *types[] = {&gp_rulebook_type, &gp_answer_type, &gp_calendar_type};
    const char *type_names[] = {"Rulebook", "Answer", "Calendar"};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (PyType_Ready(types[i]) < 0 ||
            PyModule_AddObjectRef(m, type_names[i], (PyObject *)types[i]) < 0)
            goto fail;
    for (size_t i = 0; i < sizeof descs / sizeof descs[0]; i++) {
        PyTypeObject *t = PyStructSequence_NewType(&descs[i]);
        if (!t)
            goto fail;
        *desc_types[i] = t;
        if (PyModule_AddObjectRef(m, descs[i].name + sizeof "govsvc." - 1, (PyObject *)t) < 0)
            goto fail;
    }
    if (add_exceptions(m) < 0)
        goto fail;
    if (PyModule_AddStringConstant(m, "__version__", govsvc_version()) < 0 ||
        PyModule_AddIntConstant(m, "FORMAT_VERSION", GOVSVC_FORMAT_VERSION) < 0)
        goto fail;
    return m;
fail:
    Py_DECREF(m);
    return NULL;
}
