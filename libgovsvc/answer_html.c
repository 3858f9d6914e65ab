/*
 * answer_html.c - the one-time notice (一次性告知单) as one self-contained
 * HTML file to print on A4: no script, no image, no font or style sheet to
 * fetch, so that it prints the same in a hall with no network. What it
 * says is decided in notice.c; this file lays it out.
 *
 * The print CSS sets the page (@page size A4 with margins), repeats the
 * materials table's header on every page and never splits a material's row
 * across pages. The fonts are named, not embedded: the first CJK font the
 * machine has is used.
 */
#include <string.h>

#include "notice.h"

static const char CSS[] =
    "@page { size: A4; margin: 15mm 14mm 15mm 14mm; }\n"
    "* { box-sizing: border-box; }\n"
    "html { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"WenQuanYi Micro Hei\",\n"
    "  \"Microsoft YaHei\", \"PingFang SC\", sans-serif; font-size: 10pt; line-height: 1.4;\n"
    "  color: #000; background: #fff; }\n"
    "body { margin: 0; }\n"
    "h1 { font-size: 18pt; text-align: center; letter-spacing: 0.3em; margin: 0 0 3mm; }\n"
    "h2 { font-size: 11.5pt; margin: 4mm 0 1.5mm; padding-left: 2mm; border-left: 3pt solid #000;\n"
    "  break-after: avoid; page-break-after: avoid; }\n"
    "table { width: 100%; border-collapse: collapse; }\n"
    "th, td { border: 0.6pt solid #000; padding: 0.8mm 1.8mm; text-align: left; vertical-align: top; }\n"
    "th { background: #eee; -webkit-print-color-adjust: exact; print-color-adjust: exact; }\n"
    "table.fields th { width: 30mm; white-space: nowrap; }\n"
    "thead { display: table-header-group; }\n"
    "tr { break-inside: avoid; page-break-inside: avoid; }\n"
    ".no { width: 12mm; text-align: center; white-space: nowrap; }\n"
    ".form { width: 30mm; }\n"
    ".status { width: 56mm; }\n"
    "tr.required .status, tr.deferred .status { font-weight: bold; }\n"
    "tr.shared .status { color: #444; }\n"
    "tr.why td { border-top: none; font-size: 9pt; color: #222; }\n"
    "tr.why ul { margin: 0; padding-left: 4mm; }\n"
    "li.fact { list-style: none; margin-left: 4mm; color: #444; }\n"
    "li.verdict { font-weight: bold; }\n"
    ".note { font-size: 9pt; color: #333; }\n"
    "ol.ask { margin: 0; padding-left: 6mm; }\n"
    ".sign { margin-top: 8mm; display: flex; justify-content: space-between; }\n"
    ".blank { display: inline-block; width: 30mm; border-bottom: 0.6pt solid #000; }\n"
    "footer { margin-top: 5mm; padding-top: 1.5mm; border-top: 0.6pt solid #888;\n"
    "  font-size: 8pt; color: #333; overflow-wrap: anywhere; }\n"
    "@media screen {\n"
    "  body { background: #ddd; }\n"
    "  main { background: #fff; width: 210mm; max-width: 100%; margin: 8mm auto;\n"
    "    padding: 16mm 15mm; box-shadow: 0 0 2mm #999; }\n"
    "}\n";

static void esc(gs_buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': gs_buf_puts(b, "&amp;"); break;
        case '<': gs_buf_puts(b, "&lt;"); break;
        case '>': gs_buf_puts(b, "&gt;"); break;
        case '"': gs_buf_puts(b, "&quot;"); break;
        case '\'': gs_buf_puts(b, "&#39;"); break;
        default: gs_buf_putc(b, *s); break;
        }
    }
}

/* What is open between blocks. */
enum { NONE, FIELDS, MATERIALS, WHY, LINES, ASK };

static void close_to(gs_buf *b, int *open, int want)
{
    if (*open == want)
        return;
    if (*open == WHY) {
        gs_buf_puts(b, "</ul></td></tr>\n");
        *open = MATERIALS;
        if (want == MATERIALS)
            return;
    }
    switch (*open) {
    case FIELDS:
    case LINES: gs_buf_puts(b, "</table>\n"); break;
    case MATERIALS: gs_buf_puts(b, "</tbody>\n</table>\n"); break;
    case ASK: gs_buf_puts(b, "</ol>\n"); break;
    default: break;
    }
    *open = NONE;
}

static void open_to(gs_buf *b, const gs_notice *n, int *open, int want)
{
    int zh = n->lang == GS_LANG_ZH;
    if (*open == want)
        return;
    close_to(b, open, want == WHY ? MATERIALS : want);
    if (*open == want)
        return;
    switch (want) {
    case FIELDS: gs_buf_puts(b, "<table class=\"fields\">\n"); break;
    case LINES: gs_buf_puts(b, "<table class=\"fields\">\n"); break;
    case MATERIALS:
        gs_buf_printf(b,
                      "<table class=\"materials\">\n<thead><tr><th class=\"no\">%s</th>"
                      "<th>%s</th><th class=\"form\">%s</th><th class=\"status\">%s</th>"
                      "</tr></thead>\n<tbody>\n",
                      zh ? "序号" : "No.", zh ? "材料名称" : "Material",
                      zh ? "形式与份数" : "Form and copies", zh ? "办理方式" : "What to do");
        break;
    case WHY: gs_buf_puts(b, "<tr class=\"why\"><td></td><td colspan=\"3\"><ul>\n"); break;
    case ASK: gs_buf_puts(b, "<ol class=\"ask\">\n"); break;
    default: break;
    }
    *open = want;
}

void gs_notice_html(const gs_notice *n, gs_buf *b)
{
    static const char *const status_class[] = {"", "shared", "commitment", "deferred", "required",
                                               "conditional"};
    static const char *const why_class[] = {"rule", "condition", "fact", "verdict"};
    int zh = n->lang == GS_LANG_ZH;
    const char *colon = zh ? "：" : ": ";
    int open = NONE;
    gs_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
                  zh ? "zh-CN" : "en");
    gs_buf_puts(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    for (size_t i = 0; i < n->n; i++) {
        const gs_nblock *bl = &n->blocks[i];
        switch (bl->kind) {
        case GS_N_TITLE:
            gs_buf_puts(b, "<title>");
            esc(b, bl->key);
            gs_buf_puts(b, zh ? "：" : ": ");
            esc(b, n->subject);
            gs_buf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n<h1>", CSS);
            esc(b, bl->key);
            gs_buf_puts(b, "</h1>\n");
            break;
        case GS_N_FIELD:
            open_to(b, n, &open, FIELDS);
            gs_buf_puts(b, "<tr><th>");
            esc(b, bl->key);
            gs_buf_puts(b, "</th><td>");
            esc(b, bl->text);
            gs_buf_puts(b, "</td></tr>\n");
            break;
        case GS_N_SECTION:
            close_to(b, &open, NONE);
            gs_buf_puts(b, "<h2>");
            esc(b, bl->key);
            gs_buf_puts(b, "</h2>\n");
            break;
        case GS_N_MATERIAL:
            open_to(b, n, &open, MATERIALS);
            gs_buf_printf(b, "<tr class=\"%s\"><td class=\"no\">%u</td><td>",
                          status_class[bl->status <= 5 ? bl->status : 0], bl->number);
            esc(b, bl->key);
            if (bl->note) {
                gs_buf_printf(b, "<div class=\"note\">%s%s", zh ? "说明" : "Note", colon);
                esc(b, bl->note);
                gs_buf_puts(b, "</div>");
            }
            gs_buf_puts(b, "</td><td class=\"form\">");
            esc(b, bl->form);
            gs_buf_puts(b, "</td><td class=\"status\">");
            esc(b, bl->text);
            gs_buf_puts(b, "</td></tr>\n");
            break;
        case GS_N_WHY:
            open_to(b, n, &open, WHY);
            gs_buf_printf(b, "<li class=\"%s\">", why_class[bl->level & 3]);
            esc(b, bl->text);
            gs_buf_puts(b, "</li>\n");
            break;
        case GS_N_LINE:
            if (!bl->key) {
                close_to(b, &open, NONE);
                gs_buf_puts(b, "<p>");
                esc(b, bl->text);
                gs_buf_puts(b, "</p>\n");
                break;
            }
            open_to(b, n, &open, LINES);
            gs_buf_puts(b, "<tr><th>");
            esc(b, bl->key);
            gs_buf_puts(b, "</th><td>");
            esc(b, bl->text);
            gs_buf_puts(b, "</td></tr>\n");
            break;
        case GS_N_QUESTION:
            open_to(b, n, &open, ASK);
            gs_buf_puts(b, "<li><b>");
            esc(b, bl->key);
            gs_buf_printf(b, "</b>%s", colon);
            esc(b, bl->text);
            gs_buf_puts(b, zh ? "（" : " (");
            esc(b, bl->note);
            gs_buf_puts(b, zh ? "）</li>\n" : ")</li>\n");
            break;
        case GS_N_SIGN:
        {
            const char *labels[] = {bl->key, bl->text, bl->note};
            close_to(b, &open, NONE);
            gs_buf_puts(b, "<div class=\"sign\">");
            for (int k = 0; k < 3; k++) {
                gs_buf_puts(b, "<span>");
                esc(b, labels[k]);
                gs_buf_printf(b, "%s<span class=\"blank\"></span></span>", colon);
            }
            gs_buf_puts(b, "</div>\n");
            break;
        }
        case GS_N_FOOTER:
            close_to(b, &open, NONE);
            gs_buf_puts(b, "<footer>");
            esc(b, bl->text);
            gs_buf_puts(b, "</footer>\n");
            break;
        }
    }
    close_to(b, &open, NONE);
    gs_buf_puts(b, "</main>\n</body>\n</html>\n");
}
