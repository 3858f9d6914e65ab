/*
 * strmap.c - string -> uint32 map with open addressing and linear probing.
 * Used to find items by code, facts by name and materials by id in O(1).
 * Keys are borrowed (they live in the table's arena).
 */
#include <string.h>

#include "util.h"

/* Eight bytes per multiply (keys are item codes and dotted fact names of
 * 10 to 40 bytes, looked up on every query and every condition loaded),
 * with the length mixed in so that keys differing only in trailing NULs
 * cannot collide by construction. */
static uint32_t hash(const char *s, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15u ^ n, w;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9u;
        h ^= h >> 31;
    }
    w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * 0x94D049BB133111EBu;
    h ^= h >> 29;
    return (uint32_t)(h ^ (h >> 32));
}

void gs_strmap_init(gs_strmap *m)
{
    memset(m, 0, sizeof *m);
}

void gs_strmap_free(gs_strmap *m)
{
    gs_free(m->keys);
    gs_free(m->key_lens);
    gs_free(m->values);
    gs_strmap_init(m);
}

_Thread_local uint64_t gs_work_steps GS_TLS_INITIAL_EXEC;

static int find_slot(const gs_strmap *m, const char *key, size_t len, uint32_t *slot)
{
    uint32_t mask = m->cap - 1;
    uint32_t i = hash(key, len) & mask;
    for (uint32_t probes = 1;; probes++) {
        if (!m->keys[i]) {
            *slot = i;
            GS_WORK(probes);
            return 0;
        }
        if (m->key_lens[i] == len && memcmp(m->keys[i], key, len) == 0) {
            *slot = i;
            GS_WORK(probes);
            return 1;
        }
        i = (i + 1) & mask;
    }
}

static int rehash(gs_strmap *m, uint32_t ncap)
{
    gs_strmap n;
    n.cap = ncap;
    n.count = m->count;
    n.keys = gs_calloc(ncap, sizeof *n.keys);
    n.key_lens = gs_calloc(ncap, sizeof *n.key_lens);
    n.values = gs_calloc(ncap, sizeof *n.values);
    if (!n.keys || !n.key_lens || !n.values) {
        gs_free(n.keys);
        gs_free(n.key_lens);
        gs_free(n.values);
        return -1;
    }
    for (uint32_t i = 0; i < m->cap; i++) {
        if (!m->keys[i])
            continue;
        uint32_t s;
        find_slot(&n, m->keys[i], m->key_lens[i], &s);
        n.keys[s] = m->keys[i];
        n.key_lens[s] = m->key_lens[i];
        n.values[s] = m->values[i];
    }
    gs_strmap_free(m);
    *m = n;
    return 0;
}

int gs_strmap_put(gs_strmap *m, const char *key, size_t len, uint32_t value, uint32_t *existing)
{
    if (len > UINT32_MAX)
        return -1;
    /* Keep the load factor at or below 1/2. */
    if ((m->count + 1) * 2 > m->cap) {
        if (m->cap >= (1u << 30))
            return -1;
        if (rehash(m, m->cap ? m->cap * 2 : 16) < 0)
            return -1;
    }
    uint32_t s;
    if (find_slot(m, key, len, &s)) {
        if (existing)
            *existing = m->values[s];
        return 0;
    }
    m->keys[s] = key;
    m->key_lens[s] = (uint32_t)len;
    m->values[s] = value;
    m->count++;
    return 1;
}

int gs_strmap_get(const gs_strmap *m, const char *key, size_t len, uint32_t *value)
{
    if (m->cap == 0 || len > UINT32_MAX)
        return 0;
    uint32_t s;
    if (!find_slot(m, key, len, &s))
        return 0;
    *value = m->values[s];
    return 1;
}
