/*
 * diff_json.c - the semantic diff as deterministic JSON, schema
 * govsvc.diff/1, documented field by field in docs/diff-json.md. Keys come
 * in a fixed order; the same two rulebooks always give the same bytes.
 */
#include <string.h>

#include "diff_cases.h"
#include "diff_int.h"

static void str_or_null(gs_buf *b, const char *s)
{
    if (s)
        gs_buf_json_str(b, s);
    else
        gs_buf_puts(b, "null");
}

static void version(gs_buf *b, const struct govsvc_rulebook *rb)
{
    gs_buf_puts(b, "{\"id\": ");
    gs_buf_json_str(b, rb->id);
    gs_buf_puts(b, ", \"version\": ");
    gs_buf_json_str(b, rb->version);
    gs_buf_puts(b, ", \"effective\": ");
    if (rb->effective == GS_DAY_MIN) {
        gs_buf_puts(b, "null");
    } else {
        char t[11];
        gs_date_format(rb->effective, t);
        gs_buf_json_str(b, t);
    }
    gs_buf_puts(b, ", \"digest\": ");
    gs_buf_json_str(b, rb->digest);
    gs_buf_puts(b, "}");
}

static const char *kind_name(gs_change_kind k)
{
    switch (k) {
    case GS_CH_FIELD: return "field";
    case GS_CH_DEADLINE: return "deadline";
    case GS_CH_VARIANT: return "deadline_variant";
    case GS_CH_MAT_ADDED: return "material_added";
    case GS_CH_MAT_REMOVED: return "material_removed";
    case GS_CH_MAT_RENAMED: return "material_renamed";
    case GS_CH_MAT_LINE: return "material_lines";
    case GS_CH_MAT_CATALOGUE: return "material_catalogue";
    }
    return "field";
}

static void change(gs_buf *b, const gs_change *c)
{
    gs_buf_printf(b, "{\"kind\": \"%s\", \"field\": ", kind_name(c->kind));
    gs_buf_json_str(b, c->field);
    if (c->material) {
        gs_buf_puts(b, c->kind == GS_CH_FIELD ? ", \"key\": " : ", \"material\": ");
        gs_buf_json_str(b, c->material);
    }
    if (c->kind == GS_CH_DEADLINE || c->kind == GS_CH_VARIANT) {
        /* null: a single deadline; "": the last variant (the default route) */
        gs_buf_puts(b, ", \"variant\": ");
        str_or_null(b, c->variant);
    }
    gs_buf_puts(b, ", \"from\": ");
    str_or_null(b, c->from);
    gs_buf_puts(b, ", \"to\": ");
    str_or_null(b, c->to);
    if (c->from_statutory)
        gs_buf_puts(b, ", \"from_statutory\": true");
    if (c->to_statutory)
        gs_buf_puts(b, ", \"to_statutory\": true");
    gs_buf_puts(b, "}");
}

static void sit_deadline(gs_buf *b, const gs_sit_deadline *d)
{
    char t[32];
    if (d->state == 0) {
        gs_buf_puts(b, "null");
        return;
    }
    if (d->state == 2) {
        gs_buf_puts(b, "{\"conditional\": true}");
        return;
    }
    gs_buf_puts(b, "{\"promised\": ");
    gs_duration_format(d->promised, t);
    str_or_null(b, d->has_promised ? t : NULL);
    gs_buf_puts(b, ", \"statutory\": ");
    gs_duration_format(d->statutory, t);
    str_or_null(b, d->has_statutory ? t : NULL);
    gs_buf_puts(b, "}");
}

static const char *status_or_null(int st)
{
    return st == GS_OUT_ABSENT ? NULL : govsvc_status_name((govsvc_material_status)st);
}

static void situation(gs_buf *b, const gs_situation *s)
{
    gs_buf_puts(b, "{\"facts\": {");
    gs_buf_puts(b, s->facts_json);
    gs_buf_printf(b, "}, \"combinations\": %zu, \"materials\": [", s->combinations);
    for (uint32_t k = 0; k < s->nmats; k++) {
        gs_buf_puts(b, k ? ", {\"id\": " : "{\"id\": ");
        gs_buf_json_str(b, s->mats[k].id);
        gs_buf_puts(b, ", \"name\": ");
        gs_buf_json_str(b, s->mats[k].name);
        gs_buf_puts(b, ", \"from\": ");
        str_or_null(b, status_or_null(s->mats[k].from));
        gs_buf_puts(b, ", \"to\": ");
        str_or_null(b, status_or_null(s->mats[k].to));
        gs_buf_puts(b, "}");
    }
    gs_buf_puts(b, "]");
    if (s->deadline_changed) {
        gs_buf_puts(b, ", \"deadline\": {\"from\": ");
        sit_deadline(b, &s->dfrom);
        gs_buf_puts(b, ", \"to\": ");
        sit_deadline(b, &s->dto);
        gs_buf_puts(b, "}");
    }
    gs_buf_puts(b, "}");
}

static void item(gs_buf *b, const gs_ditem *it)
{
    static const char *const names[] = {"changed", "added", "removed"};
    gs_buf_puts(b, "    {\"code\": ");
    gs_buf_json_str(b, it->code);
    gs_buf_puts(b, ", \"name\": ");
    str_or_null(b, it->name);
    gs_buf_printf(b, ", \"change\": \"%s\"", names[it->change]);
    if (it->change != GS_IT_CHANGED) {
        gs_buf_puts(b, "}");
        return;
    }
    gs_buf_puts(b, ",\n     \"changes\": [");
    for (uint32_t k = 0; k < it->nchanges; k++) {
        gs_buf_puts(b, k ? ",\n       " : "\n       ");
        change(b, &it->changes[k]);
    }
    gs_buf_puts(b, it->nchanges ? "\n     ],\n" : "],\n");
    gs_buf_printf(b, "     \"situations\": {\"combinations\": %zu, \"enumerated\": %zu, "
                     "\"capped\": %s, \"changed\": [",
                  it->combinations, it->enumerated, it->capped ? "true" : "false");
    for (uint32_t k = 0; k < it->nsits; k++) {
        gs_buf_puts(b, k ? ",\n       " : "\n       ");
        situation(b, &it->sits[k]);
    }
    gs_buf_puts(b, it->nsits ? "\n     ]},\n" : "]},\n");
    gs_buf_printf(b, "     \"days_saved\": %ld, \"days_added\": %ld, \"proofs_cancelled\": %ld}",
                  it->days_saved, it->days_added, it->proofs_cancelled);
}

int govsvc_diff_to_json(const govsvc_diff_report *d, char **out, size_t *len)
{
    if (!out)
        return GOVSVC_EINVAL;
    *out = NULL;
    if (!d)
        return GOVSVC_EINVAL;
    gs_buf b;
    gs_buf_init(&b);
    gs_buf_puts(&b, "{\n  \"schema\": \"govsvc.diff/1\",\n  \"from\": ");
    version(&b, d->from);
    gs_buf_puts(&b, ",\n  \"to\": ");
    version(&b, d->to);
    gs_buf_puts(&b, ",\n  \"rulebook\": [");
    for (uint32_t i = 0; i < d->nchanges; i++) {
        gs_buf_puts(&b, i ? ",\n    " : "\n    ");
        change(&b, &d->changes[i]);
    }
    gs_buf_puts(&b, d->nchanges ? "\n  ],\n  \"items\": [" : "],\n  \"items\": [");
    for (uint32_t i = 0; i < d->nitems; i++) {
        gs_buf_puts(&b, i ? ",\n" : "\n");
        item(&b, &d->items[i]);
    }
    const long *t = d->totals;
    gs_buf_puts(&b, d->nitems ? "\n  ],\n" : "],\n");
    gs_buf_printf(&b,
                  "  \"totals\": {\"items_changed\": %ld, \"items_added\": %ld, "
                  "\"items_removed\": %ld, \"proofs_cancelled\": %ld, \"days_saved\": %ld, "
                  "\"days_added\": %ld, \"situations\": %ld}\n}\n",
                  t[GOVSVC_DIFF_ITEMS_CHANGED], t[GOVSVC_DIFF_ITEMS_ADDED],
                  t[GOVSVC_DIFF_ITEMS_REMOVED], t[GOVSVC_DIFF_PROOFS_CANCELLED],
                  t[GOVSVC_DIFF_DAYS_SAVED], t[GOVSVC_DIFF_DAYS_ADDED],
                  t[GOVSVC_DIFF_SITUATIONS]);
    *out = gs_buf_detach(&b, len);
    return *out ? 0 : GOVSVC_ENOMEM;
}
