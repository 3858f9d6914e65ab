/*
 * expr_cases.c - the literals each fact is compared with in a condition,
 * from which diff_cases.c splits the fact's domain into the cases the
 * condition can tell apart.
 *
 * Reads the compiled tree only (expr_int.h), so it is safe on any thread.
 */
#include "diff_cases.h"
#include "expr_int.h"

static void literals(const gs_expr *e, void (*fn)(uint32_t, const gs_value *, void *), void *ud)
{
    if (e->kind == GS_E_CMP && e->op != GS_OP_MATCHES && e->ck != GS_CK_BOOL) {
        /* FACT op LIT, LIT op FACT, FACT in [LIT, ...]. A comparison of two
         * facts names no literal (see diff_cases.h). */
        const gs_expr *l = e->kids[0], *r = e->kids[1];
        if (l->kind == GS_E_LIT && r->kind == GS_E_FACT) {
            const gs_expr *t = l;
            l = r;
            r = t;
        }
        if (l->kind != GS_E_FACT)
            return;
        if (r->kind == GS_E_LIT) {
            fn(l->slot, &r->lit, ud);
        } else if (r->kind == GS_E_LIST) {
            for (uint32_t i = 0; i < r->n; i++)
                if (r->kids[i]->kind == GS_E_LIT)
                    fn(l->slot, &r->kids[i]->lit, ud);
        }
        return;
    }
    if (e->kind == GS_E_LIST)
        return;
    for (uint32_t i = 0; i < e->n; i++)
        literals(e->kids[i], fn, ud);
}

void gs_expr_literals(const gs_expr *e, void (*fn)(uint32_t slot, const gs_value *lit, void *ud),
                      void *ud)
{
    if (e)
        literals(e, fn, ud);
}
