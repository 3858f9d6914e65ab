/*
 * calendar.c - the working-day index and period counting.
 *
 * Periods are counted as Chinese law counts them:
 *  - 《民法典》第二百零一条: the day a period starts (the acceptance date) is
 *    not counted; counting starts on the next day.
 *  - 《民法典》第二百零三条: when the last day of a period is a legal holiday,
 *    the period ends on the day after the holiday ends - here, the next
 *    working day, which also steps over ordinary weekends.
 *  - 《行政许可法》第八十二条: the time limits for administrative licensing are
 *    counted in working days, legal holidays excluded; a 调休 Saturday or
 *    Sunday on which offices work is a working day.
 * Which days are working days is data (the State Council's notice for each
 * year, see rules/calendars/), never computed, and a count that would leave
 * the data's coverage is refused with GOVSVC_ERANGE rather than guessed.
 *
 * The index answers every count with a few array reads (SPEC section 5:
 * O(1), no loop over days), for the covered range [from, to]:
 *   work[i]  1 when from + i is a working day;
 *   cum[i]   working days in [from, from + i];
 *   nth[k]   offset of the k-th working day (k from 0), so nth[cum[i] - 1] <= i;
 *   next[i]  offset of the first working day >= i, or -1 when none is left.
 */
#include <string.h>

#include "calendar.h"

/* The same bound the loader reports (E050): it keeps every offset, count
 * and sum below well within int32_t. */
enum { CAL_MAX_SPAN = 366 * 200 };

int gs_calendar_init(struct govsvc_calendar *cal, const char *id, gs_day from, gs_day to,
                     unsigned weekend_mask, const gs_day_range *holidays, size_t nholidays,
                     const gs_day *workdays, size_t nworkdays)
{
    memset(cal, 0, sizeof *cal);
    if (from > to || (int64_t)to - from > CAL_MAX_SPAN)
        return GOVSVC_EINVAL;
    if ((nholidays && !holidays) || (nworkdays && !workdays))
        return GOVSVC_EINVAL;
    const uint32_t ndays = (uint32_t)((int64_t)to - from) + 1;
    GS_WORK((uint64_t)ndays + nholidays + nworkdays); /* each loop below is one of these */
    gs_arena_init(&cal->arena);
    cal->id = gs_arena_strdup(&cal->arena, id ? id : "");
    cal->work = gs_arena_calloc(&cal->arena, ndays, sizeof *cal->work);
    cal->cum = gs_arena_calloc(&cal->arena, ndays, sizeof *cal->cum);
    cal->next = gs_arena_calloc(&cal->arena, ndays, sizeof *cal->next);
    cal->ymd = gs_arena_calloc(&cal->arena, ndays, sizeof *cal->ymd);
    if (!cal->id || !cal->work || !cal->cum || !cal->next || !cal->ymd)
        goto oom;
    for (uint32_t i = 0; i < ndays; i++) {
        int y, m, d;
        gs_ymd_from_day(from + (gs_day)i, &y, &m, &d);
        cal->ymd[i] = (uint32_t)y << 9 | (uint32_t)m << 5 | (uint32_t)d;
    }

    /* Ordinary weeks first. The weekday advances with the offset, so the
     * first day's weekday is the only one computed. */
    int w = gs_weekday(from);
    for (uint32_t i = 0; i < ndays; i++) {
        cal->work[i] = !(weekend_mask & (1u << w));
        w = w == 6 ? 0 : w + 1;
    }
    /* 调休上班: weekend days on which offices work. Applied before holidays
     * so that a day listed as both (an error the loader should have caught)
     * stays a day off: counting a holiday as a working day would shorten a
     * deadline, a day too many only lengthens it. Entries outside the
     * coverage are ignored here; the loader reports them. */
    for (size_t k = 0; k < nworkdays; k++) {
        if (workdays[k] >= from && workdays[k] <= to)
            cal->work[workdays[k] - from] = 1;
    }
    /* Holidays as a difference array over `cum` (still zero here): +1 where
     * a range starts, -1 after it ends; a day is off where the running sum
     * is positive. Linear in days + holidays: marking each range day by day
     * let a file of many long ranges cost holidays x span steps. */
    for (size_t k = 0; k < nholidays; k++) {
        gs_day a = holidays[k].from > from ? holidays[k].from : from;
        gs_day b = holidays[k].to < to ? holidays[k].to : to;
        if (a > b)
            continue;
        cal->cum[a - from]++;
        if (b < to)
            cal->cum[b + 1 - from]--;
    }
    int64_t open = 0;
    for (uint32_t i = 0; i < ndays; i++) {
        open += cal->cum[i];
        if (open > 0)
            cal->work[i] = 0;
    }

    int32_t count = 0;
    for (uint32_t i = 0; i < ndays; i++) {
        count += cal->work[i];
        cal->cum[i] = count;
    }
    cal->nwork = count;
    /* An empty nth array still gets a valid pointer (the arena returns one
     * for zero bytes), which keeps "no working day at all" an ordinary case. */
    cal->nth = gs_arena_calloc(&cal->arena, (size_t)count, sizeof *cal->nth);
    if (!cal->nth)
        goto oom;
    int32_t k = 0, nxt = -1;
    for (uint32_t i = 0; i < ndays; i++) {
        if (cal->work[i])
            cal->nth[k++] = (int32_t)i;
    }
    for (uint32_t i = ndays; i-- > 0;) {
        if (cal->work[i])
            nxt = (int32_t)i;
        cal->next[i] = nxt;
    }
    cal->from = from;
    cal->to = to;
    cal->ndays = ndays;
    return 0;

oom:
    gs_arena_free(&cal->arena);
    memset(cal, 0, sizeof *cal);
    return GOVSVC_ENOMEM;
}

void gs_calendar_release(struct govsvc_calendar *cal)
{
    if (!cal)
        return;
    gs_arena_free(&cal->arena);
    memset(cal, 0, sizeof *cal);
}

static int covered(const struct govsvc_calendar *cal, gs_day day)
{
    return cal->ndays && day >= cal->from && day <= cal->to;
}

int gs_calendar_add_days(const struct govsvc_calendar *cal, gs_day start, gs_duration d,
                         gs_day *end)
{
    if (d.n < 0)
        return GOVSVC_EINVAL;
    if (!covered(cal, start))
        return GOVSVC_ERANGE;
    const int64_t i = (int64_t)start - cal->from;
    switch (d.unit) {
    case GS_DUR_IMMEDIATE:
        /* 即办: decided on the day of acceptance. */
        *end = start;
        return 0;
    case GS_DUR_WORKING: {
        /* The start day never counts (第二百零一条), whether or not it is a
         * working day: the end is the N-th working day after it, i.e. the
         * (cum[i] + N)-th working day of the calendar. N = 0 ends on the
         * start day itself, like immediate. 64-bit sums: N may be as large
         * as the caller likes and must only fall outside the coverage. */
        if (d.n == 0) {
            *end = start;
            return 0;
        }
        const int64_t k = (int64_t)cal->cum[i] + d.n - 1;
        if (k >= cal->nwork)
            return GOVSVC_ERANGE;
        *end = cal->from + cal->nth[k];
        return 0;
    }
    case GS_DUR_NATURAL: {
        /* Start + N, then forward to a working day (第二百零三条); the next
         * working day must itself lie in the coverage. */
        const int64_t t = i + d.n;
        if (t >= cal->ndays || cal->next[t] < 0)
            return GOVSVC_ERANGE;
        *end = cal->from + cal->next[t];
        return 0;
    }
    default:
        return GOVSVC_EINVAL;
    }
}

int gs_calendar_is_working(const struct govsvc_calendar *cal, gs_day day)
{
    if (!covered(cal, day))
        return GOVSVC_ERANGE;
    return cal->work[day - cal->from];
}

/* -- public API (govsvc/calendar.h) --------------------------------------- */

void govsvc_calendar_free(govsvc_calendar *cal)
{
    if (!cal)
        return;
    gs_calendar_release(cal);
    gs_free(cal);
}

const char *govsvc_calendar_id(const govsvc_calendar *cal)
{
    return cal ? cal->id : NULL;
}

static govsvc_date to_date(gs_day day)
{
    govsvc_date r;
    gs_ymd_from_day(day, &r.year, &r.month, &r.day);
    return r;
}

void govsvc_calendar_covers(const govsvc_calendar *cal, govsvc_date *from, govsvc_date *to)
{
    static const govsvc_date none = {0, 0, 0};
    if (from)
        *from = cal && cal->ndays ? to_date(cal->from) : none;
    if (to)
        *to = cal && cal->ndays ? to_date(cal->to) : none;
}

int govsvc_calendar_is_working_day(const govsvc_calendar *cal, govsvc_date date)
{
    if (!cal || !gs_date_valid(date.year, date.month, date.day))
        return GOVSVC_EINVAL;
    return gs_calendar_is_working(cal, gs_day_from_ymd(date.year, date.month, date.day));
}

int govsvc_calendar_add(const govsvc_calendar *cal, govsvc_date from, const char *duration,
                        govsvc_date *out)
{
    gs_duration d;
    if (!cal || !duration || !out || !gs_date_valid(from.year, from.month, from.day))
        return GOVSVC_EINVAL;
    if (gs_duration_parse(duration, strlen(duration), &d) < 0)
        return GOVSVC_EINVAL;
    gs_day end;
    int r = gs_calendar_add_days(cal, gs_day_from_ymd(from.year, from.month, from.day), d, &end);
    if (r == 0) {
        /* The end lies in the coverage (or the count failed): its date is
         * in the index. */
        uint32_t p = cal->ymd[end - cal->from];
        out->year = (int)(p >> 9);
        out->month = (int)(p >> 5 & 15);
        out->day = (int)(p & 31);
    }
    return r;
}
