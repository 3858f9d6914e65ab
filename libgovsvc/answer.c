/*
 * answer.c - reading an answer: borrowed accessors over the decided lines.
 */
#include <stdio.h>
#include <string.h>

#include "answer_int.h"

const char *govsvc_status_name(govsvc_material_status s)
{
    switch (s) {
    case GOVSVC_STATUS_SHARED: return "shared";
    case GOVSVC_STATUS_COMMITMENT: return "commitment";
    case GOVSVC_STATUS_DEFERRED: return "deferred";
    case GOVSVC_STATUS_REQUIRED: return "required";
    case GOVSVC_STATUS_CONDITIONAL: return "conditional";
    default: return "unknown";
    }
}

static govsvc_date to_date(gs_day d)
{
    govsvc_date g;
    gs_ymd_from_day(d, &g.year, &g.month, &g.day);
    return g;
}

static const gs_amat *mat(const govsvc_answer *a, size_t i)
{
    return a && i < a->nmats ? &a->mats[i] : NULL;
}

/* A bundle answer has no item (bundle.c): NULL. */
const char *govsvc_answer_item_code(const govsvc_answer *a)
{
    return a && a->item ? a->item->code : NULL;
}

const char *govsvc_answer_item_name(const govsvc_answer *a)
{
    return a && a->item ? a->item->name : NULL;
}

govsvc_date govsvc_answer_date(const govsvc_answer *a)
{
    govsvc_date z = {0, 0, 0};
    return a ? to_date(a->date) : z;
}

size_t govsvc_answer_material_count(const govsvc_answer *a) { return a ? a->nmats : 0; }

const char *govsvc_answer_material_id(const govsvc_answer *a, size_t i)
{
    const gs_amat *m = mat(a, i);
    return m ? m->mat->id : NULL;
}

const char *govsvc_answer_material_name(const govsvc_answer *a, size_t i)
{
    const gs_amat *m = mat(a, i);
    return m ? m->mat->name : NULL;
}

govsvc_material_status govsvc_answer_material_status(const govsvc_answer *a, size_t i)
{
    const gs_amat *m = mat(a, i);
    return m ? m->status : (govsvc_material_status)0;
}

const char *govsvc_answer_material_source(const govsvc_answer *a, size_t i)
{
    static const char *const names[] = {NULL, "applicant", "government", "third_party"};
    const gs_amat *m = mat(a, i);
    return m ? names[m->mat->source] : NULL;
}

unsigned govsvc_answer_material_form(const govsvc_answer *a, size_t i)
{
    const gs_amat *m = mat(a, i);
    return m ? m->form : 0;
}

unsigned govsvc_answer_material_copies(const govsvc_answer *a, size_t i)
{
    const gs_amat *m = mat(a, i);
    return m ? m->copies : 0;
}

int govsvc_answer_material_due(const govsvc_answer *a, size_t i, govsvc_date *due)
{
    const gs_amat *m = mat(a, i);
    if (!m || !m->has_due)
        return 0;
    if (due)
        *due = to_date(m->due);
    return 1;
}

int govsvc_answer_material_verify_due(const govsvc_answer *a, size_t i, govsvc_date *due)
{
    const gs_amat *m = mat(a, i);
    if (!m || !m->has_verify)
        return 0;
    if (due)
        *due = to_date(m->verify_due);
    return 1;
}

const char *govsvc_answer_material_condition(const govsvc_answer *a, size_t i)
{
    const gs_amat *m = mat(a, i);
    return m ? m->condition : NULL;
}

int govsvc_answer_deadline(const govsvc_answer *a, int kind, govsvc_date *due,
                           const char **duration)
{
    if (!a)
        return 0;
    int has = kind == GOVSVC_DEADLINE_PROMISED ? a->has_promised_due : a->has_statutory_due;
    if (!has)
        return 0;
    if (due)
        *due = to_date(kind == GOVSVC_DEADLINE_PROMISED ? a->promised_due : a->statutory_due);
    if (duration)
        *duration = kind == GOVSVC_DEADLINE_PROMISED ? a->promised_text : a->statutory_text;
    return 1;
}

const char *govsvc_answer_deadline_condition(const govsvc_answer *a)
{
    return a ? a->deadline_condition : NULL;
}

const char *govsvc_answer_deadline_remaining(const govsvc_answer *a, int kind)
{
    if (!a)
        return NULL;
    return kind == GOVSVC_DEADLINE_PROMISED ? a->promised_left_text : a->statutory_left_text;
}

size_t govsvc_answer_special_count(const govsvc_answer *a)
{
    return a && a->deadline ? a->deadline->nspecial : 0;
}

const char *govsvc_answer_special_name(const govsvc_answer *a, size_t i)
{
    return i < govsvc_answer_special_count(a) ? a->deadline->special[i].name : NULL;
}

const char *govsvc_answer_special_max(const govsvc_answer *a, size_t i)
{
    return i < govsvc_answer_special_count(a) ? a->special_text[i] : NULL;
}

size_t govsvc_answer_ask_count(const govsvc_answer *a) { return a ? a->nask : 0; }

const char *govsvc_answer_ask_fact(const govsvc_answer *a, size_t i)
{
    return a && i < a->nask ? a->rb->schema.facts[a->ask[i]].name : NULL;
}

size_t govsvc_answer_missing_facts(const govsvc_answer *a, const govsvc_missing_fact *const **out)
{
    if (out)
        *out = a && a->nask ? a->missing_ptrs : NULL;
    return a ? a->nask : 0;
}

void gs_duration_format_zh(gs_duration d, char buf[32])
{
    switch (d.unit) {
    case GS_DUR_IMMEDIATE: snprintf(buf, 32, "即办"); break;
    case GS_DUR_WORKING: snprintf(buf, 32, "%d个工作日", (int)d.n); break;
    default: snprintf(buf, 32, "%d日", (int)d.n); break;
    }
}
