/*
 * fact.c - the fact schema: lookup by name, enum values, type names.
 */
#include <string.h>

#include "fact.h"

const char *gs_type_name(gs_type t)
{
    switch (t) {
    case GS_T_BOOL: return "bool";
    case GS_T_INT: return "int";
    case GS_T_NUMBER: return "number";
    case GS_T_STRING: return "string";
    case GS_T_ENUM: return "enum";
    case GS_T_DATE: return "date";
    default: return "none";
    }
}

const gs_fact *gs_schema_find(const gs_schema *s, const char *name, size_t len)
{
    uint32_t slot;
    if (!s || !gs_strmap_get(&s->index, name, len, &slot))
        return NULL;
    return &s->facts[slot];
}

int gs_fact_enum_index(const gs_fact *f, const char *v, size_t len)
{
    uint32_t idx;
    if (f->value_index.count)
        return gs_strmap_get(&f->value_index, v, len, &idx) ? (int)idx : -1;
    for (uint32_t i = 0; i < f->nvalues; i++)
        if (strlen(f->values[i]) == len && memcmp(f->values[i], v, len) == 0)
            return (int)i;
    return -1;
}
