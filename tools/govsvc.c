/*
 * govsvc - the command line over libgovsvc: one-time notices, calendar
 * arithmetic and rulebook checks. A thin shell: every decision is the
 * library's.
 *
 * Exit codes (SPEC section 9): 0 success; 1 the input was understood and is
 * wrong (rulebook errors, unknown item, bad fact, a date the calendar does
 * not cover); 2 usage or I/O error.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <dirent.h>
#include <sys/stat.h>

#include <govsvc.h>

enum { EXIT_OK = 0, EXIT_WRONG = 1, EXIT_USAGE = 2 };

static const char *prog = "govsvc";

static void print_diag(const govsvc_diag *d, const char *fallback)
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

static void print_diags(const govsvc_diag_list *l, const char *fallback)
{
    for (size_t i = 0; i < govsvc_diag_list_count(l); i++)
        print_diag(govsvc_diag_list_get(l, i), fallback);
}

/* Maps a library status to the exit code. */
static int exit_for(int status)
{
    switch (status) {
    case GOVSVC_OK: return EXIT_OK;
    case GOVSVC_EIO:
    case GOVSVC_EINVAL:
    case GOVSVC_ENOMEM: return EXIT_USAGE;
    default: return EXIT_WRONG;
    }
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static int usage_error(const char *cmd, const char *fmt, ...)
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
static const char *opt_value(int argc, char **argv, int *i, const char *name, int *missing)
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

/* -- query --------------------------------------------------------------- */

static const char QUERY_HELP[] =
    "Usage: govsvc query RULEBOOK --item CODE [options]\n"
    "\n"
    "Prints the one-time notice (一次性告知单) for a service item: the materials the\n"
    "applicant submits, which the hall fetches itself, which a signed commitment\n"
    "may replace, which may come later, and the dates by which all is due.\n"
    "\n"
    "Options:\n"
    "  --item CODE           the service item's code\n"
    "  --facts FILE          the applicant's facts, a YAML or JSON mapping\n"
    "  --fact NAME=VALUE     one fact, read by its declared type (repeatable;\n"
    "                        applied after --facts)\n"
    "  --date YYYY-MM-DD     the acceptance date (default: today)\n"
    "  --format text|json    a printable notice (default) or govsvc.answer/1 JSON\n"
    "  --explain             with json: each material's rule and condition values\n"
    "  --list                list the rulebook's items and facts, then exit\n"
    "  -h, --help            this help\n"
    "\n"
    "Exit status: 0 answered; 1 the rulebook, item, a fact or the date is wrong\n"
    "(or the calendar does not cover a due date); 2 usage or I/O error.\n";

static int list_rulebook(const govsvc_rulebook *rb)
{
    printf("%s %s — %s\n\nitems:\n", govsvc_rulebook_id(rb), govsvc_rulebook_version(rb),
           govsvc_rulebook_title(rb) ? govsvc_rulebook_title(rb) : "");
    for (size_t i = 0; i < govsvc_rulebook_item_count(rb); i++)
        printf("  %s  %s\n", govsvc_rulebook_item_code(rb, i), govsvc_rulebook_item_name(rb, i));
    printf("\nfacts:\n");
    for (size_t i = 0; i < govsvc_rulebook_fact_count(rb); i++)
        printf("  %s\n", govsvc_rulebook_fact_name(rb, i));
    return EXIT_OK;
}

static int load_rulebook(const char *path, govsvc_rulebook **rb)
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

static int cmd_query(int argc, char **argv)
{
    const char *path = NULL, *item = NULL, *facts_file = NULL, *date = NULL, *format = "text";
    int explain = 0, list = 0;
    const char **fact_args = calloc((size_t)argc, sizeof *fact_args);
    int nfacts = 0, rc = EXIT_OK;
    if (!fact_args)
        return EXIT_USAGE;
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(QUERY_HELP, stdout);
            free(fact_args);
            return EXIT_OK;
        } else if ((v = opt_value(argc, argv, &i, "--item", &missing))) {
            item = v;
        } else if ((v = opt_value(argc, argv, &i, "--facts", &missing))) {
            facts_file = v;
        } else if ((v = opt_value(argc, argv, &i, "--fact", &missing))) {
            fact_args[nfacts++] = v;
        } else if ((v = opt_value(argc, argv, &i, "--date", &missing))) {
            date = v;
        } else if ((v = opt_value(argc, argv, &i, "--format", &missing))) {
            format = v;
        } else if ((v = opt_value(argc, argv, &i, "--bundle", &missing))) {
            free(fact_args);
            return usage_error("query", "--bundle %s: this build answers single items only; "
                                        "use --item", v);
        } else if (strcmp(argv[i], "--explain") == 0) {
            explain = 1;
        } else if (strcmp(argv[i], "--list") == 0) {
            list = 1;
        } else if (missing) {
            free(fact_args);
            return usage_error("query", "option '%s' needs a value", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            free(fact_args);
            return usage_error("query", "unknown option '%s'", argv[i]);
        } else if (!path) {
            path = argv[i];
        } else {
            free(fact_args);
            return usage_error("query", "unexpected argument '%s' (one RULEBOOK only)", argv[i]);
        }
    }
    if (!path) {
        free(fact_args);
        return usage_error("query", "%s", "missing RULEBOOK");
    }
    if (!list && !item) {
        free(fact_args);
        return usage_error("query", "%s", "missing --item CODE");
    }
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0) {
        free(fact_args);
        return usage_error("query", "unknown format '%s' (text or json)", format);
    }
    govsvc_query_options qo = GOVSVC_QUERY_OPTIONS_INIT;
    if (date && govsvc_date_parse(&qo.date, date) != 0) {
        free(fact_args);
        return usage_error("query", "--date '%s' is not a valid date (write YYYY-MM-DD)", date);
    }
    for (int i = 0; i < nfacts; i++) {
        if (!strchr(fact_args[i], '=')) {
            rc = usage_error("query", "--fact '%s' must be NAME=VALUE", fact_args[i]);
            free(fact_args);
            return rc;
        }
    }
    if (explain)
        qo.flags |= GOVSVC_QUERY_EXPLAIN;

    govsvc_rulebook *rb = NULL;
    govsvc_facts *facts = NULL;
    govsvc_answer *ans = NULL;
    govsvc_diag_list *diags = NULL;
    int r = load_rulebook(path, &rb);
    if (r) {
        rc = exit_for(r);
        goto done;
    }
    if (list) {
        rc = list_rulebook(rb);
        goto done;
    }
    if ((r = govsvc_facts_new(&facts, rb)) != 0) {
        rc = exit_for(r);
        goto done;
    }
    if (facts_file) {
        r = govsvc_facts_set_from_file(facts, facts_file, &diags);
        print_diags(diags, facts_file);
        govsvc_diag_list_free(diags);
        diags = NULL;
        if (r) {
            rc = exit_for(r);
            goto done;
        }
    }
    for (int i = 0; i < nfacts; i++) {
        char name[256];
        const char *eq = strchr(fact_args[i], '=');
        size_t n = (size_t)(eq - fact_args[i]);
        if (n >= sizeof name)
            n = sizeof name - 1;
        memcpy(name, fact_args[i], n);
        name[n] = '\0';
        r = govsvc_facts_set_text(facts, name, eq + 1);
        if (r) {
            char where[300];
            snprintf(where, sizeof where, "--fact %s", fact_args[i]);
            if (govsvc_facts_last_error(facts))
                print_diag(govsvc_facts_last_error(facts), where);
            rc = exit_for(r);
        }
    }
    if (rc)
        goto done;
    r = govsvc_query_item(&ans, rb, item, facts, &qo, &diags);
    if (r) {
        print_diags(diags, path);
        rc = exit_for(r);
        goto done;
    }
    char *text = NULL;
    size_t len = 0;
    r = strcmp(format, "json") == 0 ? govsvc_answer_to_json(ans, &text, &len)
                                    : govsvc_answer_to_text(ans, &text, &len);
    if (r) {
        fprintf(stderr, "%s: %s\n", prog, govsvc_strerror(r));
        rc = EXIT_USAGE;
        goto done;
    }
    fwrite(text, 1, len, stdout);
    govsvc_free(text);
done:
    govsvc_diag_list_free(diags);
    govsvc_answer_free(ans);
    govsvc_facts_free(facts);
    govsvc_rulebook_unref(rb);
    free(fact_args);
    if (fflush(stdout) != 0)
        rc = EXIT_USAGE;
    return rc;
}

/* -- calendar ------------------------------------------------------------ */

static const char CALENDAR_HELP[] =
    "Usage: govsvc calendar CALENDAR --from YYYY-MM-DD --add DURATION\n"
    "\n"
    "Prints the date on which DURATION, counted from the given day, ends.\n"
    "The starting day is not counted (《民法典》第二百零一条); a count of natural\n"
    "days that ends on a day off moves to the next working day.\n"
    "\n"
    "DURATION: 'N working days', 'N days', 'immediate', or 'N个工作日', 'N日',\n"
    "'N天', '即办'. CALENDAR is a calendar file such as rules/calendars/cn.yaml.\n"
    "\n"
    "Exit status: 0 printed; 1 the calendar is wrong or does not cover the end\n"
    "date; 2 usage or I/O error.\n";

static int cmd_calendar(int argc, char **argv)
{
    const char *path = NULL, *from = NULL, *add = NULL;
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(CALENDAR_HELP, stdout);
            return EXIT_OK;
        } else if ((v = opt_value(argc, argv, &i, "--from", &missing))) {
            from = v;
        } else if ((v = opt_value(argc, argv, &i, "--add", &missing))) {
            add = v;
        } else if (missing) {
            return usage_error("calendar", "option '%s' needs a value", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return usage_error("calendar", "unknown option '%s'", argv[i]);
        } else if (!path) {
            path = argv[i];
        } else {
            return usage_error("calendar", "unexpected argument '%s'", argv[i]);
        }
    }
    if (!path || !from || !add)
        return usage_error("calendar", "%s",
                           !path ? "missing CALENDAR" : !from ? "missing --from" : "missing --add");
    govsvc_date d, end;
    if (govsvc_date_parse(&d, from) != 0)
        return usage_error("calendar", "--from '%s' is not a valid date (write YYYY-MM-DD)",
                           from);
    govsvc_calendar *cal = NULL;
    govsvc_diag_list *diags = NULL;
    int r = govsvc_calendar_load(&cal, path, NULL, &diags);
    print_diags(diags, path);
    govsvc_diag_list_free(diags);
    if (r)
        return exit_for(r);
    r = govsvc_calendar_add(cal, d, add, &end);
    int rc = EXIT_OK;
    if (r == GOVSVC_EINVAL) {
        rc = usage_error("calendar",
                         "--add '%s' is not a duration ('N working days', 'N days', "
                         "'immediate', 'N个工作日', 'N日', '即办')",
                         add);
    } else if (r == GOVSVC_ERANGE) {
        govsvc_date a, b;
        char fa[11], fb[11];
        govsvc_calendar_covers(cal, &a, &b);
        govsvc_date_format(&a, fa);
        govsvc_date_format(&b, fb);
        fprintf(stderr,
                "%s: error[E071]: cannot count %s from %s: calendar '%s' ends on %s (it covers "
                "%s to %s)\nhint: add the next year's holiday notice to the calendar\n",
                path, add, from, govsvc_calendar_id(cal), fb, fa, fb);
        rc = EXIT_WRONG;
    } else if (r) {
        fprintf(stderr, "%s: %s\n", prog, govsvc_strerror(r));
        rc = EXIT_USAGE;
    } else {
        char out[11];
        govsvc_date_format(&end, out);
        printf("%s\n", out);
    }
    govsvc_calendar_free(cal);
    return rc;
}

/* -- lint ---------------------------------------------------------------- */

static const char LINT_HELP[] =
    "Usage: govsvc lint [--format text|json] [--werror] PATH...\n"
    "\n"
    "Loads each rulebook (a top file, or every *.yaml file with a 'rulebook:'\n"
    "header found in a directory, recursively) and reports every diagnostic,\n"
    "sorted by file, line and column, then a summary line.\n"
    "\n"
    "Exit status: 0 clean; 1 errors found (or warnings, with --werror);\n"
    "2 usage or I/O error.\n";

typedef struct lint_state {
    int json;
    size_t errors, warnings, files;
    int io;
    int first_json;
} lint_state;

static void json_str(const char *s)
{
    putchar('"');
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

static void lint_report(lint_state *st, const govsvc_diag_list *l)
{
    for (size_t i = 0; i < govsvc_diag_list_count(l); i++) {
        const govsvc_diag *d = govsvc_diag_list_get(l, i);
        if (d->severity == GOVSVC_SEVERITY_ERROR)
            st->errors++;
        else if (d->severity == GOVSVC_SEVERITY_WARNING)
            st->warnings++;
        if (!st->json) {
            char *s = govsvc_diag_format(d);
            if (s)
                printf("%s\n", s);
            govsvc_free(s);
            continue;
        }
        static const char *const sev[] = {"error", "warning", "note"};
        printf("%s\n    {\"severity\": \"%s\", \"code\": ", st->first_json ? "" : ",",
               sev[d->severity]);
        st->first_json = 0;
        json_str(d->code);
        printf(", \"message\": ");
        json_str(d->message);
        printf(", \"file\": ");
        json_str(d->file ? d->file : "");
        printf(", \"line\": %u, \"column\": %u, \"hint\": ", d->line, d->column);
        if (d->hint)
            json_str(d->hint);
        else
            printf("null");
        printf("}");
    }
}

static void lint_file(lint_state *st, const char *path)
{
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *diags = NULL;
    int r = govsvc_rulebook_load(&rb, path, NULL, &diags);
    st->files++;
    if (r == GOVSVC_EIO)
        st->io = 1;
    lint_report(st, diags);
    govsvc_diag_list_free(diags);
    govsvc_rulebook_unref(rb);
}

/* A directory holds rulebooks (files with a top-level 'rulebook:' key) and
 * the files they include; only the former are loaded. */
static int is_top_file(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[512];
    int top = 0;
    while (f && fgets(line, sizeof line, f))
        if (strncmp(line, "rulebook:", 9) == 0) {
            top = 1;
            break;
        }
    if (f)
        fclose(f);
    return top;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void lint_path(lint_state *st, const char *path, int depth)
{
    struct stat sb;
    if (stat(path, &sb) != 0 || depth > 16) {
        fprintf(stderr, "%s: error[E001]: cannot read '%s'\n", path, path);
        st->io = 1;
        return;
    }
    if (!S_ISDIR(sb.st_mode)) {
        lint_file(st, path);
        return;
    }
    DIR *dir = opendir(path);
    if (!dir) {
        fprintf(stderr, "%s: error[E001]: cannot open directory\n", path);
        st->io = 1;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **nn = realloc(names, cap * sizeof *names);
            if (!nn)
                break;
            names = nn;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(len)))
            break;
        snprintf(names[n++], len, "%s/%s", path, e->d_name);
    }
    closedir(dir);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        struct stat s2;
        size_t l = strlen(names[i]);
        if (stat(names[i], &s2) == 0 && S_ISDIR(s2.st_mode))
            lint_path(st, names[i], depth + 1);
        else if (l > 5 && strcmp(names[i] + l - 5, ".yaml") == 0 && is_top_file(names[i]))
            lint_file(st, names[i]);
        free(names[i]);
    }
    free(names);
}

static int cmd_lint(int argc, char **argv)
{
    lint_state st = {0, 0, 0, 0, 0, 1};
    int werror = 0, npaths = 0;
    for (int i = 1; i < argc; i++) {
        int missing = 0;
        const char *v;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            fputs(LINT_HELP, stdout);
            return EXIT_OK;
        } else if ((v = opt_value(argc, argv, &i, "--format", &missing))) {
            if (strcmp(v, "json") == 0)
                st.json = 1;
            else if (strcmp(v, "text") != 0)
                return usage_error("lint", "unknown format '%s' (text or json)", v);
        } else if (strcmp(argv[i], "--werror") == 0) {
            werror = 1;
        } else if (missing) {
            return usage_error("lint", "option '%s' needs a value", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return usage_error("lint", "unknown option '%s'", argv[i]);
        } else {
            npaths++;
        }
    }
    if (!npaths)
        return usage_error("lint", "%s", "missing PATH");
    if (st.json)
        printf("{\"diagnostics\": [");
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--format") == 0) {
            i++;
            continue;
        }
        if (argv[i][0] == '-' && argv[i][1])
            continue;
        lint_path(&st, argv[i], 0);
    }
    if (st.json)
        printf("%s], \"errors\": %zu, \"warnings\": %zu}\n", st.first_json ? "" : "\n", st.errors,
               st.warnings);
    else
        printf("%zu rulebook%s checked: %zu error%s, %zu warning%s\n", st.files,
               st.files == 1 ? "" : "s", st.errors, st.errors == 1 ? "" : "s", st.warnings,
               st.warnings == 1 ? "" : "s");
    if (st.io)
        return EXIT_USAGE;
    return st.errors || (werror && st.warnings) ? EXIT_WRONG : EXIT_OK;
}

/* -- main ---------------------------------------------------------------- */

static const char MAIN_HELP[] =
    "Usage: govsvc COMMAND [ARGS]\n"
    "\n"
    "Government service standards as answers: what must this applicant submit,\n"
    "and by when?\n"
    "\n"
    "Commands:\n"
    "  query      print the one-time notice (一次性告知单) for an item\n"
    "  calendar   add working days or natural days on a calendar\n"
    "  lint       check rulebooks and report every diagnostic\n"
    "  version    print the library version\n"
    "\n"
    "'govsvc COMMAND --help' describes each command.\n";

int main(int argc, char **argv)
{
    const char *base = strrchr(argv[0], '/');
    base = base ? base + 1 : argv[0];
    if (strcmp(base, "govsvc-lint") == 0) {
        prog = "govsvc-lint";
        return cmd_lint(argc, argv);
    }
    if (argc < 2) {
        fputs(MAIN_HELP, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        fputs(MAIN_HELP, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        printf("govsvc %s (rulebook format %d)\n", govsvc_version(), GOVSVC_FORMAT_VERSION);
        return EXIT_OK;
    }
    if (strcmp(cmd, "query") == 0)
        return cmd_query(argc - 1, argv + 1);
    if (strcmp(cmd, "calendar") == 0)
        return cmd_calendar(argc - 1, argv + 1);
    if (strcmp(cmd, "lint") == 0)
        return cmd_lint(argc - 1, argv + 1);
    fprintf(stderr, "%s: unknown command '%s'\n\n%s", prog, cmd, MAIN_HELP);
    return EXIT_USAGE;
}
