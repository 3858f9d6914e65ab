/*
 * cmd_query.c - `govsvc query`: the one-time notice (一次性告知单) for an item.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* -- query --------------------------------------------------------------- */

static const char QUERY_HELP[] =
    "Usage: govsvc query RULEBOOK|HISTORY_DIR (--item CODE | --bundle CODE) [options]\n"
    "\n"
    "Prints the one-time notice (一次性告知单) for a service item: the materials the\n"
    "applicant submits, which the hall fetches itself, which a signed commitment\n"
    "may replace, which may come later, and the dates by which all is due.\n"
    "\n"
    "RULEBOOK is a top file; HISTORY_DIR a directory of versions of one rulebook\n"
    "(top files with the same rulebook.id): the version in force on --date answers,\n"
    "and the notice names it.\n"
    "\n"
    "Options:\n"
    "  --item CODE           the service item's code\n"
    "  --bundle CODE         a bundle of items (一件事一次办): each material once,\n"
    "                        with the items needing it\n"
    "  --event KIND@DATE     a deadline event after acceptance, in date order\n"
    "                        (repeatable): suspend, resume, correction (补正\n"
    "                        requested), corrected (materials accepted: the limit\n"
    "                        starts again), extend@DATE[:DURATION] (延期, default\n"
    "                        the item's extension); the due dates are recounted\n"
    "  --facts FILE          the applicant's facts, a YAML or JSON mapping\n"
    "  --fact NAME=VALUE     one fact, read by its declared type (repeatable;\n"
    "                        applied after --facts)\n"
    "  --date YYYY-MM-DD     the acceptance date (default: today)\n"
    "  --format FORMAT       text (the printable notice, default), markdown, html\n"
    "                        (one self-contained file to print on A4) or json\n"
    "                        (govsvc.answer/1)\n"
    "  --lang zh|en          the notice's language (default zh); English uses the\n"
    "                        rulebook's name_en / label_en where it gives them\n"
    "  --explain             under each material: the rule's place, each condition\n"
    "                        with its value and the facts it read, and why its\n"
    "                        status won\n"
    "  --interactive         ask the facts still unknown one at a time (questions\n"
    "                        on stderr, answers on stdin, Enter skips), querying\n"
    "                        again after each answer; then print the notice\n"
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

/* What --interactive queries again after each answer. */
typedef struct requery {
    const govsvc_rulebook *rb;
    const char *item, *bundle; /* one of the two */
    const govsvc_facts *facts;
    const govsvc_query_options *qo;
    const char *path;
} requery;

static int query_again(govsvc_answer **out, void *ud)
{
    const requery *q = ud;
    govsvc_diag_list *diags = NULL;
    int r = q->bundle ? govsvc_query_bundle(out, q->rb, q->bundle, q->facts, q->qo, &diags)
                      : govsvc_query_item(out, q->rb, q->item, q->facts, q->qo, &diags);
    if (r)
        print_diags(diags, q->path);
    govsvc_diag_list_free(diags);
    return r;
}

int cmd_query(int argc, char **argv)
{
    const char *path = NULL, *item = NULL, *facts_file = NULL, *date = NULL, *format = "text";
    const char *lang = "zh";
    int explain = 0, list = 0, interactive = 0;
    govsvc_notice_format fmt = GOVSVC_NOTICE_TEXT;
    /* --fact and --event values, in one block (freed with fact_args). */
    const char **fact_args = calloc((size_t)argc, sizeof *fact_args + sizeof(govsvc_event));
    govsvc_event *events = fact_args ? (govsvc_event *)(void *)(fact_args + argc) : NULL;
    const char *bundle = NULL;
    size_t nevents = 0;
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
        } else if ((v = opt_value(argc, argv, &i, "--lang", &missing))) {
            lang = v;
        } else if (strcmp(argv[i], "--interactive") == 0) {
            interactive = 1;
        } else if ((v = opt_value(argc, argv, &i, "--bundle", &missing))) {
            bundle = v;
        } else if ((v = opt_value(argc, argv, &i, "--event", &missing))) {
            if (govsvc_event_parse(&events[nevents++], v) != 0) {
                free(fact_args);
                return usage_error("query", "--event '%s' is not KIND@YYYY-MM-DD (suspend, "
                                            "resume, correction, corrected) or "
                                            "extend@YYYY-MM-DD[:DURATION]", v);
            }
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
    if (!list && !item == !bundle) {
        free(fact_args);
        return usage_error("query", "%s",
                           item ? "give --item or --bundle, not both" : "missing --item CODE");
    }
    if (govsvc_notice_format_parse(format, &fmt) != 0) {
        free(fact_args);
        return usage_error("query", "unknown format '%s' (text, markdown, html or json)",
                           format);
    }
    if (strcmp(lang, "zh") != 0 && strcmp(lang, "en") != 0) {
        free(fact_args);
        return usage_error("query", "unknown language '%s' (zh or en)", lang);
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
    qo.events = nevents ? events : NULL;
    qo.nevents = nevents;

    govsvc_rulebook *rb = NULL;
    govsvc_facts *facts = NULL;
    govsvc_answer *ans = NULL;
    govsvc_diag_list *diags = NULL;
    int r = load_at(path, qo.date, &rb);
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
    if (interactive) {
        requery rq = {rb, item, bundle, facts, &qo, path};
        r = ask_interactively(&ans, facts, lang, query_again, &rq);
        if (r) {
            rc = exit_for(r);
            goto done;
        }
    } else {
        r = bundle ? govsvc_query_bundle(&ans, rb, bundle, facts, &qo, &diags)
                   : govsvc_query_item(&ans, rb, item, facts, &qo, &diags);
        if (r) {
            print_diags(diags, path);
            rc = exit_for(r);
            goto done;
        }
    }
    char *text = NULL;
    size_t len = 0;
    govsvc_notice_options no = GOVSVC_NOTICE_OPTIONS_INIT;
    no.lang = lang;
    r = govsvc_answer_render(ans, fmt, &no, &text, &len);
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

