/*
 * answer_json.c - the answer as deterministic JSON, schema govsvc.answer/1
 * (SPEC section 9). Keys come in a fixed order and nothing depends on
 * addresses, time or locale, so the same rulebook, facts and date give
 * byte-identical output.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bundle.h"
#include "deadline_int.h"
#include "notice.h"

static void date_str(gs_buf *b, gs_day d)
{
    char t[11];
    gs_date_format(d, t);
    gs_buf_json_str(b, t);
}

static void forms(gs_buf *b, unsigned form)
{
    static const char *const names[] = {"original", "copy", "electronic"};
    gs_buf_puts(b, "[");
    int first = 1;
    for (int i = 0; i < 3; i++) {
        if (!(form & (1u << i)))
            continue;
        gs_buf_printf(b, "%s\"%s\"", first ? "" : ", ", names[i]);
        first = 0;
    }
    gs_buf_puts(b, "]");
}

static const char *tri_name(gs_tri t)
{
    return t == GS_TRUE ? "true" : t == GS_FALSE ? "false" : "unknown";
}

static void pos_str(gs_buf *b, gs_pos p)
{
    char t[32];
    gs_buf_putc(b, '"');
    gs_buf_puts(b, p.file ? p.file : "");
    snprintf(t, sizeof t, ":%u:%u\"", p.line, p.col);
    gs_buf_puts(b, t);
}

/* A number as JSON: the shortest of %.15g and %.17g that reads back the
 * same double, so 450 stays 450 and nothing is lost; null if not finite. */
static void number(gs_buf *b, double x)
{
    char t[40];
    if (!isfinite(x)) {
        gs_buf_puts(b, "null");
        return;
    }
    snprintf(t, sizeof t, "%.15g", x);
    if (strtod(t, NULL) != x)
        snprintf(t, sizeof t, "%.17g", x);
    gs_buf_puts(b, t);
}

/* A fact's value in its JSON type: bool, number, or string (enum values,
 * strings and dates). */
static void value_json(gs_buf *b, const gs_fact *f, const gs_value *v)
{
    gs_buf tmp;
    switch (v->type) {
    case GS_T_BOOL: gs_buf_puts(b, v->u.b ? "true" : "false"); break;
    case GS_T_INT: gs_buf_printf(b, "%lld", (long long)v->u.i); break;
    case GS_T_NUMBER: number(b, v->u.n); break;
    default: {
        /* On the stack when it fits (enum values, dates, short strings), so
         * that writing an answer allocates nothing (answer.h). */
        char small[256];
        gs_buf_init_fixed(&tmp, small, sizeof small);
        gs_value_text(f, v, GS_LANG_EN, &tmp);
        if (tmp.overflow) {
            gs_buf_init(&tmp);
            gs_value_text(f, v, GS_LANG_EN, &tmp);
        }
        gs_buf_json_str(b, tmp.data ? tmp.data : "");
        b->oom |= tmp.oom;
        gs_buf_free(&tmp);
        break;
    }
    }
}

/* --explain (SPEC 9): the rule's place; each condition consulted with its
 * value, its place and the facts it read; the statuses tried in order and
 * the verdict saying why the chosen one won. */
static void because(gs_buf *b, const govsvc_answer *a, const gs_amat *m)
{
    const gs_schema *s = &a->rb->schema;
    gs_buf_puts(b, ", \"because\": {\"rule\": ");
    pos_str(b, m->line->pos);
    gs_buf_puts(b, ", \"conditions\": [");
    for (uint32_t i = 0; i < m->nreasons; i++) {
        const gs_reason *r = &m->reasons[i];
        gs_buf_puts(b, i ? ", {\"name\": " : "{\"name\": ");
        gs_buf_json_str(b, r->name);
        gs_buf_puts(b, ", \"condition\": ");
        gs_buf_json_str(b, r->condition ? r->condition : "");
        gs_buf_printf(b, ", \"value\": \"%s\", \"at\": ", tri_name(r->value));
        pos_str(b, r->pos);
        gs_buf_puts(b, ", \"facts\": [");
        for (uint32_t k = 0; k < r->nfacts; k++) {
            const gs_read_fact *f = &r->facts[k];
            const gs_fact *fd = &s->facts[f->slot];
            gs_buf_puts(b, k ? ", {\"name\": " : "{\"name\": ");
            gs_buf_json_str(b, fd->name);
            gs_buf_puts(b, ", \"value\": ");
            if (f->from == GS_FROM_UNKNOWN)
                gs_buf_puts(b, "null");
            else
                value_json(b, fd, &f->value);
            if (f->from == GS_FROM_DEFAULT)
                gs_buf_puts(b, ", \"default\": true");
            gs_buf_puts(b, "}");
        }
        gs_buf_puts(b, "]}");
    }
    gs_buf_puts(b, "], \"decision\": [");
    for (uint32_t i = 0; i < m->nsteps; i++) {
        const gs_step *st = &m->steps[i];
        gs_buf_printf(b, "%s{\"status\": \"%s\", \"result\": \"%s\"", i ? ", " : "",
                      govsvc_status_name(st->status), gs_step_result_name(st->result));
        if (st->reason >= 0) {
            gs_buf_puts(b, ", \"condition\": ");
            gs_buf_json_str(b, m->reasons[st->reason].name);
        }
        gs_buf_puts(b, "}");
    }
    gs_buf_puts(b, "], \"verdict\": ");
    gs_buf tmp;
    char small[512]; /* the verdict is a sentence: no allocation (answer.h) */
    gs_buf_init_fixed(&tmp, small, sizeof small);
    gs_explain_verdict(m, GS_LANG_EN, &tmp);
    if (tmp.overflow) {
        gs_buf_init(&tmp);
        gs_explain_verdict(m, GS_LANG_EN, &tmp);
    }
    gs_buf_json_str(b, tmp.data ? tmp.data : "");
    b->oom |= tmp.oom;
    gs_buf_free(&tmp);
    gs_buf_puts(b, "}");
}

/* "ask": the facts worth asking, most decisive first, with what a kiosk
 * needs to ask them (label, type, allowed values) and how many decisions
 * each would settle. */
static void ask(gs_buf *b, const govsvc_answer *a)
{
    static const char *const types[] = {"", "bool", "int", "number", "string", "enum", "date"};
    const govsvc_missing_fact *const *mf;
    size_t n = govsvc_answer_missing_facts(a, &mf);
    if (!n)
        return;
    gs_buf_puts(b, ",\n  \"ask\": [");
    for (size_t i = 0; i < n; i++) {
        const govsvc_missing_fact *f = mf[i];
        gs_buf_puts(b, i ? ",\n    {\"fact\": " : "\n    {\"fact\": ");
        gs_buf_json_str(b, f->name);
        if (f->label) {
            gs_buf_puts(b, ", \"label\": ");
            gs_buf_json_str(b, f->label);
        }
        if (f->label_en) {
            gs_buf_puts(b, ", \"label_en\": ");
            gs_buf_json_str(b, f->label_en);
        }
        gs_buf_printf(b, ", \"type\": \"%s\"",
                      (unsigned)f->type < GS_ARRAY_LEN(types) ? types[f->type] : "");
        if (f->nvalues) {
            gs_buf_puts(b, ", \"values\": [");
            for (size_t k = 0; k < f->nvalues; k++) {
                gs_buf_puts(b, k ? ", " : "");
                gs_buf_json_str(b, f->values[k]);
            }
            gs_buf_puts(b, "]");
        }
        if (f->has_min) {
            gs_buf_puts(b, ", \"min\": ");
            number(b, f->min);
        }
        if (f->has_max) {
            gs_buf_puts(b, ", \"max\": ");
            number(b, f->max);
        }
        if (f->pattern) {
            gs_buf_puts(b, ", \"pattern\": ");
            gs_buf_json_str(b, f->pattern);
        }
        gs_buf_printf(b, ", \"settles\": %zu}", f->settles);
    }
    gs_buf_puts(b, "\n  ]");
}

static void material(gs_buf *b, const govsvc_answer *a, const gs_amat *m)
{
    gs_buf_puts(b, "    {\"id\": ");
    gs_buf_json_str(b, m->mat->id);
    gs_buf_puts(b, ", \"name\": ");
    gs_buf_json_str(b, m->mat->name ? m->mat->name : m->mat->id);
    gs_buf_printf(b, ", \"status\": \"%s\"", govsvc_status_name(m->status));
    if (m->has_due) {
        gs_buf_puts(b, ", \"due\": ");
        date_str(b, m->due);
    }
    if (m->has_verify) {
        gs_buf_puts(b, ", \"verify_due\": ");
        date_str(b, m->verify_due);
    }
    if (m->condition) {
        gs_buf_puts(b, ", \"condition\": ");
        gs_buf_json_str(b, m->condition);
    }
    if (m->form) {
        gs_buf_puts(b, ", \"form\": ");
        forms(b, m->form);
    }
    if (m->copies)
        gs_buf_printf(b, ", \"copies\": %u", m->copies);
    if (m->mat->source) {
        static const char *const src[] = {"", "applicant", "government", "third_party"};
        gs_buf_printf(b, ", \"source\": \"%s\"", src[m->mat->source]);
    }
    if (m->nitems)
        gs_bundle_json_items(b, a, m); /* a bundle's items needing it */
    if (a->flags & GOVSVC_QUERY_EXPLAIN)
        because(b, a, m);
    gs_buf_puts(b, "}");
}

static void limit(gs_buf *b, const char *name, const char *text, gs_day due, int last)
{
    gs_buf_printf(b, "    \"%s\": {\"duration\": ", name);
    gs_buf_json_str(b, text);
    gs_buf_puts(b, ", \"due\": ");
    date_str(b, due);
    gs_buf_puts(b, last ? "}\n" : "},\n");
}

static void deadline(gs_buf *b, const govsvc_answer *a)
{
    const gs_deadline *d = a->deadline;
    if (!d && !a->deadline_condition)
        return;
    gs_buf_puts(b, ",\n  \"deadline\": {\n");
    if (!d) {
        gs_buf_puts(b, "    \"condition\": ");
        gs_buf_json_str(b, a->deadline_condition);
        gs_buf_puts(b, "\n  }");
        return;
    }
    int has_ext = d->has_extension, nsp = d->nspecial > 0;
    if (a->has_promised_due)
        limit(b, "promised", a->promised_text, a->promised_due,
              !a->has_statutory_due && !has_ext && !nsp);
    if (a->has_statutory_due)
        limit(b, "statutory", a->statutory_text, a->statutory_due, !has_ext && !nsp);
    if (has_ext) {
        char t[32];
        gs_duration_format(d->extension, t);
        gs_buf_puts(b, "    \"extension\": ");
        gs_buf_json_str(b, t);
        gs_buf_puts(b, nsp ? ",\n" : "\n");
    }
    if (nsp) {
        gs_buf_puts(b, "    \"special\": [");
        for (uint32_t i = 0; i < d->nspecial; i++) {
            gs_buf_puts(b, i ? ", {\"name\": " : "{\"name\": ");
            gs_buf_json_str(b, d->special[i].name);
            gs_buf_puts(b, ", \"max\": ");
            gs_buf_json_str(b, a->special_text[i]);
            gs_buf_puts(b, "}");
        }
        gs_buf_puts(b, "]\n");
    }
    gs_buf_puts(b, "  }");
}

/* The whole answer, into a new buffer (*out, *len) or, with `into`, into
 * that buffer (the caller's memory: govsvc_answer_write_json). */
static int write_json(const govsvc_answer *a, gs_buf *into, char **out, size_t *len)
{
    const struct govsvc_rulebook *rb = a->rb;
    gs_buf b;
    if (into)
        b = *into;
    else
        gs_buf_init(&b);
    gs_buf_puts(&b, "{\n  \"schema\": \"govsvc.answer/1\",\n  \"rulebook\": {\"id\": ");
    gs_buf_json_str(&b, rb->id);
    gs_buf_puts(&b, ", \"version\": ");
    gs_buf_json_str(&b, rb->version);
    gs_buf_puts(&b, ", \"digest\": ");
    gs_buf_json_str(&b, rb->digest);
    gs_buf_puts(&b, "},\n  \"date\": ");
    date_str(&b, a->date);
    if (a->bundle) {
        gs_bundle_json_head(&b, a); /* "bundle" instead of "item" (bundle.c) */
    } else {
        gs_buf_puts(&b, ",\n  \"item\": {\"code\": ");
        gs_buf_json_str(&b, a->item->code);
        gs_buf_puts(&b, ", \"name\": ");
        gs_buf_json_str(&b, a->item->name);
        gs_buf_puts(&b, "}");
    }
    gs_buf_puts(&b, ",\n  \"materials\": [");
    for (uint32_t i = 0; i < a->nmats; i++) {
        gs_buf_puts(&b, i ? ",\n" : "\n");
        material(&b, a, &a->mats[i]);
    }
    gs_buf_puts(&b, a->nmats ? "\n  ]" : "]");
    if (a->bundle)
        gs_bundle_json_deadline(&b, a);
    else if (a->nevents)
        gs_deadline_json(&b, a); /* counted through events (deadline.c) */
    else
        deadline(&b, a);
    if (a->item && a->item->visits >= 0)
        gs_buf_printf(&b, ",\n  \"visits\": %d", a->item->visits);
    if (a->item && a->item->online)
        gs_buf_printf(&b, ",\n  \"online\": \"%s\"", a->item->online);
    ask(&b, a);
    gs_buf_puts(&b, "\n}\n");
    if (into) {
        *into = b;
        return b.oom ? GOVSVC_ENOMEM : 0;
    }
    *out = gs_buf_detach(&b, len);
    return *out ? 0 : GOVSVC_ENOMEM;
}

int govsvc_answer_to_json(const govsvc_answer *a, char **out, size_t *len)
{
    if (!out)
        return GOVSVC_EINVAL;
    *out = NULL;
    if (!a || (!a->item && !a->bundle)) /* an empty answer (govsvc_answer_new) */
        return GOVSVC_EINVAL;
    return write_json(a, NULL, out, len);
}

int govsvc_answer_write_json(const govsvc_answer *a, char *buf, size_t size, size_t *len)
{
    if (len)
        *len = 0;
    if (!a || (!a->item && !a->bundle) || (!buf && size))
        return GOVSVC_EINVAL;
    gs_buf b;
    gs_buf_init_fixed(&b, buf, size);
    int r = write_json(a, &b, NULL, NULL);
    if (len)
        *len = b.len;
    return r ? r : b.overflow ? GOVSVC_ELIMIT : 0;
}
