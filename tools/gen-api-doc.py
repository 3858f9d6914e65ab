#!/usr/bin/env python3
"""Writes the API reference (docs/api.md) from the public headers.

    tools/gen-api-doc.py [include/govsvc.h] > docs/api.md

The headers are the source of truth: each opens with a paragraph on what
the module is for and its threading rules, and each declaration carries a
comment stating its contract (STYLE.md). This script only lays them out:
one section per header, in the order govsvc.h includes them, and under it
each group of declarations (consecutive lines, a blank line apart) with the
comment before it. Nothing is invented, so the reference cannot drift from
the headers; the test suite checks that docs/api.md is what this script
makes of them.
"""
import os
import re
import sys


def read_blocks(text):
    """Splits a header into groups of lines separated by blank lines,
    keeping braces balanced (a struct body never splits)."""
    blocks, cur, depth = [], [], 0
    for line in text.splitlines():
        if not line.strip() and depth == 0:
            if cur:
                blocks.append(cur)
                cur = []
            continue
        cur.append(line)
        code = re.sub(r"/\*.*?\*/", "", line)
        if code.lstrip().startswith("#") or 'extern "C"' in code:
            continue  # the C++ guard's braces span the whole header
        if code.strip() == "}" and depth == 0:
            continue  # ... and this is where it closes
        depth += code.count("{") - code.count("}")
    if cur:
        blocks.append(cur)
    return blocks


def comment_text(lines):
    """The text of a /* ... */ comment, without its frame."""
    out = []
    for line in lines:
        s = line.strip()
        s = re.sub(r"^/\*+ ?", "", s)
        s = re.sub(r"\*+/$", "", s)
        s = re.sub(r"^\* ?", "", s)
        # Markdown would read "*out ... *diags" as emphasis, "<govsvc.h>" as
        # a tag and a leading "-" or "1." as a list.
        parts = s.rstrip().split("`")
        for i in range(0, len(parts), 2):  # not inside `code`
            parts[i] = parts[i].replace("\\", "\\\\").replace("*", "\\*").replace("<", "\\<")
        s = "`".join(parts)
        s = re.sub(r"^([-+#>]|\d+\.)", r"\\\1", s)
        out.append(s)
    while out and not out[0]:
        out.pop(0)
    while out and not out[-1]:
        out.pop()
    return out


def split_comment(block):
    """(leading comment lines, code lines) of a block."""
    if not block[0].lstrip().startswith("/*"):
        return [], block
    for i, line in enumerate(block):
        if "*/" in line:
            return block[: i + 1], block[i + 1 :]
    return block, []


SKIP = re.compile(r'^\s*(#\s*(ifndef|ifdef|if|endif|else|include|pragma)|extern "C"|}\s*$)')


def names_of(code):
    """The identifiers a group declares, for its heading."""
    text = "\n".join(code)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    names = []
    for m in re.finditer(r"\b(govsvc_\w+)\s*\(", text):
        if m.group(1) not in names:
            names.append(m.group(1))
    for m in re.finditer(r"}\s*(\w+)\s*;", text):
        names.append(m.group(1))
    for m in re.finditer(r"^\s*typedef\s+[^;{}]*?\b(\w+)\s*;", text, flags=re.M):
        if m.group(1) not in names:
            names.append(m.group(1))
    for m in re.finditer(r"^\s*#\s*define\s+(\w+)", text, flags=re.M):
        names.append(m.group(1))
    if not names:
        m = re.search(r"\benum\s*{\s*(\w+)", text)
        if m:
            names.append(m.group(1))
    return names


def unexport(code):
    """Drops GOVSVC_API from prototypes, keeping continuation lines aligned."""
    out, dedent = [], 0
    for line in code:
        if line.lstrip().startswith("#"):
            out.append(line)
            continue
        if dedent and line.startswith(" " * dedent):
            line = line[dedent:]
        elif "GOVSVC_API " in line:
            line = line.replace("GOVSVC_API ", "")
            dedent = len("GOVSVC_API ")
        if line.rstrip().endswith(";") or line.rstrip().endswith("{"):
            dedent = 0
        out.append(line)
    return out


def render_header(path, name):
    text = open(path, encoding="utf-8").read()
    blocks = read_blocks(text)
    out = ["## %s" % name, ""]
    if blocks and blocks[0][0].startswith("/*"):
        intro, _ = split_comment(blocks[0])
        lines = comment_text(intro)
        # The first line repeats the file name: "govsvc/x.h - what it is".
        if lines and re.match(r"^govsvc[/\w.]*\.h - ", lines[0]):
            lines[0] = re.sub(r"^govsvc[/\w.]*\.h - ", "", lines[0])
            lines[0] = lines[0][:1].upper() + lines[0][1:]
        out += [l for l in lines] + [""]
        blocks = blocks[1:]
    for block in blocks:
        comment, code = split_comment(block)
        code = [l for l in code if not SKIP.match(l)]
        if any(re.match(r"\s*#\s*define\s+GOVSVC_API\b", l) for l in code):
            continue  # the export macro: how the library is built, not its API
        if not code:
            if comment:  # a comment on its own introduces what follows
                out += comment_text(comment) + [""]
            continue
        names = names_of(code)
        if names:
            out += ["### " + ", ".join("`%s`" % n for n in names), ""]
        code = unexport(code)
        out += ["```c"] + code + ["```", ""]
        if comment:
            out += comment_text(comment) + [""]
    return out


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else "include/govsvc.h"
    base = os.path.dirname(top)
    order = re.findall(r'#include "(govsvc/[\w.]+\.h)"', open(top, encoding="utf-8").read())
    out = [
        "# libgovsvc API reference",
        "",
        "Generated by `tools/gen-api-doc.py` from the comments of the public",
        "headers (`include/govsvc/*.h`, in the order `govsvc.h` includes them);",
        "edit the headers, not this file, and run",
        "`tools/gen-api-doc.py > docs/api.md`. Include `<govsvc.h>` only.",
        "",
        "Contents: " + ", ".join("[%s](#%s)" % (h, re.sub(r"[^\w-]", "", h.replace("/", "").lower()))
                                  for h in order) + ".",
        "",
    ]
    for h in order:
        out += render_header(os.path.join(base, h), h)
    sys.stdout.write("\n".join(out).rstrip("\n") + "\n")


if __name__ == "__main__":
    main()
