/*
 * govsvc/common.h - version macros, export macro, status codes, dates and
 * the allocator hooks shared by every libgovsvc module.
 *
 * Threading: everything here is safe to call from any thread, except
 * govsvc_set_allocator(), which must be called before any other libgovsvc
 * function and never while another thread uses the library.
 */
#ifndef GOVSVC_COMMON_H
#define GOVSVC_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(GOVSVC_BUILDING) && (defined(__GNUC__) || defined(__clang__))
#define GOVSVC_API __attribute__((visibility("default")))
#else
#define GOVSVC_API
#endif

#define GOVSVC_VERSION_MAJOR 0
#define GOVSVC_VERSION_MINOR 1
#define GOVSVC_VERSION_PATCH 0
#define GOVSVC_VERSION_STRING "0.1.0"

/* The rulebook format version this build reads (`govsvc: 1`). */
#define GOVSVC_FORMAT_VERSION 1

/* Status codes. Functions that can fail return 0 or one of these. */
typedef enum govsvc_status {
    GOVSVC_OK = 0,
    GOVSVC_ENOMEM = -1,     /* an allocation failed; nothing was changed */
    GOVSVC_EIO = -2,        /* a file could not be read */
    GOVSVC_EINVAL = -3,     /* a bad argument (NULL, malformed date, ...) */
    GOVSVC_ERULEBOOK = -4,  /* the rulebook has errors: see the diagnostics */
    GOVSVC_EFACT = -5,      /* a fact is undeclared or its value is invalid */
    GOVSVC_ENOTFOUND = -6,  /* no such item (or bundle) in the rulebook */
    GOVSVC_ERANGE = -7,     /* a date count leaves the calendar's coverage */
    GOVSVC_ELIMIT = -8      /* an input exceeds a configured limit */
} govsvc_status;

/* Returns a short English description of a status code (static string). */
GOVSVC_API const char *govsvc_strerror(int status);

/* Returns the library version as "MAJOR.MINOR.PATCH" (static string). It may
 * differ from GOVSVC_VERSION_STRING when the program runs against a newer
 * shared library. */
GOVSVC_API const char *govsvc_version(void);

/* A calendar day (proleptic Gregorian). */
typedef struct govsvc_date {
    int year;  /* 1..9999 */
    int month; /* 1..12 */
    int day;   /* 1..31, valid for the month */
} govsvc_date;

/* Parses an ISO date "YYYY-MM-DD" (exactly that form; 2026-02-30 is
 * rejected). Returns 0 or GOVSVC_EINVAL. */
GOVSVC_API int govsvc_date_parse(govsvc_date *out, const char *text);

/* Writes "YYYY-MM-DD" and a NUL into buf (at least 11 bytes). Returns 0 or
 * GOVSVC_EINVAL when the date is not valid. */
GOVSVC_API int govsvc_date_format(const govsvc_date *date, char buf[11]);

/* Today's date in local time. */
GOVSVC_API govsvc_date govsvc_date_today(void);

/* Allocator hooks. Every allocation libgovsvc makes goes through them,
 * pcre2's included, so hosts can count or fail allocations. (libyaml offers
 * no hooks: its parser's working buffers come from the C library's malloc
 * and are freed before each load returns.)
 * Pass NULL for all three to restore malloc/realloc/free. Call once, before
 * any other libgovsvc function. Returns 0, or GOVSVC_EINVAL when only some
 * of the three are given. */
typedef void *(*govsvc_malloc_fn)(size_t size, void *ud);
typedef void *(*govsvc_realloc_fn)(void *ptr, size_t size, void *ud);
typedef void (*govsvc_free_fn)(void *ptr, void *ud);
GOVSVC_API int govsvc_set_allocator(govsvc_malloc_fn m, govsvc_realloc_fn r, govsvc_free_fn f,
                                    void *ud);

/* Frees memory that libgovsvc handed to the caller as a plain buffer (for
 * example the text from govsvc_answer_to_json()). NULL is accepted. */
GOVSVC_API void govsvc_free(void *ptr);

#ifdef __cplusplus
}
#endif
#endif
