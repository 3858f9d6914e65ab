/*
 * text.c - UTF-8 validation and counting, and edit distance for hints.
 */
#include <string.h>

#include "util.h"

long gs_utf8_invalid_offset(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0;
    while (i < len) {
        unsigned c = s[i];
        if (c < 0x80) {
            /* Runs of ASCII (indentation, keys, codes) eight bytes at a
             * time: a rulebook is mostly ASCII between its Chinese texts. */
            i++;
            while (i + 8 <= len) {
                uint64_t w;
                memcpy(&w, s + i, 8);
                if (w & 0x8080808080808080u)
                    break;
                i += 8;
            }
            continue;
        }
        size_t n;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return (long)i;
        }
        if (i + n >= len) /* truncated sequence */
            return (long)i;
        for (size_t k = 1; k <= n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return (long)i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        /* Overlong forms, surrogates and code points past U+10FFFF. */
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return (long)i;
        i += n + 1;
    }
    return -1;
}

size_t gs_utf8_sanitize(char *dst, size_t size, const char *src, size_t len)
{
    size_t o = 0, i = 0;
    if (!size)
        return 0;
    while (i < len) {
        long bad = gs_utf8_invalid_offset(src + i, len - i);
        size_t ok = bad < 0 ? len - i : (size_t)bad;
        for (size_t k = 0; k < ok; k++) {
            unsigned char c = (unsigned char)src[i + k];
            /* Stop before a character that does not fit whole. */
            size_t clen = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
            if ((c & 0xC0) != 0x80 && o + clen >= size) {
                dst[o] = '\0';
                return o;
            }
            dst[o++] = c < 0x20 || c == 0x7F ? '?' : (char)c;
        }
        i += ok;
        if (i < len) {
            if (o + 1 >= size)
                break;
            dst[o++] = '?';
            i++;
        }
    }
    dst[o] = '\0';
    return o;
}

size_t gs_utf8_count(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            count++;
    return count;
}

unsigned gs_edit_distance(const char *a, const char *b, unsigned cap)
{
    GS_WORK(1); /* at most 65 x 65 cells */
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return cap + 1;
    if ((la > lb ? la - lb : lb - la) > cap)
        return cap + 1;
    unsigned row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (unsigned)j;
    for (size_t i = 1; i <= la; i++) {
        unsigned prev = row[0];
        row[0] = (unsigned)i;
        unsigned best = row[0];
        for (size_t j = 1; j <= lb; j++) {
            unsigned cur = row[j];
            unsigned sub = prev + (a[i - 1] != b[j - 1]);
            unsigned del = row[j] + 1, ins = row[j - 1] + 1;
            row[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
            prev = cur;
            if (row[j] < best)
                best = row[j];
        }
        if (best > cap)
            return cap + 1;
    }
    return row[lb];
}
