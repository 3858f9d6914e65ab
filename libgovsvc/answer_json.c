/*
 * answer_json.c - the answer as deterministic JSON, schema govsvc.answer/1
 * (SPEC section 9). Keys come in a fixed order and nothing depends on
 * addresses, time or locale, so the same rulebook, facts and date give
 * byte-identical output.
 */
#include <string.h>

#include "answer_int.h"

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

static void because(gs_buf *b, const gs_amat *m)
{
    char pos[32];
    gs_buf_puts(b, ", \"because\": {\"rule\": ");
    gs_buf_putc(b, '"');
    gs_buf_puts(b, m->line->pos.file ? m->line->pos.file : "");
    snprintf(pos, sizeof pos, ":%u:%u\"", m->line->pos.line, m->line->pos.col);
    gs_buf_puts(b, pos);
    gs_buf_puts(b, ", \"conditions\": [");
    for (uint32_t i = 0; i < m->nreasons; i++) {
        const gs_reason *r = &m->reasons[i];
        gs_buf_puts(b, i ? ", {\"name\": " : "{\"name\": ");
        gs_buf_json_str(b, r->name);
        gs_buf_puts(b, ", \"condition\": ");
        gs_buf_json_str(b, r->condition ? r->condition : "");
        gs_buf_printf(b, ", \"value\": \"%s\"}", tri_name(r->value));
    }
    gs_buf_puts(b, "]}");
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
    if (a->flags & GOVSVC_QUERY_EXPLAIN)
        because(b, m);
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

int govsvc_answer_to_json(const govsvc_answer *a, char **out, size_t *len)
{
    if (!out)
        return GOVSVC_EINVAL;
    *out = NULL;
    if (!a)
        return GOVSVC_EINVAL;
    const struct govsvc_rulebook *rb = a->rb;
    gs_buf b;
    gs_buf_init(&b);
    gs_buf_puts(&b, "{\n  \"schema\": \"govsvc.answer/1\",\n  \"rulebook\": {\"id\": ");
    gs_buf_json_str(&b, rb->id);
    gs_buf_puts(&b, ", \"version\": ");
    gs_buf_json_str(&b, rb->version);
    gs_buf_puts(&b, ", \"digest\": ");
    gs_buf_json_str(&b, rb->digest);
    gs_buf_puts(&b, "},\n  \"date\": ");
    date_str(&b, a->date);
    gs_buf_puts(&b, ",\n  \"item\": {\"code\": ");
    gs_buf_json_str(&b, a->item->code);
    gs_buf_puts(&b, ", \"name\": ");
    gs_buf_json_str(&b, a->item->name);
    gs_buf_puts(&b, "},\n  \"materials\": [");
    for (uint32_t i = 0; i < a->nmats; i++) {
        gs_buf_puts(&b, i ? ",\n" : "\n");
        material(&b, a, &a->mats[i]);
    }
    gs_buf_puts(&b, a->nmats ? "\n  ]" : "]");
    deadline(&b, a);
    if (a->item->visits >= 0)
        gs_buf_printf(&b, ",\n  \"visits\": %d", a->item->visits);
    if (a->item->online)
        gs_buf_printf(&b, ",\n  \"online\": \"%s\"", a->item->online);
    if (a->nask) {
        gs_buf_puts(&b, ",\n  \"ask\": [");
        for (uint32_t i = 0; i < a->nask; i++) {
            if (i)
                gs_buf_puts(&b, ", ");
            gs_buf_json_str(&b, rb->schema.facts[a->ask[i]].name);
        }
        gs_buf_puts(&b, "]");
    }
    gs_buf_puts(&b, "\n}\n");
    *out = gs_buf_detach(&b, len);
    return *out ? 0 : GOVSVC_ENOMEM;
}
