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

int gs_diag_vadd(govsvc_diag_list *l, govsvc_severity sev, const char *code, gs_pos pos,
                 const char *hint, const char *fmt, va_list ap)
{
    if (!l)
        return 0;
    if (gs_grow((void **)&l->items, &l->cap, l->count + 1, sizeof *l->items) < 0)
        goto oom;
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    govsvc_diag *d = &l->items[l->count];
    memset(d, 0, sizeof *d);
    d->severity = sev;
    d->code = gs_arena_strdup(&l->strings, code);
    d->message = gs_arena_strdup(&l->strings, msg);
    d->file = pos.file ? gs_arena_strdup(&l->strings, pos.file) : NULL;
    d->hint = hint ? gs_arena_strdup(&l->strings, hint) : NULL;
    d->line = pos.line;
    d->column = pos.col;
    if (!d->code || !d->message || (pos.file && !d->file) || (hint && !d->hint))
        goto oom;
    l->count++;
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
    if (!l || l->count == 0)
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

const char *gs_did_you_mean(const char *word, const char *const *cands, size_t n)
{
    const char *best = NULL;
    size_t len = strlen(word);
    unsigned cap = len < 4 ? 1 : len < 10 ? 2 : 3;
    unsigned best_d = cap + 1;
    for (size_t i = 0; n ? i < n : cands[i] != NULL; i++) {
        if (!cands[i])
            continue;
        unsigned d = gs_edit_distance(word, cands[i], cap);
        if (d < best_d) {
            best_d = d;
            best = cands[i];
        }
    }
    return best;
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
