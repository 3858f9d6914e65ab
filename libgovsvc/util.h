/*
 * util.h - the library's small shared utilities: the allocation door,
 * arenas, growable buffers, string maps and source positions.
 *
 * Every allocation in libgovsvc goes through gs_malloc()/gs_realloc()/
 * gs_free(), which call the hooks set by govsvc_set_allocator(); this is what
 * makes out-of-memory tests and allocation counting possible.
 */
#ifndef GS_UTIL_H
#define GS_UTIL_H

#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "govsvc.h"

#if defined(__GNUC__) || defined(__clang__)
#define GS_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define GS_UNUSED __attribute__((unused))
#else
#define GS_PRINTF(a, b)
#define GS_UNUSED
#endif

/* Internal functions that check input return 0, GS_REPORTED when they
 * added diagnostics about the input, or a negative GOVSVC_E* status (never
 * -1 for "reported": GOVSVC_ENOMEM is -1). */
#define GS_REPORTED 1

#define GS_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* -- allocation door ---------------------------------------------------- */
void *gs_malloc(size_t size);
void *gs_calloc(size_t n, size_t size); /* checks n*size for overflow */
void *gs_realloc(void *ptr, size_t size);
void gs_free(void *ptr);
char *gs_strndup(const char *s, size_t n);
char *gs_strdup(const char *s);
/* Grows *items (each `size` bytes) so that it holds at least `need`
 * elements; *cap is updated. Returns 0 or -1 on overflow/out of memory (the
 * old array is kept). */
int gs_grow(void **items, size_t *cap, size_t need, size_t size);

/* -- arena: many small allocations freed in one call --------------------- */
typedef struct gs_arena_chunk gs_arena_chunk;
typedef struct gs_arena {
    gs_arena_chunk *head;
    size_t used_bytes; /* bytes handed out, for statistics */
    int failed;        /* an allocation failed since gs_arena_init(): the loader
                        * checks it, so that a NULL some caller took for another
                        * answer (a path that "does not resolve") still ends in
                        * GOVSVC_ENOMEM */
} gs_arena;

void gs_arena_init(gs_arena *a);
void *gs_arena_alloc(gs_arena *a, size_t size); /* 8-byte aligned, NULL when out of memory */
void *gs_arena_calloc(gs_arena *a, size_t n, size_t size);
char *gs_arena_strndup(gs_arena *a, const char *s, size_t n);
char *gs_arena_strdup(gs_arena *a, const char *s);
char *gs_arena_printf(gs_arena *a, const char *fmt, ...) GS_PRINTF(2, 3);
void gs_arena_free(gs_arena *a);
/* Forgets every allocation (pointers into the arena become invalid) but
 * keeps the largest chunk for the next ones, so that an arena reset and
 * refilled with the same amount allocates nothing. */
void gs_arena_reset(gs_arena *a);

/* -- growable byte buffer ------------------------------------------------ */
typedef struct gs_buf {
    char *data; /* always NUL-terminated when not NULL */
    size_t len;
    size_t cap;
    int oom; /* set once an append failed; later appends are ignored */
    /* A buffer over the caller's memory (gs_buf_init_fixed): never grown or
     * freed. Text that does not fit sets `overflow`; from then on appends
     * only count, so that len ends as the length the whole text needs. */
    int fixed, overflow;
} gs_buf;

void gs_buf_init(gs_buf *b);
/* A buffer writing into mem[0..size) (size may be 0). Do not detach or
 * free it; check `overflow` (len then holds the length needed) and `oom`. */
void gs_buf_init_fixed(gs_buf *b, char *mem, size_t size);
void gs_buf_free(gs_buf *b);
/* Appends are inline for the common case, text that fits: JSON and
 * notices are built from many short pieces. The rest (growing, out of
 * memory, a full fixed buffer) is gs_buf_append_slow(). */
int gs_buf_append_slow(gs_buf *b, const char *s, size_t n);
static inline int gs_buf_append(gs_buf *b, const char *s, size_t n)
{
    if (b->cap - b->len <= n || b->oom || b->overflow || !b->data)
        return gs_buf_append_slow(b, s, n);
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}
static inline int gs_buf_puts(gs_buf *b, const char *s)
{
    return gs_buf_append(b, s, strlen(s));
}
static inline int gs_buf_putc(gs_buf *b, char c)
{
    return gs_buf_append(b, &c, 1);
}
int gs_buf_printf(gs_buf *b, const char *fmt, ...) GS_PRINTF(2, 3);
int gs_buf_vprintf(gs_buf *b, const char *fmt, va_list ap) GS_PRINTF(2, 0);
/* Appends s as a JSON string literal (quotes included; UTF-8 kept as is,
 * control characters escaped). */
int gs_buf_json_str(gs_buf *b, const char *s);
/* Hands the buffer's memory to the caller (free with gs_free); the buffer is
 * left empty. Returns NULL when the buffer had run out of memory. */
char *gs_buf_detach(gs_buf *b, size_t *len);

/* -- string -> index map (open addressing, FNV-1a) ----------------------- */
typedef struct gs_strmap {
    const char **keys;   /* borrowed key strings */
    uint32_t *key_lens;
    uint32_t *values;
    uint32_t cap;        /* power of two */
    uint32_t count;
} gs_strmap;

void gs_strmap_init(gs_strmap *m);
void gs_strmap_free(gs_strmap *m);
/* Inserts key -> value unless the key is present. Returns 1 inserted, 0
 * already present (*existing gets its value when not NULL), -1 out of
 * memory. The key string is borrowed and must outlive the map. */
int gs_strmap_put(gs_strmap *m, const char *key, size_t len, uint32_t value, uint32_t *existing);
/* Returns 1 and *value when found, 0 when not. */
int gs_strmap_get(const gs_strmap *m, const char *key, size_t len, uint32_t *value);

/* -- text helpers -------------------------------------------------------- */
/* Returns the byte offset of the first invalid UTF-8 sequence in s, or -1
 * when all of s is valid (overlong forms and surrogates are invalid). */
long gs_utf8_invalid_offset(const char *s, size_t len);
/* Copies at most `size` - 1 bytes of src[0..len) into dst, NUL-terminated,
 * with '?' for every byte that is not part of valid UTF-8 and for control
 * characters, cut on a character boundary: for quoting text a caller gave
 * (a command-line argument may be GBK) in messages that must stay valid,
 * printable UTF-8. Returns the bytes written. */
size_t gs_utf8_sanitize(char *dst, size_t size, const char *src, size_t len);
/* Number of code points in the first n bytes of s. */
size_t gs_utf8_count(const char *s, size_t n);
/* Levenshtein distance on bytes, capped at `cap`+1. */
unsigned gs_edit_distance(const char *a, const char *b, unsigned cap);

/* -- work counter -------------------------------------------------------- */
/* Steps this thread has taken in the loops whose cost grows with the input:
 * hash probes, edit distances, calendar days, nodes of condition walks.
 * The library never reads it; the unit tests do, to assert that hostile
 * inputs cost a number of steps linear in their size (tests/test_limits.c)
 * where timing them would make the tests depend on the machine. Each loop
 * adds its count once per call, so the hot paths pay one add: with the
 * initial-exec model that add is one instruction, where the default model
 * for a shared library calls __tls_get_addr (callgrind, bench-basic on
 * hlj-fire, 100000 queries: 0.9% more instructions than without the
 * counter by default, 0.2% with initial-exec). Eight bytes fit glibc's
 * reserve for libraries loaded with dlopen (the Python module). */
#if defined(__GNUC__)
#define GS_TLS_INITIAL_EXEC __attribute__((tls_model("initial-exec")))
#else
#define GS_TLS_INITIAL_EXEC
#endif
extern _Thread_local uint64_t gs_work_steps GS_TLS_INITIAL_EXEC;
#define GS_WORK(n) ((void)(gs_work_steps += (uint64_t)(n)))

/* -- source positions ---------------------------------------------------- */
typedef struct gs_pos {
    const char *file; /* interned, lives as long as the rulebook */
    uint32_t line;    /* 1-based; 0 unknown */
    uint32_t col;     /* 1-based, in characters; 0 unknown */
} gs_pos;

#endif
