/*
 * buf.c - growable, always NUL-terminated byte buffers for building text
 * (JSON, notices, diagnostics). Out of memory is sticky: once an append
 * fails, the buffer ignores further appends and gs_buf_detach() returns NULL,
 * so callers check once at the end. A buffer may also write into the
 * caller's memory (gs_buf_init_fixed): answers serialised that way
 * allocate nothing.
 *
 * Output is on the hot path of every answer, so the common cases avoid the
 * C library's formatting: gs_buf_printf() handles %s %c %d %u %ld %lu %lld
 * %llu %zu and %% itself (vsnprintf for anything else), and JSON strings
 * are scanned eight bytes at a time for the few bytes that need escaping.
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
    b->fixed = 0;
    b->overflow = 0;
}

void gs_buf_init_fixed(gs_buf *b, char *mem, size_t size)
{
    gs_buf_init(b);
    b->data = mem;
    b->cap = size;
    b->fixed = 1;
    if (size)
        mem[0] = '\0';
    else
        b->overflow = 1; /* not even the NUL fits */
}

void gs_buf_free(gs_buf *b)
{
    if (!b->fixed)
        gs_free(b->data);
    gs_buf_init(b);
}

/* Room for `extra` more bytes and the NUL: 0, or -1 when the text cannot
 * be stored (out of memory; or past a fixed buffer's end, where the caller
 * counts instead). */
static int reserve(gs_buf *b, size_t extra)
{
    if (b->oom || b->overflow)
        return -1;
    if (extra > SIZE_MAX - b->len - 1) {
        b->oom = 1;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    if (b->fixed) {
        b->overflow = 1;
        return -1;
    }
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

int gs_buf_append_slow(gs_buf *b, const char *s, size_t n)
{
    if (reserve(b, n) < 0) {
        if (!b->overflow)
            return -1;
        b->len += n; /* a fixed buffer counts what it cannot hold */
        return 0;
    }
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

/* Decimal digits of v, written backwards ending at `end`; returns the
 * first. */
static char *utoa(unsigned long long v, char *end)
{
    do {
        *--end = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return end;
}

static void put_signed(gs_buf *b, long long v)
{
    char t[24], *e = t + sizeof t;
    unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
    char *p = utoa(u, e);
    if (v < 0)
        *--p = '-';
    gs_buf_append(b, p, (size_t)(e - p));
}

static void put_unsigned(gs_buf *b, unsigned long long v)
{
    char t[24], *e = t + sizeof t;
    char *p = utoa(v, e);
    gs_buf_append(b, p, (size_t)(e - p));
}

/* The conversions handled here: %s %c %d %u with the l, ll and z length
 * modifiers, and %%. Returns 0, or -1 at the first other one (flags,
 * widths, precisions, %x, %g ...), which the caller then gives to
 * vsnprintf from the start. */
static int format_fast(gs_buf *b, const char *fmt, va_list ap)
{
    const char *run = fmt, *p = fmt;
    for (;; p++) {
        if (*p && *p != '%')
            continue;
        gs_buf_append(b, run, (size_t)(p - run));
        if (!*p)
            return 0;
        p++;
        int lng = 0, size = 0;
        if (*p == 'l') {
            lng = p[1] == 'l' ? 2 : 1;
            p += lng;
        } else if (*p == 'z') {
            size = 1;
            p++;
        }
        switch (*p) {
        case 's': {
            if (lng || size)
                return -1;
            const char *s = va_arg(ap, const char *);
            gs_buf_puts(b, s ? s : "(null)");
            break;
        }
        case 'c':
            if (lng || size)
                return -1;
            gs_buf_putc(b, (char)va_arg(ap, int));
            break;
        case 'd':
            put_signed(b, size ? (long long)va_arg(ap, size_t)
                          : lng == 2 ? va_arg(ap, long long)
                          : lng == 1 ? va_arg(ap, long)
                                     : va_arg(ap, int));
            break;
        case 'u':
            put_unsigned(b, size ? va_arg(ap, size_t)
                            : lng == 2 ? va_arg(ap, unsigned long long)
                            : lng == 1 ? va_arg(ap, unsigned long)
                                       : va_arg(ap, unsigned));
            break;
        case '%':
            if (lng || size)
                return -1;
            gs_buf_putc(b, '%');
            break;
        default: return -1;
        }
        run = p + 1;
    }
}

int gs_buf_vprintf(gs_buf *b, const char *fmt, va_list ap)
{
    if (b->oom)
        return -1;
    size_t len = b->len;
    int overflow = b->overflow;
    va_list ap2;
    va_copy(ap2, ap);
    int fast = format_fast(b, fmt, ap2);
    va_end(ap2);
    if (fast == 0)
        return b->oom ? -1 : 0;
    /* Back to where this call started; the C library formats it all. */
    b->len = len;
    b->overflow = overflow;
    if (b->data && len < b->cap)
        b->data[len] = '\0';
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) {
        b->oom = 1;
        return -1;
    }
    if (reserve(b, (size_t)n) < 0) {
        if (!b->overflow)
            return -1;
        b->len += (size_t)n;
        return 0;
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

/* Nonzero when one of the eight bytes of w is below 0x20, a '"' or a '\\'
 * (the classic "has a zero byte" test applied to w, w ^ '"' and w ^ '\\'). */
static uint64_t needs_escape(uint64_t w)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t q = w ^ (ones * '"'), s = w ^ (ones * '\\');
    uint64_t lt = (w - ones * 0x20) & ~w;
    uint64_t zq = (q - ones) & ~q, zs = (s - ones) & ~s;
    return (lt | zq | zs) & highs;
}

int gs_buf_json_str(gs_buf *b, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    gs_buf_putc(b, '"');
    const char *end = s + strlen(s), *run = s;
    while (s < end) {
        /* Eight bytes at a time while none needs an escape (most text,
         * Chinese included, needs none), then byte by byte to the one that
         * does. */
        uint64_t w;
        while (s + 8 <= end) {
            memcpy(&w, s, 8);
            if (needs_escape(w))
                break;
            s += 8;
        }
        while (s < end && (unsigned char)*s >= 0x20 && *s != '"' && *s != '\\')
            s++;
        if (s == end)
            break;
        unsigned char c = (unsigned char)*s;
        gs_buf_append(b, run, (size_t)(s - run));
        run = ++s;
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
    if (b->oom || b->fixed) {
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
