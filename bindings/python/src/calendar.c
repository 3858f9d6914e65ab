/*
 * calendar.c - govsvc.Calendar, govsvc.load_calendar() and
 * govsvc.calendar_add(): working-day arithmetic on the official holiday
 * calendar (include/govsvc/calendar.h). The starting day is not counted
 * (《民法典》第二百零一条); the library does the counting, this file only
 * carries dates and errors across.
 */
#include "pygovsvc.h"

PyObject *gp_calendar_borrowed(PyObject *owner, const govsvc_calendar *cal)
{
    gp_calendar *self = PyObject_New(gp_calendar, &gp_calendar_type);
    if (!self)
        return NULL;
    self->cal = cal;
    self->owned = NULL;
    self->owner = Py_NewRef(owner);
    return (PyObject *)self;
}

static int load_calendar(void *out, const char *path, const govsvc_load_options *opts,
                         govsvc_diag_list **diags)
{
    return govsvc_calendar_load(out, path, opts, diags);
}

PyObject *gp_load_calendar(PyObject *module, PyObject *args, PyObject *kwargs)
{
    govsvc_calendar *cal = NULL;
    if (gp_load_path(args, kwargs, "O&|$O:load_calendar", load_calendar, &cal) < 0)
        return NULL;
    gp_calendar *self = PyObject_New(gp_calendar, &gp_calendar_type);
    if (!self) {
        govsvc_calendar_free(cal);
        return NULL;
    }
    self->cal = cal;
    self->owned = cal;
    self->owner = NULL;
    return (PyObject *)self;
}

static void calendar_dealloc(gp_calendar *self)
{
    govsvc_calendar_free(self->owned);
    Py_XDECREF(self->owner);
    PyObject_Free(self);
}

static PyObject *calendar_repr(gp_calendar *self)
{
    govsvc_date a, b;
    char fa[11], fb[11];
    govsvc_calendar_covers(self->cal, &a, &b);
    if (govsvc_date_format(&a, fa) || govsvc_date_format(&b, fb))
        fa[0] = fb[0] = '\0';
    return PyUnicode_FromFormat("<govsvc.Calendar %s %s..%s>", govsvc_calendar_id(self->cal), fa,
                                fb);
}

/* Reads a date argument; a str that is not a date raises CalendarError
 * E023 (the loader's code for "not a valid date"). */
static int date_arg(PyObject *o, govsvc_date *d, const char *what)
{
    int k = gp_date_from_py(o, d, what);
    if (k == 0)
        gp_raise_new(gp_calendar_error, "E023", NULL, "a real date, YYYY-MM-DD",
                     "%s %R is not a valid date", what, o);
    return k == 1 ? 0 : -1;
}

/* E071 in the words of `govsvc calendar` (tools/cmd_calendar.c). */
static PyObject *out_of_range(const govsvc_calendar *cal, const char *what)
{
    govsvc_date a, b;
    char fa[11] = "", fb[11] = "";
    govsvc_calendar_covers(cal, &a, &b);
    govsvc_date_format(&a, fa);
    govsvc_date_format(&b, fb);
    return gp_raise_new(gp_calendar_error, "E071", NULL,
                        "add the next year's holiday notice to the calendar",
                        "%s: calendar '%s' ends on %s (it covers %s to %s)", what,
                        govsvc_calendar_id(cal), fb, fa, fb);
}

static PyObject *add(const govsvc_calendar *cal, PyObject *start, PyObject *duration)
{
    govsvc_date from, end;
    if (date_arg(start, &from, "start") < 0)
        return NULL;
    const char *dur = gp_utf8_arg(duration, "duration");
    if (!dur)
        return NULL;
    int r = govsvc_calendar_add(cal, from, dur, &end);
    if (r == GOVSVC_EINVAL)
        return gp_raise_new(gp_calendar_error, "E020", NULL,
                            "'N working days', 'N days', 'immediate', 'N个工作日', 'N日', "
                            "'N天' or '即办'",
                            "%R is not a duration", duration);
    if (r == GOVSVC_ERANGE) {
        char what[200], f[11] = "";
        govsvc_date_format(&from, f);
        PyOS_snprintf(what, sizeof what, "cannot count %.100s from %s", dur, f);
        return out_of_range(cal, what);
    }
    if (r)
        return gp_raise_diags(gp_calendar_error, r, NULL, NULL);
    return gp_date_to_py(end);
}

static PyObject *calendar_add_method(gp_calendar *self, PyObject *const *args, Py_ssize_t nargs,
                                     PyObject *kwnames)
{
    static const char *const names[] = {"start", "duration"};
    PyObject *a[2];
    if (gp_parse_fastcall("add", args, nargs, kwnames, names, 2, 2, 2, a) < 0)
        return NULL;
    return add(self->cal, a[0], a[1]);
}

static PyObject *calendar_is_working_day(gp_calendar *self, PyObject *date)
{
    govsvc_date d;
    if (date_arg(date, &d, "date") < 0)
        return NULL;
    int r = govsvc_calendar_is_working_day(self->cal, d);
    if (r == GOVSVC_ERANGE) {
        char what[64], f[11] = "";
        govsvc_date_format(&d, f);
        PyOS_snprintf(what, sizeof what, "%s is outside the calendar", f);
        return out_of_range(self->cal, what);
    }
    if (r < 0)
        return gp_raise_diags(gp_calendar_error, r, NULL, NULL);
    return PyBool_FromLong(r);
}

static PyObject *get_id(gp_calendar *self, void *c)
{
    return gp_str_or_none(govsvc_calendar_id(self->cal));
}

static PyObject *get_covers(gp_calendar *self, void *c)
{
    govsvc_date a, b;
    govsvc_calendar_covers(self->cal, &a, &b);
    PyObject *x = gp_date_to_py(a), *y = x ? gp_date_to_py(b) : NULL;
    PyObject *t = y ? PyTuple_Pack(2, x, y) : NULL;
    Py_XDECREF(x);
    Py_XDECREF(y);
    return t;
}

/* govsvc.calendar_add(calendar, start, duration). */
PyObject *gp_calendar_add(PyObject *module, PyObject *args, PyObject *kwargs)
{
    static char *kwlist[] = {"calendar", "start", "duration", NULL};
    PyObject *calendar, *start, *duration;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "OOO:calendar_add", kwlist, &calendar, &start,
                                     &duration))
        return NULL;
    if (PyObject_TypeCheck(calendar, &gp_calendar_type))
        return add(((gp_calendar *)calendar)->cal, start, duration);
    if (PyObject_TypeCheck(calendar, &gp_rulebook_type)) {
        const govsvc_calendar *cal = govsvc_rulebook_calendar(((gp_rulebook *)calendar)->rb);
        if (!cal)
            return gp_raise_new(gp_calendar_error, "E071", NULL,
                                "give the rulebook a `calendar:`",
                                "rulebook '%s' has no calendar to count on",
                                govsvc_rulebook_id(((gp_rulebook *)calendar)->rb));
        return add(cal, start, duration);
    }
    if (!PyUnicode_Check(calendar) && !PyBytes_Check(calendar) &&
        !PyObject_HasAttrString(calendar, "__fspath__")) {
        PyErr_Format(PyExc_TypeError,
                     "calendar must be a Calendar, a Rulebook or the path of a calendar file, "
                     "not %.100s",
                     Py_TYPE(calendar)->tp_name);
        return NULL;
    }
    PyObject *largs = PyTuple_Pack(1, calendar);
    PyObject *cal = largs ? gp_load_calendar(module, largs, NULL) : NULL;
    Py_XDECREF(largs);
    if (!cal)
        return NULL;
    PyObject *r = add(((gp_calendar *)cal)->cal, start, duration);
    Py_DECREF(cal);
    return r;
}

static PyMethodDef calendar_methods[] = {
    {"add", GP_METH(calendar_add_method), METH_FASTCALL | METH_KEYWORDS,
     "add($self, /, start, duration)\n--\n\n"
     "The day on which `duration` counted from `start` ends: ``'7 working days'``,\n"
     "``'10 days'``, ``'immediate'``, ``'7个工作日'``, ``'10日'``, ``'即办'``. The\n"
     "starting day is not counted; natural days ending on a day off move to the\n"
     "next working day. Raises CalendarError: E020 not a duration, E071 the end\n"
     "leaves the calendar's coverage, E023 `start` is a str that is not a date."},
    {"is_working_day", (PyCFunction)calendar_is_working_day, METH_O,
     "is_working_day($self, date, /)\n--\n\n"
     "True on a working day (调休 weekend workdays included), False on a day off.\n"
     "Raises CalendarError E071 outside the calendar's coverage."},
    {NULL, NULL, 0, NULL},
};

static PyGetSetDef calendar_getset[] = {
    {"id", (getter)get_id, NULL, "The calendar's id, e.g. ``'cn'``.", NULL},
    {"covers", (getter)get_covers, NULL,
     "The first and last day the calendar knows, as a tuple of two datetime.date.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

PyTypeObject gp_calendar_type = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "govsvc.Calendar",
    .tp_basicsize = sizeof(gp_calendar),
    .tp_dealloc = (destructor)calendar_dealloc,
    .tp_repr = (reprfunc)calendar_repr,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A working-day calendar (from govsvc.load_calendar() or Rulebook.calendar).\n"
              "Immutable; safe to use from any thread.",
    .tp_methods = calendar_methods,
    .tp_getset = calendar_getset,
};
