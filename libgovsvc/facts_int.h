/*
 * facts_int.h - the inside of govsvc_facts.
 */
#ifndef GS_FACTS_INT_H
#define GS_FACTS_INT_H

#include "fact.h"

struct govsvc_facts {
    govsvc_rulebook *rb; /* a reference */
    gs_value *vals;      /* [schema.count] */
    char **owned;        /* [schema.count]: copies of string values */
    govsvc_diag_list *err;
    size_t dym_spent; /* did-you-mean comparisons made for this set (GS_DYM_BUDGET) */
};

#endif
