/*
 * govsvc/deadline.h - the clock of a time limit after it stops and starts
 * again: suspension (中止), a request for correction (补正) and an approved
 * extension (延期).
 *
 * A time limit is counted from the acceptance date on the rulebook's
 * working-day calendar (the start day not counted, 《民法典》第二百零一条).
 * Events change the count:
 *
 *   suspend    中止 on day S: the days after S are not counted until the
 *              clock resumes. Time spent on 听证、招标、拍卖、检验、检测、
 *              检疫、鉴定、专家评审 is not counted (《行政许可法》第四十五条);
 *              S itself, like every day before, is.
 *   resume     the clock runs again on day R: counting restarts with the
 *              day after R (R is a start day, not counted), with what was
 *              left when it stopped.
 *   correction a request for correction (补正) on day C stops the clock.
 *   corrected  the corrected materials are accepted on day A: the whole
 *              limit starts again from A (A not counted) — the office
 *              counts from the day the complete materials are received
 *              (《行政许可法》第三十二条).
 *   extend     an extension (延期) approved on day X adds its duration to
 *              the statutory limit (《行政许可法》第四十二条: 经本行政机关负
 *              责人批准，可以延长十日); at most the item's `extension` in
 *              total, and only while the limit runs (approved on or before
 *              the day it ends). The promised limit is the office's own and
 *              is not extended.
 *
 * A clock whose limit has already ended when a suspension or a request for
 * correction comes is not changed by it: a period that is over cannot be
 * suspended. Events must come in date order, not before the acceptance
 * date, and in a sensible sequence (resume after suspend, corrected after
 * correction); anything else is refused with a diagnostic (E120-E123).
 * A count that leaves the calendar's coverage is refused too (E071).
 *
 * Threading: a govsvc_deadline belongs to one thread at a time; the
 * calendar it reads is immutable and may be shared.
 */
#ifndef GOVSVC_DEADLINE_H
#define GOVSVC_DEADLINE_H

#include "calendar.h"
#include "common.h"
#include "diag.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum govsvc_event_kind {
    GOVSVC_EVENT_SUSPEND = 1, /* 中止 */
    GOVSVC_EVENT_RESUME,      /* 恢复计算 */
    GOVSVC_EVENT_CORRECTION,  /* 补正 requested */
    GOVSVC_EVENT_CORRECTED,   /* corrected materials accepted */
    GOVSVC_EVENT_EXTEND       /* 延期 approved */
} govsvc_event_kind;

/* One event. `duration` (extend only) is a duration text such as
 * "10 working days"; NULL means the item's whole `extension`. */
typedef struct govsvc_event {
    govsvc_event_kind kind;
    govsvc_date date;
    const char *duration;
} govsvc_event;

/* "suspend", "resume", "correction", "corrected", "extend" (static). */
GOVSVC_API const char *govsvc_event_kind_name(govsvc_event_kind kind);

/* Parses the command line's form KIND@YYYY-MM-DD, and for extensions
 * extend@YYYY-MM-DD:DURATION (e.g. "extend@2026-03-20:10 working days").
 * out->duration points into `text`, which must outlive the event. Returns
 * 0, or GOVSVC_EINVAL for anything else. */
GOVSVC_API int govsvc_event_parse(govsvc_event *out, const char *text);

typedef struct govsvc_deadline govsvc_deadline;

/* Starts the clock of one time limit: `limit` (a duration text: "20
 * working days", "10 days", "immediate") counted from `accepted` on `cal`
 * (borrowed: it must outlive the clock). `extension_max` bounds the
 * extensions in total (NULL: no bound). Returns 0 and a new clock in *out
 * (free it with govsvc_deadline_free()), GOVSVC_EINVAL (a malformed
 * duration or date, NULL arguments) or GOVSVC_ENOMEM. */
GOVSVC_API int govsvc_deadline_new(govsvc_deadline **out, const govsvc_calendar *cal,
                                   govsvc_date accepted, const char *limit,
                                   const char *extension_max);

/* Applies one event. Returns 0, or, leaving the clock as it was:
 * GOVSVC_EINVAL (an event out of order or out of sequence, an extension
 * beyond the bound or after the limit ended; *diags says which, E120-E123),
 * GOVSVC_ERANGE (the calendar does not cover a day, E071) or
 * GOVSVC_ENOMEM. When diags is not NULL, *diags receives the diagnostic
 * (or NULL); the caller frees it. */
GOVSVC_API int govsvc_deadline_add(govsvc_deadline *d, const govsvc_event *event,
                                   govsvc_diag_list **diags);

/* The due date while the clock runs: returns 1 and fills *due. Returns 0
 * while the clock stands (suspended, or awaiting corrected materials),
 * GOVSVC_ERANGE when the due date lies beyond the calendar. */
GOVSVC_API int govsvc_deadline_due(const govsvc_deadline *d, govsvc_date *due);

/* What is left of the limit at the last stop or restart, e.g. "3 working
 * days": while the clock stands, what it will run with when it resumes
 * (borrowed, valid until the next govsvc_deadline_add() on d). */
GOVSVC_API const char *govsvc_deadline_remaining(const govsvc_deadline *d);

/* Frees the clock. NULL is accepted. */
GOVSVC_API void govsvc_deadline_free(govsvc_deadline *d);

#ifdef __cplusplus
}
#endif
#endif
