/*
 * facts.c - an applicant's facts from a Python mapping, through the typed
 * setters of include/govsvc/facts.h.
 *
 * Each Python type goes to the setter of its own kind, and the library
 * decides whether the fact accepts it; nothing is converted behind the
 * caller's back:
 *   bool             -> govsvc_facts_set_bool   (checked before int: bool is
 *                                                an int subclass, and True
 *                                                is no valid area)
 *   int              -> govsvc_facts_set_int (also any object with
 *                       __index__, such as numpy.int64: an exact integer)
 *   float            -> govsvc_facts_set_number
 *   str              -> govsvc_facts_set_string (string and enum facts), or
 *                       govsvc_facts_set_text for a date fact, which reads
 *                       exactly an ISO date
 *   datetime.date    -> govsvc_facts_set_date   (a datetime is refused)
 *   None             -> govsvc_facts_unset      (unknown, as null in a
 *                                                facts file)
 * Any other type is refused with E061. An undeclared name is refused with
 * the library's E060 (and its did-you-mean hint) whatever the value.
 */
#include "pygovsvc.h"

#include <string.h>

const char *gp_fact_type_name(govsvc_fact_type t)
{
    switch (t) {
    case GOVSVC_FACT_BOOL: return "bool";
    case GOVSVC_FACT_INT: return "int";
    case GOVSVC_FACT_NUMBER: return "number";
    case GOVSVC_FACT_STRING: return "string";
    case GOVSVC_FACT_ENUM: return "enum";
    case GOVSVC_FACT_DATE: return "date";
    default: return NULL;
    }
}

/* Raises FactError from the library's last error on `facts`. */
static int raise_last(govsvc_facts *facts, int status)
{
    if (status == GOVSVC_EFACT && govsvc_facts_last_error(facts))
        gp_raise_diag(gp_fact_error, govsvc_facts_last_error(facts));
    else
        gp_raise_diags(gp_fact_error, status, NULL, NULL);
    return -1;
}

/* A value the library has no setter for. The name is checked first, so a
 * misspelt fact gets the library's E060 whatever its value. */
static int refuse(govsvc_facts *facts, const char *name, PyObject *value, const char *why)
{
    govsvc_fact_type t = govsvc_facts_type(facts, name);
    if (!t)
        return raise_last(facts, govsvc_facts_unset(facts, name));
    gp_raise_new(gp_fact_error, "E061", name,
                 "give a bool, int, float, str or datetime.date (None leaves the fact unknown)",
                 "fact '%s' is of type %s; a Python %.100s %s", name, gp_fact_type_name(t),
                 Py_TYPE(value)->tp_name, why);
    return -1;
}

static int set_one(govsvc_facts *facts, PyObject *key, PyObject *value)
{
    if (!PyUnicode_Check(key)) {
        PyErr_Format(PyExc_TypeError, "fact names must be str, not %.100s", Py_TYPE(key)->tp_name);
        return -1;
    }
    Py_ssize_t n;
    const char *name = PyUnicode_AsUTF8AndSize(key, &n);
    if (!name)
        return -1;
    if ((size_t)n != strlen(name)) {
        PyErr_SetString(PyExc_ValueError, "a fact name contains a NUL character");
        return -1;
    }
    int r;
    if (value == Py_None) {
        r = govsvc_facts_unset(facts, name);
    } else if (PyBool_Check(value)) {
        r = govsvc_facts_set_bool(facts, name, value == Py_True);
    } else if (PyLong_Check(value)) {
        int overflow;
        long long v = PyLong_AsLongLongAndOverflow(value, &overflow);
        if (v == -1 && PyErr_Occurred())
            return -1;
        if (overflow) {
            if (!govsvc_facts_type(facts, name))
                return raise_last(facts, govsvc_facts_unset(facts, name));
            gp_raise_new(gp_fact_error, "E062", name, "give a value within the fact's range",
                         "fact '%s': %R does not fit in a 64-bit integer", name, value);
            return -1;
        }
        r = govsvc_facts_set_int(facts, name, (int64_t)v);
    } else if (!PyFloat_Check(value) && !PyUnicode_Check(value) && PyIndex_Check(value)) {
        /* An integer that is not an int (numpy.int64, say): __index__ is
         * Python's promise of an exact integer. */
        PyObject *i = PyNumber_Index(value);
        if (!i)
            return -1;
        r = set_one(facts, key, i);
        Py_DECREF(i);
        return r;
    } else if (PyFloat_Check(value)) {
        r = govsvc_facts_set_number(facts, name, PyFloat_AS_DOUBLE(value));
    } else if (PyUnicode_Check(value)) {
        const char *s = PyUnicode_AsUTF8AndSize(value, &n);
        if (!s)
            return -1;
        if ((size_t)n != strlen(s))
            return refuse(facts, name, value, "with a NUL character is no fact value");
        r = govsvc_facts_type(facts, name) == GOVSVC_FACT_DATE
                ? govsvc_facts_set_text(facts, name, s)
                : govsvc_facts_set_string(facts, name, s);
    } else {
        govsvc_date d;
        int k = gp_date_object(value, &d);
        if (k == 0)
            return refuse(facts, name, value, "is not a fact value");
        if (k < 0)
            return refuse(facts, name, value,
                          "carries a time and is not a date: give a datetime.date "
                          "(its .date())");
        r = govsvc_facts_set_date(facts, name, d);
    }
    return r ? raise_last(facts, r) : 0;
}

int gp_facts_from_py(govsvc_rulebook *rb, PyObject *mapping, govsvc_facts **out)
{
    *out = NULL;
    if (!mapping || mapping == Py_None)
        return 0;
    int is_dict = PyDict_Check(mapping);
    int is = is_dict ? 1 : gp_is_mapping(mapping);
    if (is < 0)
        return -1;
    if (!is) {
        PyErr_Format(PyExc_TypeError,
                     "facts must be a mapping of fact names to values (a dict), not %.100s",
                     Py_TYPE(mapping)->tp_name);
        return -1;
    }
    govsvc_facts *facts;
    int r = govsvc_facts_new(&facts, rb);
    if (r) {
        gp_raise_diags(gp_fact_error, r, NULL, NULL);
        return -1;
    }
    if (is_dict) {
        Py_ssize_t pos = 0;
        PyObject *k, *v;
        while (PyDict_Next(mapping, &pos, &k, &v)) {
            /* __index__ may run Python code that changes the dict: hold
             * the pair while it is read. */
            Py_INCREF(k);
            Py_INCREF(v);
            r = set_one(facts, k, v);
            Py_DECREF(k);
            Py_DECREF(v);
            if (r < 0) {
                govsvc_facts_free(facts);
                return -1;
            }
        }
    } else {
        PyObject *items = PyMapping_Items(mapping);
        if (!items) {
            govsvc_facts_free(facts);
            return -1;
        }
        for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items); i++) {
            PyObject *kv = PyList_GET_ITEM(items, i);
            if (!PyTuple_Check(kv) || PyTuple_GET_SIZE(kv) != 2) {
                PyErr_SetString(PyExc_TypeError, "facts.items() must give (name, value) pairs");
                r = -1;
            } else {
                r = set_one(facts, PyTuple_GET_ITEM(kv, 0), PyTuple_GET_ITEM(kv, 1));
            }
            if (r < 0) {
                Py_DECREF(items);
                govsvc_facts_free(facts);
                return -1;
            }
        }
        Py_DECREF(items);
    }
    *out = facts;
    return 0;
}
