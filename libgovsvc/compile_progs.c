/*
 * compile_progs.c - the last compile step: every condition of the finished
 * table also as bytecode (expr_prog.c), for the query's hot path.
 *
 * It runs once the table is complete (overlays applied, every line in its
 * final place), in the order a query reads: the policy, the catalogue's
 * shared_when, then item by item its material lines and deadline variants,
 * so that an item's programs lie together in memory.
 */
#include "load.h"

int gs_compile_programs(struct govsvc_rulebook *rb)
{
    gs_prog_builder *b = gs_prog_builder_new(&rb->arena);
    if (!b)
        return GOVSVC_ENOMEM;
    const gs_schema *s = &rb->schema;
    int r = gs_prog_build(b, s, rb->commitment_eligible, &rb->commitment_eligible_prog);
    if (r == 0)
        r = gs_prog_build(b, s, rb->deferral_eligible, &rb->deferral_eligible_prog);
    for (uint32_t i = 0; r == 0 && i < rb->nmaterials; i++)
        r = gs_prog_build(b, s, rb->materials[i].shared_when, &rb->materials[i].shared_when_prog);
    for (uint32_t i = 0; r == 0 && i < rb->nitems; i++) {
        gs_item *it = &rb->items[i];
        for (uint32_t k = 0; r == 0 && k < it->nlines; k++)
            r = gs_prog_build(b, s, it->lines[k].when, &it->lines[k].when_prog);
        for (uint32_t k = 0; r == 0 && k < it->ndeadlines; k++)
            r = gs_prog_build(b, s, it->deadlines[k].when, &it->deadlines[k].when_prog);
    }
    if (r == 0)
        r = gs_prog_builder_finish(b, &rb->progs);
    gs_prog_builder_free(b);
    return r;
}
