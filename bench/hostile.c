/*
 * hostile.c - generators of the hostile inputs (hostile.h).
 */
#include "hostile.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Format, identity and a small calendar: what every rulebook starts with. */
#define HEAD                                                                                  \
    "govsvc: 1\n"                                                                             \
    "rulebook: {id: t, version: \"1\", effective: 2026-01-01}\n"                              \
    "calendar: {id: t, covers: {from: 2026-01-01, to: 2026-12-31}}\n"

const char *const hostile_shape_names[HOSTILE_NSHAPES] = {
    "duplicate keys", "one include repeated", "big enum",
    "misspelt facts", "misspelt materials",   "bundle repeats",
};

/* A growable string; `oom` sticks once an allocation failed. */
typedef struct sbuf {
    char *p;
    size_t len, cap;
    int oom;
} sbuf;

static void put(sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(sbuf *b, const char *fmt, ...)
{
    if (b->oom)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->oom = 1;
        return;
    }
    if (b->len + (size_t)n + 1 > b->cap) {
        size_t cap = (b->len + (size_t)n + 1) * 2;
        char *p = realloc(b->p, cap);
        if (!p) {
            b->oom = 1;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

static char *done(sbuf *b)
{
    if (b->oom) {
        free(b->p);
        return NULL;
    }
    return b->p;
}

char *hostile_rulebook(enum hostile_shape shape, int n)
{
    sbuf b = {0};
    put(&b, HEAD);
    switch (shape) {
    case HOSTILE_DUP_KEYS:
        put(&b, "items:\n  - code: A\n");
        for (int i = 0; i < n; i++)
            put(&b, "    name: x\n");
        break;
    case HOSTILE_SAME_INCLUDE:
        put(&b, "include:\n");
        for (int i = 0; i < n; i++)
            put(&b, "  - " HOSTILE_SAME_INCLUDE_FILE "\n");
        break;
    case HOSTILE_BIG_ENUM:
        put(&b, "facts:\n  e:\n    type: enum\n    values:\n");
        for (int i = 0; i < n; i++)
            put(&b, "      - v%d\n", i);
        break;
    case HOSTILE_FACT_TYPOS:
    case HOSTILE_MATERIAL_TYPOS: {
        int facts = shape == HOSTILE_FACT_TYPOS;
        put(&b, facts ? "facts:\n" : "materials:\n");
        for (int i = 0; i < n; i++)
            put(&b, facts ? "  applicant.f%06d: {type: bool}\n" : "  mat%06d: {name: x}\n", i);
        if (facts)
            put(&b, "materials: {m: {name: x}}\n");
        put(&b, "items:\n  - {code: I, name: n, type: license, materials: [\n");
        for (int i = 0; i < n; i++)
            put(&b, facts ? "     {ref: m, when: applicant.g%06d},\n" : "     {ref: mbt%06d},\n",
                i);
        put(&b, "  ]}\n");
        break;
    }
    case HOSTILE_BUNDLE_REPEATS:
        put(&b, "items: [{code: I, name: n, type: license}]\nbundles:\n"
                "  - code: B\n    name: b\n    items:\n");
        for (int i = 0; i < n; i++)
            put(&b, "      - I\n");
        break;
    default:
        free(b.p);
        return NULL;
    }
    return done(&b);
}

char *hostile_facts_rulebook(int nfacts)
{
    sbuf b = {0};
    put(&b, HEAD "facts:\n");
    for (int i = 0; i < nfacts; i++)
        put(&b, "  applicant.f%06d: {type: bool}\n", i);
    return done(&b);
}

char *hostile_facts_file(int nunknown)
{
    sbuf b = {0};
    put(&b, "%s", "");
    for (int i = 0; i < nunknown; i++)
        put(&b, "applicant.g%06d: true\n", i);
    return done(&b);
}

char *hostile_anchors(int n)
{
    sbuf b = {0};
    put(&b, "x:\n");
    for (int i = 0; i < n; i++)
        put(&b, "  - &a%d %d\n", i, i);
    put(&b, "r: &a0 redefined\ny: [");
    for (int i = 0; i < 1000; i++)
        put(&b, "%s*a%d", i ? ", " : "", i == 999 ? 0 : n - 1 - i);
    put(&b, "]\n");
    return done(&b);
}

char *hostile_query_rulebook(int lines)
{
    sbuf b = {0};
    put(&b, HEAD "facts:\n  s: {type: string}\n");
    for (int i = 0; i < 450; i++)
        put(&b, "  f%d: {type: bool}\n", i);
    put(&b, "materials: {m: {name: x}}\nitems:\n  - code: I\n    name: n\n"
            "    type: license\n    materials:\n");
    for (int k = 0; k < 8; k++) {
        put(&b, "      - {ref: m, when: \"");
        for (int i = 0; i < 50; i++)
            put(&b, "%ss matches '^(a+)+$'", i ? " or " : "");
        put(&b, "\"}\n");
    }
    for (int k = 0; k < lines; k++) {
        put(&b, "      - {ref: m, when: \"");
        for (int i = 0; i < 450; i++)
            put(&b, "%sf%d", i ? " and " : "", i);
        put(&b, "\"}\n");
    }
    return done(&b);
}

char *hostile_calendar(int n)
{
    sbuf b = {0};
    put(&b, "govsvc: 1\ncalendar:\n  id: long\n  covers: {from: 1901-01-01, to: 2099-12-31}\n"
            "  holidays:\n");
    for (int i = 0; i < n; i++)
        put(&b, "    - {from: 1901-01-0%d, to: 2099-12-3%d}\n", 1 + i % 9, i % 2);
    return done(&b);
}
