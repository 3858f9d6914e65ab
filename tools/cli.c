/*
 * cli.c - helpers shared by the govsvc subcommands (see cli.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *prog = "govsvc";

void print_diag(const govsvc_diag *d, const char *fallback)
{
    char *s = govsvc_diag_format(d);
    if (!s) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return;
    }
    if (!d->file && fallback)
        fprintf(stderr, "%s: %s\n", fallback, s);
    else
        fprintf(stderr, "%s\n", s);
    govsvc_free(s);
}

void print_diags(const govsvc_diag_list *l, const char *fallback)
{
    for (size_t i = 0; i < govsvc_diag_list_count(l); i++)
        print_diag(govsvc_diag_list_get(l, i), fallback);
}

/* Maps a library status to the exit code. */
int exit_for(int status)
{
    switch (status) {
    case GOVSVC_OK: return EXIT_OK;
    case GOVSVC_EIO:
    case GOVSVC_EINVAL:
    case GOVSVC_ENOMEM: return EXIT_USAGE;
    default: return EXIT_WRONG;
    }
}

int usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s %s: ", prog, cmd);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '%s %s --help'.\n", prog, cmd);
    return EXIT_USAGE;
}

/* Option parsing: "--name value" or "--name=value". Returns the value, or
 * NULL when argv[*i] is not that option; *missing is set when the value is
 * absent. */
const char *opt_value(int argc, char **argv, int *i, const char *name, int *missing)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0)
        return NULL;
    if (a[n] == '=')
        return a + n + 1;
    if (a[n] != '\0')
        return NULL;
    if (*i + 1 >= argc) {
        *missing = 1;
        return NULL;
    }
    return argv[++*i];
}

int load_rulebook(const char *path, govsvc_rulebook **rb)
{
    govsvc_diag_list *diags = NULL;
    int r = govsvc_rulebook_load(rb, path, NULL, &diags);
    if (r) {
        print_diags(diags, path);
        if (!diags)
            fprintf(stderr, "%s: %s: %s\n", prog, path, govsvc_strerror(r));
    }
    govsvc_diag_list_free(diags);
    return r;
}

