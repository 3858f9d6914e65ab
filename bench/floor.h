/*
 * floor.h - the benchmark's hand-written floor: the generated rulebook's
 * conditions read from bench/gen's floor.txt into plain arrays and
 * evaluated with straight-line C. It answers the same question as
 * govsvc_query_item() for applicants whose every fact is known (no Kleene
 * logic, no residuals, no explanations), so its time is what a program
 * written by hand for this one rulebook would spend: the floor the library
 * is compared against.
 */
#ifndef BENCH_FLOOR_H
#define BENCH_FLOOR_H

#include <stdint.h>

#include <govsvc.h>

enum { FL_MAX_FACTS = 32, FL_MAX_VALUES = 16, FL_MAX_FILES = 16 };

enum { FL_ENUM, FL_INT, FL_NUMBER, FL_BOOL };

typedef struct fl_fact {
    char name[64];
    int type;
    int nvalues;
    char values[FL_MAX_VALUES][32];
    double min, max;
} fl_fact;

/* One comparison: enum and bool tests read a bit set, numbers a threshold. */
typedef struct fl_term {
    uint8_t fact;
    uint8_t is_num;  /* 1: num[fact] >= ge; 0: (bits[fact] & mask) != 0 */
    uint32_t mask;
    double ge;
} fl_term;

/* A condition in conjunctive form: every clause holds when one of its terms
 * does. Clauses index into the floor's term array. */
typedef struct fl_cond {
    uint32_t first_clause;
    uint32_t nclauses;
} fl_cond;

typedef struct fl_clause {
    uint32_t first_term;
    uint32_t nterms;
} fl_clause;

typedef struct fl_mat {
    char id[32];
    int shared_fact; /* -1: none */
    int commit;
    int verify_wd;   /* working days */
} fl_mat;

typedef struct fl_line {
    uint32_t mat;
    int defer_wd;    /* -1: not deferrable */
    fl_cond when;
} fl_line;

typedef struct fl_item {
    char code[32];
    int forbidden;
    char promised_unit; /* 'w' or 'i' */
    int promised, statutory; /* working days */
    uint32_t first_line, nlines;
} fl_item;

/* A facts set as the floor reads it: enum values and booleans as one bit
 * (1 << value index; a true bool is bit 0), numbers as doubles. */
typedef struct fl_facts {
    uint32_t bits[FL_MAX_FACTS];
    double num[FL_MAX_FACTS];
} fl_facts;

typedef struct fl_status {
    uint32_t mat;
    uint8_t status;  /* govsvc_material_status */
    int32_t due;     /* day offset in the calendar; -1 none */
} fl_status;

typedef struct fl_answer {
    uint32_t n;
    fl_status m[64];
    int32_t promised_due, statutory_due;
} fl_answer;

typedef struct floor_book {
    int nfiles;
    char files[FL_MAX_FILES][512];
    int nfacts;
    fl_fact facts[FL_MAX_FACTS];
    fl_cond commit_eligible, defer_eligible;
    fl_term *terms;
    uint32_t nterms, cterms;
    fl_clause *clauses;
    uint32_t nclauses, cclauses;
    fl_mat *mats;
    uint32_t nmats;
    fl_item *items;
    uint32_t nitems;
    fl_line *lines;
    uint32_t nlines;
    /* The calendar as a day index (built from the library's public
     * calendar calls, once): cum[i] working days in [from, from + i],
     * nth[k] offset of the k-th working day. */
    govsvc_date cal_from;
    int32_t ndays, nwork;
    int32_t *cum, *nth;
} floor_book;

/* Reads DIR/floor.txt. Returns 0, or -1 with a message on stderr. */
int floor_read(floor_book *fb, const char *dir);
void floor_free(floor_book *fb);

/* Builds the floor's day index from the rulebook's calendar. */
int floor_calendar(floor_book *fb, const govsvc_calendar *cal);

/* Answers item `item` for facts f on day `day` (an offset into the
 * calendar). Returns 0, or -1 when a due date leaves the calendar. */
int floor_query(const floor_book *fb, uint32_t item, const fl_facts *f, int32_t day,
                fl_answer *out);

#endif
