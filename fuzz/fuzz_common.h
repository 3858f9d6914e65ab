/*
 * fuzz_common.h - what the fuzz targets share: a private scratch directory
 * for the files a target writes, splitting one input into several files,
 * and exercising a loaded rulebook the way a hall system would (queries,
 * facts, JSON and text output).
 *
 * Every target defines LLVMFuzzerTestOneInput(). Built with -Dfuzz=true
 * (clang, -fsanitize=fuzzer) they are libFuzzer programs; built otherwise
 * each is linked with replay.c, a main() that runs files through the
 * target, which is how tests/regress/ inputs and the seed corpora are
 * replayed as unit tests (docs/fuzzing.md).
 */
#ifndef GOVSVC_FUZZ_COMMON_H
#define GOVSVC_FUZZ_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "govsvc.h"
#include "util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The separator between the files of one input (a line of its own). */
#define FUZZ_SEP "\n#@@\n"

/* The scratch directory (created on first use, removed at exit). */
const char *fuzz_dir(void);
/* fuzz_dir()/name; the result lives until the next call (4 slots). */
const char *fuzz_path(const char *name);
/* Writes bytes to fuzz_dir()/name (replacing it). Aborts on I/O errors:
 * those are the harness's, not the library's. */
void fuzz_write(const char *name, const void *data, size_t size);

/* Splits data at FUZZ_SEP into at most max parts; returns their number.
 * parts[i] points into data. */
size_t fuzz_split(const uint8_t *data, size_t size, const uint8_t **parts, size_t *lens,
                  size_t max);

/* A small calendar file, written to fuzz_dir()/cal.yaml by fuzz_dir(). */
extern const char FUZZ_CALENDAR[];

/* Queries up to a few items of rb with no facts, with a value for every
 * fact, with --explain; renders JSON, text, Markdown and HTML; computes its
 * statistics and its diff with itself, and lints `path` (when not NULL);
 * checks what must hold of each (aborts when it does not: a finding). */
void fuzz_exercise(govsvc_rulebook *rb, const char *path);

/* Prints diagnostics to stderr (for a harness that cannot start). */
void fuzz_print_diags(const govsvc_diag_list *d);

/* Aborts with a message: an invariant of the library does not hold. */
void fuzz_fail(const char *what) __attribute__((noreturn));

#endif
