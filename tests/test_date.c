/*
 * test_date.c - day numbers, ISO dates, weekdays and durations (date.c,
 * duration.c), plus the small public helpers of govsvc/common.h.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "util.h"

/* -- validity and day numbers -------------------------------------------- */

static const struct {
    int y, m, d, valid;
} VALID_ROWS[] = {
    {2024, 2, 29, 1},  /* divisible by 4 */
    {2023, 2, 29, 0},
    {2000, 2, 29, 1},  /* divisible by 400 */
    {1900, 2, 29, 0},  /* divisible by 100 only */
    {2100, 2, 29, 0},
    {2026, 2, 28, 1},
    {2026, 2, 30, 0},
    {2026, 4, 30, 1},
    {2026, 4, 31, 0},
    {2026, 12, 31, 1},
    {2023, 13, 1, 0},
    {2023, 0, 1, 0},
    {2023, 1, 0, 0},
    {2023, 1, 32, 0},
    {1, 1, 1, 1},
    {0, 1, 1, 0},
    {9999, 12, 31, 1},
    {10000, 1, 1, 0},
    {-1, 1, 1, 0},
};

START_TEST(test_date_valid)
{
    for (size_t i = 0; i < GS_ARRAY_LEN(VALID_ROWS); i++) {
        ck_assert_msg(gs_date_valid(VALID_ROWS[i].y, VALID_ROWS[i].m, VALID_ROWS[i].d) ==
                          VALID_ROWS[i].valid,
                      "row %zu: %d-%d-%d", i, VALID_ROWS[i].y, VALID_ROWS[i].m, VALID_ROWS[i].d);
    }
}
END_TEST

/* Known day numbers and weekdays (0 = Monday). */
static const struct {
    int y, m, d;
    gs_day day;
    int weekday;
} KNOWN[] = {
    {1970, 1, 1, 0, 3},       /* a Thursday */
    {1970, 1, 2, 1, 4},
    {1969, 12, 31, -1, 2},
    {1969, 12, 28, -4, 6},    /* a Sunday before the epoch */
    {2000, 1, 1, 10957, 5},   /* a Saturday */
    {2000, 3, 1, 11017, 2},
    {2023, 1, 1, 19358, 6},   /* a Sunday */
    {2024, 2, 29, 19782, 3},
    {2026, 2, 14, 20498, 5},  /* the 调休 Saturday before 春节 2026 */
    {2026, 2, 15, 20499, 6},
    {2026, 12, 31, 20818, 3},
    {1, 1, 1, -719162, 0},    /* a Monday in the proleptic calendar */
    {9999, 12, 31, 2932896, 4},
};

START_TEST(test_known_days)
{
    for (size_t i = 0; i < GS_ARRAY_LEN(KNOWN); i++) {
        int y, m, d;
        ck_assert_int_eq(gs_day_from_ymd(KNOWN[i].y, KNOWN[i].m, KNOWN[i].d), KNOWN[i].day);
        gs_ymd_from_day(KNOWN[i].day, &y, &m, &d);
        ck_assert_int_eq(y, KNOWN[i].y);
        ck_assert_int_eq(m, KNOWN[i].m);
        ck_assert_int_eq(d, KNOWN[i].d);
        ck_assert_msg(gs_weekday(KNOWN[i].day) == KNOWN[i].weekday, "row %zu: weekday %d", i,
                      gs_weekday(KNOWN[i].day));
    }
}
END_TEST

/* Every day from 1600-01-01 to 2400-12-31: the numbers are consecutive, the
 * round trip is exact, and the weekday advances by one. */
START_TEST(test_round_trip)
{
    gs_day prev = gs_day_from_ymd(1599, 12, 31);
    int prev_w = gs_weekday(prev);
    long checked = 0;
    for (int y = 1600; y <= 2400; y++) {
        for (int m = 1; m <= 12; m++) {
            for (int d = 1; d <= 31; d++) {
                if (!gs_date_valid(y, m, d))
                    continue;
                /* Plain ifs: ck_assert per day is slow under valgrind. */
                gs_day day = gs_day_from_ymd(y, m, d);
                int yy, mm, dd;
                gs_ymd_from_day(day, &yy, &mm, &dd);
                if (day != prev + 1 || yy != y || mm != m || dd != d)
                    ck_abort_msg("%d-%d-%d -> %d -> %d-%d-%d", y, m, d, day, yy, mm, dd);
                if (gs_weekday(day) != (prev_w + 1) % 7)
                    ck_abort_msg("%d-%d-%d: weekday %d", y, m, d, gs_weekday(day));
                prev = day;
                prev_w = gs_weekday(day);
                checked++;
            }
        }
    }
    ck_assert_int_eq(checked, 801 * 365 + 195); /* 195 leap years in 1600..2400 */
}
END_TEST

/* gs_ymd_from_day() and gs_date_format() take any gs_day without overflow. */
START_TEST(test_extreme_days)
{
    static const gs_day DAYS[] = {INT32_MIN, INT32_MIN + 1, -719163, 2932897, INT32_MAX};
    for (size_t i = 0; i < GS_ARRAY_LEN(DAYS); i++) {
        int y, m, d;
        char buf[11];
        gs_ymd_from_day(DAYS[i], &y, &m, &d);
        ck_assert(m >= 1 && m <= 12 && d >= 1 && d <= 31);
        ck_assert(y < 1 || y > 9999);
        gs_date_format(DAYS[i], buf);
        ck_assert_str_eq(buf, "0000-00-00");
        ck_assert(gs_weekday(DAYS[i]) >= 0 && gs_weekday(DAYS[i]) <= 6);
    }
}
END_TEST

/* -- parsing and formatting ---------------------------------------------- */

static const struct {
    const char *text;
    int ok;
    int y, m, d;
} PARSE_ROWS[] = {
    {"2026-02-14", 1, 2026, 2, 14},
    {"2024-02-29", 1, 2024, 2, 29},
    {"2000-02-29", 1, 2000, 2, 29},
    {"0001-01-01", 1, 1, 1, 1},
    {"9999-12-31", 1, 9999, 12, 31},
    {"2026-02-30", 0, 0, 0, 0},
    {"2023-02-29", 0, 0, 0, 0},
    {"1900-02-29", 0, 0, 0, 0},
    {"2023-13-01", 0, 0, 0, 0},
    {"2023-00-10", 0, 0, 0, 0},
    {"2023-01-00", 0, 0, 0, 0},
    {"0000-01-01", 0, 0, 0, 0},
    {"2026-2-3", 0, 0, 0, 0},
    {"2026-02-3", 0, 0, 0, 0},
    {"2026-02-031", 0, 0, 0, 0},
    {"2026-02-14 ", 0, 0, 0, 0},
    {" 2026-02-14", 0, 0, 0, 0},
    {"2026/02/14", 0, 0, 0, 0},
    {"2026-02-1a", 0, 0, 0, 0},
    {"+026-02-14", 0, 0, 0, 0},
    {"2026-+2-14", 0, 0, 0, 0},
    {"20260214", 0, 0, 0, 0},
    {"2026-02-14T00:00", 0, 0, 0, 0},
    {"２０２６-02-14", 0, 0, 0, 0}, /* full-width digits */
    {"", 0, 0, 0, 0},
};

START_TEST(test_date_parse)
{
    for (size_t i = 0; i < GS_ARRAY_LEN(PARSE_ROWS); i++) {
        const char *t = PARSE_ROWS[i].text;
        gs_day day = 12345;
        int r = gs_date_parse(t, strlen(t), &day);
        ck_assert_msg((r == 0) == PARSE_ROWS[i].ok, "'%s': %d", t, r);
        if (PARSE_ROWS[i].ok) {
            ck_assert_int_eq(day, gs_day_from_ymd(PARSE_ROWS[i].y, PARSE_ROWS[i].m,
                                                  PARSE_ROWS[i].d));
            char buf[11];
            gs_date_format(day, buf);
            ck_assert_str_eq(buf, t);
        } else {
            ck_assert_int_eq(day, 12345); /* untouched on failure */
        }
        /* The public wrapper agrees. */
        govsvc_date g = {0, 0, 0};
        int pr = govsvc_date_parse(&g, t);
        ck_assert_int_eq(pr, PARSE_ROWS[i].ok ? 0 : GOVSVC_EINVAL);
        if (PARSE_ROWS[i].ok) {
            ck_assert_int_eq(g.year, PARSE_ROWS[i].y);
            ck_assert_int_eq(g.month, PARSE_ROWS[i].m);
            ck_assert_int_eq(g.day, PARSE_ROWS[i].d);
        }
    }
}
END_TEST

/* The length is the bound: the parser must not read a terminator. */
START_TEST(test_date_parse_len)
{
    gs_day day;
    ck_assert_int_eq(gs_date_parse("2026-02-14xyz", 10, &day), 0);
    ck_assert_int_eq(day, gs_day_from_ymd(2026, 2, 14));
    ck_assert_int_eq(gs_date_parse("2026-02-14", 9, &day), -1);
    ck_assert_int_eq(gs_date_parse("2026-02-14", 11, &day), -1);
    ck_assert_int_eq(gs_date_parse(NULL, 10, &day), -1);
}
END_TEST

START_TEST(test_public_date)
{
    char buf[11];
    govsvc_date d = {2026, 3, 2};
    ck_assert_int_eq(govsvc_date_format(&d, buf), 0);
    ck_assert_str_eq(buf, "2026-03-02");
    govsvc_date bad = {2026, 2, 30};
    strcpy(buf, "xxxxxxxxxx");
    ck_assert_int_eq(govsvc_date_format(&bad, buf), GOVSVC_EINVAL);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(govsvc_date_format(NULL, buf), GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_date_format(&d, NULL), GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_date_parse(NULL, "2026-03-02"), GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_date_parse(&d, NULL), GOVSVC_EINVAL);

    govsvc_date today = govsvc_date_today();
    ck_assert(gs_date_valid(today.year, today.month, today.day));
    ck_assert_int_ge(today.year, 2024);
}
END_TEST

START_TEST(test_strerror_version)
{
    static const int CODES[] = {GOVSVC_OK,         GOVSVC_ENOMEM,   GOVSVC_EIO,
                                GOVSVC_EINVAL,     GOVSVC_ERULEBOOK, GOVSVC_EFACT,
                                GOVSVC_ENOTFOUND,  GOVSVC_ERANGE,   GOVSVC_ELIMIT};
    const char *unknown = govsvc_strerror(12345);
    ck_assert_ptr_nonnull(unknown);
    for (size_t i = 0; i < GS_ARRAY_LEN(CODES); i++) {
        const char *s = govsvc_strerror(CODES[i]);
        ck_assert_ptr_nonnull(s);
        ck_assert(strlen(s) > 0);
        ck_assert_str_ne(s, unknown);
        for (size_t j = 0; j < i; j++)
            ck_assert_str_ne(s, govsvc_strerror(CODES[j]));
    }
    ck_assert_str_eq(govsvc_version(), GOVSVC_VERSION_STRING);
    ck_assert_str_eq(govsvc_version(), "0.1.0");
}
END_TEST

/* -- durations ------------------------------------------------------------ */

enum { BAD = -1 };

static const struct {
    const char *text;
    int unit; /* gs_dur_unit, or BAD */
    int32_t n;
    const char *canonical;
} DUR_ROWS[] = {
    {"immediate", GS_DUR_IMMEDIATE, 0, "immediate"},
    {"即办", GS_DUR_IMMEDIATE, 0, "immediate"},
    {"  immediate\t", GS_DUR_IMMEDIATE, 0, "immediate"},
    {"1 working day", GS_DUR_WORKING, 1, "1 working day"},
    {"1 working days", GS_DUR_WORKING, 1, "1 working day"},
    {"3 working day", GS_DUR_WORKING, 3, "3 working days"},
    {"7 working days", GS_DUR_WORKING, 7, "7 working days"},
    {"0 working days", GS_DUR_WORKING, 0, "0 working days"},
    {"100000 working days", GS_DUR_WORKING, 100000, "100000 working days"},
    {" 10 working days \n", GS_DUR_WORKING, 10, "10 working days"},
    {"1 day", GS_DUR_NATURAL, 1, "1 day"},
    {"10 days", GS_DUR_NATURAL, 10, "10 days"},
    {"30 day", GS_DUR_NATURAL, 30, "30 days"},
    {"0 days", GS_DUR_NATURAL, 0, "0 days"},
    {"7个工作日", GS_DUR_WORKING, 7, "7 working days"},
    {"1个工作日", GS_DUR_WORKING, 1, "1 working day"},
    {"20日", GS_DUR_NATURAL, 20, "20 days"},
    {"15天", GS_DUR_NATURAL, 15, "15 days"},
    {"\t5个工作日 ", GS_DUR_WORKING, 5, "5 working days"},
    {"", BAD, 0, NULL},
    {"   ", BAD, 0, NULL},
    {"-3 days", BAD, 0, NULL},
    {"+3 days", BAD, 0, NULL},
    {"03 days", BAD, 0, NULL},
    {"00 days", BAD, 0, NULL},
    {"3.5 days", BAD, 0, NULL},
    {"3 weeks", BAD, 0, NULL},
    {"3 months", BAD, 0, NULL},
    {"3 working", BAD, 0, NULL},
    {"3", BAD, 0, NULL},
    {"days", BAD, 0, NULL},
    {"working days", BAD, 0, NULL},
    {"100001 days", BAD, 0, NULL},
    {"1000000 days", BAD, 0, NULL},
    {"99999999999999999999 days", BAD, 0, NULL},
    {"3 days later", BAD, 0, NULL},
    {"3  days", BAD, 0, NULL},
    {"3\tdays", BAD, 0, NULL},
    {"3working days", BAD, 0, NULL},
    {"3 working  days", BAD, 0, NULL},
    {"3 Working Days", BAD, 0, NULL},
    {"3 natural days", BAD, 0, NULL},
    {"immediately", BAD, 0, NULL},
    {"Immediate", BAD, 0, NULL},
    {"0 immediate", BAD, 0, NULL},
    {"三个工作日", BAD, 0, NULL},
    {"３个工作日", BAD, 0, NULL}, /* full-width digit */
    {"3个自然日", BAD, 0, NULL},
    {"3工作日", BAD, 0, NULL},
    {"3 个工作日", BAD, 0, NULL},
    {"3个工作日内", BAD, 0, NULL},
    {"即办件", BAD, 0, NULL},
    {"-0 days", BAD, 0, NULL},
};

START_TEST(test_duration_parse)
{
    for (size_t i = 0; i < GS_ARRAY_LEN(DUR_ROWS); i++) {
        const char *t = DUR_ROWS[i].text;
        gs_duration d = {GS_DUR_NATURAL, 4242};
        int r = gs_duration_parse(t, strlen(t), &d);
        if (DUR_ROWS[i].unit == BAD) {
            ck_assert_msg(r == -1, "'%s' was accepted", t);
            continue;
        }
        ck_assert_msg(r == 0, "'%s' was rejected", t);
        ck_assert_msg((int)d.unit == DUR_ROWS[i].unit && d.n == DUR_ROWS[i].n,
                      "'%s': unit %d n %d", t, (int)d.unit, (int)d.n);
        char buf[32];
        gs_duration_format(d, buf);
        ck_assert_str_eq(buf, DUR_ROWS[i].canonical);
        /* The canonical form reads back as the same duration. */
        gs_duration back;
        ck_assert_int_eq(gs_duration_parse(buf, strlen(buf), &back), 0);
        ck_assert_int_eq(back.unit, d.unit);
        ck_assert_int_eq(back.n, d.n);
    }
}
END_TEST

/* The length bounds the text: no reading past it, no need for a NUL. */
START_TEST(test_duration_parse_len)
{
    gs_duration d;
    ck_assert_int_eq(gs_duration_parse("7 working days!!", 14, &d), 0);
    ck_assert_int_eq(d.unit, GS_DUR_WORKING);
    ck_assert_int_eq(d.n, 7);
    ck_assert_int_eq(gs_duration_parse("7 working days", 13, &d), 0); /* "7 working day" */
    ck_assert_int_eq(d.n, 7);
    ck_assert_int_eq(gs_duration_parse("7 working days", 9, &d), -1); /* "7 working" */
    ck_assert_int_eq(gs_duration_parse("immediate", 0, &d), -1);
    ck_assert_int_eq(gs_duration_parse(NULL, 0, &d), -1);
    /* A truncated UTF-8 unit is not a unit. */
    const char *zh = "7个工作日";
    ck_assert_int_eq(gs_duration_parse(zh, strlen(zh) - 1, &d), -1);
}
END_TEST

static const struct {
    gs_duration d;
    const char *text;
} FORMAT_ROWS[] = {
    {{GS_DUR_IMMEDIATE, 0}, "immediate"},
    {{GS_DUR_WORKING, 1}, "1 working day"},
    {{GS_DUR_WORKING, 3}, "3 working days"},
    {{GS_DUR_WORKING, 0}, "0 working days"},
    {{GS_DUR_WORKING, 100000}, "100000 working days"},
    {{GS_DUR_NATURAL, 1}, "1 day"},
    {{GS_DUR_NATURAL, 10}, "10 days"},
    {{GS_DUR_WORKING, INT32_MAX}, "2147483647 working days"}, /* fits the 32 bytes */
};

START_TEST(test_duration_format)
{
    for (size_t i = 0; i < GS_ARRAY_LEN(FORMAT_ROWS); i++) {
        char buf[32];
        gs_duration_format(FORMAT_ROWS[i].d, buf);
        ck_assert_str_eq(buf, FORMAT_ROWS[i].text);
    }
}
END_TEST

static const struct {
    gs_duration a, b;
    int cmp;
} CMP_ROWS[] = {
    {{GS_DUR_IMMEDIATE, 0}, {GS_DUR_IMMEDIATE, 0}, 0},
    {{GS_DUR_IMMEDIATE, 0}, {GS_DUR_WORKING, 1}, -1},
    {{GS_DUR_IMMEDIATE, 0}, {GS_DUR_NATURAL, 1}, -1},
    {{GS_DUR_WORKING, 1}, {GS_DUR_IMMEDIATE, 0}, 1},
    {{GS_DUR_IMMEDIATE, 0}, {GS_DUR_WORKING, 0}, 0}, /* both end on the start day */
    {{GS_DUR_WORKING, 3}, {GS_DUR_WORKING, 10}, -1},
    {{GS_DUR_WORKING, 10}, {GS_DUR_WORKING, 3}, 1},
    {{GS_DUR_WORKING, 10}, {GS_DUR_WORKING, 10}, 0},
    {{GS_DUR_NATURAL, 20}, {GS_DUR_NATURAL, 30}, -1},
    {{GS_DUR_NATURAL, 30}, {GS_DUR_NATURAL, 20}, 1},
    {{GS_DUR_WORKING, 5}, {GS_DUR_NATURAL, 20}, -1}, /* across units by count */
    {{GS_DUR_NATURAL, 20}, {GS_DUR_WORKING, 5}, 1},
    {{GS_DUR_WORKING, 7}, {GS_DUR_NATURAL, 7}, 0},
    {{GS_DUR_WORKING, 100000}, {GS_DUR_WORKING, 0}, 1},
};

START_TEST(test_duration_cmp)
{
    for (size_t i = 0; i < GS_ARRAY_LEN(CMP_ROWS); i++) {
        ck_assert_msg(gs_duration_cmp(CMP_ROWS[i].a, CMP_ROWS[i].b) == CMP_ROWS[i].cmp,
                      "row %zu", i);
        /* Antisymmetric. */
        ck_assert_int_eq(gs_duration_cmp(CMP_ROWS[i].b, CMP_ROWS[i].a), -CMP_ROWS[i].cmp);
    }
}
END_TEST

static Suite *date_suite(void)
{
    Suite *s = suite_create("date");
    TCase *tc = tcase_create("dates");
    tcase_add_test(tc, test_date_valid);
    tcase_add_test(tc, test_known_days);
    tcase_add_test(tc, test_round_trip);
    tcase_add_test(tc, test_extreme_days);
    tcase_add_test(tc, test_date_parse);
    tcase_add_test(tc, test_date_parse_len);
    tcase_add_test(tc, test_public_date);
    tcase_add_test(tc, test_strerror_version);
    tcase_set_timeout(tc, 60); /* the round trip is slow under valgrind */
    suite_add_tcase(s, tc);
    tc = tcase_create("durations");
    tcase_add_test(tc, test_duration_parse);
    tcase_add_test(tc, test_duration_parse_len);
    tcase_add_test(tc, test_duration_format);
    tcase_add_test(tc, test_duration_cmp);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(date_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
