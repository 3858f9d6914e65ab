/*
 * diag.c - diagnostic lists: what went wrong, where, and how to fix it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

govsvc_diag_list *gs_diag_list_new(void)
{
    govsvc_diag_list *l = gs_calloc(1, sizeof *l);
    if (l)
        gs_arena_init(&l->strings);
    return l;
}

void govsvc_diag_list_free(govsvc_diag_list *l)
{
    if (!l)
        return;
    gs_free(l->items);
    gs_arena_free(&l->strings);
    gs_free(l);
}

size_t govsvc_diag_list_count(const govsvc_diag_list *l)
{
    return l ? l->count : 0;
}

const govsvc_diag *govsvc_diag_list_get(const govsvc_diag_list *l, size_t i)
{
    return l && i < l->count ? &l->items[i] : NULL;
}

size_t govsvc_diag_list_count_severity(const govsvc_diag_list *l, govsvc_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; l && i < l->count; i++)
        n += l->items[i].severity == sev;
    return n;
}

size_t gs_diag_errors(const govsvc_diag_list *l)
{
    return govsvc_diag_list_count_severity(l, GOVSVC_SEVERITY_ERROR);
}

int gs_diag_full(const govsvc_diag_list *l)
{
    return l && l->capped;
}

/* Bytes of s to keep so that at most `max` bytes remain, cut on a UTF-8
 * character boundary (messages and hints quote the user's text, which may
 * be Chinese: a cut inside a character would make the output invalid). */
static size_t clip_utf8(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

int gs_diag_vadd(govsvc_diag_list *l, govsvc_severity sev, const char *code, gs_pos pos,
                 const char *hint, const char *fmt, va_list ap)
{
    if (!l)
        return 0;
    if (l->capped) {
        /* Dropping an error must never make a list look clean: the E252
         * entry stands for what was dropped, so it becomes an error. */
        for (size_t i = 0; sev == GOVSVC_SEVERITY_ERROR && l->capped == 1 && i < l->count; i++) {
            if (strcmp(l->items[i].code, "E252") == 0) {
                l->items[i].severity = GOVSVC_SEVERITY_ERROR;
                l->capped = 2;
            }
        }
        return 0;
    }
    /* A broken or hostile file can yield one error per line, millions of
     * them: keep the first GS_DIAG_MAX and say where reporting stopped
     * (clang's -ferror-limit), so memory and time stay bounded. */
    int cap_now = l->count >= GS_DIAG_MAX;
    if (gs_grow((void **)&l->items, &l->cap, l->count + 1, sizeof *l->items) < 0)
        goto oom;
    char msg[1024];
    if (cap_now) {
        snprintf(msg, sizeof msg, "too many diagnostics: reporting stopped after %d",
                 GS_DIAG_MAX);
        code = "E252"; /* keeps the severity of the first one dropped */
        hint = "fix the errors above and run again";
    } else {
        int n = vsnprintf(msg, sizeof msg, fmt, ap);
        if (n >= (int)sizeof msg)
            msg[clip_utf8(msg, sizeof msg - 1, sizeof msg - 4)] = '\0';
    }
    govsvc_diag *d = &l->items[l->count];
    memset(d, 0, sizeof *d);
    d->severity = sev;
    d->code = gs_arena_strdup(&l->strings, code);
    d->message = gs_arena_strdup(&l->strings, msg);
    d->file = pos.file ? gs_arena_strdup(&l->strings, pos.file) : NULL;
    /* Hints may list a rulebook's values or ids: bounded like messages. */
    d->hint = hint ? gs_arena_strndup(&l->strings, hint, clip_utf8(hint, strlen(hint), 1020))
                   : NULL;
    d->line = pos.line;
    d->column = pos.col;
    if (!d->code || !d->message || (pos.file && !d->file) || (hint && !d->hint))
        goto oom;
    l->count++;
    l->capped = cap_now ? (sev == GOVSVC_SEVERITY_ERROR ? 2 : 1) : 0;
    return 0;
oom:
    l->oom = 1;
    return -1;
}

int gs_diag_add(govsvc_diag_list *l, govsvc_severity sev, const char *code, gs_pos pos,
                const char *hint, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = gs_diag_vadd(l, sev, code, pos, hint, fmt, ap);
    va_end(ap);
    return r;
}

int gs_diag_error(govsvc_diag_list *l, const char *code, gs_pos pos, const char *hint,
                  const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = gs_diag_vadd(l, GOVSVC_SEVERITY_ERROR, code, pos, hint, fmt, ap);
    va_end(ap);
    return r;
}

int gs_diag_set_fact(govsvc_diag_list *l, const char *fact)
{
    /* Once capped, the last entry is E252, not the diagnostic just dropped. */
    if (!l || l->count == 0 || l->capped)
        return 0;
    const char *f = gs_arena_strdup(&l->strings, fact);
    if (!f) {
        l->oom = 1;
        return -1;
    }
    l->items[l->count - 1].fact = f;
    return 0;
}

/* Files sort in the order they were first reported (which is load order),
 * then by line and column; equal positions keep their order. */
typedef struct {
    govsvc_diag d;
    size_t file_rank;
    size_t seq;
} sort_row;

static int cmp_rows(const void *pa, const void *pb)
{
    const sort_row *a = pa, *b = pb;
    if (a->file_rank != b->file_rank)
        return a->file_rank < b->file_rank ? -1 : 1;
    if (a->d.line != b->d.line)
        return a->d.line < b->d.line ? -1 : 1;
    if (a->d.column != b->d.column)
        return a->d.column < b->d.column ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void gs_diag_sort(govsvc_diag_list *l)
{
    if (!l || l->count < 2)
        return;
    sort_row *rows = gs_calloc(l->count, sizeof *rows);
    if (!rows)
        return; /* unsorted is still correct, only less tidy */
    for (size_t i = 0; i < l->count; i++) {
        rows[i].d = l->items[i];
        rows[i].seq = i;
        rows[i].file_rank = 0; /* no file: first */
        if (!l->items[i].file)
            continue;
        for (size_t j = 0; j <= i; j++) {
            if (l->items[j].file && strcmp(l->items[j].file, l->items[i].file) == 0) {
                rows[i].file_rank = j + 1;
                break;
            }
        }
    }
    qsort(rows, l->count, sizeof *rows, cmp_rows);
    for (size_t i = 0; i < l->count; i++)
        l->items[i] = rows[i].d;
    gs_free(rows);
}

const char *gs_did_you_mean_field(const char *word, const void *array, size_t n, size_t size,
                                  size_t offset)
{
    const char *best = NULL;
    size_t len = strlen(word);
    unsigned cap = len < 4 ? 1 : len < 10 ? 2 : 3;
    unsigned best_d = cap + 1;
    for (size_t i = 0; array && i < n; i++) {
        const char *c;
        memcpy(&c, (const char *)array + i * size + offset, sizeof c);
        if (!c)
            continue;
        unsigned d = gs_edit_distance(word, c, cap);
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    return best;
}

const char *gs_did_you_mean(const char *word, const char *const *cands, size_t n)
{
    /* No candidates at all: an enum fact whose `values` were missing or
     * not a list has none, and a condition comparing it with a literal
     * came here with NULL (a crash found by fuzz/fuzz_load.c,
     * tests/regress/load/enum-without-values). */
    if (!cands)
        return NULL;
    if (!n)
        while (cands[n])
            n++;
    return gs_did_you_mean_field(word, cands, n, sizeof *cands, 0);
}

const char *gs_diag_did_you_mean(govsvc_diag_list *l, const char *word,
                                 const char *const *cands, size_t n)
{
    if (!cands)
        return NULL;
    if (!n)
        while (cands[n])
            n++;
    if (l && (l->capped || n > GS_DYM_BUDGET - l->dym_spent))
        return NULL;
    if (l)
        l->dym_spent += n;
    return gs_did_you_mean(word, cands, n);
}

char *govsvc_diag_format(const govsvc_diag *d)
{
    if (!d)
        return NULL;
    gs_buf b;
    gs_buf_init(&b);
    static const char *const sev[] = {"error", "warning", "note"};
    const char *s = (unsigned)d->severity < 3 ? sev[d->severity] : "error";
    if (d->file) {
        gs_buf_puts(&b, d->file);
        if (d->line)
            gs_buf_printf(&b, ":%u:%u", d->line, d->column);
        gs_buf_puts(&b, ": ");
    }
    gs_buf_printf(&b, "%s[%s]: %s", s, d->code ? d->code : "E000", d->message ? d->message : "");
    if (d->hint)
        gs_buf_printf(&b, "\nhint: %s", d->hint);
    return gs_buf_detach(&b, NULL);
}
