/*
 * expr_prog.c - conditions as compact bytecode, for the query's hot path.
 *
 * The tree (expr_int.h) stays the condition's meaning: it prints, gives
 * residuals and explanations, and is what lint reads. Evaluating it costs a
 * call and several dependent loads per node, though, and a query evaluates
 * a dozen conditions. So, once a rulebook is compiled, each condition also
 * becomes a short postfix program over "atoms": the distinct comparisons of
 * the whole rulebook (a few hundred, however many conditions share them),
 * each reduced to what deciding it needs, a fact slot and a bit set of enum
 * values or a number to compare with. A program is a few bytes (numbers are
 * varints: an atom of a rulebook with fewer than 64 takes one byte), and
 * evaluating one is a loop over them that allocates nothing. All of a
 * table's programs sit in one array, in the order of its items, so a query
 * reads its item's programs as one run of memory, and the table refers to
 * them by offset (a 32-bit field fits where the structs had padding: the
 * table does not grow by a pointer per condition).
 *
 * Results are exactly gs_expr_eval()'s (Kleene logic, unknown facts,
 * defaults): a comparison the atoms cannot express (strings, dates,
 * `matches`, a fact against a fact, conditions compared with ==) is an atom
 * that evaluates its tree node; a condition too deep for the stack gets no
 * program and is evaluated as a tree.
 */
#include <string.h>

#include "expr_int.h"

enum { A_ENUM = 0, A_NUM, A_BOOL, A_KNOWN, A_TREE };

struct gs_atom {
    uint8_t kind;    /* A_* */
    uint8_t op;      /* A_NUM: gs_eop */
    uint8_t lit_int; /* A_NUM: the literal is an int (exact int comparison) */
    uint32_t slot;
    uint64_t mask;   /* A_ENUM: bit v set when value v makes it true */
    int64_t i;       /* A_NUM literal, int */
    double d;        /* A_NUM literal, number */
    const gs_expr *tree; /* A_TREE */
};

/* A program is a header, (body length << 1) | form, then its body; every
 * number a varint (7 bits a byte, low bits first).
 *
 * F_CNF, what rulebooks mostly write (`a and not b and (c or d)`): an and
 * of clauses, each an or of atoms or negated atoms. Body: the number of
 * clauses, then per clause its number of literals and the literals (atom
 * << 1 | negated). Evaluated with early exits: a false clause ends the
 * and, a true literal ends its clause.
 *
 * F_STACK, for any other shape: postfix operations (argument << 3 |
 * operation) run on a stack of three-valued results. */
enum { F_CNF = 0, F_STACK = 1 };
enum { P_ATOM = 0, P_NATOM, P_NOT, P_AND, P_OR, P_TRUE, P_FALSE, P_UNKNOWN };
#define OP(op, arg) ((uint32_t)(arg) << 3 | (uint32_t)(op))
#define ARG_MAX 0x0FFFFFFFu
enum { STACK = 32 }; /* deeper conditions stay trees */

/* -- building ----------------------------------------------------------------- */

typedef struct amap_ent {
    const gs_expr *node;
    uint32_t atom;
} amap_ent;

struct gs_prog_builder {
    gs_arena *arena;
    gs_atom *atoms;
    size_t natoms, catoms;
    amap_ent *map; /* node -> atom, open addressing by address */
    uint32_t mcap, mcount;
    const gs_schema *schema; /* of the rulebook: enum sizes */
    uint8_t *code; /* every program so far, one after another; 0 is unused */
    size_t ncode, ccode;
    uint8_t *body; /* the program being built */
    size_t nbody, cbody;
    unsigned depth, max_depth;
    int oom, too_deep;
};

gs_prog_builder *gs_prog_builder_new(gs_arena *arena)
{
    gs_prog_builder *b = gs_calloc(1, sizeof *b);
    if (b)
        b->arena = arena;
    return b;
}

void gs_prog_builder_free(gs_prog_builder *b)
{
    if (!b)
        return;
    gs_free(b->atoms);
    gs_free(b->map);
    gs_free(b->code);
    gs_free(b->body);
    gs_free(b);
}

static uint32_t addr_hash(const gs_expr *e)
{
    uint64_t h = (uint64_t)(uintptr_t)e * 0x9E3779B97F4A7C15u;
    return (uint32_t)(h >> 32);
}

static int map_grow(gs_prog_builder *b)
{
    uint32_t ncap = b->mcap ? b->mcap * 2 : 256;
    amap_ent *m = gs_calloc(ncap, sizeof *m);
    if (!m)
        return -1;
    for (uint32_t i = 0; i < b->mcap; i++) {
        if (!b->map[i].node)
            continue;
        uint32_t j = addr_hash(b->map[i].node) & (ncap - 1);
        while (m[j].node)
            j = (j + 1) & (ncap - 1);
        m[j] = b->map[i];
    }
    gs_free(b->map);
    b->map = m;
    b->mcap = ncap;
    return 0;
}

/* What deciding node e needs, as an atom. */
static void describe(gs_atom *a, const gs_expr *e, const gs_schema *schema)
{
    memset(a, 0, sizeof *a);
    a->kind = A_TREE;
    a->tree = e;
    if (e->kind == GS_E_FACT && e->type == GS_T_BOOL) {
        a->kind = A_BOOL;
        a->slot = e->slot;
        return;
    }
    if (e->kind == GS_E_KNOWN) {
        a->kind = A_KNOWN;
        a->slot = e->slot;
        return;
    }
    if (e->kind != GS_E_CMP || e->kids[0]->kind != GS_E_FACT)
        return;
    const gs_expr *l = e->kids[0], *r = e->kids[1];
    if (e->ck == GS_CK_ENUM && schema && l->slot < schema->count &&
        schema->facts[l->slot].nvalues <= 64) {
        uint32_t nv = schema->facts[l->slot].nvalues;
        uint64_t all = nv == 64 ? ~(uint64_t)0 : ((uint64_t)1 << nv) - 1, m = 0;
        if (r->kind == GS_E_LIT && r->lit.type == GS_T_ENUM &&
            (e->op == GS_OP_EQ || e->op == GS_OP_NE) && r->lit.u.e < nv) {
            m = (uint64_t)1 << r->lit.u.e;
            if (e->op == GS_OP_NE)
                m = all & ~m;
        } else if (r->kind == GS_E_LIST && (e->op == GS_OP_IN || e->op == GS_OP_NOT_IN)) {
            /* compare(): a list element that is not an enum value of the
             * fact never matches. */
            for (uint32_t i = 0; i < r->n; i++)
                if (r->kids[i]->lit.type == GS_T_ENUM && r->kids[i]->lit.u.e < nv)
                    m |= (uint64_t)1 << r->kids[i]->lit.u.e;
            if (e->op == GS_OP_NOT_IN)
                m = all & ~m;
        } else {
            return;
        }
        a->kind = A_ENUM;
        a->slot = l->slot;
        a->mask = m;
        return;
    }
    if (e->ck == GS_CK_NUM && r->kind == GS_E_LIT &&
        (r->lit.type == GS_T_INT || r->lit.type == GS_T_NUMBER) && e->op <= GS_OP_GE) {
        a->kind = A_NUM;
        a->slot = l->slot;
        a->op = e->op;
        a->lit_int = r->lit.type == GS_T_INT;
        a->i = a->lit_int ? r->lit.u.i : 0;
        a->d = a->lit_int ? (double)r->lit.u.i : r->lit.u.n;
    }
}

/* The atom of a comparison (or bool fact, or known()), made at its first
 * sight: conditions that share nodes (expr_intern.c) share their atoms. */
static int atom_of(gs_prog_builder *b, const gs_expr *e, uint32_t *out)
{
    if ((b->mcount + 1) * 2 > b->mcap && map_grow(b) < 0)
        return -1;
    uint32_t mask = b->mcap - 1, i = addr_hash(e) & mask;
    for (; b->map[i].node; i = (i + 1) & mask) {
        if (b->map[i].node == e) {
            *out = b->map[i].atom;
            return 0;
        }
    }
    if (b->natoms >= ARG_MAX ||
        gs_grow((void **)&b->atoms, &b->catoms, b->natoms + 1, sizeof *b->atoms) < 0)
        return -1;
    describe(&b->atoms[b->natoms], e, b->schema);
    b->map[i].node = e;
    b->map[i].atom = (uint32_t)b->natoms;
    b->mcount++;
    *out = (uint32_t)b->natoms++;
    return 0;
}

static void put_varint(uint8_t **buf, size_t *n, size_t *cap, uint32_t v, int *oom)
{
    if (gs_grow((void **)buf, cap, *n + 5, 1) < 0) {
        *oom = 1;
        return;
    }
    while (v >= 0x80) {
        (*buf)[(*n)++] = (uint8_t)(v | 0x80);
        v >>= 7;
    }
    (*buf)[(*n)++] = (uint8_t)v;
}

/* Appends v to the body; push: the operation leaves a value on the stack. */
static void put(gs_prog_builder *b, uint32_t v, int push)
{
    put_varint(&b->body, &b->nbody, &b->cbody, v, &b->oom);
    if (push && ++b->depth > b->max_depth)
        b->max_depth = b->depth;
}

static int is_join(const gs_expr *e)
{
    return e->kind == GS_E_AND || e->kind == GS_E_OR || e->kind == GS_E_NOT ||
           e->kind == GS_E_LIT;
}

/* Postfix code for e; each operation leaves one value on the stack. */
static void emit(gs_prog_builder *b, const gs_expr *e)
{
    if (b->oom || b->too_deep)
        return;
    if (b->depth >= STACK) {
        b->too_deep = 1;
        return;
    }
    uint32_t a;
    switch ((gs_ekind)e->kind) {
    case GS_E_AND:
    case GS_E_OR:
        if (e->n > ARG_MAX) {
            b->too_deep = 1;
            return;
        }
        for (uint32_t i = 0; i < e->n; i++)
            emit(b, e->kids[i]);
        b->depth -= e->n;
        put(b, OP(e->kind == GS_E_AND ? P_AND : P_OR, e->n), 1);
        return;
    case GS_E_NOT:
        if (!is_join(e->kids[0])) {
            if (atom_of(b, e->kids[0], &a) < 0)
                b->oom = 1;
            put(b, OP(P_NATOM, a), 1);
            return;
        }
        emit(b, e->kids[0]);
        put(b, OP(P_NOT, 0), 0);
        return;
    case GS_E_LIT:
        /* gs_expr_eval: a literal condition is its bool, else unknown. */
        put(b, OP(e->lit.type != GS_T_BOOL ? P_UNKNOWN : e->lit.u.b ? P_TRUE : P_FALSE, 0), 1);
        return;
    default:
        if (atom_of(b, e, &a) < 0)
            b->oom = 1;
        put(b, OP(P_ATOM, a), 1);
        return;
    }
}

/* A literal of the CNF form: an atom or a negated one; 0 when e is not. */
static int literal(gs_prog_builder *b, const gs_expr *e, uint32_t *out)
{
    uint32_t neg = 0, a;
    if (e->kind == GS_E_NOT) {
        e = e->kids[0];
        neg = 1;
    }
    if (is_join(e))
        return 0;
    if (atom_of(b, e, &a) < 0) {
        b->oom = 1;
        return 0;
    }
    *out = a << 1 | neg;
    return 1;
}

/* One clause (an or of literals, or a lone literal); 0 when e is not. */
static int clause(gs_prog_builder *b, const gs_expr *e)
{
    uint32_t lit;
    if (e->kind != GS_E_OR) {
        if (!literal(b, e, &lit))
            return 0;
        put(b, 1, 0);
        put(b, lit, 0);
        return 1;
    }
    size_t count = b->nbody;
    put(b, e->n, 0);
    for (uint32_t i = 0; i < e->n; i++) {
        if (!literal(b, e->kids[i], &lit)) {
            b->nbody = count;
            return 0;
        }
        put(b, lit, 0);
    }
    return 1;
}

/* The CNF form of e, after the length and form words; 0 when e has
 * another shape (nothing is left written then). */
static int cnf(gs_prog_builder *b, const gs_expr *e)
{
    size_t mark = b->nbody;
    uint32_t n = e->kind == GS_E_AND ? e->n : 1;
    put(b, n, 0);
    for (uint32_t i = 0; i < n && !b->oom; i++) {
        if (!clause(b, e->kind == GS_E_AND ? e->kids[i] : e)) {
            b->nbody = mark;
            return 0;
        }
    }
    return !b->oom;
}

int gs_prog_build(gs_prog_builder *b, const gs_schema *schema, const gs_expr *e,
                  uint32_t *out)
{
    *out = 0;
    if (!e)
        return 0;
    b->schema = schema;
    b->nbody = 0;
    b->depth = b->max_depth = 0;
    b->too_deep = 0;
    uint32_t form = F_CNF;
    if (!cnf(b, e) && !b->oom) {
        form = F_STACK;
        b->nbody = 0;
        emit(b, e);
    }
    if (b->oom)
        return GOVSVC_ENOMEM;
    if (b->too_deep || b->nbody > ARG_MAX)
        return 0; /* evaluated as a tree */
    if (b->ncode == 0)
        put_varint(&b->code, &b->ncode, &b->ccode, 0, &b->oom); /* offset 0: no program */
    size_t start = b->ncode;
    put_varint(&b->code, &b->ncode, &b->ccode, (uint32_t)b->nbody << 1 | form, &b->oom);
    if (!b->oom && gs_grow((void **)&b->code, &b->ccode, b->ncode + b->nbody, 1) < 0)
        b->oom = 1;
    if (b->oom)
        return GOVSVC_ENOMEM;
    if (start > UINT32_MAX) {
        b->ncode = start; /* a table of 4 GB of programs: trees it is */
        return 0;
    }
    memcpy(b->code + b->ncode, b->body, b->nbody);
    b->ncode += b->nbody;
    *out = (uint32_t)start;
    return 0;
}

int gs_prog_builder_finish(gs_prog_builder *b, gs_progs *out)
{
    memset(out, 0, sizeof *out);
    if (b->natoms) {
        out->atoms = gs_arena_alloc(b->arena, b->natoms * sizeof *out->atoms);
        if (!out->atoms)
            return GOVSVC_ENOMEM;
        memcpy(out->atoms, b->atoms, b->natoms * sizeof *out->atoms);
        out->natoms = (uint32_t)b->natoms;
    }
    if (b->ncode) {
        out->code = gs_arena_alloc(b->arena, b->ncode);
        if (!out->code)
            return GOVSVC_ENOMEM;
        memcpy(out->code, b->code, b->ncode);
        out->ncode = (uint32_t)b->ncode;
    }
    return 0;
}

/* -- evaluating --------------------------------------------------------------- */

static inline gs_tri tri(int b)
{
    return b ? GS_TRUE : GS_FALSE;
}

static inline gs_tri atom_eval(const gs_atom *a, const gs_env *env)
{
    if (a->kind == A_TREE)
        return gs_expr_eval(a->tree, env);
    const gs_value *v = gs_env_value(env, a->slot);
    switch (a->kind) {
    case A_ENUM:
        if (!v || v->type != GS_T_ENUM)
            return GS_UNKNOWN;
        return tri(v->u.e < 64 && (a->mask >> v->u.e & 1));
    case A_NUM: {
        if (!v || (v->type != GS_T_INT && v->type != GS_T_NUMBER))
            return GS_UNKNOWN;
        int c;
        if (v->type == GS_T_INT && a->lit_int) {
            c = (v->u.i > a->i) - (v->u.i < a->i);
        } else {
            double x = v->type == GS_T_INT ? (double)v->u.i : v->u.n;
            if (x < a->d)
                c = -1;
            else if (x > a->d)
                c = 1;
            else if (x == a->d)
                c = 0;
            else
                return GS_UNKNOWN; /* unordered */
        }
        switch ((gs_eop)a->op) {
        case GS_OP_EQ: return tri(c == 0);
        case GS_OP_NE: return tri(c != 0);
        case GS_OP_LT: return tri(c < 0);
        case GS_OP_LE: return tri(c <= 0);
        case GS_OP_GT: return tri(c > 0);
        default: return tri(c >= 0);
        }
    }
    case A_BOOL:
        return v && v->type == GS_T_BOOL ? tri(v->u.b != 0) : GS_UNKNOWN;
    default: /* A_KNOWN: a default counts as a value (SPEC 6) */
        return tri(v != NULL);
    }
}

/* The next varint of a program. */
static inline uint32_t get(const uint8_t **pp)
{
    const uint8_t *p = *pp;
    uint32_t v = *p++;
    if (v >= 0x80) {
        v &= 0x7F;
        for (unsigned shift = 7;; shift += 7) {
            uint32_t c = *p++;
            v |= (c & 0x7F) << shift;
            if (c < 0x80)
                break;
        }
    }
    *pp = p;
    return v;
}

static gs_tri stack_eval(const gs_progs *p, const uint8_t *w, const uint8_t *end,
                         const gs_env *env)
{
    uint8_t st[STACK];
    unsigned sp = 0;
    while (w < end) {
        uint32_t op = get(&w), arg = op >> 3;
        switch (op & 7) {
        case P_ATOM:
            st[sp++] = (uint8_t)atom_eval(&p->atoms[arg], env);
            break;
        case P_NATOM: {
            gs_tri t = atom_eval(&p->atoms[arg], env);
            st[sp++] = (uint8_t)(t == GS_UNKNOWN ? GS_UNKNOWN : tri(t == GS_FALSE));
            break;
        }
        case P_NOT:
            if (st[sp - 1] != GS_UNKNOWN)
                st[sp - 1] = st[sp - 1] == GS_FALSE ? GS_TRUE : GS_FALSE;
            break;
        case P_AND:
        case P_OR: {
            /* Kleene: one deciding operand (false for and, true for or)
             * settles it; otherwise any unknown makes it unknown. */
            uint8_t decide = (op & 7) == P_AND ? GS_FALSE : GS_TRUE;
            uint8_t res = decide == GS_FALSE ? GS_TRUE : GS_FALSE;
            sp -= arg;
            for (uint32_t i = 0; i < arg && res != decide; i++) {
                if (st[sp + i] == decide)
                    res = decide;
                else if (st[sp + i] == GS_UNKNOWN)
                    res = GS_UNKNOWN;
            }
            st[sp++] = res;
            break;
        }
        case P_TRUE: st[sp++] = GS_TRUE; break;
        case P_FALSE: st[sp++] = GS_FALSE; break;
        default: st[sp++] = GS_UNKNOWN; break;
        }
    }
    return (gs_tri)st[0];
}

gs_tri gs_prog_eval(const gs_progs *p, uint32_t prog, const gs_env *env)
{
    const uint8_t *w = p->code + prog;
    uint32_t head = get(&w);
    const uint8_t *end = w + (head >> 1);
    if (head & F_STACK)
        return stack_eval(p, w, end, env);
    /* F_CNF: Kleene and/or with early exits. */
    uint32_t nclauses = get(&w);
    gs_tri res = GS_TRUE;
    for (uint32_t c = 0; c < nclauses; c++) {
        uint32_t k = get(&w);
        gs_tri cres = GS_FALSE;
        for (uint32_t i = 0; i < k; i++) {
            uint32_t lit = get(&w);
            if (cres == GS_TRUE)
                continue; /* the clause is decided: read past its literals */
            gs_tri t = atom_eval(&p->atoms[lit >> 1], env);
            if ((lit & 1) && t != GS_UNKNOWN)
                t = t == GS_TRUE ? GS_FALSE : GS_TRUE;
            if (t == GS_TRUE)
                cres = GS_TRUE;
            else if (t == GS_UNKNOWN)
                cres = GS_UNKNOWN;
        }
        if (cres == GS_FALSE)
            return GS_FALSE;
        if (cres == GS_UNKNOWN)
            res = GS_UNKNOWN;
    }
    return res;
}
