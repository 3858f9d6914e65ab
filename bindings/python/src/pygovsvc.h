/*
 * pygovsvc.h - the inside of the govsvc extension module (govsvc._govsvc).
 *
 * The module is a thin layer over the public C API (include/govsvc.h) and
 * nothing else: every answer, status, date and diagnostic comes from the
 * library. What the binding adds is the mapping to Python's idiom: plain
 * values (str, int, datetime.date, tuples of named fields), exceptions that
 * carry the C diagnostic's fields, and the GIL released while the library
 * works (load, query, lint, serialisation), so threads sharing one
 * Rulebook run their queries in parallel.
 *
 * Rule for every function that releases the GIL: between
 * Py_BEGIN_ALLOW_THREADS and Py_END_ALLOW_THREADS only C data is touched
 * (the library's objects and UTF-8 buffers owned by Python objects that the
 * caller keeps alive for the whole call); no Python object is created,
 * changed or freed there.
 *
 * The module uses single-phase initialisation: its types and exceptions are
 * process-wide, and it does not support sub-interpreters.
 */
#ifndef PYGOVSVC_H
#define PYGOVSVC_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <govsvc.h>

#if PY_VERSION_HEX < 0x030A0000
#error "the govsvc binding needs Python 3.10 or later (Py_NewRef, PyModule_AddObjectRef)"
#endif

/* -- objects ---------------------------------------------------------------- */

/* govsvc.Rulebook: one reference to an immutable compiled rulebook. */
typedef struct gp_rulebook {
    PyObject_HEAD
    govsvc_rulebook *rb;
} gp_rulebook;

/* govsvc.Answer: an answer, and the Rulebook it came from (kept for
 * Answer.rulebook; the C answer holds its own reference to the table).
 * An item's part of a bundle answer borrows its C answer from the bundle's
 * and keeps the bundle's Answer alive through `owner`. */
typedef struct gp_answer {
    PyObject_HEAD
    const govsvc_answer *answer;
    govsvc_answer *owned; /* the answer when this object frees it, else NULL */
    PyObject *owner;      /* the bundle's Answer for a part, else NULL */
    gp_rulebook *rulebook;
    PyObject *materials;  /* tuple, built on first access (answers never change) */
} gp_answer;

/* govsvc.Calendar: a calendar loaded from its own file (owned), or the one
 * of a rulebook (borrowed; `owner` keeps the Rulebook alive). */
typedef struct gp_calendar {
    PyObject_HEAD
    const govsvc_calendar *cal;
    govsvc_calendar *owned;
    PyObject *owner;
} gp_calendar;

extern PyTypeObject gp_rulebook_type;
extern PyTypeObject gp_answer_type;
extern PyTypeObject gp_calendar_type;

/* Named-tuple types (PyStructSequence), created at module init. */
extern PyTypeObject *gp_item_type;       /* Item(code, name) */
extern PyTypeObject *gp_bundle_type;     /* Bundle(code, name, items) */
extern PyTypeObject *gp_material_type;   /* Material(id, name, status, ...) */
extern PyTypeObject *gp_due_type;        /* Due(duration, due) */
extern PyTypeObject *gp_special_type;    /* Special(name, max) */
extern PyTypeObject *gp_deadline_type;   /* Deadline(promised, statutory, special, condition) */
extern PyTypeObject *gp_diagnostic_type; /* Diagnostic(severity, code, message, ...) */

/* Exceptions: Error and its subclasses (module.c). */
extern PyObject *gp_error;
extern PyObject *gp_rulebook_error;
extern PyObject *gp_fact_error;
extern PyObject *gp_query_error;
extern PyObject *gp_calendar_error;

/* -- convert.c: values between Python and the C API ---------------------- */

/* Imports the datetime C API. Returns 0 or -1 with an exception set. */
int gp_convert_init(void);

/* A new datetime.date for a valid C date, or NULL with an exception set. */
PyObject *gp_date_to_py(govsvc_date d);

/* 1 and the date in *out for a datetime.date; -1 for a datetime.datetime
 * (a date with a time, which the binding never truncates); 0 for anything
 * else. Sets no exception. */
int gp_date_object(PyObject *o, govsvc_date *out);

/* Reads a datetime.date (not a datetime.datetime) or an ISO "YYYY-MM-DD"
 * str into *out. Returns 1 on success, 0 when the value is a str that is
 * not a valid ISO date (no exception set: the caller reports it with its
 * own diagnostic code), -1 with TypeError set for any other type. `what`
 * names the argument in the TypeError. */
int gp_date_from_py(PyObject *o, govsvc_date *out, const char *what);

/* A str from a borrowed C string, or None for NULL. New reference. */
PyObject *gp_str_or_none(const char *s);

/* The UTF-8 text of a str argument with no NUL inside, borrowed from `o`
 * (valid as long as `o` lives). NULL with TypeError/ValueError set. */
const char *gp_utf8_arg(PyObject *o, const char *what);

/* A Diagnostic named tuple from a C diagnostic. New reference. */
PyObject *gp_diag_to_py(const govsvc_diag *d);

/* A list of Diagnostic named tuples. New reference. */
PyObject *gp_diag_list_to_py(const govsvc_diag_list *l);

/* Raises `exc` (a govsvc.Error subclass) for a failed call that returned
 * `status` and filled `diags` (which may be NULL or empty, then the
 * status's description is used). ENOMEM raises MemoryError. The exception
 * carries every diagnostic in `.diagnostics` and the fields of the first
 * error in .code, .message, .file, .line, .column, .hint and .fact; its
 * str() is the diagnostics formatted the compiler way. `file`, when not
 * NULL, is given to the diagnostics that have none: the loader leaves it
 * out for the top file itself, which the command line prints the same way.
 * Returns NULL. */
PyObject *gp_raise_diags(PyObject *exc, int status, const govsvc_diag_list *diags,
                         const char *file);

/* Raises `exc` for one diagnostic (see gp_raise_diags). Returns NULL. */
PyObject *gp_raise_diag(PyObject *exc, const govsvc_diag *d);

/* Raises `exc` for a problem the binding finds before calling the library
 * (a str that is not a date, a value Python cannot give a fact), as an
 * error diagnostic without position. `fmt` is PyUnicode_FromFormat's (so
 * %R gives a value's repr). Returns NULL. */
PyObject *gp_raise_new(PyObject *exc, const char *code, const char *fact, const char *hint,
                       const char *fmt, ...);

/* 1 when `o` is a dict or a collections.abc.Mapping, 0 when not, -1 with
 * an exception set. */
int gp_is_mapping(PyObject *o);

/* Fills *opts from `limits` (None or a mapping of govsvc_load_options field
 * names to non-negative ints). Returns 0 or -1 with an exception set. */
int gp_load_options(PyObject *limits, govsvc_load_options *opts);

/* A library loader: govsvc_rulebook_load() or govsvc_calendar_load()
 * behind a wrapper that takes the result's address as void *. */
typedef int (*gp_loader)(void *out, const char *path, const govsvc_load_options *opts,
                         govsvc_diag_list **diags);

/* Parses (path, *, limits=None) with `fmt` (PyArg_ParseTupleAndKeywords'
 * format, "O&|$O:name"), runs `load` with the GIL released and stores its
 * result in *out. Diagnostics of a load that succeeds (warnings) are
 * dropped: they are lint's business (govsvc.lint). Returns 0, or -1 with
 * RulebookError (or another exception) set. */
int gp_load_path(PyObject *args, PyObject *kwargs, const char *fmt, gp_loader load, void *out);

/* -- facts.c ---------------------------------------------------------------- */

/* Builds a facts set for rb from a mapping of fact names to Python values
 * (bool, int, float, str, datetime.date, or None for "unknown"). Returns 0
 * and a new set in *out (NULL when `facts` is None), or -1 with FactError,
 * TypeError or MemoryError set. */
int gp_facts_from_py(govsvc_rulebook *rb, PyObject *facts, govsvc_facts **out);

/* The declared type's name ("bool", "int", "number", "string", "enum",
 * "date"), or NULL for 0. */
const char *gp_fact_type_name(govsvc_fact_type t);

/* -- answer.c ----------------------------------------------------------------- */

/* Wraps a new C answer (taking ownership). NULL with an exception set (and
 * the answer freed) on failure. */
PyObject *gp_answer_new(gp_rulebook *rb, govsvc_answer *answer);

/* -- calendar.c --------------------------------------------------------------- */

/* A Calendar over a rulebook's calendar (keeps `owner` alive). */
PyObject *gp_calendar_borrowed(PyObject *owner, const govsvc_calendar *cal);

/* govsvc.load_calendar(path, *, limits=None) and govsvc.calendar_add(). */
PyObject *gp_load_calendar(PyObject *module, PyObject *args, PyObject *kwargs);
PyObject *gp_calendar_add(PyObject *module, PyObject *args, PyObject *kwargs);

/* -- rulebook.c --------------------------------------------------------------- */

/* govsvc.load(path, *, limits=None). */
PyObject *gp_load(PyObject *module, PyObject *args, PyObject *kwargs);

/* -- lint.c ------------------------------------------------------------------- */

/* govsvc.lint(path, *, werror=False, skip=None, limits=None). */
PyObject *gp_lint(PyObject *module, PyObject *args, PyObject *kwargs);

/* govsvc.format_diagnostic(diagnostic, /, *, source=False). */
PyObject *gp_format_diagnostic(PyObject *module, PyObject *const *args, Py_ssize_t nargs,
                               PyObject *kwnames);

/* Parses vectorcall arguments (METH_FASTCALL | METH_KEYWORDS) into out[]
 * by position or by name; the first `npos` names may be positional, the rest
 * only by keyword; `nreq` are required. Unset slots stay NULL (borrowed).
 * Returns 0, or -1 with TypeError set. */
int gp_parse_fastcall(const char *fname, PyObject *const *args, Py_ssize_t nargs,
                      PyObject *kwnames, const char *const *names, int nnames, int npos,
                      int nreq, PyObject **out);

/* Casts a METH_VARARGS | METH_KEYWORDS or METH_FASTCALL function to the
 * PyCFunction slot type without -Wcast-function-type's complaint: the
 * interpreter calls it back with the signature the flags announce. */
#define GP_METH(f) ((PyCFunction)(void (*)(void))(f))

#endif
