/*
 * facts_file.c - an applicant's facts from a YAML or JSON file (JSON is
 * read by the same YAML parser, which keeps the positions for errors).
 */
#include <string.h>

#include "diag.h"
#include "fact_value.h"
#include "facts_int.h"
#include "load.h"

static int set_one(govsvc_facts *f, govsvc_diag_list *d, const gs_ynode *k, const gs_ynode *v)
{
    const char *name = k->kind == GS_YSCALAR ? k->str : NULL;
    if (!name) {
        gs_diag_error(d, "E061", k->pos, "write 'fact.name: value'", "a fact name must be text");
        return GOVSVC_EFACT;
    }
    if (v->kind != GS_YSCALAR) {
        gs_diag_error(d, "E061", v->pos, "give a single value", "fact '%s' must have a single value",
                      name);
        gs_diag_set_fact(d, name);
        return GOVSVC_EFACT;
    }
    /* A plain null (or ~, or nothing) leaves the fact unknown. */
    /* An undeclared fact goes on to the setter below, which refuses it and
     * reports E060 here: returning the setter's status directly (as this
     * did) refused the file with no diagnostic at all (found by fuzzing,
     * tests/regress/facts/undeclared-null). */
    if (v->style == GS_YPLAIN && govsvc_facts_type(f, name) &&
        (v->len == 0 || strcmp(v->str, "null") == 0 || strcmp(v->str, "~") == 0)) {
        return govsvc_facts_unset(f, name);
    }
    govsvc_fact_type t = govsvc_facts_type(f, name);
    int quoted = v->style == GS_YSINGLE || v->style == GS_YDOUBLE;
    int r;
    if (quoted && t != GOVSVC_FACT_STRING && t != GOVSVC_FACT_ENUM && t != GOVSVC_FACT_DATE && t) {
        char msg[200];
        snprintf(msg, sizeof msg, "fact '%s' is of type %s; write the value without quotes",
                 name, gs_type_name((gs_type)t));
        gs_diag_error(d, "E061", v->pos, "remove the quotes", "%s", msg);
        gs_diag_set_fact(d, name);
        return GOVSVC_EFACT;
    }
    r = govsvc_facts_set_text(f, name, v->str);
    if (r == GOVSVC_EFACT) {
        const govsvc_diag *e = govsvc_facts_last_error(f);
        gs_pos at = (e && strcmp(e->code, "E060") == 0) ? k->pos : v->pos;
        gs_diag_error(d, e ? e->code : "E061", at, e ? e->hint : NULL, "%s",
                      e ? e->message : "invalid fact");
        gs_diag_set_fact(d, name);
    }
    return r;
}

int govsvc_facts_set_from_file(govsvc_facts *f, const char *path, govsvc_diag_list **diags)
{
    if (diags)
        *diags = NULL;
    if (!f || !path)
        return GOVSVC_EINVAL;
    /* Borrow the loader's file reading and YAML machinery with small limits:
     * a facts file is a short mapping. */
    gs_loader L;
    memset(&L, 0, sizeof L);
    govsvc_load_options_init(&L.opts);
    L.opts.max_file_bytes = (size_t)1 << 20;
    L.opts.max_total_bytes = (size_t)1 << 20;
    L.opts.max_files = 1;
    L.ylim.max_depth = 8;
    L.ylim.max_aliases = 0;
    L.ylim.max_nodes = 100000;
    L.ylim.max_scalar_bytes = 65536;
    L.diags = gs_diag_list_new();
    if (!L.diags)
        return GOVSVC_ENOMEM;
    gs_arena_init(&L.tmp);
    gs_arena names;
    gs_arena_init(&names);
    L.arena = &names;
    sha256_init(&L.sha);
    const gs_ynode *root = NULL;
    int r = gs_loader_read_one(&L, path, &root);
    if (r == 0 && root && root->kind != GS_YMAP) {
        gs_diag_error(L.diags, "E061", root->pos, "write one 'fact.name: value' per line",
                      "a facts file must hold a mapping of fact names to values");
        r = GOVSVC_EFACT;
    } else if (r == 0 && root) {
        for (size_t i = 0; i + 1 < root->n; i += 2) {
            int e = set_one(f, L.diags, root->kids[i], root->kids[i + 1]);
            if (e == GOVSVC_ENOMEM) {
                r = e;
                break;
            }
            if (e)
                r = GOVSVC_EFACT;
        }
    } else if (r == GS_REPORTED) {
        r = GOVSVC_EFACT; /* not valid YAML/JSON or UTF-8: diagnostics say where */
    }
    gs_arena_free(&L.tmp);
    gs_arena_free(&names);
    gs_free(L.files);
    /* A diagnostic lost for want of memory is out of memory, whatever else
     * happened: a refusal (EFACT) missing one of its reasons would mislead
     * (was "&& r == 0"; found by tests/test_oom.c). */
    if (L.diags->oom)
        r = GOVSVC_ENOMEM;
    if (diags && L.diags->count)
        *diags = L.diags;
    else
        govsvc_diag_list_free(L.diags);
    return r;
}
