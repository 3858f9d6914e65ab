/*
 * answer_text.c - the one-time notice (一次性告知单) laid out as plain
 * UTF-8 text: for a terminal, a receipt printer or a text message. What it
 * says is decided in notice.c; this file only indents and underlines.
 */
#include <string.h>

#include "notice.h"

/* Columns a string takes on a terminal: East Asian wide characters (CJK,
 * full-width forms) take two. Enough for the title's underline. */
static size_t columns(const char *s)
{
    size_t w = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p;) {
        unsigned cp = *p;
        int len = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
        if (len == 3)
            cp = (cp & 0x0F) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu);
        else if (len == 4)
            cp = 0x10000;
        w += cp >= 0x1100 && (cp < 0x2000 || cp >= 0x2E80) ? 2 : 1;
        for (int i = 0; i < len && *p; i++)
            p++;
    }
    return w;
}

void gs_notice_text(const gs_notice *n, gs_buf *b)
{
    int zh = n->lang == GS_LANG_ZH;
    const char *colon = zh ? "：" : ": ";
    for (size_t i = 0; i < n->n; i++) {
        const gs_nblock *bl = &n->blocks[i];
        switch (bl->kind) {
        case GS_N_TITLE:
            gs_buf_printf(b, "%s\n", bl->key);
            for (size_t k = columns(bl->key); k > 0; k--)
                gs_buf_putc(b, '=');
            gs_buf_putc(b, '\n');
            break;
        case GS_N_FIELD: gs_buf_printf(b, "%s%s%s\n", bl->key, colon, bl->text); break;
        case GS_N_SECTION: gs_buf_printf(b, "\n%s%s\n", bl->key, zh ? "：" : ":"); break;
        case GS_N_MATERIAL:
            gs_buf_printf(b, "  %u. %s", bl->number, bl->key);
            if (bl->form)
                gs_buf_printf(b, zh ? "（%s）" : " (%s)", bl->form);
            gs_buf_printf(b, "%s%s\n", zh ? " —— " : " — ", bl->text);
            if (bl->note)
                gs_buf_printf(b, "     %s%s%s\n", zh ? "说明" : "Note", colon, bl->note);
            break;
        case GS_N_WHY:
            /* Under the material: bullets, the facts read one step in. */
            gs_buf_puts(b, bl->level == 2 ? "         " : "     · ");
            gs_buf_printf(b, "%s\n", bl->text);
            break;
        case GS_N_LINE:
            if (bl->key)
                gs_buf_printf(b, "  %s%s%s\n", bl->key, colon, bl->text);
            else
                gs_buf_printf(b, "  %s\n", bl->text);
            break;
        case GS_N_QUESTION:
            gs_buf_printf(b, zh ? "  %u. %s：%s（%s）\n" : "  %u. %s: %s (%s)\n", bl->number,
                          bl->key, bl->text, bl->note);
            break;
        case GS_N_SIGN:
            gs_buf_printf(b, "\n%s%s____________    %s%s____________    %s%s____________\n",
                          bl->key, colon, bl->text, colon, bl->note, colon);
            break;
        case GS_N_FOOTER: gs_buf_printf(b, "\n%s\n", bl->text); break;
        }
    }
}
