/*
 * interactive.c - `govsvc query --interactive`: asks the applicant's facts
 * one at a time, the most decisive first, and queries again after each
 * answer, as a clerk at the counter or a kiosk would.
 *
 * Questions go to stderr and answers come from stdin, one per line, so
 * that stdout holds only the final notice (it may be redirected or piped)
 * and a script can drive the session. An empty answer skips the question;
 * end of input stops asking and prints the notice as it stands.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Removes surrounding blanks (ASCII and the ideographic space) in place. */
static char *trim(char *s)
{
    for (;;) {
        if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
            s++;
        else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
            s += 3;
        else
            break;
    }
    size_t n = strlen(s);
    for (;;) {
        if (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
            n--;
        else if (n >= 3 && strncmp(s + n - 3, "\xe3\x80\x80", 3) == 0)
            n -= 3;
        else
            break;
    }
    s[n] = '\0';
    return s;
}

static int is_one_of(const char *s, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(s, *words) == 0)
            return 1;
    return 0;
}

/* The answer as the library reads it (govsvc_facts_set_text): a choice's
 * number becomes its value; 是/否, y/n and yes/no become true/false. */
static const char *reading(const govsvc_missing_fact *f, const char *in)
{
    static const char *const yes[] = {"1", "是", "y", "Y", "yes", "Yes", "YES", "true", NULL};
    static const char *const no[] = {"2", "否", "n", "N", "no", "No", "NO", "false", NULL};
    if (f->type == GOVSVC_FACT_BOOL) {
        if (is_one_of(in, yes))
            return "true";
        if (is_one_of(in, no))
            return "false";
        return in;
    }
    if (f->type == GOVSVC_FACT_ENUM) {
        for (size_t i = 0; i < f->nvalues; i++)
            if (strcmp(in, f->values[i]) == 0)
                return in; /* a value spelled like a number wins over the numbering */
        char *end;
        long k = strtol(in, &end, 10);
        if (*in && !*end && k >= 1 && (size_t)k <= f->nvalues)
            return f->values[k - 1];
    }
    return in;
}

static void ask_one(const govsvc_missing_fact *f, unsigned number, int en)
{
    const char *label = en && f->label_en ? f->label_en : f->label ? f->label : f->name;
    fprintf(stderr, en ? "\nQuestion %u: %s?" : "\n问题 %u：%s？", number, label);
    if (f->settles)
        fprintf(stderr, en ? " (settles %zu)\n" : "（可确定%zu项）\n", f->settles);
    else
        fputc('\n', stderr);
    switch (f->type) {
    case GOVSVC_FACT_BOOL: fputs(en ? "  1) yes  2) no\n" : "  1) 是  2) 否\n", stderr); break;
    case GOVSVC_FACT_ENUM:
        fputs(" ", stderr);
        for (size_t i = 0; i < f->nvalues; i++)
            fprintf(stderr, " %zu) %s", i + 1, f->values[i]);
        fputc('\n', stderr);
        break;
    case GOVSVC_FACT_DATE: fputs(en ? "  a date, YYYY-MM-DD\n" : "  日期，YYYY-MM-DD\n", stderr); break;
    case GOVSVC_FACT_STRING:
        if (f->pattern)
            fprintf(stderr, en ? "  text matching %s\n" : "  文字，格式 %s\n", f->pattern);
        break;
    default:
        fputs(f->type == GOVSVC_FACT_INT ? (en ? "  a whole number" : "  整数")
                                         : (en ? "  a number" : "  数值"),
              stderr);
        if (f->has_min)
            fprintf(stderr, en ? ", at least %.15g" : "，不小于%.15g", f->min);
        if (f->has_max)
            fprintf(stderr, en ? ", at most %.15g" : "，不大于%.15g", f->max);
        fputc('\n', stderr);
        break;
    }
    fputs(en ? "  (Enter skips)\n> " : "  （直接回车跳过）\n> ", stderr);
    fflush(stderr);
}

static int skipped(char **names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

int ask_interactively(govsvc_answer **out, govsvc_facts *facts, const char *lang,
                      int (*query)(govsvc_answer **out, void *ud), void *ud)
{
    int en = lang && strncmp(lang, "en", 2) == 0;
    char **skip = NULL, *line = NULL;
    size_t nskip = 0, cap = 0;
    unsigned number = 0;
    int r, done = 0;
    *out = NULL;
    while ((r = query(out, ud)) == 0 && !done) {
        const govsvc_missing_fact *const *mf;
        size_t n = govsvc_answer_missing_facts(*out, &mf), i = 0;
        while (i < n && skipped(skip, nskip, mf[i]->name))
            i++;
        if (i == n)
            break;
        const govsvc_missing_fact *f = mf[i];
        ask_one(f, ++number, en);
        for (;;) {
            if (getline(&line, &cap, stdin) < 0) {
                fputs(en ? "\n(end of input: the notice as it stands)\n"
                         : "\n（输入结束，按现有情况出具告知单）\n",
                      stderr);
                done = 1;
                break;
            }
            char *in = trim(line);
            if (!*in) {
                char **grown = realloc(skip, (nskip + 1) * sizeof *skip);
                if (grown)
                    skip = grown;
                if (!grown || !(skip[nskip] = strdup(f->name))) {
                    r = GOVSVC_ENOMEM;
                    break;
                }
                nskip++;
                break;
            }
            int s = govsvc_facts_set_text(facts, f->name, reading(f, in));
            if (s == 0)
                break;
            if (s != GOVSVC_EFACT) {
                r = s;
                done = 1;
                break;
            }
            /* A wrong answer is the applicant's slip, not the end: say
             * what is expected and ask again. */
            print_diag(govsvc_facts_last_error(facts), en ? "answer" : "回答");
            fputs("> ", stderr);
            fflush(stderr);
        }
        if (r)
            break;
        govsvc_answer_free(*out);
        *out = NULL;
        if (done) {
            r = query(out, ud);
            break;
        }
    }
    if (r == 0 && number && !done)
        fputc('\n', stderr);
    if (r) {
        govsvc_answer_free(*out);
        *out = NULL;
    }
    for (size_t i = 0; i < nskip; i++)
        free(skip[i]);
    free(skip);
    free(line);
    return r;
}
