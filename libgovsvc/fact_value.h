/*
 * fact_value.h - reading and checking fact values against their
 * declaration; shared by the compiler (defaults) and govsvc_facts (the
 * caller's values), so both say the same thing about the same mistake.
 */
#ifndef GS_FACT_VALUE_H
#define GS_FACT_VALUE_H

#include "fact.h"

/* Why a value was refused: the diagnostic code and a message naming the
 * expected form. */
typedef struct gs_value_error {
    const char *code; /* E061 wrong form, E062 range, E063 not a value, E064 pattern */
    char msg[512];
} gs_value_error;

/* Parses text by the fact's declared type (true/false, integers, decimals,
 * ISO dates, enum values, strings as they are). String values point into
 * `text`, which must outlive the value. Returns 0, or -1 with *err. */
int gs_value_parse(const gs_fact *f, const char *text, size_t len, gs_value *out,
                   gs_value_error *err);

/* Checks a typed value against range, enum values and pattern. Returns 0,
 * or -1 with *err. */
int gs_value_check(const gs_fact *f, const gs_value *v, gs_value_error *err);

/* Describes the expected form of the fact's values, e.g. "an integer from 0
 * to 150", "one of A, B, C, D". */
void gs_fact_expected(const gs_fact *f, char *buf, size_t size);

#endif
