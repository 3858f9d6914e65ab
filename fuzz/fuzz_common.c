/*
 * fuzz_common.c - the fuzz targets' shared harness (see fuzz_common.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_common.h"
#include "table.h"

/* Two years with a few holidays and one 调休 workday: enough for every
 * counting rule, small enough to load in microseconds. */
const char FUZZ_CALENDAR[] = "govsvc: 1\n"
                             "calendar:\n"
                             "  id: fuzz\n"
                             "  covers: {from: 2025-01-01, to: 2026-12-31}\n"
                             "  weekend: [sat, sun]\n"
                             "  holidays:\n"
                             "    - {from: 2026-02-15, to: 2026-02-23, name: 春节}\n"
                             "    - {date: 2026-10-01, name: 国庆节}\n"
                             "  workdays:\n"
                             "    - {date: 2026-02-14, name: 春节调休}\n";

static char scratch[256];

static void remove_scratch(void)
{
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", scratch);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz: could not remove %s\n", scratch);
}

void fuzz_fail(const char *what)
{
    fprintf(stderr, "fuzz: invariant broken: %s\n", what);
    abort();
}

void fuzz_print_diags(const govsvc_diag_list *d)
{
    for (size_t i = 0; i < govsvc_diag_list_count(d); i++) {
        char *s = govsvc_diag_format(govsvc_diag_list_get(d, i));
        fprintf(stderr, "%s\n", s ? s : "(out of memory)");
        govsvc_free(s);
    }
}

const char *fuzz_dir(void)
{
    if (scratch[0])
        return scratch;
    /* RAM-backed when possible: targets write files on every input. */
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(scratch, sizeof scratch, "%s/govsvc-fuzz-XXXXXX", base);
    if (!mkdtemp(scratch)) {
        perror("fuzz: mkdtemp");
        abort();
    }
    atexit(remove_scratch);
    fuzz_write("cal.yaml", FUZZ_CALENDAR, sizeof FUZZ_CALENDAR - 1);
    return scratch;
}

const char *fuzz_path(const char *name)
{
    static char p[4][512];
    static int k;
    const char *dir = fuzz_dir(); /* first: on first use it calls fuzz_path() itself */
    int slot = k = (k + 1) % 4;
    snprintf(p[slot], sizeof p[slot], "%s/%s", dir, name);
    return p[slot];
}

void fuzz_write(const char *name, const void *data, size_t size)
{
    const char *p = fuzz_path(name);
    FILE *f = fopen(p, "wb");
    if (!f || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        fprintf(stderr, "fuzz: cannot write %s: %s\n", p, strerror(errno));
        abort();
    }
}

size_t fuzz_split(const uint8_t *data, size_t size, const uint8_t **parts, size_t *lens,
                  size_t max)
{
    const size_t sl = sizeof FUZZ_SEP - 1;
    size_t n = 0, start = 0;
    for (size_t i = 0; n + 1 < max && i + sl <= size; i++) {
        if (memcmp(data + i, FUZZ_SEP, sl) == 0) {
            parts[n] = data + start;
            lens[n++] = i - start;
            start = i + sl;
            i += sl - 1;
        }
    }
    parts[n] = data + start;
    lens[n++] = size - start;
    return n;
}

/* -- a strict JSON syntax check (RFC 8259), for the answer's output ------- */

static const char *json_ws(const char *p)
{
    while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
        p++;
    return p;
}

static const char *json_value(const char *p, int depth);

static const char *json_string(const char *p)
{
    if (*p++ != '"')
        return NULL;
    while (*p != '"') {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20)
            return NULL; /* raw control characters must be escaped */
        if (c == '\\') {
            p++;
            if (*p == 'u') {
                for (int i = 1; i <= 4; i++)
                    if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
                        return NULL;
                p += 5;
                continue;
            }
            if (!*p || !strchr("\"\\/bfnrt", *p))
                return NULL;
        }
        p++;
    }
    return p + 1;
}

static const char *json_value(const char *p, int depth)
{
    p = json_ws(p);
    if (depth > 64)
        return NULL;
    if (*p == '{' || *p == '[') {
        char close = *p == '{' ? '}' : ']';
        p = json_ws(p + 1);
        if (*p == close)
            return p + 1;
        for (;;) {
            if (close == '}') {
                p = json_string(json_ws(p));
                if (!p || *(p = json_ws(p)) != ':')
                    return NULL;
                p++;
            }
            p = json_value(p, depth + 1);
            if (!p)
                return NULL;
            p = json_ws(p);
            if (*p == close)
                return p + 1;
            if (*p != ',')
                return NULL;
            p++;
        }
    }
    if (*p == '"')
        return json_string(p);
    if (strncmp(p, "true", 4) == 0 || strncmp(p, "null", 4) == 0)
        return p + 4;
    if (strncmp(p, "false", 5) == 0)
        return p + 5;
    const char *s = p;
    if (*p == '-')
        p++;
    if (*p < '0' || *p > '9')
        return NULL;
    while ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e' || *p == 'E' || *p == '+' ||
           *p == '-')
        p++;
    return p > s ? p : NULL;
}

static void check_output(const char *text, size_t len, int json)
{
    if (!text || strlen(text) != len)
        fuzz_fail("output length or NUL inside");
    if (gs_utf8_invalid_offset(text, len) >= 0)
        fuzz_fail("output is not valid UTF-8");
    if (json) {
        const char *end = json_value(text, 0);
        if (!end || *json_ws(end) != '\0')
            fuzz_fail("JSON output does not parse");
    }
}

/* -- exercising a rulebook ---------------------------------------------------- */

/* A plausible value for each fact type, in a few variants. */
static const char *sample(const gs_fact *f, int variant, char *buf, size_t size)
{
    static const char *const b[] = {"true", "false"}, *const i[] = {"0", "150", "-7"},
                             *const n[] = {"450", "12.5", "0"}, *const s[] = {"230100", "abc"},
                             *const d[] = {"2026-02-13", "1990-02-28"};
    switch (f->type) {
    case GS_T_BOOL: return b[variant % 2];
    case GS_T_INT: return i[variant % 3];
    case GS_T_NUMBER: return n[variant % 3];
    case GS_T_STRING: return s[variant % 2];
    case GS_T_DATE: return d[variant % 2];
    case GS_T_ENUM:
        if (!f->nvalues)
            return "x";
        snprintf(buf, size, "%s", f->values[(uint32_t)variant % f->nvalues]);
        return buf;
    default: return "x";
    }
}

static void check_answer(const govsvc_answer *a)
{
    size_t n = govsvc_answer_material_count(a);
    for (size_t i = 0; i < n; i++) {
        govsvc_material_status st = govsvc_answer_material_status(a, i);
        if (st < GOVSVC_STATUS_SHARED || st > GOVSVC_STATUS_CONDITIONAL)
            fuzz_fail("material status out of range");
        if (!govsvc_answer_material_id(a, i) || !govsvc_answer_material_name(a, i))
            fuzz_fail("material without id or name");
        if ((st == GOVSVC_STATUS_CONDITIONAL) != (govsvc_answer_material_condition(a, i) != NULL))
            fuzz_fail("condition present exactly for conditional materials");
        govsvc_date due;
        if (govsvc_answer_material_due(a, i, &due) && st != GOVSVC_STATUS_DEFERRED)
            fuzz_fail("a due date on a material that is not deferred");
    }
    if (govsvc_answer_material_id(a, n) || govsvc_answer_material_name(a, n))
        fuzz_fail("accessor past the end returned something");
    for (size_t i = 0; i < govsvc_answer_ask_count(a); i++)
        if (!govsvc_answer_ask_fact(a, i))
            fuzz_fail("ask without a fact");
    char *j1 = NULL, *j2 = NULL, *t = NULL;
    size_t l1 = 0, l2 = 0, lt = 0;
    if (govsvc_answer_to_json(a, &j1, &l1) != 0 || govsvc_answer_to_json(a, &j2, &l2) != 0 ||
        govsvc_answer_to_text(a, &t, &lt) != 0)
        fuzz_fail("output failed without an allocation failure");
    check_output(j1, l1, 1);
    check_output(t, lt, 0);
    if (l1 != l2 || memcmp(j1, j2, l1) != 0)
        fuzz_fail("JSON output is not deterministic");
    govsvc_free(j1);
    govsvc_free(j2);
    govsvc_free(t);
    /* The other notices (notice.h): valid UTF-8 whatever the rulebook says. */
    char *md = NULL, *html = NULL;
    size_t lm = 0, lh = 0;
    if (govsvc_answer_to_markdown(a, &md, &lm) != 0 || govsvc_answer_to_html(a, &html, &lh) != 0)
        fuzz_fail("a notice failed without an allocation failure");
    check_output(md, lm, 0);
    check_output(html, lh, 0);
    govsvc_free(md);
    govsvc_free(html);
}

/* What else a host does with a loaded rulebook: statistics, a diff of the
 * rulebook against itself (no change may be reported), lint. */
static void exercise_tools(govsvc_rulebook *rb, const char *path)
{
    govsvc_stats *st = NULL;
    char *out = NULL;
    size_t len = 0;
    if (govsvc_stats_compute(&st, rb, NULL) != 0 || govsvc_stats_to_json(st, &out, &len) != 0)
        fuzz_fail("stats failed without an allocation failure");
    check_output(out, len, 1);
    govsvc_free(out);
    govsvc_stats_free(st);
    govsvc_diff_report *d = NULL;
    govsvc_diag_list *dl = NULL;
    /* diff.h: 0, or EINVAL / ENOMEM, neither of which can happen here. */
    if (govsvc_diff(&d, rb, rb, NULL, &dl) != 0)
        fuzz_fail("diff of a rulebook with itself failed");
    if (govsvc_diff_to_json(d, &out, &len) != 0)
        fuzz_fail("diff output failed without an allocation failure");
    check_output(out, len, 1);
    govsvc_free(out);
    govsvc_diff_free(d);
    govsvc_diag_list_free(dl);
    if (path) {
        dl = NULL;
        if (govsvc_lint(&dl, path, NULL) == GOVSVC_ENOMEM)
            fuzz_fail("lint: out of memory without an allocation failure");
        for (size_t i = 0; i < govsvc_diag_list_count(dl); i++) {
            const govsvc_diag *g = govsvc_diag_list_get(dl, i);
            if (!g->code || !g->message ||
                gs_utf8_invalid_offset(g->message, strlen(g->message)) >= 0)
                fuzz_fail("a lint diagnostic without code or with invalid text");
        }
        govsvc_diag_list_free(dl);
    }
}

void fuzz_exercise(govsvc_rulebook *rb, const char *path)
{
    exercise_tools(rb, path);
    const struct govsvc_rulebook *t = rb;
    size_t items = govsvc_rulebook_item_count(rb);
    for (size_t i = 0; i < items; i++)
        if (!govsvc_rulebook_item_code(rb, i))
            fuzz_fail("item without a code");
    static const govsvc_date dates[] = {{2026, 2, 13}, {2025, 12, 31}, {2026, 12, 31}};
    for (int variant = 0; variant < 3; variant++) {
        govsvc_facts *f = NULL;
        if (govsvc_facts_new(&f, rb) != 0)
            fuzz_fail("facts_new failed");
        char buf[256];
        for (uint32_t k = 0; variant > 0 && k < t->schema.count && k < 64; k++) {
            const gs_fact *fact = &t->schema.facts[k];
            int r = govsvc_facts_set_text(f, fact->name, sample(fact, variant, buf, sizeof buf));
            if (r != 0 && r != GOVSVC_EFACT)
                fuzz_fail("set_text: unexpected status");
            if (r == GOVSVC_EFACT && !govsvc_facts_last_error(f))
                fuzz_fail("EFACT without last_error");
        }
        for (size_t i = 0; i < items && i < 8; i++) {
            govsvc_query_options o = GOVSVC_QUERY_OPTIONS_INIT;
            o.date = dates[variant];
            o.flags = variant == 2 ? GOVSVC_QUERY_EXPLAIN : 0;
            govsvc_answer *a = NULL;
            govsvc_diag_list *d = NULL;
            int r = govsvc_query_item(&a, rb, govsvc_rulebook_item_code(rb, i), f, &o, &d);
            if (r == 0)
                check_answer(a);
            else if (r != GOVSVC_ENOTFOUND && r != GOVSVC_ERANGE)
                fuzz_fail("query: unexpected status");
            else if (a || govsvc_diag_list_count(d) == 0)
                fuzz_fail("failed query without its diagnostic");
            govsvc_answer_free(a);
            govsvc_diag_list_free(d);
        }
        govsvc_facts_free(f);
    }
}
