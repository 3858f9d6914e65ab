/*
 * calendar.h - the working-day index behind govsvc/calendar.h.
 *
 * For a covered range [from, to] the index keeps, per day, whether it is a
 * working day and how many working days lie in [from, day]; and, per working
 * day, its day offset. Adding N working days to D is then two array reads:
 * the end is the (cum[D] + N)-th working day. Natural-day counts add N and
 * move forward to the next working day through a third array.
 */
#ifndef GS_CALENDAR_H
#define GS_CALENDAR_H

#include "date.h"
#include "util.h"

typedef struct gs_day_range {
    gs_day from, to; /* inclusive */
} gs_day_range;

struct govsvc_calendar {
    const char *id;
    gs_day from, to;   /* covers, inclusive */
    uint32_t ndays;    /* to - from + 1 */
    uint8_t *work;     /* [ndays]: 1 working day, 0 day off */
    int32_t *cum;      /* [ndays]: working days in [from, from + i] */
    int32_t *nth;      /* [nwork]: offset of the k-th working day (k from 0) */
    int32_t *next;     /* [ndays]: offset of the first working day >= i, or -1 */
    uint32_t *ymd;     /* [ndays]: the date of from + i, year << 9 | month << 5 | day,
                        * so that an end date is read, not computed */
    int32_t nwork;
    gs_arena arena;    /* owns every array above and `id` */
};

/* Builds the index. weekend_mask: bit w set when weekday w (0 = Monday) is a
 * day off. Holidays turn days off; workdays (调休上班) turn weekend days on;
 * both must lie within [from, to] (the caller checks and reports).
 * Returns 0, GOVSVC_EINVAL (from > to, or a span over 200 years) or
 * GOVSVC_ENOMEM. On failure the calendar holds nothing to free. */
int gs_calendar_init(struct govsvc_calendar *cal, const char *id, gs_day from, gs_day to,
                     unsigned weekend_mask, const gs_day_range *holidays, size_t nholidays,
                     const gs_day *workdays, size_t nworkdays);

/* Frees what gs_calendar_init() allocated (not `cal` itself). */
void gs_calendar_release(struct govsvc_calendar *cal);

/* Adds a duration to `start` following the SPEC's counting rules (start day
 * not counted; natural-day ends move to the next working day; immediate ends
 * on start). Returns 0 and *end, or GOVSVC_ERANGE when start or the end is
 * outside the coverage. O(1). */
int gs_calendar_add_days(const struct govsvc_calendar *cal, gs_day start, gs_duration d,
                         gs_day *end);

/* 1 working, 0 not, GOVSVC_ERANGE outside the coverage. */
int gs_calendar_is_working(const struct govsvc_calendar *cal, gs_day day);

#endif
