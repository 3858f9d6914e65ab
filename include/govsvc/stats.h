/*
 * govsvc/stats.h - the figures of a rulebook that reform reports quote:
 * how many items of each kind, level and department, under which reform
 * mode; the share of items done with at most one visit (最多跑一次) and
 * with none (零跑动); online service none / partial / full; the items kept
 * out of the service hall and why (应进必进); and the average statutory and
 * promised working days with the reduction between them.
 *
 * A stats object is computed once from an immutable rulebook and is itself
 * immutable; any thread may read it.
 */
#ifndef GOVSVC_STATS_H
#define GOVSVC_STATS_H

#include "common.h"
#include "rulebook.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct govsvc_stats govsvc_stats;

/* Options; initialise with GOVSVC_STATS_OPTIONS_INIT. A zero date counts
 * every item; otherwise only the items valid on that date. */
typedef struct govsvc_stats_options {
    unsigned version;
    govsvc_date date;
} govsvc_stats_options;

#define GOVSVC_STATS_OPTIONS_VERSION 1
#define GOVSVC_STATS_OPTIONS_INIT {GOVSVC_STATS_OPTIONS_VERSION, {0, 0, 0}}

/* Computes the figures of rb. Returns 0 and a new object in *out (free it
 * with govsvc_stats_free()), GOVSVC_EINVAL or GOVSVC_ENOMEM. */
GOVSVC_API int govsvc_stats_compute(govsvc_stats **out, const govsvc_rulebook *rb,
                                    const govsvc_stats_options *opts);
GOVSVC_API void govsvc_stats_free(govsvc_stats *s);

/* Items counted. */
GOVSVC_API size_t govsvc_stats_items(const govsvc_stats *s);

/* Counts by group, in a fixed order: types in the order of the national
 * list (行政许可 ... 公共服务, 备案), levels from province down, departments,
 * reform modes and hall reasons in first-seen order. "unspecified" counts
 * items that do not say. Keys are borrowed. */
typedef enum govsvc_stats_group {
    GOVSVC_STATS_TYPE = 0,
    GOVSVC_STATS_LEVEL,
    GOVSVC_STATS_DEPARTMENT,
    GOVSVC_STATS_REFORM,
    GOVSVC_STATS_HALL_REASON /* items not entered in the hall, by reason */
} govsvc_stats_group;
GOVSVC_API size_t govsvc_stats_group_count(const govsvc_stats *s, govsvc_stats_group g);
GOVSVC_API const char *govsvc_stats_group_key(const govsvc_stats *s, govsvc_stats_group g,
                                              size_t i);
GOVSVC_API size_t govsvc_stats_group_value(const govsvc_stats *s, govsvc_stats_group g,
                                           size_t i);

/* Figures as numbers: shares are fractions of the items that give the
 * field (0 when none does); averages are in working days. */
typedef enum govsvc_stats_figure {
    GOVSVC_STATS_POWER_ITEMS = 0,   /* count: 行政权力 items (every type but public_service) */
    GOVSVC_STATS_SERVICE_ITEMS,     /* count: 公共服务 items */
    GOVSVC_STATS_VISITS_AT_MOST_ONE, /* share of items with visits <= 1 */
    GOVSVC_STATS_VISITS_ZERO,       /* share of items with visits == 0 */
    GOVSVC_STATS_ONLINE_NONE,       /* shares of online: none / partial / full */
    GOVSVC_STATS_ONLINE_PARTIAL,
    GOVSVC_STATS_ONLINE_FULL,
    GOVSVC_STATS_HALL_ENTERED,      /* share of items entered in the hall */
    GOVSVC_STATS_STATUTORY_DAYS,    /* average statutory working days */
    GOVSVC_STATS_PROMISED_DAYS,     /* average promised working days */
    GOVSVC_STATS_REDUCTION          /* 1 - promised / statutory over the same items */
} govsvc_stats_figure;
GOVSVC_API double govsvc_stats_get(const govsvc_stats *s, govsvc_stats_figure f);

/* Renders the figures as JSON (schema govsvc.stats/1) or as a Chinese
 * text report. Same ownership as govsvc_answer_to_json(). */
GOVSVC_API int govsvc_stats_to_json(const govsvc_stats *s, char **out, size_t *len);
GOVSVC_API int govsvc_stats_to_text(const govsvc_stats *s, char **out, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
