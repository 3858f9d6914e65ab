/*
 * buf.c - growable, always NUL-terminated byte buffers for building text
 * (JSON, notices, diagnostics). Out of memory is sticky: once an append
 * fails, the buffer ignores further appends and gs_buf_detach() returns NULL,
 * so callers check once at the end.
 */
#include <stdio.h>
#include <string.h>

#include "util.h"

void gs_buf_init(gs_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->oom = 0;
}

void gs_buf_free(gs_buf *b)
{
    gs_free(b->data);
    gs_buf_init(b);
}

static int reserve(gs_buf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (extra > SIZE_MAX - b->len - 1) {
        b->oom = 1;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t ncap = b->cap ? b->cap : 256;
    while (ncap < need)
        ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
    char *p = gs_realloc(b->data, ncap);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->data = p;
    b->cap = ncap;
    return 0;
}

int gs_buf_append(gs_buf *b, const char *s, size_t n)
{
    if (reserve(b, n) < 0)
        return -1;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int gs_buf_puts(gs_buf *b, const char *s)
{
    return gs_buf_append(b, s, strlen(s));
}

int gs_buf_putc(gs_buf *b, char c)
{
    return gs_buf_append(b, &c, 1);
}

int gs_buf_vprintf(gs_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || reserve(b, (size_t)n) < 0) {
        b->oom = 1;
        return -1;
    }
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int gs_buf_printf(gs_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = gs_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return r;
}

int gs_buf_json_str(gs_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    gs_buf_putc(b, '"');
    const char *run = s;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        gs_buf_append(b, run, (size_t)(s - run));
        run = s + 1;
        switch (c) {
        case '"': gs_buf_append(b, "\\\"", 2); break;
        case '\\': gs_buf_append(b, "\\\\", 2); break;
        case '\n': gs_buf_append(b, "\\n", 2); break;
        case '\t': gs_buf_append(b, "\\t", 2); break;
        case '\r': gs_buf_append(b, "\\r", 2); break;
        default: {
            char esc[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            gs_buf_append(b, esc, 6);
        }
        }
    }
    gs_buf_append(b, run, (size_t)(s - run));
    return gs_buf_putc(b, '"');
}

char *gs_buf_detach(gs_buf *b, size_t *len)
{
    if (b->oom) {
        gs_buf_free(b);
        return NULL;
    }
    if (!b->data && reserve(b, 0) < 0)
        return NULL;
    if (b->len == 0)
        b->data[0] = '\0';
    char *p = b->data;
    if (len)
        *len = b->len;
    gs_buf_init(b);
    return p;
}
