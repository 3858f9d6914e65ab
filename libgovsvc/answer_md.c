/*
 * answer_md.c - the one-time notice (一次性告知单) laid out as CommonMark,
 * for chat, mail and wikis: a heading, the header as a list, the materials
 * as a numbered list with the explanation nested under each, and the
 * footer. What it says is decided in notice.c.
 *
 * Every piece of rulebook text is escaped, so that a name such as
 * "premises_plans" or a pattern such as "^[0-9]{6}$" prints as written
 * instead of turning into emphasis, a link or a tag. No rulebook text
 * starts a line, so '#', '>' and list markers need no escape.
 */
#include <string.h>

#include "notice.h"

static void md(gs_buf *b, const char *s)
{
    for (; s && *s; s++) {
        if (strchr("\\`*_[]<|~", *s))
            gs_buf_putc(b, '\\');
        gs_buf_putc(b, *s);
    }
}

/* Indent of what nests under a numbered item: the width of "N. ". */
static int indent_of(unsigned number)
{
    int w = 2;
    for (; number >= 10; number /= 10)
        w++;
    return w + 1;
}

static void blank(gs_buf *b)
{
    if (b->len >= 2 && !(b->data[b->len - 1] == '\n' && b->data[b->len - 2] == '\n'))
        gs_buf_putc(b, '\n');
}

void gs_notice_markdown(const gs_notice *n, gs_buf *b)
{
    int zh = n->lang == GS_LANG_ZH;
    const char *colon = zh ? "：" : ": ";
    const char *line = "\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_";
    int indent = 3;
    for (size_t i = 0; i < n->n; i++) {
        const gs_nblock *bl = &n->blocks[i];
        switch (bl->kind) {
        case GS_N_TITLE:
            gs_buf_puts(b, "# ");
            md(b, bl->key);
            gs_buf_puts(b, "\n\n");
            break;
        case GS_N_FIELD:
        case GS_N_LINE:
            gs_buf_puts(b, "- ");
            if (bl->key) {
                gs_buf_puts(b, "**");
                md(b, bl->key);
                gs_buf_printf(b, "**%s", colon);
            }
            md(b, bl->text);
            gs_buf_putc(b, '\n');
            break;
        case GS_N_SECTION:
            blank(b);
            gs_buf_puts(b, "## ");
            md(b, bl->key);
            gs_buf_puts(b, "\n\n");
            break;
        case GS_N_MATERIAL:
            indent = indent_of(bl->number);
            gs_buf_printf(b, "%u. **", bl->number);
            md(b, bl->key);
            gs_buf_puts(b, "**");
            if (bl->form) {
                gs_buf_puts(b, zh ? "（" : " (");
                md(b, bl->form);
                gs_buf_puts(b, zh ? "）" : ")");
            }
            gs_buf_puts(b, zh ? " —— " : " — ");
            md(b, bl->text);
            gs_buf_putc(b, '\n');
            if (bl->note) {
                gs_buf_printf(b, "%*s- %s%s", indent, "", zh ? "说明" : "Note", colon);
                md(b, bl->note);
                gs_buf_putc(b, '\n');
            }
            break;
        case GS_N_WHY:
            gs_buf_printf(b, "%*s- ", indent + (bl->level == 2 ? 2 : 0), "");
            md(b, bl->text);
            gs_buf_putc(b, '\n');
            break;
        case GS_N_QUESTION:
            gs_buf_printf(b, "%u. **", bl->number);
            md(b, bl->key);
            gs_buf_printf(b, "**%s", colon);
            md(b, bl->text);
            gs_buf_puts(b, zh ? "（" : " (");
            md(b, bl->note);
            gs_buf_puts(b, zh ? "）\n" : ")\n");
            break;
        case GS_N_SIGN:
            blank(b);
            gs_buf_puts(b, "---\n\n");
            md(b, bl->key);
            gs_buf_printf(b, "%s%s　", colon, line);
            md(b, bl->text);
            gs_buf_printf(b, "%s%s　", colon, line);
            md(b, bl->note);
            gs_buf_printf(b, "%s%s\n", colon, line);
            break;
        case GS_N_FOOTER:
            blank(b);
            gs_buf_puts(b, "*");
            md(b, bl->text);
            gs_buf_puts(b, "*\n");
            break;
        }
    }
}
