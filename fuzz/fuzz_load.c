/*
 * fuzz_load.c - bytes to a rulebook: the loader with its includes, then
 * queries and output on whatever loads.
 *
 * One input holds up to six files separated by lines "#@@": the first is
 * the top file rulebook.yaml, the others f1.yaml ... f5.yaml, which it may
 * include (or name as its calendar or base). A small calendar cal.yaml is
 * always there. The files are written into a private scratch directory,
 * so the loader reads them as it reads any rulebook: paths, includes,
 * symlink checks and all.
 */
#include <stdio.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_dir();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *parts[6];
    size_t lens[6];
    size_t n = fuzz_split(data, size, parts, lens, 6);
    fuzz_write("rulebook.yaml", parts[0], lens[0]);
    for (size_t i = 1; i < 6; i++) {
        char name[16];
        snprintf(name, sizeof name, "f%zu.yaml", i);
        /* Files the input does not give stay absent (a missing include). */
        if (i < n)
            fuzz_write(name, parts[i], lens[i]);
        else
            remove(fuzz_path(name));
    }
    govsvc_rulebook *rb = NULL;
    govsvc_diag_list *d = NULL;
    int r = govsvc_rulebook_load(&rb, fuzz_path("rulebook.yaml"), NULL, &d);
    if ((r == 0) != (rb != NULL))
        fuzz_fail("load: status and rulebook disagree");
    if (r == 0 && govsvc_diag_list_count_severity(d, GOVSVC_SEVERITY_ERROR))
        fuzz_fail("load succeeded with errors");
    if (r != 0 && r != GOVSVC_ERULEBOOK && r != GOVSVC_EIO && r != GOVSVC_ELIMIT)
        fuzz_fail("load: unexpected status");
    if (r != 0 && govsvc_diag_list_count_severity(d, GOVSVC_SEVERITY_ERROR) == 0)
        fuzz_fail("load failed without an error diagnostic");
    for (size_t i = 0; i < govsvc_diag_list_count(d); i++) {
        const govsvc_diag *g = govsvc_diag_list_get(d, i);
        if (!g->code || !g->message || !g->hint)
            fuzz_fail("diagnostic without code, message or hint");
        char *s = govsvc_diag_format(g);
        if (!s || gs_utf8_invalid_offset(s, strlen(s)) >= 0)
            fuzz_fail("diagnostic text is not valid UTF-8");
        govsvc_free(s);
    }
    govsvc_diag_list_free(d);
    if (rb)
        fuzz_exercise(rb, fuzz_path("rulebook.yaml"));
    govsvc_rulebook_unref(rb);
    return 0;
}
