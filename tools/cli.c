/*
 * cli.c - helpers shared by the govsvc subcommands (see cli.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

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
    /* Called as govsvc-lint, the program is the subcommand itself. */
    int alias = strcmp(prog, "govsvc") != 0;
    va_list ap;
    va_start(ap, fmt);
    if (alias)
        fprintf(stderr, "%s: ", prog);
    else
        fprintf(stderr, "%s %s: ", prog, cmd);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (alias)
        fprintf(stderr, "\nTry '%s --help'.\n", prog);
    else
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

int load_history(const char *path, govsvc_history **h)
{
    govsvc_diag_list *diags = NULL;
    int r = govsvc_history_load(h, path, NULL, &diags);
    print_diags(diags, path);
    if (r && !diags)
        fprintf(stderr, "%s: %s: %s\n", prog, path, govsvc_strerror(r));
    govsvc_diag_list_free(diags);
    return r;
}

int is_directory(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int load_at(const char *path, govsvc_date date, govsvc_rulebook **rb)
{
    *rb = NULL;
    if (!is_directory(path))
        return load_rulebook(path, rb);
    govsvc_history *h = NULL;
    int r = load_history(path, &h);
    if (r)
        return r;
    if (date.year == 0 && date.month == 0 && date.day == 0)
        date = govsvc_date_today();
    govsvc_rulebook *v = NULL;
    govsvc_diag_list *diags = NULL;
    r = govsvc_history_at(&v, h, date, &diags);
    print_diags(diags, path);
    govsvc_diag_list_free(diags);
    if (r == 0)
        *rb = govsvc_rulebook_ref(v);
    govsvc_history_free(h);
    return r;
}

/* -- progress on a terminal ---------------------------------------------- */

static int progress_tty = -1; /* -1: not yet decided */
static int progress_shown;
static double progress_last;

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void progress(const char *what, size_t done, size_t total, const char *label)
{
    if (progress_tty < 0) {
        const char *term = getenv("TERM");
        progress_tty = isatty(STDERR_FILENO) && !(term && strcmp(term, "dumb") == 0);
    }
    if (!progress_tty)
        return;
    /* Redraw at most ten times a second, and always the last step: a
     * thousand files must not cost a thousand terminal writes. */
    double t = now();
    if (progress_shown && done != total && t - progress_last < 0.1)
        return;
    progress_last = t;
    /* Keep the line short: the end of a long label, cut at a character. */
    const char *l = label ? label : "";
    size_t n = strlen(l);
    if (n > 48) {
        l += n - 48;
        while ((*l & 0xC0) == 0x80)
            l++;
    }
    if (total)
        fprintf(stderr, "\r\033[K%s: %zu/%zu %s", what, done, total, l);
    else
        fprintf(stderr, "\r\033[K%s: %zu %s", what, done, l);
    fflush(stderr);
    progress_shown = 1;
}

void progress_end(void)
{
    if (!progress_shown)
        return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    progress_shown = 0;
}
