/*
 * cli.h - what the govsvc subcommands share: exit codes, diagnostics on
 * stderr, option parsing and loading a rulebook. Each subcommand lives in
 * its own file (cmd_<name>.c) and is a thin shell over the library.
 */
#ifndef GOVSVC_CLI_H
#define GOVSVC_CLI_H

#include <govsvc.h>

/* Exit codes (SPEC section 9): 0 success; 1 the input was understood and is
 * wrong; 2 usage or I/O error. */
enum { EXIT_OK = 0, EXIT_WRONG = 1, EXIT_USAGE = 2 };

/* The name the program was called by ("govsvc" or "govsvc-lint"). */
extern const char *prog;

/* Prints one diagnostic (FILE:LINE:COL: error[CODE]: message, then the
 * hint); `fallback` prefixes diagnostics that have no file. */
void print_diag(const govsvc_diag *d, const char *fallback);
void print_diags(const govsvc_diag_list *l, const char *fallback);
/* Maps a library status to the exit code. */
int exit_for(int status);
/* Prints "govsvc CMD: <message>" and a pointer to --help; returns 2. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
int usage_error(const char *cmd, const char *fmt, ...);
/* "--name value" or "--name=value": returns the value, or NULL when
 * argv[*i] is not that option (*missing set when the value is absent). */
const char *opt_value(int argc, char **argv, int *i, const char *name, int *missing);
/* Loads a rulebook, printing its diagnostics; returns the library status. */
int load_rulebook(const char *path, govsvc_rulebook **rb);
/* Loads a history directory (versions of one rulebook), printing its
 * diagnostics; returns the library status. */
int load_history(const char *path, govsvc_history **h);
/* 1 when path names a directory. */
int is_directory(const char *path);
/* A top file, or for a directory the version in force on `date` (zero:
 * today); *rb is a new reference. Prints diagnostics; returns the status. */
int load_at(const char *path, govsvc_date date, govsvc_rulebook **rb);

/* `query --interactive` (interactive.c): asks the facts the answer still
 * needs, one at a time, most decisive first (questions on stderr, answers
 * on stdin; an empty answer skips, end of input stops), setting each in
 * `facts` and calling query(out, ud) again. Returns 0 with the last answer
 * in *out (the caller frees it), or the failing status (query's own
 * diagnostics are printed by query). `lang` is "zh" or "en". */
int ask_interactively(govsvc_answer **out, govsvc_facts *facts, const char *lang,
                      int (*query)(govsvc_answer **out, void *ud), void *ud);

/* Progress of a long run (lint of many files, stats over a history), on
 * stderr and only when stderr is a terminal, so that logs and pipes stay
 * clean: progress(what, done, total) redraws one line such as
 * "lint: 12/340 rules/x/items.yaml"; progress_end() clears it. `label`
 * may be NULL; total 0 means unknown. */
void progress(const char *what, size_t done, size_t total, const char *label);
void progress_end(void);

/* The subcommands: argv[0] is the subcommand's name. */
int cmd_query(int argc, char **argv);
int cmd_calendar(int argc, char **argv);
int cmd_lint(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_stats(int argc, char **argv);

#endif
