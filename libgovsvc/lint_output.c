/*
 * lint_output.c - diagnostics for people and for tools: compiler-style text
 * with the source line and a caret, the SPEC's lint JSON, and SARIF 2.1.0.
 *
 * Columns count characters (code points), as the loader does; the caret
 * line is laid out in display cells, so a Chinese character (two cells in a
 * terminal) moves the caret by two and a tab to the next multiple of 8.
 */
#include <stdio.h>
#include <string.h>

#include "diag.h"
#include "lint_int.h"

/* -- source lines --------------------------------------------------------- */

/* One file's bytes and where its lines start. Lines end at LF, CR LF or a
 * lone CR, as libyaml counts them; a UTF-8 byte order mark is no column. */
typedef struct src_file {
    const char *name;
    char *bytes;
    size_t len;
    size_t *starts; /* [nlines + 1] */
    size_t nlines;
    int ok;
} src_file;

static void src_load(src_file *f, const char *name)
{
    memset(f, 0, sizeof *f);
    f->name = name;
    FILE *fp = fopen(name, "rb");
    if (!fp)
        return;
    gs_buf b;
    gs_buf_init(&b);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0 && b.len < ((size_t)256 << 20))
        gs_buf_append(&b, chunk, n);
    fclose(fp);
    f->bytes = gs_buf_detach(&b, &f->len);
    if (!f->bytes)
        return;
    size_t cap = 0, count = 0;
    size_t start = f->len >= 3 && memcmp(f->bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (gs_grow((void **)&f->starts, &cap, 1, sizeof *f->starts) < 0)
        return;
    f->starts[count++] = start;
    for (size_t i = start; i < f->len; i++) {
        int end = f->bytes[i] == '\n' || (f->bytes[i] == '\r' && (i + 1 >= f->len ||
                                                                   f->bytes[i + 1] != '\n'));
        if (!end)
            continue;
        if (gs_grow((void **)&f->starts, &cap, count + 1, sizeof *f->starts) < 0)
            return;
        f->starts[count++] = i + 1;
    }
    f->nlines = count;
    f->ok = 1;
}

static void src_free(src_file *f)
{
    gs_free(f->bytes);
    gs_free(f->starts);
}

/* Line `line` (1-based) without its end, or NULL. */
static const char *src_line(const src_file *f, unsigned line, size_t *len)
{
    if (!f->ok || line == 0 || line > f->nlines)
        return NULL;
    size_t s = f->starts[line - 1];
    size_t e = line < f->nlines ? f->starts[line] : f->len;
    while (e > s && (f->bytes[e - 1] == '\n' || f->bytes[e - 1] == '\r'))
        e--;
    *len = e - s;
    return f->bytes + s;
}

/* Decodes one UTF-8 character (the text is valid: the loader checked). */
static uint32_t utf8_next(const char *s, size_t len, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n && *i + (size_t)k < len; k++)
        cp = (cp << 6) | ((unsigned char)s[*i + (size_t)k] & 0x3F);
    *i += (size_t)n;
    if (*i > len)
        *i = len;
    return cp;
}

/* Display cells of a code point: 2 for East Asian wide and full-width
 * characters (Unicode EastAsianWidth W and F), else 1. */
static int cells(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
                   (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
                   (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
                   (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                   (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                   (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1F64F) ||
                   (cp >= 0x20000 && cp <= 0x3FFFD)
               ? 2
               : 1;
}

/* Part of a token for the underline: not space, not YAML punctuation. */
static int token_char(uint32_t cp)
{
    return cp > ' ' && !strchr(",[]{}#'\"", (int)(cp < 128 ? cp : 'x'));
}

/* Appends the source line (tabs expanded) and the caret line. Returns 0,
 * or -1 when the column lies outside the line. */
static int put_snippet(gs_buf *b, const char *s, size_t len, unsigned line, unsigned col)
{
    /* Find the byte where the column starts, counting characters. */
    size_t i = 0;
    unsigned c = 1;
    while (c < col && i < len) {
        utf8_next(s, len, &i);
        c++;
    }
    if (c < col)
        return -1;
    gs_buf_printf(b, "%5u | ", line);
    unsigned cell = 0, caret = 0, width = 1;
    for (size_t k = 0; k < len;) {
        if (k == i)
            caret = cell;
        if (s[k] == '\t') {
            unsigned to = (cell / 8 + 1) * 8;
            for (; cell < to; cell++)
                gs_buf_putc(b, ' ');
            k++;
            continue;
        }
        size_t from = k;
        uint32_t cp = utf8_next(s, len, &k);
        gs_buf_append(b, s + from, k - from);
        cell += (unsigned)cells(cp);
    }
    if (i >= len)
        caret = cell;
    /* Underline the token: a quoted scalar to its closing quote, else the
     * run of token characters (the caret alone on an operator). */
    if (i < len) {
        size_t k = i;
        uint32_t first = utf8_next(s, len, &k);
        width = (unsigned)cells(first);
        if (first == '"' || first == '\'') {
            while (k < len) {
                uint32_t cp = utf8_next(s, len, &k);
                width += (unsigned)cells(cp);
                if (cp == first)
                    break;
            }
        } else if (token_char(first) && !strchr("<>=!", (int)(first < 128 ? first : 'x'))) {
            /* A value that starts with a digit runs on over single spaces:
             * "10 working days". */
            int words = first >= '0' && first <= '9';
            while (k < len) {
                size_t save = k;
                uint32_t cp = utf8_next(s, len, &k);
                if (cp == ' ' && words && k < len && token_char((unsigned char)s[k])) {
                    width++;
                    continue;
                }
                if (!token_char(cp) || (cp < 128 && strchr("<>=!", (int)cp))) {
                    k = save;
                    break;
                }
                width += (unsigned)cells(cp);
            }
        }
    }
    gs_buf_puts(b, "\n      | ");
    for (unsigned k = 0; k < caret; k++)
        gs_buf_putc(b, ' ');
    gs_buf_putc(b, '^');
    for (unsigned k = 1; k < width; k++)
        gs_buf_putc(b, '~');
    gs_buf_putc(b, '\n');
    return 0;
}

static const char *sev_name(govsvc_severity s)
{
    static const char *const names[] = {"error", "warning", "note"};
    return (unsigned)s < 3 ? names[s] : "error";
}

static void put_text(gs_buf *b, const govsvc_diag *d, const src_file *f)
{
    if (d->file) {
        gs_buf_puts(b, d->file);
        if (d->line)
            gs_buf_printf(b, ":%u:%u", d->line, d->column);
        gs_buf_puts(b, ": ");
    }
    gs_buf_printf(b, "%s[%s]: %s\n", sev_name(d->severity), d->code ? d->code : "E000",
                  d->message ? d->message : "");
    size_t len;
    const char *s = f && d->line ? src_line(f, d->line, &len) : NULL;
    if (s) {
        size_t mark = b->len;
        if (put_snippet(b, s, len, d->line, d->column ? d->column : 1) < 0 && !b->oom) {
            b->len = mark; /* the file changed: no snippet rather than a wrong one */
            b->data[mark] = '\0';
        }
    }
    if (d->hint)
        gs_buf_printf(b, "hint: %s\n", d->hint);
}

static int finish(gs_buf *b, char **out, size_t *len)
{
    if (b->oom) {
        gs_buf_free(b);
        return GOVSVC_ENOMEM;
    }
    if (!b->data && gs_buf_puts(b, "") < 0)
        return GOVSVC_ENOMEM;
    *out = gs_buf_detach(b, len);
    return *out ? 0 : GOVSVC_ENOMEM;
}

int govsvc_diag_format_source(const govsvc_diag *d, char **out)
{
    if (out)
        *out = NULL;
    if (!d || !out)
        return GOVSVC_EINVAL;
    src_file f;
    int have = d->file && d->line;
    if (have)
        src_load(&f, d->file);
    gs_buf b;
    gs_buf_init(&b);
    put_text(&b, d, have ? &f : NULL);
    if (have)
        src_free(&f);
    /* One diagnostic: no trailing newline, like govsvc_diag_format(). */
    if (b.len && b.data[b.len - 1] == '\n')
        b.data[--b.len] = '\0';
    return finish(&b, out, NULL);
}

int govsvc_diag_list_to_text(const govsvc_diag_list *l, unsigned flags, char **out, size_t *len)
{
    if (out)
        *out = NULL;
    if (len)
        *len = 0;
    if (!out)
        return GOVSVC_EINVAL;
    src_file *files = NULL;
    size_t nfiles = 0, cap = 0;
    gs_buf b;
    gs_buf_init(&b);
    for (size_t i = 0; i < govsvc_diag_list_count(l); i++) {
        const govsvc_diag *d = govsvc_diag_list_get(l, i);
        src_file *f = NULL;
        if ((flags & GOVSVC_TEXT_SOURCE) && d->file && d->line) {
            for (size_t k = 0; k < nfiles && !f; k++)
                if (strcmp(files[k].name, d->file) == 0)
                    f = &files[k];
            if (!f && gs_grow((void **)&files, &cap, nfiles + 1, sizeof *files) == 0) {
                f = &files[nfiles++];
                src_load(f, d->file);
            }
        }
        put_text(&b, d, f);
    }
    for (size_t k = 0; k < nfiles; k++)
        src_free(&files[k]);
    gs_free(files);
    return finish(&b, out, len);
}

/* -- JSON ----------------------------------------------------------------- */

static void json_str_or_null(gs_buf *b, const char *s)
{
    if (s)
        gs_buf_json_str(b, s);
    else
        gs_buf_puts(b, "null");
}

int govsvc_lint_to_json(const govsvc_diag_list *l, char **out, size_t *len)
{
    if (out)
        *out = NULL;
    if (!out)
        return GOVSVC_EINVAL;
    gs_buf b;
    gs_buf_init(&b);
    size_t n = govsvc_diag_list_count(l);
    gs_buf_puts(&b, "{\"diagnostics\": [");
    for (size_t i = 0; i < n; i++) {
        const govsvc_diag *d = govsvc_diag_list_get(l, i);
        gs_buf_printf(&b, "%s\n    {\"severity\": \"%s\", \"code\": ", i ? "," : "",
                      sev_name(d->severity));
        gs_buf_json_str(&b, d->code ? d->code : "E000");
        gs_buf_puts(&b, ", \"message\": ");
        gs_buf_json_str(&b, d->message ? d->message : "");
        gs_buf_puts(&b, ", \"file\": ");
        json_str_or_null(&b, d->file);
        gs_buf_printf(&b, ", \"line\": %u, \"column\": %u, \"hint\": ", d->line, d->column);
        json_str_or_null(&b, d->hint);
        gs_buf_putc(&b, '}');
    }
    gs_buf_printf(&b, "%s], \"errors\": %zu, \"warnings\": %zu}\n", n ? "\n" : "",
                  govsvc_diag_list_count_severity(l, GOVSVC_SEVERITY_ERROR),
                  govsvc_diag_list_count_severity(l, GOVSVC_SEVERITY_WARNING));
    return finish(&b, out, len);
}

/* -- SARIF 2.1.0 ---------------------------------------------------------- */

/* A file name as a URI reference: relative paths stay relative (resolved
 * against the directory the tool ran in), absolute ones become file://
 * URIs; bytes outside RFC 3986's unreserved set and '/' are
 * percent-encoded (Chinese file names included). */
static void put_uri(gs_buf *b, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    gs_buf_putc(b, '"');
    if (path[0] == '/')
        gs_buf_puts(b, "file://");
    for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p)) {
            gs_buf_putc(b, (char)*p);
        } else {
            gs_buf_putc(b, '%');
            gs_buf_putc(b, hex[*p >> 4]);
            gs_buf_putc(b, hex[*p & 15]);
        }
    }
    gs_buf_putc(b, '"');
}

static const char *sarif_level(govsvc_severity s)
{
    return s == GOVSVC_SEVERITY_ERROR ? "error" : s == GOVSVC_SEVERITY_WARNING ? "warning" : "note";
}

int govsvc_lint_to_sarif(const govsvc_diag_list *l, char **out, size_t *len)
{
    if (out)
        *out = NULL;
    if (!out)
        return GOVSVC_EINVAL;
    size_t n = govsvc_diag_list_count(l);
    /* The rules met in this run, in first-seen order; results point at
     * them by index. */
    const char **rules = gs_calloc(n ? n : 1, sizeof *rules);
    size_t *rule_of = gs_calloc(n ? n : 1, sizeof *rule_of);
    size_t nrules = 0;
    if (!rules || !rule_of) {
        gs_free(rules);
        gs_free(rule_of);
        return GOVSVC_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        const char *code = govsvc_diag_list_get(l, i)->code;
        size_t k = 0;
        while (k < nrules && strcmp(rules[k], code) != 0)
            k++;
        if (k == nrules)
            rules[nrules++] = code;
        rule_of[i] = k;
    }
    gs_buf b;
    gs_buf_init(&b);
    gs_buf_printf(&b,
                  "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
                  "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
                  "      \"tool\": {\n        \"driver\": {\n"
                  "          \"name\": \"govsvc-lint\",\n          \"version\": \"%s\",\n"
                  "          \"rules\": [",
                  govsvc_version());
    for (size_t k = 0; k < nrules; k++) {
        const char *title = govsvc_lint_code_title(rules[k]);
        char generic[120];
        if (!title) {
            snprintf(generic, sizeof generic, "rulebook error %s (docs/errors.md)", rules[k]);
            title = generic;
        }
        gs_buf_printf(&b, "%s\n            {\"id\": ", k ? "," : "");
        gs_buf_json_str(&b, rules[k]);
        gs_buf_puts(&b, ", \"shortDescription\": {\"text\": ");
        gs_buf_json_str(&b, title);
        gs_buf_printf(&b, "}, \"defaultConfiguration\": {\"level\": \"%s\"}}",
                      rules[k][0] == 'W' ? "warning" : "error");
    }
    gs_buf_printf(&b, "%s]\n        }\n      },\n      \"columnKind\": \"unicodeCodePoints\",\n"
                      "      \"results\": [",
                  nrules ? "\n          " : "");
    for (size_t i = 0; i < n; i++) {
        const govsvc_diag *d = govsvc_diag_list_get(l, i);
        gs_buf_printf(&b, "%s\n        {\"ruleId\": ", i ? "," : "");
        gs_buf_json_str(&b, d->code);
        gs_buf_printf(&b, ", \"ruleIndex\": %zu, \"level\": \"%s\", \"message\": {\"text\": ",
                      rule_of[i], sarif_level(d->severity));
        gs_buf tmp;
        gs_buf_init(&tmp);
        gs_buf_puts(&tmp, d->message ? d->message : "");
        if (d->hint)
            gs_buf_printf(&tmp, "\nhint: %s", d->hint);
        gs_buf_json_str(&b, tmp.data ? tmp.data : "");
        if (tmp.oom)
            b.oom = 1;
        gs_buf_free(&tmp);
        gs_buf_puts(&b, "}");
        if (d->file) {
            gs_buf_puts(&b, ", \"locations\": [{\"physicalLocation\": {\"artifactLocation\": "
                            "{\"uri\": ");
            put_uri(&b, d->file);
            gs_buf_putc(&b, '}');
            if (d->line)
                gs_buf_printf(&b, ", \"region\": {\"startLine\": %u, \"startColumn\": %u}",
                              d->line, d->column ? d->column : 1);
            gs_buf_puts(&b, "}}]");
        }
        if (d->hint) {
            gs_buf_puts(&b, ", \"properties\": {\"hint\": ");
            gs_buf_json_str(&b, d->hint);
            gs_buf_putc(&b, '}');
        }
        gs_buf_putc(&b, '}');
    }
    gs_buf_printf(&b, "%s]\n    }\n  ]\n}\n", n ? "\n      " : "");
    gs_free(rules);
    gs_free(rule_of);
    return finish(&b, out, len);
}
