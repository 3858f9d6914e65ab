/*
 * fact_value.c - fact values: parsing by declared type and checking.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fact_value.h"

void gs_fact_expected(const gs_fact *f, char *buf, size_t size)
{
    size_t off = 0;
    switch (f->type) {
    case GS_T_BOOL: snprintf(buf, size, "true or false"); return;
    case GS_T_DATE: snprintf(buf, size, "a date written YYYY-MM-DD"); return;
    case GS_T_INT:
        off = (size_t)snprintf(buf, size, "a whole number");
        if (f->has_min && f->has_max)
            snprintf(buf + off, size - off, " from %lld to %lld", (long long)f->imin,
                     (long long)f->imax);
        else if (f->has_min)
            snprintf(buf + off, size - off, " of at least %lld", (long long)f->imin);
        else if (f->has_max)
            snprintf(buf + off, size - off, " of at most %lld", (long long)f->imax);
        return;
    case GS_T_NUMBER:
        off = (size_t)snprintf(buf, size, "a number");
        if (f->has_min && f->has_max)
            snprintf(buf + off, size - off, " from %g to %g", f->min, f->max);
        else if (f->has_min)
            snprintf(buf + off, size - off, " of at least %g", f->min);
        else if (f->has_max)
            snprintf(buf + off, size - off, " of at most %g", f->max);
        return;
    case GS_T_ENUM:
        off = (size_t)snprintf(buf, size, "one of");
        for (uint32_t i = 0; i < f->nvalues && off < size; i++)
            off += (size_t)snprintf(buf + off, size - off, "%s %s", i ? "," : "", f->values[i]);
        return;
    case GS_T_STRING:
        if (f->pattern)
            snprintf(buf, size, "text matching '%s'", f->pattern->src);
        else
            snprintf(buf, size, "text");
        return;
    default: snprintf(buf, size, "a value"); return;
    }
}

static int fail(const gs_fact *f, gs_value_error *err, const char *code, const char *what,
                const char *text, size_t len)
{
    char expected[200], quoted[41];
    gs_fact_expected(f, expected, sizeof expected);
    err->code = code;
    if (len > 40) { /* quote at most 40 bytes, cut on a character boundary */
        len = 40;
        while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
            len--;
    }
    /* The text comes from the caller (a command-line argument may be GBK):
     * quoted with '?' for what is not printable UTF-8, so that the message
     * itself stays valid text. */
    gs_utf8_sanitize(quoted, sizeof quoted, text, len);
    snprintf(err->msg, sizeof err->msg, "fact '%s' %s '%s'; expected %s", f->name, what, quoted,
             expected);
    return -1;
}

int gs_value_parse(const gs_fact *f, const char *s, size_t len, gs_value *out,
                   gs_value_error *err)
{
    memset(out, 0, sizeof *out);
    out->known = 1;
    out->type = (uint8_t)f->type;
    char tmp[64];
    switch (f->type) {
    case GS_T_BOOL:
        if (len == 4 && memcmp(s, "true", 4) == 0)
            out->u.b = 1;
        else if (len == 5 && memcmp(s, "false", 5) == 0)
            out->u.b = 0;
        else
            return fail(f, err, "E061", "cannot be", s, len);
        break;
    case GS_T_INT: {
        if (len == 0 || len >= sizeof tmp)
            return fail(f, err, "E061", "cannot be", s, len);
        memcpy(tmp, s, len);
        tmp[len] = '\0';
        char *end;
        errno = 0;
        long long v = strtoll(tmp, &end, 10);
        int digit0 = tmp[0] == '-' ? tmp[1] >= '0' && tmp[1] <= '9' : tmp[0] >= '0' && tmp[0] <= '9';
        if (!digit0 || *end || errno)
            return fail(f, err, "E061", "cannot be", s, len);
        out->u.i = v;
        break;
    }
    case GS_T_NUMBER: {
        if (len == 0 || len >= sizeof tmp)
            return fail(f, err, "E061", "cannot be", s, len);
        memcpy(tmp, s, len);
        tmp[len] = '\0';
        char *end;
        errno = 0;
        double v = strtod(tmp, &end);
        int digit0 = (tmp[0] >= '0' && tmp[0] <= '9') || (tmp[0] == '-' && tmp[1] >= '0' && tmp[1] <= '9');
        if (!digit0 || *end || errno || !isfinite(v))
            return fail(f, err, "E061", "cannot be", s, len);
        out->u.n = v;
        break;
    }
    case GS_T_DATE:
        if (gs_date_parse(s, len, &out->u.d) < 0)
            return fail(f, err, "E061", "cannot be", s, len);
        break;
    case GS_T_ENUM: {
        int i = gs_fact_enum_index(f, s, len);
        if (i < 0)
            return fail(f, err, "E063", "cannot be", s, len);
        out->u.e = (uint32_t)i;
        break;
    }
    case GS_T_STRING:
        /* Text facts are UTF-8 like everything else the library reads; a
         * GBK command-line argument is refused, not compared byte-wise. */
        if (len > UINT32_MAX || memchr(s, '\0', len) || gs_utf8_invalid_offset(s, len) >= 0)
            return fail(f, err, "E061", "is not valid UTF-8 text:", s, len);
        out->u.s.p = s;
        out->u.s.len = (uint32_t)len;
        break;
    default: return fail(f, err, "E061", "cannot be", s, len);
    }
    return gs_value_check(f, out, err);
}

int gs_value_check(const gs_fact *f, const gs_value *v, gs_value_error *err)
{
    char text[64];
    switch (f->type) {
    case GS_T_INT:
        if ((f->has_min && v->u.i < f->imin) || (f->has_max && v->u.i > f->imax)) {
            snprintf(text, sizeof text, "%lld", (long long)v->u.i);
            return fail(f, err, "E062", "is out of range:", text, strlen(text));
        }
        break;
    case GS_T_NUMBER:
        if (!isfinite(v->u.n)) {
            snprintf(text, sizeof text, "%g", v->u.n);
            return fail(f, err, "E061", "cannot be", text, strlen(text));
        }
        if ((f->has_min && v->u.n < f->min) || (f->has_max && v->u.n > f->max)) {
            snprintf(text, sizeof text, "%g", v->u.n);
            return fail(f, err, "E062", "is out of range:", text, strlen(text));
        }
        break;
    case GS_T_ENUM:
        if (v->u.e >= f->nvalues)
            return fail(f, err, "E063", "cannot be", "?", 1);
        break;
    case GS_T_STRING:
        if (f->pattern) {
            int m = gs_pattern_match(f->pattern, v->u.s.p, v->u.s.len);
            /* m < 0: pcre2's match, depth or heap limit was hit. The value is
             * refused, never guessed to match; E253 says why. */
            if (m != 1)
                return fail(f, err, m == 0 ? "E064" : "E253",
                            m == 0 ? "does not match its pattern:"
                                   : "could not be checked within the pattern limits:",
                            v->u.s.p, v->u.s.len);
        }
        break;
    default: break;
    }
    return 0;
}
