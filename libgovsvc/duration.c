/*
 * duration.c - the time limits a rulebook writes: `N working days` (工作日),
 * `N days` (自然日) and `immediate` (即办), in English or Chinese.
 *
 * The grammar is deliberately small and strict (SPEC section 4): a deadline
 * printed on a notice must mean exactly one thing, so "3 weeks", "3.5 days"
 * or "03 days" are errors for the author to fix, not forms to interpret.
 * The one leniency is number agreement: "1 working days" and "3 working day"
 * are accepted, since they cannot be misread.
 */
#include <stdio.h>
#include <string.h>

#include "date.h"

/* The largest count accepted: about 270 years of days, far beyond any
 * statutory limit, and small enough that no later sum can overflow. */
enum { DUR_MAX = 100000 };

typedef struct unit_word {
    const char *text; /* what follows the number, exactly */
    size_t len;
    gs_dur_unit unit;
} unit_word;

#define UNIT(t, u) {t, sizeof t - 1, u}
static const unit_word UNITS[] = {
    UNIT(" working days", GS_DUR_WORKING),
    UNIT(" working day", GS_DUR_WORKING),
    UNIT(" days", GS_DUR_NATURAL),
    UNIT(" day", GS_DUR_NATURAL),
    UNIT("个工作日", GS_DUR_WORKING),
    UNIT("日", GS_DUR_NATURAL), /* 《行政许可法》 writes 日; rulebooks copy it */
    UNIT("天", GS_DUR_NATURAL),
};
#undef UNIT

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static int is_word(const char *s, size_t len, const char *w)
{
    return len == strlen(w) && memcmp(s, w, len) == 0;
}

int gs_duration_parse(const char *s, size_t len, gs_duration *out)
{
    if (!s)
        return -1;
    while (len && is_space(*s)) {
        s++;
        len--;
    }
    while (len && is_space(s[len - 1]))
        len--;
    int digit = len && s[0] >= '0' && s[0] <= '9';
    if (!digit && (is_word(s, len, "immediate") || is_word(s, len, "即办"))) {
        out->unit = GS_DUR_IMMEDIATE;
        out->n = 0;
        return 0;
    }
    /* A decimal count: no sign, no leading zero except "0" itself. Six
     * digits at most, which also keeps the accumulation from overflowing. */
    size_t i = 0;
    int32_t n = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9') {
        if (i == 6)
            return -1;
        n = n * 10 + (s[i] - '0');
        i++;
    }
    if (i == 0 || (i > 1 && s[0] == '0') || n > DUR_MAX)
        return -1;
    for (size_t k = 0; k < sizeof UNITS / sizeof UNITS[0]; k++) {
        if (UNITS[k].len == len - i && memcmp(s + i, UNITS[k].text, len - i) == 0) {
            out->unit = UNITS[k].unit;
            out->n = n;
            return 0;
        }
    }
    return -1;
}

/* Written by hand, not with snprintf: every answer prints its deadlines,
 * and snprintf cost more than the rest of a query. */
void gs_duration_format(gs_duration d, char buf[32])
{
    if (d.unit != GS_DUR_WORKING && d.unit != GS_DUR_NATURAL) {
        memcpy(buf, "immediate", sizeof "immediate");
        return;
    }
    char digits[12], *p = digits + sizeof digits;
    uint32_t n = d.n < 0 ? 0 : (uint32_t)d.n; /* parsed counts are 0..100000 */
    do {
        *--p = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    size_t k = (size_t)(digits + sizeof digits - p);
    memcpy(buf, p, k);
    const char *unit = d.unit == GS_DUR_WORKING ? " working day" : " day";
    size_t u = strlen(unit);
    memcpy(buf + k, unit, u);
    k += u;
    if (d.n != 1)
        buf[k++] = 's';
    buf[k] = '\0';
}

/* Counts compare as they are: immediate counts as 0 (it ends on the start
 * day, as "0 working days" does), so it is never longer than anything. A
 * working-day count against a natural-day count is compared by the number
 * alone, as date.h documents: without a calendar and a start date nothing
 * better is exact. */
int gs_duration_cmp(gs_duration a, gs_duration b)
{
    int32_t x = a.unit == GS_DUR_IMMEDIATE ? 0 : a.n;
    int32_t y = b.unit == GS_DUR_IMMEDIATE ? 0 : b.n;
    return (x > y) - (x < y);
}
