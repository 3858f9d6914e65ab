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

/* The subcommands: argv[0] is the subcommand's name. */
int cmd_query(int argc, char **argv);
int cmd_calendar(int argc, char **argv);
int cmd_lint(int argc, char **argv);

#endif
