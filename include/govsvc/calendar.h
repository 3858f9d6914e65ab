/*
 * govsvc/calendar.h - working-day arithmetic on a rulebook's calendar.
 *
 * Counting follows the general rule of Chinese law that the starting day is
 * not counted (《民法典》第二百零一条): N working days from D end on the N-th
 * working day after D; N natural days end on D+N, moved to the next working
 * day when that is not one (第二百零三条); `immediate` ends on D. A count
 * whose end leaves the calendar's `covers` range fails: the library never
 * guesses. Each addition costs O(1) (a precomputed day index).
 *
 * Threading: calendars are immutable; any thread may use them.
 */
#ifndef GOVSVC_CALENDAR_H
#define GOVSVC_CALENDAR_H

#include "common.h"
#include "diag.h"
#include "rulebook.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct govsvc_calendar govsvc_calendar;

/* Loads a calendar file (`govsvc: 1` with a `calendar:` mapping). Same
 * contract as govsvc_rulebook_load(); free the result with
 * govsvc_calendar_free(). */
GOVSVC_API int govsvc_calendar_load(govsvc_calendar **out, const char *path,
                                    const govsvc_load_options *opts, govsvc_diag_list **diags);

/* The calendar a rulebook uses (borrowed; lives as long as the rulebook). */
GOVSVC_API const govsvc_calendar *govsvc_rulebook_calendar(const govsvc_rulebook *rb);

/* Frees a calendar from govsvc_calendar_load(). NULL is accepted. */
GOVSVC_API void govsvc_calendar_free(govsvc_calendar *cal);

/* The calendar's id and its coverage. */
GOVSVC_API const char *govsvc_calendar_id(const govsvc_calendar *cal);
GOVSVC_API void govsvc_calendar_covers(const govsvc_calendar *cal, govsvc_date *from,
                                       govsvc_date *to);

/* 1 when `date` is a working day, 0 when not, GOVSVC_ERANGE outside the
 * coverage, GOVSVC_EINVAL for an invalid date. */
GOVSVC_API int govsvc_calendar_is_working_day(const govsvc_calendar *cal, govsvc_date date);

/* Adds a duration ("7 working days", "7个工作日", "10 days", "10日",
 * "immediate", "即办") to `from` and stores the end date in *out. Returns 0,
 * GOVSVC_EINVAL (a malformed duration or date), or GOVSVC_ERANGE (the start
 * or the end lies outside the coverage). */
GOVSVC_API int govsvc_calendar_add(const govsvc_calendar *cal, govsvc_date from,
                                   const char *duration, govsvc_date *out);

#ifdef __cplusplus
}
#endif
#endif
