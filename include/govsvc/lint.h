/*
 * govsvc/lint.h - checking rulebooks before they reach a service hall.
 *
 * govsvc_lint() loads each rulebook it finds and returns every diagnostic
 * of the loader (errors E001-E099) and, for a rulebook that loads, the
 * semantic checks policy staff need: conditions that can never hold or
 * always hold, contradictory or redundant parts of a condition, materials
 * listed twice, commitments (告知承诺) and deferrals (容缺受理) that
 * contradict the item, deadlines the calendar cannot count, unused
 * entries, ids one typo apart (warnings W100-W199, errors E150-E199). Every
 * code is documented with a wrong and a fixed example in docs/lint.md.
 *
 * The formatting helpers render a list as compiler-style text (with the
 * offending source line and a caret under the column), as the JSON of the
 * SPEC (section 9), or as SARIF 2.1.0 for code-scanning tools.
 *
 * Threading: every function here may be called from any thread; a lint run
 * shares nothing with another.
 */
#ifndef GOVSVC_LINT_H
#define GOVSVC_LINT_H

#include "common.h"
#include "diag.h"
#include "rulebook.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Lint options. Initialise with GOVSVC_LINT_OPTIONS_INIT (or
 * govsvc_lint_options_init()); new fields are added at the end. */
typedef struct govsvc_lint_options {
    unsigned version;
    unsigned flags;                  /* GOVSVC_LINT_WERROR */
    const char *const *skip;         /* codes not to report ("W104"), NULL-terminated; or NULL */
    const govsvc_load_options *load; /* load limits; NULL for the defaults */
} govsvc_lint_options;

#define GOVSVC_LINT_OPTIONS_VERSION 1
#define GOVSVC_LINT_OPTIONS_INIT {GOVSVC_LINT_OPTIONS_VERSION, 0u, NULL, NULL}
/* Report warnings as errors (severity error, code unchanged). */
#define GOVSVC_LINT_WERROR 1u

/* Fills opts with the defaults. */
GOVSVC_API void govsvc_lint_options_init(govsvc_lint_options *opts);

/* Lints the rulebooks at each of paths[0..npaths): a rulebook's top file
 * (any YAML file with a top-level `rulebook:` key), or a directory, searched
 * recursively for top files (a directory of several versions of one
 * rulebook included); files that a top file includes are checked as part
 * of it. A rulebook with loader errors gets the loader's diagnostics only;
 * one that loads also gets the semantic checks. Identical diagnostics (a
 * file shared by two rulebooks) are reported once.
 *
 * *out receives every diagnostic of the run, sorted by path argument, then
 * by file (in load order), line and column; or NULL when there is none. The
 * caller frees it with govsvc_diag_list_free(). *rulebooks (when not NULL)
 * receives the number of rulebooks checked.
 *
 * Returns 0 when there is no error (warnings allowed, unless
 * GOVSVC_LINT_WERROR made them errors); GOVSVC_ERULEBOOK when there are
 * errors; GOVSVC_EIO when a path or a file could not be read (E001; the
 * other paths are still checked); GOVSVC_EINVAL for NULL arguments or a
 * `skip` entry that is not a lint code (govsvc_lint_code_title() says
 * which are); GOVSVC_ENOMEM. */
GOVSVC_API int govsvc_lint_paths(govsvc_diag_list **out, const char *const *paths,
                                 size_t npaths, const govsvc_lint_options *opts,
                                 size_t *rulebooks);

/* govsvc_lint_paths() for one path. */
GOVSVC_API int govsvc_lint(govsvc_diag_list **out, const char *path,
                           const govsvc_lint_options *opts);

/* A one-line English title of a code the lint may report ("condition can
 * never be true" for W101), or NULL when `code` is not one. Static string. */
GOVSVC_API const char *govsvc_lint_code_title(const char *code);

/* The codes of govsvc_lint_code_title(), in order, for i = 0, 1, ... until
 * NULL (static strings). */
GOVSVC_API const char *govsvc_lint_code(size_t i);

/* -- output formats ------------------------------------------------------- */

/* Formats one diagnostic like govsvc_diag_format(), with the source line it
 * points at and a caret under the column between the message and the hint
 * (read from the file again; without them when the file cannot be read or
 * has changed so that the line is gone). The caret accounts for wide
 * (CJK) characters and tabs. Stores a new string in *out (free it with
 * govsvc_free()). Returns 0, GOVSVC_EINVAL or GOVSVC_ENOMEM. */
GOVSVC_API int govsvc_diag_format_source(const govsvc_diag *diag, char **out);

/* Flags of govsvc_diag_list_to_text(). */
#define GOVSVC_TEXT_SOURCE 1u /* source line and caret under each diagnostic */

/* Formats every diagnostic of the list, one after another, each ending
 * with a newline; with GOVSVC_TEXT_SOURCE each file is read once. Same
 * ownership as govsvc_diag_format_source(); *len (when not NULL) receives
 * the length. An empty or NULL list gives an empty string. */
GOVSVC_API int govsvc_diag_list_to_text(const govsvc_diag_list *list, unsigned flags, char **out,
                                        size_t *len);

/* The SPEC's lint JSON: {"diagnostics": [{"severity", "code", "message",
 * "file", "line", "column", "hint"}...], "errors": N, "warnings": N} and a
 * newline; `file` and `hint` are null when the diagnostic has none. */
GOVSVC_API int govsvc_lint_to_json(const govsvc_diag_list *list, char **out, size_t *len);

/* A SARIF 2.1.0 log of one run of the tool "govsvc-lint": one result per
 * diagnostic (ruleId = code, level error/warning/note, the message with the
 * hint, a physical location with the file as a relative URI and the
 * region's start line and column), and the rules met in the run. */
GOVSVC_API int govsvc_lint_to_sarif(const govsvc_diag_list *list, char **out, size_t *len);

#ifdef __cplusplus
}
#endif
#endif
