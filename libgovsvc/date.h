/*
 * date.h - calendar days as integers, ISO dates, and durations.
 *
 * Days are counted from 1970-01-01 (day 0) in the proleptic Gregorian
 * calendar, which makes date differences and the calendar index plain
 * integer arithmetic.
 */
#ifndef GS_DATE_H
#define GS_DATE_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t gs_day;

/* 1 when y-m-d is a real date with 1 <= y <= 9999, else 0. */
int gs_date_valid(int y, int m, int d);
/* Day number of a valid date. */
gs_day gs_day_from_ymd(int y, int m, int d);
void gs_ymd_from_day(gs_day day, int *y, int *m, int *d);
/* 0 = Monday ... 6 = Sunday. */
int gs_weekday(gs_day day);
/* Parses exactly "YYYY-MM-DD" (len bytes, no trailing text) into a valid
 * date. Returns 0, or -1 for anything else (2026-02-30 included). */
int gs_date_parse(const char *s, size_t len, gs_day *out);
/* Writes "YYYY-MM-DD" and NUL. */
void gs_date_format(gs_day day, char buf[11]);

/* Durations: `N working days` (工作日), `N days` (natural days, 自然日) or
 * `immediate` (即办). */
typedef enum gs_dur_unit {
    GS_DUR_IMMEDIATE = 0,
    GS_DUR_WORKING = 1,
    GS_DUR_NATURAL = 2
} gs_dur_unit;

typedef struct gs_duration {
    gs_dur_unit unit;
    int32_t n; /* 0 for immediate; 0..100000 otherwise */
} gs_duration;

/* Parses the forms the SPEC allows: "N working days", "1 working day",
 * "N days", "1 day", "immediate", "N个工作日", "N日", "N天", "即办"
 * (N a decimal integer without sign or leading zeros, at most 100000;
 * single spaces between the English words, surrounding white space
 * ignored). Returns 0, or -1 for anything else ("-3 days", "3 weeks",
 * "3 working", "").  */
int gs_duration_parse(const char *s, size_t len, gs_duration *out);
/* Canonical English form: "immediate", "1 working day", "3 working days",
 * "1 day", "10 days". buf needs 32 bytes. */
void gs_duration_format(gs_duration d, char buf[32]);
/* Orders two durations for "promised must not exceed statutory": -1, 0, 1.
 * immediate is shortest; with equal units the counts compare; a working-day
 * count compares against a natural-day count by its count (a documented
 * approximation: the calendar is not known where this is used). */
int gs_duration_cmp(gs_duration a, gs_duration b);

#endif
