/*
 * deadline.c - the clock of a time limit through suspension (中止),
 * correction (补正) and extension (延期): govsvc/deadline.h, and the due
 * dates of an answer queried with events.
 *
 * The rules (cited where they apply below):
 *  - 《民法典》第二百零一条: the day a period starts is not counted. The
 *    acceptance day, the day the clock resumes and the day corrected
 *    materials are accepted are each such a start day.
 *  - 《行政许可法》第四十五条: time for 听证、招标、拍卖、检验、检测、检疫、
 *    鉴定、专家评审 is not counted; a suspension stops the count after its
 *    first day (that day itself was worked and counts).
 *  - 《行政许可法》第三十二条: the office counts from the day it has the
 *    complete materials: after a request for correction the whole limit
 *    starts again from the day the corrected materials are accepted.
 *  - 《行政许可法》第四十二条: an extension is approved within the period
 *    ("二十日内不能作出决定的，经本行政机关负责人批准，可以延长十日"), so it
 *    must come no later than the day the statutory limit ends; it lengthens
 *    the statutory limit, by at most the item's `extension` in total.
 *  - 第八十二条: limits in working days exclude legal holidays; the
 *    rulebook's calendar says which days those are.
 * The count of a clock that stands is the working (or natural) days
 * already used; a clock runs again with what is left.
 */
#include <string.h>

#include "deadline_int.h"
#include "diag.h"

enum { RUNNING = 0, SUSPENDED, AWAITING };

typedef struct gs_clock {
    const struct govsvc_calendar *cal;
    gs_duration limit; /* working or natural days; immediate is 0 working days */
    gs_day start;      /* counting runs from the day after */
    int32_t used;      /* days counted before `start` since the last restart */
    int state;
    int ended;         /* the limit ended before an event tried to stop it */
    gs_day ended_on;
} gs_clock;

/* A timeline: the clocks of one application. clock[1] is the one an
 * extension lengthens (the statutory limit; a stand-alone clock). */
typedef struct gs_timeline {
    gs_clock clock[2];
    int has[2];
    gs_day accepted, last;
    int state;
    int has_bound;
    gs_duration bound;     /* the item's `extension`: at most this in total */
    int has_extended;
    gs_duration extended;
} gs_timeline;

static void clock_init(gs_clock *c, const struct govsvc_calendar *cal, gs_day accepted,
                       gs_duration limit)
{
    memset(c, 0, sizeof *c);
    c->cal = cal;
    c->limit = limit;
    if (limit.unit == GS_DUR_IMMEDIATE) {
        c->limit.unit = GS_DUR_WORKING; /* 即办: ends on its start day */
        c->limit.n = 0;
    }
    c->start = accepted;
}

/* Days of the clock's unit in (a, b]. */
static int units(const gs_clock *c, gs_day a, gs_day b, int32_t *out)
{
    const struct govsvc_calendar *cal = c->cal;
    if (c->limit.unit == GS_DUR_NATURAL) {
        *out = b - a;
        return 0;
    }
    if (!cal->ndays || a < cal->from || b > cal->to)
        return GOVSVC_ERANGE;
    *out = cal->cum[b - cal->from] - cal->cum[a - cal->from];
    return 0;
}

/* 1 and *due while the clock runs, 0 while it stands, GOVSVC_ERANGE. */
static int clock_due(const gs_clock *c, gs_day *due)
{
    if (c->ended) {
        *due = c->ended_on;
        return 1;
    }
    if (c->state != RUNNING)
        return 0;
    gs_duration left = {c->limit.unit, c->limit.n > c->used ? c->limit.n - c->used : 0};
    int r = gs_calendar_add_days(c->cal, c->start, left, due);
    return r ? GOVSVC_ERANGE : 1;
}

static gs_duration clock_left(const gs_clock *c)
{
    gs_duration d = {c->limit.unit, c->limit.n > c->used ? c->limit.n - c->used : 0};
    return d;
}

/* Stops the clock after day s. A limit that has already ended is not
 * stopped: its due date stays. */
static int clock_stop(gs_clock *c, gs_day s, int state)
{
    if (c->ended)
        return 0;
    gs_day due;
    int r = clock_due(c, &due);
    if (r < 0)
        return r;
    if (s > due) {
        c->ended = 1;
        c->ended_on = due;
        return 0;
    }
    int32_t u;
    if ((r = units(c, c->start, s, &u)) != 0)
        return r;
    /* A request for correction: the whole limit runs again once the
     * corrected materials are accepted (第三十二条), so all of it remains. */
    c->used = state == AWAITING ? 0 : c->used + u;
    c->state = state;
    return 0;
}

static void clock_run(gs_clock *c, gs_day from, int restart)
{
    if (c->ended)
        return;
    c->start = from;
    if (restart)
        c->used = 0;
    c->state = RUNNING;
}

/* -- events --------------------------------------------------------------- */

const char *govsvc_event_kind_name(govsvc_event_kind kind)
{
    switch (kind) {
    case GOVSVC_EVENT_SUSPEND: return "suspend";
    case GOVSVC_EVENT_RESUME: return "resume";
    case GOVSVC_EVENT_CORRECTION: return "correction";
    case GOVSVC_EVENT_CORRECTED: return "corrected";
    case GOVSVC_EVENT_EXTEND: return "extend";
    default: return "unknown";
    }
}

int govsvc_event_parse(govsvc_event *out, const char *text)
{
    static const govsvc_event_kind kinds[] = {GOVSVC_EVENT_SUSPEND, GOVSVC_EVENT_RESUME,
                                              GOVSVC_EVENT_CORRECTION, GOVSVC_EVENT_CORRECTED,
                                              GOVSVC_EVENT_EXTEND};
    if (!out || !text)
        return GOVSVC_EINVAL;
    memset(out, 0, sizeof *out);
    const char *at = strchr(text, '@');
    if (!at)
        return GOVSVC_EINVAL;
    for (size_t i = 0; i < GS_ARRAY_LEN(kinds); i++) {
        const char *name = govsvc_event_kind_name(kinds[i]);
        if (strlen(name) == (size_t)(at - text) && strncmp(text, name, strlen(name)) == 0)
            out->kind = kinds[i];
    }
    if (!out->kind || strlen(at + 1) < 10)
        return GOVSVC_EINVAL;
    char date[11];
    memcpy(date, at + 1, 10);
    date[10] = '\0';
    const char *rest = at + 11;
    if (govsvc_date_parse(&out->date, date) != 0)
        return GOVSVC_EINVAL;
    if (*rest == ':' && out->kind == GOVSVC_EVENT_EXTEND) {
        gs_duration d;
        if (gs_duration_parse(rest + 1, strlen(rest + 1), &d) != 0)
            return GOVSVC_EINVAL;
        out->duration = rest + 1;
    } else if (*rest) {
        return GOVSVC_EINVAL;
    }
    return 0;
}

static void describe(char *buf, size_t size, const govsvc_event *ev, size_t index)
{
    snprintf(buf, size, "event %zu (%s@%04d-%02d-%02d)", index + 1,
             govsvc_event_kind_name(ev->kind), ev->date.year, ev->date.month, ev->date.day);
}

static int range_error(govsvc_diag_list *d, const struct govsvc_calendar *cal, const char *ev)
{
    char a[11], b[11];
    gs_date_format(cal->from, a);
    gs_date_format(cal->to, b);
    gs_pos none = {NULL, 0, 0};
    gs_diag_error(d, "E071", none, "add the next year's holiday notice to the calendar",
                  "cannot count %s: calendar '%s' covers %s to %s", ev,
                  cal->id, a, b);
    return GOVSVC_ERANGE;
}

/* Checks one event against the sequence so far and applies it. */
static int timeline_event(gs_timeline *t, const govsvc_event *ev, size_t index,
                          govsvc_diag_list *d)
{
    static const char *const STATE[] = {"runs", "is suspended",
                                        "awaits the corrected materials"};
    gs_pos none = {NULL, 0, 0};
    char what[96];
    describe(what, sizeof what, ev, index);
    if (!gs_date_valid(ev->date.year, ev->date.month, ev->date.day)) {
        gs_diag_error(d, "E120", none, "write the date as YYYY-MM-DD", "%s: not a valid date",
                      what);
        return GOVSVC_EINVAL;
    }
    gs_day day = gs_day_from_ymd(ev->date.year, ev->date.month, ev->date.day);
    if (day < t->last) {
        char l[11];
        gs_date_format(t->last, l);
        gs_diag_error(d, "E120", none, "list the events in the order they happened, from the "
                                       "acceptance date on",
                      "%s comes before %s (%s)", what,
                      t->last == t->accepted ? "the acceptance date" : "the previous event", l);
        return GOVSVC_EINVAL;
    }
    int want = ev->kind == GOVSVC_EVENT_RESUME      ? SUSPENDED
               : ev->kind == GOVSVC_EVENT_CORRECTED ? AWAITING
                                                    : RUNNING;
    if (ev->kind == GOVSVC_EVENT_EXTEND && t->state == SUSPENDED)
        want = SUSPENDED; /* an extension may be approved while the clock stands */
    if (t->state != want) {
        static const char *const HINT[] = {
            [GOVSVC_EVENT_SUSPEND] = "resume the clock (or accept the corrected materials) "
                                     "before suspending it again",
            [GOVSVC_EVENT_RESUME] = "a clock resumes after 'suspend@DATE'",
            [GOVSVC_EVENT_CORRECTION] = "request a correction while the clock runs",
            [GOVSVC_EVENT_CORRECTED] = "corrected materials follow 'correction@DATE'",
            [GOVSVC_EVENT_EXTEND] = "approve an extension while the time limit runs",
        };
        gs_diag_error(d, "E121", none, HINT[ev->kind], "%s: the clock %s", what,
                      STATE[t->state]);
        return GOVSVC_EINVAL;
    }
    int r = 0;
    switch (ev->kind) {
    case GOVSVC_EVENT_SUSPEND:
    case GOVSVC_EVENT_CORRECTION: {
        int st = ev->kind == GOVSVC_EVENT_SUSPEND ? SUSPENDED : AWAITING;
        for (int k = 0; k < 2 && r == 0; k++)
            if (t->has[k])
                r = clock_stop(&t->clock[k], day, st);
        t->state = st;
        break;
    }
    case GOVSVC_EVENT_RESUME:
    case GOVSVC_EVENT_CORRECTED:
        for (int k = 0; k < 2; k++)
            if (t->has[k])
                clock_run(&t->clock[k], day, ev->kind == GOVSVC_EVENT_CORRECTED);
        t->state = RUNNING;
        break;
    case GOVSVC_EVENT_EXTEND: {
        gs_clock *c = &t->clock[1];
        gs_duration ext;
        if (!t->has[1]) {
            gs_diag_error(d, "E122", none, "only a statutory time limit can be extended",
                          "%s: the item has no statutory time limit", what);
            return GOVSVC_EINVAL;
        }
        if (ev->duration) {
            if (gs_duration_parse(ev->duration, strlen(ev->duration), &ext) != 0) {
                gs_diag_error(d, "E122", none, "write e.g. 'extend@2026-03-20:10 working days'",
                              "%s: '%s' is not a duration", what, ev->duration);
                return GOVSVC_EINVAL;
            }
        } else if (t->has_bound) {
            ext = t->bound;
        } else {
            gs_diag_error(d, "E122", none, "give the length: 'extend@DATE:10 working days'",
                          "%s: the item names no 'extension', so the length must be given",
                          what);
            return GOVSVC_EINVAL;
        }
        if (ext.unit != c->limit.unit) {
            char e[32], l[32];
            gs_duration_format(ext, e);
            gs_duration_format(c->limit, l);
            gs_diag_error(d, "E122", none, "count the extension in the limit's unit",
                          "%s: an extension of %s cannot lengthen a limit of %s", what, e, l);
            return GOVSVC_EINVAL;
        }
        gs_duration total = {ext.unit, (t->has_extended ? t->extended.n : 0) + ext.n};
        if (t->has_bound && gs_duration_cmp(total, t->bound) > 0) {
            char e[32], b[32];
            gs_duration_format(total, e);
            gs_duration_format(t->bound, b);
            gs_diag_error(d, "E122", none,
                          "the item allows at most its 'extension' (《行政许可法》第四十二条)",
                          "%s: extensions of %s in total exceed the item's %s", what, e, b);
            return GOVSVC_EINVAL;
        }
        gs_day due;
        r = clock_due(c, &due);
        if (r == 1 && (c->ended || day > due)) {
            char t2[11];
            gs_date_format(due, t2);
            gs_diag_error(d, "E123", none,
                          "an extension is approved within the time limit "
                          "(《行政许可法》第四十二条)",
                          "%s: the statutory time limit ended on %s", what, t2);
            return GOVSVC_EINVAL;
        }
        r = r < 0 ? r : 0;
        c->limit.n += ext.n;
        t->has_extended = 1;
        t->extended = total;
        break;
    }
    default:
        gs_diag_error(d, "E120", none, "use suspend, resume, correction, corrected or extend",
                      "event %zu has an unknown kind", index + 1);
        return GOVSVC_EINVAL;
    }
    if (r == GOVSVC_ERANGE) {
        char through[128];
        snprintf(through, sizeof through, "the time limit through %s", what);
        return range_error(d, t->clock[t->has[1] ? 1 : 0].cal, through);
    }
    t->last = day;
    return r;
}

/* -- the stand-alone clock (govsvc/deadline.h) ---------------------------- */

struct govsvc_deadline {
    gs_timeline t;
    size_t events; /* applied so far, to number them in messages */
    char remaining[32];
};

int govsvc_deadline_new(govsvc_deadline **out, const govsvc_calendar *cal, govsvc_date accepted,
                        const char *limit, const char *extension_max)
{
    if (!out)
        return GOVSVC_EINVAL;
    *out = NULL;
    gs_duration lim, ext = {GS_DUR_WORKING, 0};
    if (!cal || !limit || gs_duration_parse(limit, strlen(limit), &lim) != 0 ||
        (extension_max && gs_duration_parse(extension_max, strlen(extension_max), &ext) != 0) ||
        !gs_date_valid(accepted.year, accepted.month, accepted.day))
        return GOVSVC_EINVAL;
    govsvc_deadline *d = gs_calloc(1, sizeof *d);
    if (!d)
        return GOVSVC_ENOMEM;
    gs_day day = gs_day_from_ymd(accepted.year, accepted.month, accepted.day);
    clock_init(&d->t.clock[1], cal, day, lim);
    d->t.has[1] = 1;
    d->t.accepted = d->t.last = day;
    d->t.has_bound = extension_max != NULL;
    d->t.bound = ext;
    gs_duration_format(clock_left(&d->t.clock[1]), d->remaining);
    *out = d;
    return 0;
}

int govsvc_deadline_add(govsvc_deadline *d, const govsvc_event *event, govsvc_diag_list **diags)
{
    if (diags)
        *diags = NULL;
    if (!d || !event)
        return GOVSVC_EINVAL;
    govsvc_diag_list *l = gs_diag_list_new();
    if (!l)
        return GOVSVC_ENOMEM;
    gs_timeline saved = d->t;
    int r = timeline_event(&d->t, event, d->events, l);
    if (r) {
        d->t = saved;
    } else {
        d->events++;
        gs_duration_format(clock_left(&d->t.clock[1]), d->remaining);
    }
    if (l->oom && r == 0)
        r = GOVSVC_ENOMEM;
    if (diags && l->count)
        *diags = l;
    else
        govsvc_diag_list_free(l);
    return r;
}

int govsvc_deadline_due(const govsvc_deadline *d, govsvc_date *due)
{
    if (!d)
        return GOVSVC_EINVAL;
    gs_day day;
    int r = clock_due(&d->t.clock[1], &day);
    if (r == 1 && due)
        gs_ymd_from_day(day, &due->year, &due->month, &due->day);
    return r;
}

const char *govsvc_deadline_remaining(const govsvc_deadline *d)
{
    return d ? d->remaining : NULL;
}

void govsvc_deadline_free(govsvc_deadline *d)
{
    gs_free(d);
}

/* -- answers queried with events ------------------------------------------ */

static const char *left_text(govsvc_answer *a, gs_duration d)
{
    char t[32];
    gs_duration_format(d, t);
    return gs_arena_strdup(&a->arena, t);
}

int gs_deadline_apply(govsvc_answer *a, const govsvc_event *events, size_t n,
                      govsvc_diag_list *d)
{
    gs_pos none = {NULL, 0, 0};
    const gs_deadline *dl = a->deadline;
    if (!dl || (!a->has_promised_due && !a->has_statutory_due)) {
        if (a->deadline_condition)
            gs_diag_error(d, "E124", none, "give the facts the deadline depends on (see 'ask')",
                          "the item's time limit depends on '%s', so events cannot be counted",
                          a->deadline_condition);
        else
            gs_diag_error(d, "E124", none, "events apply to items with a time limit",
                          "item '%s' has no time limit to count events against",
                          a->item->code);
        return GOVSVC_EINVAL;
    }
    const struct govsvc_calendar *cal = &a->rb->calendar;
    gs_timeline t;
    memset(&t, 0, sizeof t);
    t.accepted = t.last = a->date;
    if ((t.has[0] = a->has_promised_due))
        clock_init(&t.clock[0], cal, a->date, dl->promised);
    if ((t.has[1] = a->has_statutory_due))
        clock_init(&t.clock[1], cal, a->date, dl->statutory);
    t.has_bound = dl->has_extension;
    t.bound = dl->extension;
    govsvc_event *copy = gs_arena_calloc(&a->arena, n ? n : 1, sizeof *copy);
    if (!copy)
        return GOVSVC_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        copy[i] = events[i];
        if (events[i].duration &&
            !(copy[i].duration = gs_arena_strdup(&a->arena, events[i].duration)))
            return GOVSVC_ENOMEM;
        int r = timeline_event(&t, &events[i], i, d);
        if (r)
            return r;
    }
    a->events = copy;
    a->nevents = (uint32_t)n;
    for (int k = 0; k < 2; k++) {
        if (!t.has[k])
            continue;
        gs_day due = 0; /* clock_due leaves it unset when the clock is stopped */
        int r = clock_due(&t.clock[k], &due);
        if (r < 0)
            return range_error(d, cal,
                               k ? "the statutory due date after the events"
                                 : "the promised due date after the events");
        if (k == 0) {
            a->promised_stopped = r == 0;
            a->has_promised_due = r == 1;
            a->promised_due = due;
            a->promised_left = clock_left(&t.clock[0]);
            if (r == 0 && !(a->promised_left_text = left_text(a, a->promised_left)))
                return GOVSVC_ENOMEM;
        } else {
            a->statutory_stopped = r == 0;
            a->has_statutory_due = r == 1;
            a->statutory_due = due;
            a->statutory_left = clock_left(&t.clock[1]);
            if (r == 0 && !(a->statutory_left_text = left_text(a, a->statutory_left)))
                return GOVSVC_ENOMEM;
        }
    }
    a->has_extended = t.has_extended;
    a->extended = t.extended;
    return 0;
}

static void date_json(gs_buf *b, gs_day d)
{
    char t[11];
    gs_date_format(d, t);
    gs_buf_json_str(b, t);
}

static void limit_json(gs_buf *b, const char *name, gs_duration dur, int stopped, gs_duration left,
                       int has_due, gs_day due, const gs_duration *extended)
{
    char t[32];
    gs_buf_printf(b, "    \"%s\": {\"duration\": ", name);
    gs_duration_format(dur, t);
    gs_buf_json_str(b, t);
    if (extended) {
        gs_duration_format(*extended, t);
        gs_buf_puts(b, ", \"extended\": ");
        gs_buf_json_str(b, t);
    }
    gs_buf_puts(b, ", \"due\": ");
    if (has_due)
        date_json(b, due);
    else
        gs_buf_puts(b, "null");
    if (stopped) {
        gs_duration_format(left, t);
        gs_buf_puts(b, ", \"remaining\": ");
        gs_buf_json_str(b, t);
    }
    gs_buf_puts(b, "},\n");
}

void gs_deadline_json(gs_buf *b, const govsvc_answer *a)
{
    const gs_deadline *d = a->deadline;
    gs_buf_puts(b, ",\n  \"deadline\": {\n");
    if (d->has_promised)
        limit_json(b, "promised", d->promised, a->promised_stopped, a->promised_left,
                   a->has_promised_due, a->promised_due, NULL);
    if (d->has_statutory)
        limit_json(b, "statutory", d->statutory, a->statutory_stopped, a->statutory_left,
                   a->has_statutory_due, a->statutory_due, a->has_extended ? &a->extended : NULL);
    char t[32];
    if (d->has_extension) {
        gs_duration_format(d->extension, t);
        gs_buf_puts(b, "    \"extension\": ");
        gs_buf_json_str(b, t);
        gs_buf_puts(b, ",\n");
    }
    if (d->nspecial) {
        gs_buf_puts(b, "    \"special\": [");
        for (uint32_t i = 0; i < d->nspecial; i++) {
            gs_buf_puts(b, i ? ", {\"name\": " : "{\"name\": ");
            gs_buf_json_str(b, d->special[i].name);
            gs_duration_format(d->special[i].max, t);
            gs_buf_puts(b, ", \"max\": ");
            gs_buf_json_str(b, t);
            gs_buf_puts(b, "}");
        }
        gs_buf_puts(b, "],\n");
    }
    gs_buf_puts(b, "    \"events\": [");
    for (uint32_t i = 0; i < a->nevents; i++) {
        const govsvc_event *e = &a->events[i];
        gs_buf_printf(b, "%s{\"event\": \"%s\", \"date\": \"%04d-%02d-%02d\"", i ? ", " : "",
                      govsvc_event_kind_name(e->kind), e->date.year, e->date.month,
                      e->date.day);
        if (e->kind == GOVSVC_EVENT_EXTEND) {
            gs_duration ext = d->extension;
            if (e->duration)
                gs_duration_parse(e->duration, strlen(e->duration), &ext);
            gs_duration_format(ext, t);
            gs_buf_puts(b, ", \"duration\": ");
            gs_buf_json_str(b, t);
        }
        gs_buf_puts(b, "}");
    }
    gs_buf_puts(b, "]\n  }");
}

/* -- the notice ----------------------------------------------------------- */

static void line(gs_notice *n, const char *key, gs_buf *b)
{
    if (n->n == n->cap && gs_grow((void **)&n->blocks, &n->cap, n->n + 1, sizeof *n->blocks)) {
        n->oom = 1;
        return;
    }
    const char *text = b->oom ? NULL : gs_arena_strndup(&n->arena, b->data ? b->data : "", b->len);
    if (!text) {
        n->oom = 1;
        return;
    }
    gs_nblock *bl = &n->blocks[n->n++];
    memset(bl, 0, sizeof *bl);
    bl->kind = GS_N_LINE;
    bl->key = key;
    bl->text = text;
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

static void duration_words(gs_buf *b, gs_duration d, int en)
{
    char t[32];
    if (en)
        gs_duration_format(d, t);
    else
        gs_duration_format_zh(d, t);
    gs_buf_puts(b, t);
}

void gs_deadline_notice(gs_notice *n, const govsvc_answer *a)
{
    if (!a->nevents)
        return;
    int en = n->lang == GS_LANG_EN;
    gs_buf b;
    gs_buf_init(&b);
    if (n->n == n->cap && gs_grow((void **)&n->blocks, &n->cap, n->n + 1, sizeof *n->blocks)) {
        n->oom = 1;
        return;
    }
    gs_nblock *sec = &n->blocks[n->n++];
    memset(sec, 0, sizeof *sec);
    sec->kind = GS_N_SECTION;
    sec->key = en ? "Clock events" : "时限中止、补正与延期";
    for (uint32_t i = 0; i < a->nevents; i++) {
        const govsvc_event *e = &a->events[i];
        gs_buf_printf(&b, en ? "%04d-%02d-%02d" : "%d年%d月%d日", e->date.year, e->date.month,
                      e->date.day);
        const char *key = n->oom ? NULL : gs_arena_strndup(&n->arena, b.data, b.len);
        b.len = 0;
        switch (e->kind) {
        case GOVSVC_EVENT_SUSPEND:
            gs_buf_puts(&b, en ? "suspended (not counted until resumed)"
                               : "中止（中止期间不计入办结时限）");
            break;
        case GOVSVC_EVENT_RESUME:
            gs_buf_puts(&b, en ? "resumed (counting from the next day)" : "恢复计算（次日起计）");
            break;
        case GOVSVC_EVENT_CORRECTION:
            gs_buf_puts(&b, en ? "correction requested" : "一次性告知补正");
            break;
        case GOVSVC_EVENT_CORRECTED:
            gs_buf_puts(&b, en ? "corrected materials accepted: the time limit starts again"
                               : "补正材料受理，办结时限重新计算");
            break;
        case GOVSVC_EVENT_EXTEND: {
            gs_duration ext = a->deadline->extension;
            if (e->duration)
                gs_duration_parse(e->duration, strlen(e->duration), &ext);
            gs_buf_puts(&b, en ? "extension approved: " : "经批准延长");
            duration_words(&b, ext, en);
            break;
        }
        }
        line(n, key ? key : "", &b);
    }
    if (a->promised_stopped) {
        gs_buf_puts(&b, en ? "the clock stands; left: " : "计时中止，尚余");
        duration_words(&b, a->promised_left, en);
        line(n, en ? "Promised" : "承诺办结时限", &b);
    }
    if (a->statutory_stopped) {
        gs_buf_puts(&b, en ? "the clock stands; left: " : "计时中止，尚余");
        duration_words(&b, a->statutory_left, en);
        line(n, en ? "Statutory" : "法定办结时限", &b);
    }
    gs_buf_free(&b);
}
