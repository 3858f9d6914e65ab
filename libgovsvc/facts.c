/*
 * facts.c - the caller's facts: one typed slot per declared fact.
 */
#include <math.h>
#include <string.h>

#include "diag.h"
#include "facts_int.h"
#include "fact_value.h"
#include "table.h"

int govsvc_facts_new(govsvc_facts **out, govsvc_rulebook *rb)
{
    if (!out)
        return GOVSVC_EINVAL;
    *out = NULL;
    if (!rb)
        return GOVSVC_EINVAL;
    govsvc_facts *f = gs_calloc(1, sizeof *f);
    if (!f)
        return GOVSVC_ENOMEM;
    uint32_t n = rb->schema.count;
    f->vals = gs_calloc(n ? n : 1, sizeof *f->vals);
    f->owned = gs_calloc(n ? n : 1, sizeof *f->owned);
    if (!f->vals || !f->owned) {
        gs_free(f->vals);
        gs_free(f->owned);
        gs_free(f);
        return GOVSVC_ENOMEM;
    }
    f->rb = govsvc_rulebook_ref(rb);
    *out = f;
    return 0;
}

void govsvc_facts_free(govsvc_facts *f)
{
    if (!f)
        return;
    for (uint32_t i = 0; i < f->rb->schema.count; i++)
        gs_free(f->owned[i]);
    gs_free(f->owned);
    gs_free(f->vals);
    govsvc_diag_list_free(f->err);
    govsvc_rulebook_unref(f->rb);
    gs_free(f);
}

/* Records the error of a failed setter (replacing the previous one). */
static int set_error(govsvc_facts *f, const char *code, const char *fact, const char *hint,
                     const char *msg)
{
    govsvc_diag_list_free(f->err);
    f->err = gs_diag_list_new();
    if (!f->err)
        return GOVSVC_ENOMEM;
    gs_pos none = {NULL, 0, 0};
    if (gs_diag_error(f->err, code, none, hint, "%s", msg) < 0 || gs_diag_set_fact(f->err, fact) < 0)
        return GOVSVC_ENOMEM;
    return GOVSVC_EFACT;
}

/* Finds a declared fact; when there is none, records E060 and sets
 * *status to GOVSVC_EFACT (or GOVSVC_ENOMEM when even that failed: a
 * refusal without its error left callers nothing to report; found by
 * tests/test_oom.c). */
static const gs_fact *find(govsvc_facts *f, const char *name, int *status)
{
    const gs_fact *fact = gs_schema_find(&f->rb->schema, name, strlen(name));
    if (!fact) {
        const gs_schema *s = &f->rb->schema;
        /* Within a budget per facts set (diag.h): a facts file of 40000
         * unknown names against 30000 declared facts searched for more than
         * five minutes. Past it, the hint goes without a suggestion. */
        int afford = s->count <= GS_DYM_BUDGET - f->dym_spent;
        const char **names = afford ? gs_calloc(s->count + 1, sizeof *names) : NULL;
        const char *dym = NULL;
        if (names) {
            f->dym_spent += s->count;
            for (uint32_t i = 0; i < s->count; i++)
                names[i] = s->facts[i].name;
            dym = gs_did_you_mean(name, names, 0);
        }
        char hint[256], msg[256];
        if (dym)
            snprintf(hint, sizeof hint, "did you mean '%s'?", dym);
        else
            snprintf(hint, sizeof hint, "the rulebook declares %u facts; see its 'facts:'",
                     s->count);
        /* Quote at most 100 bytes of the name, as valid UTF-8 (a name with
         * GBK bytes made an invalid message; found by fuzz/fuzz_facts.c). */
        char shown[101];
        gs_utf8_sanitize(shown, sizeof shown, name, strlen(name));
        snprintf(msg, sizeof msg, "fact '%s' is not declared by the rulebook", shown);
        *status = set_error(f, "E060", shown, hint, msg);
        gs_free(names);
    }
    return fact;
}

static int value_error(govsvc_facts *f, const gs_fact *fact, const gs_value_error *err)
{
    /* A pattern check that could not get its memory is out of memory, not
     * a value that "could not be checked" (E253): see pattern.h. */
    if (gs_pattern_oom_seen())
        return GOVSVC_ENOMEM;
    return set_error(f, err->code, fact->name, "give a value of the declared form", err->msg);
}

static int wrong_type(govsvc_facts *f, const gs_fact *fact, const char *given)
{
    char expected[200], msg[320];
    gs_fact_expected(fact, expected, sizeof expected);
    snprintf(msg, sizeof msg, "fact '%s' is of type %s, not %s; expected %s", fact->name,
             gs_type_name(fact->type), given, expected);
    return set_error(f, "E061", fact->name, "give a value of the declared type", msg);
}

/* Stores a checked value; string values are copied into the slot. */
static int store(govsvc_facts *f, const gs_fact *fact, gs_value v)
{
    gs_value_error err;
    if (gs_value_check(fact, &v, &err) < 0)
        return value_error(f, fact, &err);
    char *copy = NULL;
    if (fact->type == GS_T_STRING) {
        copy = gs_strndup(v.u.s.p, v.u.s.len);
        if (!copy)
            return GOVSVC_ENOMEM;
        v.u.s.p = copy;
    }
    gs_free(f->owned[fact->slot]);
    f->owned[fact->slot] = copy;
    v.known = 1;
    v.type = (uint8_t)fact->type;
    f->vals[fact->slot] = v;
    return 0;
}

#define LOOKUP(f, name, fact)                                                                  \
    if (!(f) || !(name))                                                                       \
        return GOVSVC_EINVAL;                                                                  \
    gs_pattern_oom_clear();                                                                    \
    int lookup_status = GOVSVC_EFACT;                                                          \
    const gs_fact *fact = find((f), (name), &lookup_status);                                   \
    if (!fact)                                                                                 \
        return lookup_status

int govsvc_facts_set_bool(govsvc_facts *f, const char *name, int value)
{
    LOOKUP(f, name, fact);
    if (fact->type != GS_T_BOOL)
        return wrong_type(f, fact, "bool");
    gs_value v = {.u.b = value != 0};
    return store(f, fact, v);
}

int govsvc_facts_set_int(govsvc_facts *f, const char *name, int64_t value)
{
    LOOKUP(f, name, fact);
    gs_value v = {0};
    if (fact->type == GS_T_INT)
        v.u.i = value;
    else if (fact->type == GS_T_NUMBER)
        v.u.n = (double)value;
    else
        return wrong_type(f, fact, "int");
    return store(f, fact, v);
}

int govsvc_facts_set_number(govsvc_facts *f, const char *name, double value)
{
    LOOKUP(f, name, fact);
    gs_value v = {0};
    if (fact->type == GS_T_NUMBER) {
        v.u.n = value;
    } else if (fact->type == GS_T_INT && isfinite(value) && value == floor(value) &&
               fabs(value) < 9.2e18) {
        v.u.i = (int64_t)value;
    } else {
        return wrong_type(f, fact, fact->type == GS_T_INT ? "a fraction" : "number");
    }
    return store(f, fact, v);
}

int govsvc_facts_set_string(govsvc_facts *f, const char *name, const char *value)
{
    LOOKUP(f, name, fact);
    if (!value)
        return GOVSVC_EINVAL;
    if (fact->type != GS_T_STRING && fact->type != GS_T_ENUM)
        return wrong_type(f, fact, "string");
    gs_value v;
    gs_value_error err;
    if (gs_value_parse(fact, value, strlen(value), &v, &err) < 0)
        return value_error(f, fact, &err);
    return store(f, fact, v);
}

int govsvc_facts_set_date(govsvc_facts *f, const char *name, govsvc_date value)
{
    LOOKUP(f, name, fact);
    if (fact->type != GS_T_DATE)
        return wrong_type(f, fact, "date");
    if (!gs_date_valid(value.year, value.month, value.day))
        return set_error(f, "E061", fact->name, "give a real calendar date",
                         "the date given is not a valid calendar date");
    gs_value v = {.u.d = gs_day_from_ymd(value.year, value.month, value.day)};
    return store(f, fact, v);
}

int govsvc_facts_set_text(govsvc_facts *f, const char *name, const char *text)
{
    LOOKUP(f, name, fact);
    if (!text)
        return GOVSVC_EINVAL;
    gs_value v;
    gs_value_error err;
    if (gs_value_parse(fact, text, strlen(text), &v, &err) < 0)
        return value_error(f, fact, &err);
    return store(f, fact, v);
}

int govsvc_facts_unset(govsvc_facts *f, const char *name)
{
    LOOKUP(f, name, fact);
    gs_free(f->owned[fact->slot]);
    f->owned[fact->slot] = NULL;
    memset(&f->vals[fact->slot], 0, sizeof f->vals[fact->slot]);
    return 0;
}

govsvc_fact_type govsvc_facts_type(const govsvc_facts *f, const char *name)
{
    if (!f || !name)
        return 0;
    const gs_fact *fact = gs_schema_find(&f->rb->schema, name, strlen(name));
    return fact ? (govsvc_fact_type)fact->type : 0;
}

const govsvc_diag *govsvc_facts_last_error(const govsvc_facts *f)
{
    return f ? govsvc_diag_list_get(f->err, 0) : NULL;
}
