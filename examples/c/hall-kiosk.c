/*
 * hall-kiosk.c - a service-hall kiosk: load a rulebook once, then print the
 * one-time notice (一次性告知单) for each applicant who asks.
 *
 * This is an example to copy. It uses only the public API of libgovsvc and
 * builds against the installed library:
 *
 *     cc -std=c11 hall-kiosk.c $(pkg-config --cflags --libs govsvc) -o hall-kiosk
 *
 * Usage:
 *
 *     hall-kiosk RULEBOOK [--date YYYY-MM-DD] [--json] ITEM [--facts FILE] [NAME=VALUE]...
 *     hall-kiosk RULEBOOK [--date YYYY-MM-DD] [--json] -
 *
 * With an item code, it answers once. With "-", it reads one request per line
 * from standard input, "ITEM [--facts FILE] [NAME=VALUE]...", and answers each
 * from the same loaded rulebook, as a kiosk or a window program would all day:
 * the rulebook is loaded and compiled once, and every answer after that costs
 * a query, not a load. Facts come from a JSON (or YAML) file holding one
 * mapping of fact names to values, and from NAME=VALUE words read by the
 * fact's declared type; the words are applied after the file.
 *
 * Exit status: 0 every request was answered; 1 a request was wrong (unknown
 * item, bad fact) or the rulebook has errors; 2 usage or I/O error.
 */
#include <govsvc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_WRONG = 1, EXIT_USAGE = 2 };

static void usage(void)
{
    fputs("usage: hall-kiosk RULEBOOK [--date YYYY-MM-DD] [--json] ITEM [--facts FILE] "
          "[NAME=VALUE]...\n"
          "       hall-kiosk RULEBOOK [--date YYYY-MM-DD] [--json] -   (requests on stdin)\n",
          stderr);
}

/* Prints every diagnostic of a list the way the govsvc command does. */
static void print_diags(const govsvc_diag_list *diags)
{
    for (size_t i = 0; i < govsvc_diag_list_count(diags); i++) {
        char *text = govsvc_diag_format(govsvc_diag_list_get(diags, i));
        if (text)
            fprintf(stderr, "%s\n", text);
        govsvc_free(text);
    }
}

/* Settings that hold for the whole session. */
typedef struct kiosk {
    govsvc_rulebook *rb;
    govsvc_query_options opts;
    int json;
} kiosk;

/* Answers one request: words[0] is the item code, the rest "--facts FILE" or
 * NAME=VALUE. Returns 0 when the notice was printed, else EXIT_WRONG or
 * EXIT_USAGE after saying why on stderr. */
static int answer(const kiosk *k, char **words, int nwords)
{
    const char *item = words[0];
    govsvc_facts *facts = NULL;
    int status = 0;

    /* A facts set belongs to one rulebook: it checks every value against the
     * rulebook's declarations as it is set. */
    if (govsvc_facts_new(&facts, k->rb) != 0) {
        fprintf(stderr, "hall-kiosk: out of memory\n");
        return EXIT_USAGE;
    }
    for (int i = 1; i < nwords && status == 0; i++) {
        if (strcmp(words[i], "--facts") == 0) {
            if (i + 1 >= nwords) {
                fprintf(stderr, "hall-kiosk: --facts needs a file\n");
                status = EXIT_USAGE;
                break;
            }
            govsvc_diag_list *diags = NULL;
            int r = govsvc_facts_set_from_file(facts, words[++i], &diags);
            print_diags(diags);
            govsvc_diag_list_free(diags);
            if (r == GOVSVC_EIO)
                status = EXIT_USAGE;
            else if (r != 0)
                status = EXIT_WRONG;
            continue;
        }
        char *eq = strchr(words[i], '=');
        if (!eq || eq == words[i]) {
            fprintf(stderr, "hall-kiosk: '%s' is not NAME=VALUE\n", words[i]);
            status = EXIT_USAGE;
            break;
        }
        *eq = '\0';
        if (govsvc_facts_set_text(facts, words[i], eq + 1) != 0) {
            /* The error names the fact and the form it expects. */
            const govsvc_diag *d = govsvc_facts_last_error(facts);
            fprintf(stderr, "hall-kiosk: error[%s]: %s\n", d ? d->code : "?",
                    d ? d->message : "cannot set the fact");
            if (d && d->hint)
                fprintf(stderr, "hint: %s\n", d->hint);
            status = EXIT_WRONG;
        }
        *eq = '=';
    }

    if (status == 0) {
        govsvc_answer *a = NULL;
        govsvc_diag_list *diags = NULL;
        int r = govsvc_query_item(&a, k->rb, item, facts, &k->opts, &diags);
        if (r == 0) {
            char *text = NULL;
            r = k->json ? govsvc_answer_to_json(a, &text, NULL)
                        : govsvc_answer_to_text(a, &text, NULL);
            if (r == 0)
                fputs(text, stdout);
            else
                fprintf(stderr, "hall-kiosk: out of memory\n");
            govsvc_free(text);
            status = r == 0 ? 0 : EXIT_USAGE;
        } else {
            /* Unknown item (with a did-you-mean hint), an item not valid on
             * the date, or a due date the calendar does not cover. */
            print_diags(diags);
            status = r == GOVSVC_EINVAL || r == GOVSVC_ENOMEM ? EXIT_USAGE : EXIT_WRONG;
        }
        govsvc_diag_list_free(diags);
        govsvc_answer_free(a);
    }
    govsvc_facts_free(facts);
    return status;
}

/* Reads requests from stdin, one per line; blank lines and lines starting
 * with '#' are skipped. Returns the worst status of all requests. */
static int serve(const kiosk *k)
{
    char line[4096];
    int worst = 0;
    while (fgets(line, sizeof line, stdin)) {
        char *words[64];
        int n = 0;
        for (char *w = strtok(line, " \t\r\n"); w && n < 64; w = strtok(NULL, " \t\r\n"))
            words[n++] = w;
        if (n == 0 || words[0][0] == '#')
            continue;
        int r = answer(k, words, n);
        if (r > worst)
            worst = r;
        /* Keep answers apart on a shared terminal or log. */
        fflush(stdout);
    }
    return worst;
}

int main(int argc, char **argv)
{
    kiosk k = {NULL, GOVSVC_QUERY_OPTIONS_INIT, 0};
    int i = 1;
    if (argc < 3) {
        usage();
        return EXIT_USAGE;
    }
    const char *path = argv[i++];
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--json") == 0) {
            k.json = 1;
        } else if (strcmp(argv[i], "--date") == 0 && i + 1 < argc) {
            if (govsvc_date_parse(&k.opts.date, argv[++i]) != 0) {
                fprintf(stderr, "hall-kiosk: '%s' is not a date (YYYY-MM-DD)\n", argv[i]);
                return EXIT_USAGE;
            }
        } else {
            usage();
            return EXIT_USAGE;
        }
    }
    if (i >= argc) {
        usage();
        return EXIT_USAGE;
    }

    /* Load and compile once. Every diagnostic has a file, line, column and
     * a hint; the loader reports all it finds, not only the first. */
    govsvc_diag_list *diags = NULL;
    int r = govsvc_rulebook_load(&k.rb, path, NULL, &diags);
    print_diags(diags);
    govsvc_diag_list_free(diags);
    if (r != 0)
        return r == GOVSVC_ERULEBOOK ? EXIT_WRONG : EXIT_USAGE;
    fprintf(stderr, "hall-kiosk: %s %s loaded (%zu items, %s)\n", govsvc_rulebook_id(k.rb),
            govsvc_rulebook_version(k.rb), govsvc_rulebook_item_count(k.rb),
            govsvc_rulebook_digest(k.rb));

    int status = strcmp(argv[i], "-") == 0 ? serve(&k) : answer(&k, argv + i, argc - i);
    govsvc_rulebook_unref(k.rb);
    return status;
}
