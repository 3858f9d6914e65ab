/*
 * date.c - calendar days as integers (days since 1970-01-01, proleptic
 * Gregorian), strict ISO dates, and the small public date helpers of
 * govsvc/common.h (dates, status strings, version).
 *
 * Day numbers make every later step plain integer arithmetic: the calendar
 * index is an array indexed by `day - from`, and a period is an addition.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* localtime_r */
#endif

#include <string.h>
#include <time.h>

#include "date.h"
#include "util.h"

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const unsigned char dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

int gs_date_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/* Howard Hinnant's days_from_civil: counts in 400-year eras that start on
 * March 1st, so the leap day is the last day of its "year" and needs no
 * special case. Exact for every valid date of years 1..9999. */
gs_day gs_day_from_ymd(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;                                   /* [0, 399] */
    const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
    return (gs_day)(era * 146097 + doe - 719468);
}

/* Hinnant's civil_from_days, the inverse of gs_day_from_ymd(). Computed in
 * 64 bits so that any gs_day, even one far outside years 1..9999, is safe. */
void gs_ymd_from_day(gs_day day, int *y, int *m, int *d)
{
    const int64_t z = (int64_t)day + 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int64_t doe = z - era * 146097;                                      /* [0, 146096] */
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
    const int64_t mp = (5 * doy + 2) / 153;                                    /* [0, 11] */
    const int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (mm <= 2));
    *m = mm;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
}

int gs_weekday(gs_day day)
{
    /* 1970-01-01 (day 0) was a Thursday, weekday 3 counting from Monday. */
    int w = (int)(day % 7);
    if (w < 0)
        w += 7;
    return (w + 3) % 7;
}

static int digits(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int gs_date_parse(const char *s, size_t len, gs_day *out)
{
    int y, m, d;
    /* Exactly YYYY-MM-DD: "2026-2-3" or a trailing character is a typo a
     * rulebook author must see, not something to guess around. */
    if (!s || len != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    if (digits(s, 4, &y) < 0 || digits(s + 5, 2, &m) < 0 || digits(s + 8, 2, &d) < 0)
        return -1;
    if (!gs_date_valid(y, m, d))
        return -1;
    *out = gs_day_from_ymd(y, m, d);
    return 0;
}

static void put2(char *p, int v)
{
    p[0] = (char)('0' + v / 10);
    p[1] = (char)('0' + v % 10);
}

void gs_date_format(gs_day day, char buf[11])
{
    int y, m, d;
    gs_ymd_from_day(day, &y, &m, &d);
    if (y < 1 || y > 9999) {
        /* Only day numbers outside the supported years get here; never write
         * more than the 11 bytes promised. */
        memcpy(buf, "0000-00-00", 11);
        return;
    }
    put2(buf, y / 100);
    put2(buf + 2, y % 100);
    buf[4] = '-';
    put2(buf + 5, m);
    buf[7] = '-';
    put2(buf + 8, d);
    buf[10] = '\0';
}

/* -- public API (govsvc/common.h) ----------------------------------------- */

int govsvc_date_parse(govsvc_date *out, const char *text)
{
    gs_day day;
    if (!out || !text || gs_date_parse(text, strlen(text), &day) < 0)
        return GOVSVC_EINVAL;
    gs_ymd_from_day(day, &out->year, &out->month, &out->day);
    return 0;
}

int govsvc_date_format(const govsvc_date *date, char buf[11])
{
    if (!buf)
        return GOVSVC_EINVAL;
    if (!date || !gs_date_valid(date->year, date->month, date->day)) {
        buf[0] = '\0';
        return GOVSVC_EINVAL;
    }
    gs_date_format(gs_day_from_ymd(date->year, date->month, date->day), buf);
    return 0;
}

govsvc_date govsvc_date_today(void)
{
    govsvc_date r = {1970, 1, 1};
    time_t now = time(NULL);
    struct tm tm;
    /* localtime_r, not localtime: this function is documented thread-safe. */
    if (now != (time_t)-1 && localtime_r(&now, &tm)) {
        r.year = tm.tm_year + 1900;
        r.month = tm.tm_mon + 1;
        r.day = tm.tm_mday;
    }
    return r;
}

const char *govsvc_strerror(int status)
{
    switch (status) {
    case GOVSVC_OK:
        return "success";
    case GOVSVC_ENOMEM:
        return "out of memory";
    case GOVSVC_EIO:
        return "a file could not be read";
    case GOVSVC_EINVAL:
        return "invalid argument";
    case GOVSVC_ERULEBOOK:
        return "the rulebook has errors";
    case GOVSVC_EFACT:
        return "a fact is undeclared or its value is invalid";
    case GOVSVC_ENOTFOUND:
        return "no such item or bundle";
    case GOVSVC_ERANGE:
        return "a date count leaves the calendar's coverage";
    case GOVSVC_ELIMIT:
        return "an input exceeds a configured limit";
    default:
        return "unknown status";
    }
}

const char *govsvc_version(void)
{
    return GOVSVC_VERSION_STRING;
}
