/*
 * test_deadline.c - the clock of a time limit through suspension (中止),
 * correction (补正) and extension (延期): the stand-alone govsvc_deadline
 * and answers queried with events. The expected dates are counted by hand
 * on the 2026 calendar (春节 2026-02-15..23 off, Saturdays 02-14 and 02-28
 * worked).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "govsvc.h"
#include "testutil.h"

static char root[1024];
static govsvc_rulebook *rb;

static void setup(void)
{
    rb = tu_load(root, "tests/data/lifecycle/deadline.yaml");
}

static void teardown(void)
{
    govsvc_rulebook_unref(rb);
    rb = NULL;
}

static govsvc_date day(const char *s)
{
    govsvc_date d;
    ck_assert_int_eq(govsvc_date_parse(&d, s), 0);
    return d;
}

static void date_is(govsvc_date d, const char *want)
{
    char buf[11];
    ck_assert_int_eq(govsvc_date_format(&d, buf), 0);
    ck_assert_str_eq(buf, want);
}

/* Queries `item` accepted on `date` with the events (NULL-terminated
 * "kind@date" strings); returns the status, the answer in *out and the
 * first diagnostic's code in code (when it fails). */
static int query(const char *item, const char *date, const char *const *events,
                 govsvc_answer **out, char code[8])
{
    govsvc_event ev[16];
    size_t n = 0;
    for (; events && events[n]; n++)
        ck_assert_int_eq(govsvc_event_parse(&ev[n], events[n]), 0);
    govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
    o.date = day(date);
    o.events = ev;
    o.nevents = n;
    govsvc_diag_list *d = NULL;
    *out = NULL;
    int r = govsvc_query_item(out, rb, item, NULL, &o, &d);
    if (code)
        snprintf(code, 8, "%s", d ? govsvc_diag_list_get(d, 0)->code : "");
    if (r && d)
        fprintf(stderr, "  %s: %s\n", govsvc_diag_list_get(d, 0)->code,
                govsvc_diag_list_get(d, 0)->message);
    govsvc_diag_list_free(d);
    return r;
}

/* Expected due dates ("" = the clock stands; NULL = no such limit). */
static void dues(const char *item, const char *date, const char *const *events,
                 const char *promised, const char *statutory)
{
    govsvc_answer *a;
    ck_assert_int_eq(query(item, date, events, &a, NULL), 0);
    const char *want[2] = {promised, statutory};
    for (int k = 0; k < 2; k++) {
        govsvc_date due;
        int has = govsvc_answer_deadline(a, k, &due, NULL);
        if (!want[k] || !*want[k]) {
            ck_assert_int_eq(has, 0);
            if (want[k])
                ck_assert_ptr_nonnull(govsvc_answer_deadline_remaining(a, k));
            continue;
        }
        ck_assert_msg(has, "%s: no %s due date", item, k ? "statutory" : "promised");
        date_is(due, want[k]);
    }
    govsvc_answer_free(a);
}

static void fails(const char *item, const char *date, const char *const *events, int status,
                  const char *code)
{
    govsvc_answer *a;
    char got[8];
    ck_assert_int_eq(query(item, date, events, &a, got), status);
    ck_assert_ptr_null(a);
    ck_assert_str_eq(got, code);
}

START_TEST(no_events_as_before)
{
    dues("LIC", "2026-02-10", NULL, "2026-02-24", "2026-03-02");
}
END_TEST

/* 中止 from 02-13 (three working days counted) to 02-24: the holiday and
 * the worked Saturday 02-14 fall inside the suspension; the count goes on
 * from 02-25 with what was left. */
START_TEST(suspend_resume_across_spring_festival)
{
    static const char *const ev[] = {"suspend@2026-02-13", "resume@2026-02-24", NULL};
    dues("LIC", "2026-02-10", ev, "2026-02-26", "2026-03-04");
    /* Resumed on the worked Saturday: counting restarts the next working
     * day, after the holiday. */
    static const char *const ev2[] = {"suspend@2026-02-12", "resume@2026-02-14", NULL};
    dues("LIC", "2026-02-10", ev2, "2026-02-26", "2026-03-04");
    /* Suspended and resumed the same day: nothing lost. */
    static const char *const ev3[] = {"suspend@2026-02-12", "resume@2026-02-12", NULL};
    dues("LIC", "2026-02-10", ev3, "2026-02-24", "2026-03-02");
}
END_TEST

START_TEST(clock_stands_until_resumed)
{
    static const char *const ev[] = {"suspend@2026-02-12", NULL};
    govsvc_answer *a;
    ck_assert_int_eq(query("LIC", "2026-02-10", ev, &a, NULL), 0);
    ck_assert_int_eq(govsvc_answer_deadline(a, GOVSVC_DEADLINE_PROMISED, NULL, NULL), 0);
    ck_assert_str_eq(govsvc_answer_deadline_remaining(a, GOVSVC_DEADLINE_PROMISED),
                     "3 working days");
    ck_assert_str_eq(govsvc_answer_deadline_remaining(a, GOVSVC_DEADLINE_STATUTORY),
                     "8 working days");
    char *json;
    ck_assert_int_eq(govsvc_answer_to_json(a, &json, NULL), 0);
    ck_assert_ptr_nonnull(strstr(json, "\"promised\": {\"duration\": \"5 working days\", "
                                       "\"due\": null, \"remaining\": \"3 working days\"}"));
    ck_assert_ptr_nonnull(
        strstr(json, "\"events\": [{\"event\": \"suspend\", \"date\": \"2026-02-12\"}]"));
    govsvc_free(json);
    char *text;
    ck_assert_int_eq(govsvc_answer_to_text(a, &text, NULL), 0);
    ck_assert_ptr_nonnull(strstr(text, "2026年2月12日：中止（中止期间不计入办结时限）"));
    ck_assert_ptr_nonnull(strstr(text, "承诺办结时限：计时中止，尚余3个工作日"));
    govsvc_free(text);
    govsvc_answer_free(a);
}
END_TEST

/* 补正: the whole limit starts again from the day the corrected materials
 * are accepted (here a holiday: counting starts after it). */
START_TEST(correction_restarts_the_count)
{
    static const char *const ev[] = {"correction@2026-02-11", "corrected@2026-02-16", NULL};
    dues("LIC", "2026-02-10", ev, "2026-02-28", "2026-03-06");
    static const char *const waiting[] = {"correction@2026-02-11", NULL};
    govsvc_answer *a;
    ck_assert_int_eq(query("LIC", "2026-02-10", waiting, &a, NULL), 0);
    ck_assert_str_eq(govsvc_answer_deadline_remaining(a, GOVSVC_DEADLINE_PROMISED),
                     "5 working days");
    govsvc_answer_free(a);
}
END_TEST

/* 延期 (第四十二条): the statutory limit grows, the promise does not; the
 * item's `extension` bounds the total; approval within the limit. */
START_TEST(extension_bounded_by_item)
{
    static const char *const ev[] = {"extend@2026-03-10", NULL};
    dues("LIC", "2026-03-02", ev, "2026-03-09", "2026-03-30");
    static const char *const last_day[] = {"extend@2026-03-16:10 working days", NULL};
    dues("LIC", "2026-03-02", last_day, "2026-03-09", "2026-03-30");
    static const char *const two[] = {"extend@2026-03-10:4 working days",
                                      "extend@2026-03-12:6 working days", NULL};
    dues("LIC", "2026-03-02", two, "2026-03-09", "2026-03-30");
    static const char *const too_much[] = {"extend@2026-03-10:5 working days",
                                           "extend@2026-03-12:6 working days", NULL};
    fails("LIC", "2026-03-02", too_much, GOVSVC_EINVAL, "E122");
    static const char *const late[] = {"extend@2026-03-17", NULL};
    fails("LIC", "2026-03-02", late, GOVSVC_EINVAL, "E123");
    static const char *const unit[] = {"extend@2026-03-10:10 days", NULL};
    fails("LIC", "2026-03-02", unit, GOVSVC_EINVAL, "E122");
    /* While suspended, an extension may still be approved. */
    static const char *const suspended[] = {"suspend@2026-03-03", "extend@2026-03-20",
                                            "resume@2026-03-23", NULL};
    dues("LIC", "2026-03-02", suspended, "2026-03-27", "2026-04-20"); /* 清明 04-04..06 */
    govsvc_answer *a;
    ck_assert_int_eq(query("LIC", "2026-03-02", ev, &a, NULL), 0);
    char *json;
    ck_assert_int_eq(govsvc_answer_to_json(a, &json, NULL), 0);
    ck_assert_ptr_nonnull(strstr(json, "\"statutory\": {\"duration\": \"10 working days\", "
                                       "\"extended\": \"10 working days\", \"due\": "
                                       "\"2026-03-30\"}"));
    ck_assert_ptr_nonnull(strstr(json, "{\"event\": \"extend\", \"date\": \"2026-03-10\", "
                                       "\"duration\": \"10 working days\"}"));
    govsvc_free(json);
    govsvc_answer_free(a);
}
END_TEST

START_TEST(natural_days_and_immediate)
{
    static const char *const ev[] = {"suspend@2026-03-04", "resume@2026-03-09", NULL};
    dues("NAT", "2026-03-02", NULL, NULL, "2026-03-12");
    dues("NAT", "2026-03-02", ev, NULL, "2026-03-17");
    /* 即办 suspended the day of acceptance: decided the day it resumes. */
    static const char *const now[] = {"suspend@2026-03-02", "resume@2026-03-05", NULL};
    dues("NOW", "2026-03-02", now, "2026-03-05", "2026-03-12");
    /* A limit that has ended cannot be suspended: the promise (that day)
     * keeps its date, the statutory limit counts on. */
    static const char *const later[] = {"suspend@2026-03-03", "resume@2026-03-05", NULL};
    dues("NOW", "2026-03-02", later, "2026-03-02", "2026-03-11");
}
END_TEST

START_TEST(events_out_of_order_or_sequence)
{
    static const char *const before[] = {"suspend@2026-03-01", NULL};
    fails("LIC", "2026-03-02", before, GOVSVC_EINVAL, "E120");
    static const char *const backwards[] = {"suspend@2026-03-05", "resume@2026-03-04", NULL};
    fails("LIC", "2026-03-02", backwards, GOVSVC_EINVAL, "E120");
    static const char *const resume[] = {"resume@2026-03-04", NULL};
    fails("LIC", "2026-03-02", resume, GOVSVC_EINVAL, "E121");
    static const char *const corrected[] = {"corrected@2026-03-04", NULL};
    fails("LIC", "2026-03-02", corrected, GOVSVC_EINVAL, "E121");
    static const char *const twice[] = {"suspend@2026-03-03", "suspend@2026-03-04", NULL};
    fails("LIC", "2026-03-02", twice, GOVSVC_EINVAL, "E121");
    static const char *const awaiting[] = {"correction@2026-03-03", "extend@2026-03-04", NULL};
    fails("LIC", "2026-03-02", awaiting, GOVSVC_EINVAL, "E121");
    static const char *const any[] = {"suspend@2026-03-03", NULL};
    fails("ROUTE", "2026-03-02", any, GOVSVC_EINVAL, "E124"); /* route unknown */
    fails("NONE", "2026-03-02", any, GOVSVC_EINVAL, "E124");
    /* Past the calendar: refused, never guessed. */
    static const char *const late[] = {"suspend@2026-12-22", "resume@2026-12-30", NULL};
    fails("LIC", "2026-12-14", late, GOVSVC_ERANGE, "E071");
}
END_TEST

START_TEST(parse_events)
{
    static const struct {
        const char *text;
        int ok;
        govsvc_event_kind kind;
        const char *duration;
    } rows[] = {
        {"suspend@2026-03-02", 1, GOVSVC_EVENT_SUSPEND, NULL},
        {"resume@2026-03-09", 1, GOVSVC_EVENT_RESUME, NULL},
        {"correction@2026-03-10", 1, GOVSVC_EVENT_CORRECTION, NULL},
        {"corrected@2026-03-16", 1, GOVSVC_EVENT_CORRECTED, NULL},
        {"extend@2026-03-20", 1, GOVSVC_EVENT_EXTEND, NULL},
        {"extend@2026-03-20:10 working days", 1, GOVSVC_EVENT_EXTEND, "10 working days"},
        {"extend@2026-03-20:10个工作日", 1, GOVSVC_EVENT_EXTEND, "10个工作日"},
        {"extend@2026-03-20:ten", 0, 0, NULL},
        {"suspend@2026-03-02:3 days", 0, 0, NULL},
        {"suspend@2026-02-30", 0, 0, NULL},
        {"pause@2026-03-02", 0, 0, NULL},
        {"suspend", 0, 0, NULL},
        {"suspend@", 0, 0, NULL},
        {"@2026-03-02", 0, 0, NULL},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        govsvc_event e;
        int r = govsvc_event_parse(&e, rows[i].text);
        ck_assert_msg((r == 0) == rows[i].ok, "%s", rows[i].text);
        if (!rows[i].ok)
            continue;
        ck_assert_int_eq(e.kind, rows[i].kind);
        if (rows[i].duration)
            ck_assert_str_eq(e.duration, rows[i].duration);
        else
            ck_assert_ptr_null(e.duration);
    }
    ck_assert_str_eq(govsvc_event_kind_name(GOVSVC_EVENT_CORRECTED), "corrected");
    ck_assert_int_eq(govsvc_event_parse(NULL, "suspend@2026-03-02"), GOVSVC_EINVAL);
}
END_TEST

/* The stand-alone clock, for hall systems that keep their own records. */
START_TEST(standalone_clock)
{
    const govsvc_calendar *cal = govsvc_rulebook_calendar(rb);
    govsvc_deadline *d;
    ck_assert_int_eq(govsvc_deadline_new(&d, cal, day("2026-02-10"), "10 working days",
                                         "10 working days"),
                     0);
    govsvc_date due;
    ck_assert_int_eq(govsvc_deadline_due(d, &due), 1);
    date_is(due, "2026-03-02");
    ck_assert_str_eq(govsvc_deadline_remaining(d), "10 working days");
    govsvc_event e;
    ck_assert_int_eq(govsvc_event_parse(&e, "suspend@2026-02-13"), 0);
    ck_assert_int_eq(govsvc_deadline_add(d, &e, NULL), 0);
    ck_assert_int_eq(govsvc_deadline_due(d, &due), 0);
    ck_assert_str_eq(govsvc_deadline_remaining(d), "7 working days");
    /* A refused event leaves the clock as it was and says why. */
    govsvc_diag_list *diags = NULL;
    ck_assert_int_eq(govsvc_event_parse(&e, "correction@2026-02-24"), 0);
    ck_assert_int_eq(govsvc_deadline_add(d, &e, &diags), GOVSVC_EINVAL);
    ck_assert_str_eq(govsvc_diag_list_get(diags, 0)->code, "E121");
    ck_assert_ptr_nonnull(govsvc_diag_list_get(diags, 0)->hint);
    govsvc_diag_list_free(diags);
    ck_assert_int_eq(govsvc_event_parse(&e, "resume@2026-02-24"), 0);
    ck_assert_int_eq(govsvc_deadline_add(d, &e, NULL), 0);
    ck_assert_int_eq(govsvc_deadline_due(d, &due), 1);
    date_is(due, "2026-03-04");
    ck_assert_int_eq(govsvc_event_parse(&e, "extend@2026-03-03"), 0);
    ck_assert_int_eq(govsvc_deadline_add(d, &e, NULL), 0); /* the bound: 10 */
    ck_assert_int_eq(govsvc_deadline_due(d, &due), 1);
    date_is(due, "2026-03-18");
    govsvc_deadline_free(d);
    ck_assert_int_eq(govsvc_deadline_new(&d, cal, day("2026-02-10"), "3 weeks", NULL),
                     GOVSVC_EINVAL);
    ck_assert_int_eq(govsvc_deadline_new(&d, NULL, day("2026-02-10"), "3 days", NULL),
                     GOVSVC_EINVAL);
    govsvc_deadline_free(NULL);
}
END_TEST

int main(int argc, char **argv)
{
    snprintf(root, sizeof root, "%s", argc > 1 ? argv[1] : ".");
    Suite *s = suite_create("deadline");
    TCase *tc = tcase_create("deadline");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, no_events_as_before);
    tcase_add_test(tc, suspend_resume_across_spring_festival);
    tcase_add_test(tc, clock_stands_until_resumed);
    tcase_add_test(tc, correction_restarts_the_count);
    tcase_add_test(tc, extension_bounded_by_item);
    tcase_add_test(tc, natural_days_and_immediate);
    tcase_add_test(tc, events_out_of_order_or_sequence);
    tcase_add_test(tc, parse_events);
    tcase_add_test(tc, standalone_clock);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
