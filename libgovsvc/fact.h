/*
 * fact.h - declared facts (the schema conditions are checked against) and
 * typed fact values, shared by the compiler, the expression engine and the
 * query.
 */
#ifndef GS_FACT_H
#define GS_FACT_H

#include "date.h"
#include "pattern.h"
#include "util.h"

/* Same numbering as govsvc_fact_type. */
typedef enum gs_type {
    GS_T_NONE = 0,
    GS_T_BOOL = 1,
    GS_T_INT,
    GS_T_NUMBER,
    GS_T_STRING,
    GS_T_ENUM,
    GS_T_DATE
} gs_type;

const char *gs_type_name(gs_type t); /* "bool", "int", ... */

typedef struct gs_value {
    uint8_t known; /* 0: unknown (no value) */
    uint8_t type;  /* gs_type */
    union {
        int b;
        int64_t i;
        double n;
        struct {
            const char *p; /* NUL-terminated */
            uint32_t len;
        } s;
        uint32_t e; /* enum: index into the fact's values */
        gs_day d;
    } u;
} gs_value;

typedef struct gs_fact {
    const char *name;
    uint32_t name_len;
    uint32_t slot; /* index in the schema and in value arrays */
    gs_type type;
    const char *label; /* may be NULL */
    const char *label_en; /* English label for notices in English; may be NULL */
    gs_value def;      /* def.known: the fact has a default */
    int has_min, has_max;
    double min, max;   /* number facts; int facts use imin/imax */
    int64_t imin, imax;
    const char **values; /* enum values, declaration order */
    uint32_t nvalues;
    gs_strmap value_index; /* enum: value -> index; a scan per lookup made a
                            * rulebook with many values quadratic to load */
    const gs_pattern *pattern; /* string facts, may be NULL */
    gs_pos pos;
} gs_fact;

typedef struct gs_schema {
    gs_fact *facts;
    uint32_t count;
    gs_strmap index; /* name -> slot */
} gs_schema;

/* Finds a declared fact by name; NULL when not declared. */
const gs_fact *gs_schema_find(const gs_schema *s, const char *name, size_t len);
/* Index of an enum value, or -1. */
int gs_fact_enum_index(const gs_fact *f, const char *v, size_t len);

/* What an expression is evaluated against: the schema and, per slot, the
 * caller's value (vals may be NULL: nothing set). A slot whose value is not
 * known falls back to the fact's default. */
typedef struct gs_env {
    const gs_schema *schema;
    const gs_value *vals;
} gs_env;

/* The value of a slot under env (caller's value, else default), or NULL
 * when unknown. */
static inline const gs_value *gs_env_value(const gs_env *env, uint32_t slot)
{
    if (env->vals && env->vals[slot].known)
        return &env->vals[slot];
    const gs_value *d = &env->schema->facts[slot].def;
    return d->known ? d : NULL;
}

#endif
