/*
 * test_util.c - the small pieces the fast paths stand on: gs_buf's own
 * formatting and JSON escaping, buffers over the caller's memory, arena
 * resets, string maps, duration printing, the calendar's date index, the
 * sharing of compiled conditions (expr_intern.c) and their bytecode
 * (expr_prog.c).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "answer_int.h"
#include "expr_int.h"
#include "testutil.h"

static char root[1024];

/* -- gs_buf ----------------------------------------------------------------- */

static char *printed(const char *fmt, ...) GS_PRINTF(1, 2);
static char *printed(const char *fmt, ...)
{
    gs_buf b;
    gs_buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    ck_assert_int_eq(gs_buf_vprintf(&b, fmt, ap), 0);
    va_end(ap);
    return gs_buf_detach(&b, NULL);
}

static void printf_is(char *got, const char *want)
{
    ck_assert_str_eq(got, want);
    gs_free(got);
}

START_TEST(buf_printf_matches_the_c_library)
{
    /* The conversions gs_buf handles itself... */
    printf_is(printed("a%sb", "xyz"), "axyzb");
    printf_is(printed("%d %d %d", 0, -7, 2147483647), "0 -7 2147483647");
    printf_is(printed("%d", -2147483647 - 1), "-2147483648");
    printf_is(printed("%u %lu %llu", 4000000000u, 12ul, 18446744073709551615ull),
              "4000000000 12 18446744073709551615");
    printf_is(printed("%ld %lld", -5l, (long long)INT64_MIN), "-5 -9223372036854775808");
    printf_is(printed("%zu%%%c", (size_t)42, 'q'), "42%q");
    printf_is(printed("no conversion"), "no conversion");
    printf_is(printed("%s\"%s\"", ", ", "copy"), ", \"copy\"");
    /* ...and the rest through vsnprintf, from the start of the call. */
    printf_is(printed("%s-%04d-%.2s", "x", 7, "abc"), "x-0007-ab");
    printf_is(printed("%d %x", 255, 255), "255 ff");
    printf_is(printed("%.3f|%5s", 1.5, "ab"), "1.500|   ab");
}
END_TEST

START_TEST(buf_json_strings)
{
    static const struct {
        const char *in, *out;
    } rows[] = {
        {"", "\"\""},
        {"plain", "\"plain\""},
        {"营业执照或者载有统一社会信用代码的登记证照", "\"营业执照或者载有统一社会信用代码的登记证照\""},
        {"a\"b\\c", "\"a\\\"b\\\\c\""},
        {"line\nnext\ttab\rcr", "\"line\\nnext\\ttab\\rcr\""},
        {"\x01\x1f", "\"\\u0001\\u001f\""},
        /* Escapes on both sides of an 8-byte boundary, and at the end. */
        {"1234567\"89abcdef\\", "\"1234567\\\"89abcdef\\\\\""},
        {"12345678\"", "\"12345678\\\"\""},
        {"abcdefghijklmnopqrstuvwxyz0123456789", "\"abcdefghijklmnopqrstuvwxyz0123456789\""},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        gs_buf b;
        gs_buf_init(&b);
        gs_buf_json_str(&b, rows[i].in);
        char *s = gs_buf_detach(&b, NULL);
        ck_assert_str_eq(s, rows[i].out);
        gs_free(s);
    }
}
END_TEST

START_TEST(buf_over_callers_memory)
{
    char mem[8];
    gs_buf b;
    gs_buf_init_fixed(&b, mem, sizeof mem);
    gs_buf_puts(&b, "abc");
    gs_buf_printf(&b, "%d", 42);
    ck_assert(!b.overflow);
    ck_assert_str_eq(mem, "abc42");
    /* Past the end: nothing more is written, the length keeps counting. */
    gs_buf_puts(&b, "defgh");
    gs_buf_printf(&b, "%s-%03d", "x", 5);
    ck_assert(b.overflow);
    ck_assert(!b.oom);
    ck_assert_uint_eq(b.len, strlen("abc42defghx-005"));
    ck_assert_str_eq(mem, "abc42");
    ck_assert_ptr_null(gs_buf_detach(&b, NULL)); /* not the buffer's to give */
    /* Size 0: every append only counts. */
    gs_buf_init_fixed(&b, NULL, 0);
    gs_buf_json_str(&b, "a\"b");
    ck_assert(b.overflow);
    ck_assert_uint_eq(b.len, 6);
    /* Exactly full: the text and its NUL. */
    gs_buf_init_fixed(&b, mem, 4);
    gs_buf_puts(&b, "abc");
    ck_assert(!b.overflow);
    ck_assert_str_eq(mem, "abc");
    gs_buf_putc(&b, 'd');
    ck_assert(b.overflow);
}
END_TEST

/* -- arena ---------------------------------------------------------------------- */

START_TEST(arena_reset_keeps_its_largest_chunk)
{
    ck_assert_int_eq(tu_alloc_install(), 0);
    gs_arena a;
    gs_arena_init(&a);
    /* Fill it as an answer would, several chunks' worth. */
    for (int round = 0; round < 3; round++) {
        long before = tu_alloc.calls;
        for (int i = 0; i < 400; i++) {
            char *p = gs_arena_alloc(&a, 100);
            ck_assert_ptr_nonnull(p);
            memset(p, i, 100);
        }
        ck_assert_uint_eq(a.used_bytes, 400 * 104);
        gs_arena_reset(&a);
        ck_assert_uint_eq(a.used_bytes, 0);
        /* The first fill grows chunk by chunk; each later fill may grow
         * once more, until the kept chunk holds a whole fill. */
        if (round == 2)
            ck_assert_int_eq(tu_alloc.calls - before, 0);
    }
    /* Allocation after a reset comes from the kept chunk, 8-aligned. */
    char *p = gs_arena_alloc(&a, 3);
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq((uintptr_t)p % 8, 0);
    gs_arena_free(&a);
    gs_arena_reset(&a); /* an empty arena */
    ck_assert_ptr_null(a.head);
    ck_assert_int_eq(govsvc_set_allocator(NULL, NULL, NULL, NULL), 0);
}
END_TEST

/* -- strmap and durations --------------------------------------------------------- */

START_TEST(strmap_keys_of_every_length)
{
    static char keys[300][48];
    gs_strmap m;
    gs_strmap_init(&m);
    for (int i = 0; i < 300; i++) {
        /* Lengths 1 to 40, sharing long prefixes: "aaaa...0", "aaaa...1". */
        int len = 1 + i % 40;
        memset(keys[i], 'a', (size_t)len);
        snprintf(keys[i] + len - 1, 8, "%d", i);
        ck_assert_int_eq(gs_strmap_put(&m, keys[i], strlen(keys[i]), (uint32_t)i, NULL), 1);
    }
    for (int i = 0; i < 300; i++) {
        uint32_t v, prev;
        ck_assert_int_eq(gs_strmap_get(&m, keys[i], strlen(keys[i]), &v), 1);
        ck_assert_uint_eq(v, (uint32_t)i);
        ck_assert_int_eq(gs_strmap_put(&m, keys[i], strlen(keys[i]), 999, &prev), 0);
        ck_assert_uint_eq(prev, (uint32_t)i);
        /* A key with one more byte is not in the map. */
        char longer[64];
        snprintf(longer, sizeof longer, "%sx", keys[i]);
        ck_assert_int_eq(gs_strmap_get(&m, longer, strlen(longer), &v), 0);
    }
    uint32_t v;
    ck_assert_int_eq(gs_strmap_get(&m, "", 0, &v), 0);
    ck_assert_int_eq(gs_strmap_get(&m, "zzz", 3, &v), 0);
    gs_strmap_free(&m);
}
END_TEST

START_TEST(duration_printed_by_hand)
{
    static const struct {
        gs_duration d;
        const char *text;
    } rows[] = {
        {{GS_DUR_IMMEDIATE, 0}, "immediate"},
        {{GS_DUR_WORKING, 0}, "0 working days"},
        {{GS_DUR_WORKING, 1}, "1 working day"},
        {{GS_DUR_WORKING, 20}, "20 working days"},
        {{GS_DUR_NATURAL, 1}, "1 day"},
        {{GS_DUR_NATURAL, 100000}, "100000 days"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        char buf[32];
        gs_duration back;
        gs_duration_format(rows[i].d, buf);
        ck_assert_str_eq(buf, rows[i].text);
        ck_assert_int_eq(gs_duration_parse(buf, strlen(buf), &back), 0);
        ck_assert_int_eq(back.unit, rows[i].d.unit);
        ck_assert_int_eq(back.n, rows[i].d.n);
    }
    gs_duration d;
    ck_assert_int_eq(gs_duration_parse(" 7 working days ", 16, &d), 0);
    ck_assert_int_eq(d.n, 7);
    ck_assert_int_eq(gs_duration_parse("7个工作日", strlen("7个工作日"), &d), 0);
    ck_assert_int_eq(d.unit, GS_DUR_WORKING);
    ck_assert_int_eq(gs_duration_parse("即办", strlen("即办"), &d), 0);
    ck_assert_int_eq(d.unit, GS_DUR_IMMEDIATE);
    ck_assert_int_eq(gs_duration_parse("7 working dayz", 14, &d), -1);
    ck_assert_int_eq(gs_duration_parse("7 working days!", 15, &d), -1);
    ck_assert_int_eq(gs_duration_parse("7", 1, &d), -1);
}
END_TEST

/* -- the loaded table ----------------------------------------------------------- */

START_TEST(calendar_date_index)
{
    govsvc_rulebook *rb = tu_load(root, "tests/data/query.yaml");
    const struct govsvc_calendar *cal = &rb->calendar;
    ck_assert_uint_gt(cal->ndays, 365);
    for (uint32_t i = 0; i < cal->ndays; i++) {
        int y, m, d;
        gs_ymd_from_day(cal->from + (gs_day)i, &y, &m, &d);
        ck_assert_uint_eq(cal->ymd[i], (uint32_t)y << 9 | (uint32_t)m << 5 | (uint32_t)d);
    }
    /* Across a year's end and a leap day, through the public call. */
    govsvc_date out, from = {2023, 12, 29};
    ck_assert_int_eq(govsvc_calendar_add(cal, from, "2 working days", &out), 0);
    ck_assert_int_eq(out.year, 2024);
    ck_assert_int_eq(out.month, 1);
    ck_assert_int_eq(out.day, 3); /* 2024-01-01 is 元旦 */
    from = (govsvc_date){2024, 2, 28};
    ck_assert_int_eq(govsvc_calendar_add(cal, from, "1 day", &out), 0);
    ck_assert_int_eq(out.month, 2);
    ck_assert_int_eq(out.day, 29);
    govsvc_rulebook_unref(rb);
}
END_TEST

/* Conditions that repeat a comparison share its node (expr_intern.c). */
START_TEST(conditions_share_their_comparisons)
{
    govsvc_rulebook *rb = tu_load(root, "tests/data/query.yaml");
    const gs_item *it = &rb->items[gs_rulebook_find_item(rb, "T-1")];
    const gs_expr *lone = NULL, *inside = NULL;
    for (uint32_t i = 0; i < it->nlines; i++) {
        const gs_expr *w = it->lines[i].when;
        if (!w)
            continue;
        if (w->kind == GS_E_CMP && w->op == GS_OP_NE)
            lone = w; /* applicant.type != 'person' */
        else if (w->kind == GS_E_AND)
            inside = w->kids[0]; /* applicant.type != 'person' and ... */
    }
    ck_assert_ptr_nonnull(lone);
    ck_assert_ptr_eq(lone, inside);
    /* Shared or not, each condition still prints as written. */
    gs_buf b;
    gs_buf_init(&b);
    gs_expr_print(lone, &b);
    ck_assert_str_eq(b.data, "applicant.type != 'person'");
    gs_buf_free(&b);
    govsvc_rulebook_unref(rb);
}
END_TEST

static void count_slot(uint32_t slot, void *ud)
{
    ((unsigned *)ud)[slot]++;
}

/* A shared node visited twice in one condition is still one fact to ask. */
START_TEST(shared_node_reported_once)
{
    govsvc_rulebook *rb = tu_load(root, "tests/data/query.yaml");
    gs_expr_pool *pool = gs_expr_pool_new(&rb->arena);
    ck_assert_ptr_nonnull(pool);
    gs_expr_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.arena = gs_expr_pool_scratch(pool);
    ctx.schema = &rb->schema;
    const char *src = "(premises.area >= 300 or applicant.type == 'person') and "
                      "(premises.area >= 300 or shared.license)";
    const gs_expr *e;
    ck_assert_int_eq(gs_expr_compile(&ctx, src, strlen(src), &e), 0);
    ck_assert_int_eq(gs_expr_intern(pool, e, &e), 0);
    gs_expr_pool_reset_scratch(pool);
    ck_assert_ptr_eq(e->kids[0]->kids[0], e->kids[1]->kids[0]);
    const gs_fact *area = gs_schema_find(&rb->schema, "premises.area", 13);
    unsigned seen[64] = {0};
    gs_env env = {&rb->schema, NULL};
    gs_expr_unknown_facts(e, &env, count_slot, seen);
    ck_assert_uint_eq(seen[area->slot], 1);
    memset(seen, 0, sizeof seen);
    gs_expr_facts(e, count_slot, seen);
    ck_assert_uint_eq(seen[area->slot], 1);
    gs_buf b;
    gs_buf_init(&b);
    gs_expr_print(e, &b);
    ck_assert_str_eq(b.data, src);
    gs_buf_free(&b);
    gs_expr_pool_free(pool);
    govsvc_rulebook_unref(rb);
}
END_TEST

/* -- bytecode -------------------------------------------------------------- */

static uint64_t seed = 88172645463325252ull;

static uint64_t next_random(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

/* A random value for a fact: unknown a quarter of the time, of another
 * type now and then (which evaluation must read as unknown), else one of
 * its own type near the literals the conditions use. */
static void random_value(const gs_fact *f, gs_value *v)
{
    static const char *const strings[] = {"abc", "230102", "110101", "", "2301"};
    memset(v, 0, sizeof *v);
    uint64_t r = next_random();
    if (r % 4 == 0)
        return;
    v->known = 1;
    gs_type t = r % 29 == 0 ? (gs_type)(1 + next_random() % 6) : f->type;
    v->type = (uint8_t)t;
    uint64_t x = next_random();
    switch (t) {
    case GS_T_BOOL: v->u.b = (int)(x & 1); break;
    case GS_T_INT: v->u.i = (int64_t)(x % 1100) - 50; break;
    case GS_T_NUMBER: v->u.n = (double)(x % 2200) / 2 - 20; break;
    case GS_T_ENUM: v->u.e = (uint32_t)(x % (f->nvalues ? f->nvalues : 3)); break;
    case GS_T_DATE: v->u.d = gs_day_from_ymd(2007, 6, 1) + (gs_day)(x % 1000); break;
    default: {
        const char *s = strings[x % 5];
        v->u.s.p = s;
        v->u.s.len = (uint32_t)strlen(s);
        break;
    }
    }
}

static int same_value(const struct govsvc_rulebook *rb, const gs_expr *e, uint32_t prog,
                      const gs_env *env)
{
    return !prog || gs_prog_eval(&rb->progs, prog, env) == gs_expr_eval(e, env);
}

START_TEST(bytecode_evaluates_as_the_tree)
{
    govsvc_rulebook *rb = tu_load(root, "tests/data/conditions.yaml");
    const gs_item *it = &rb->items[gs_rulebook_find_item(rb, "C-1")];
    uint32_t programs = 0, trees = 0;
    for (uint32_t i = 0; i < it->nlines; i++)
        it->lines[i].when_prog ? programs++ : trees++;
    ck_assert_uint_eq(trees, 1); /* the condition nested past the stack */
    ck_assert_uint_ge(programs, 20);
    ck_assert_uint_ne(rb->commitment_eligible_prog, 0);
    ck_assert_uint_ne(rb->materials[0].shared_when_prog, 0);
    gs_value vals[16];
    ck_assert_uint_le(rb->schema.count, 16);
    gs_env env = {&rb->schema, vals};
    for (int round = 0; round < 20000; round++) {
        for (uint32_t k = 0; k < rb->schema.count; k++)
            random_value(&rb->schema.facts[k], &vals[k]);
        for (uint32_t i = 0; i < it->nlines; i++)
            ck_assert_msg(same_value(rb, it->lines[i].when, it->lines[i].when_prog, &env),
                          "line %u, round %d", i, round);
        for (uint32_t i = 0; i < it->ndeadlines; i++)
            ck_assert(same_value(rb, it->deadlines[i].when, it->deadlines[i].when_prog, &env));
        for (uint32_t i = 0; i < rb->nmaterials; i++)
            ck_assert(same_value(rb, rb->materials[i].shared_when,
                                 rb->materials[i].shared_when_prog, &env));
        ck_assert(same_value(rb, rb->commitment_eligible, rb->commitment_eligible_prog, &env));
        ck_assert(same_value(rb, rb->deferral_eligible, rb->deferral_eligible_prog, &env));
    }
    /* Nothing set: every fact unknown or at its default. */
    env.vals = NULL;
    for (uint32_t i = 0; i < it->nlines; i++)
        ck_assert(same_value(rb, it->lines[i].when, it->lines[i].when_prog, &env));
    govsvc_rulebook_unref(rb);
}
END_TEST

int main(int argc, char **argv)
{
    snprintf(root, sizeof root, "%s", argc > 1 ? argv[1] : ".");
    Suite *s = suite_create("util");
    TCase *tc = tcase_create("util");
    tcase_add_test(tc, buf_printf_matches_the_c_library);
    tcase_add_test(tc, buf_json_strings);
    tcase_add_test(tc, buf_over_callers_memory);
    tcase_add_test(tc, arena_reset_keeps_its_largest_chunk);
    tcase_add_test(tc, strmap_keys_of_every_length);
    tcase_add_test(tc, duration_printed_by_hand);
    tcase_add_test(tc, calendar_date_index);
    tcase_add_test(tc, conditions_share_their_comparisons);
    tcase_add_test(tc, shared_node_reported_once);
    tcase_add_test(tc, bytecode_evaluates_as_the_tree);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
