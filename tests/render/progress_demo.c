/*
 * progress_demo.c - drives the progress line of tools/cli.c as a long lint
 * run would: `progress-demo N` reports N files, then ends the line, and
 * prints "done" on stdout. tests/render/progress-pty.py runs it on a
 * terminal and through pipes.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 10;
    char label[64];
    for (size_t i = 1; i <= n; i++) {
        snprintf(label, sizeof label, "rules/sample-%zu/rulebook.yaml", i);
        progress("lint", i, n, label);
    }
    progress_end();
    puts("done");
    return 0;
}
