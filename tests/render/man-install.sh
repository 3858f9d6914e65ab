#!/usr/bin/env bash
# `man govsvc` works after `meson install`: installs the build into a
# scratch DESTDIR and reads each manual page from there with man(1).
#
#   tests/render/man-install.sh MESON BUILD-DIR
#
# Skipped (exit 77) without man(1), or when the pages were not built
# (no scdoc, -Dman=disabled).
set -u
meson=${1:?usage: man-install.sh MESON BUILD-DIR}
build=${2:?usage: man-install.sh MESON BUILD-DIR}
if ! command -v man >/dev/null; then
    echo "SKIP: man is not installed (apt-get install man-db)"
    exit 77
fi
if [ ! -f "$build/docs/govsvc.1" ]; then
    echo "SKIP: the manual pages were not built (scdoc missing or -Dman=disabled)"
    exit 77
fi
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
if ! "$meson" install -C "$build" --destdir "$dest" --no-rebuild --quiet > "$dest.log" 2>&1; then
    echo "FAIL: meson install:"
    tail -20 "$dest.log"
    rm -f "$dest.log"
    exit 1
fi
rm -f "$dest.log"
mandir=$(find "$dest" -type d -path '*/share/man' | head -1)
fail=0
pass=0
# page SECTION NAME TEXT: `man -M MANDIR SECTION NAME` shows TEXT.
page() {
    local out
    out=$(MANWIDTH=100 man -P cat -M "$mandir" "$1" "$2" 2>&1 | sed 's/.\x08//g')
    if [ -z "$mandir" ] || ! grep -qF -- "$3" <<< "$out"; then
        echo "FAIL: man $1 $2 does not show '$3':"
        head -20 <<< "$out"
        fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
}
page 1 govsvc "govsvc - government service standards as answers"
page 1 govsvc "govsvc-query(1)"
page 1 govsvc-query "--interactive"
page 1 govsvc-query "视情况提交：当 … 时"
page 1 govsvc-calendar "--add DURATION"
page 1 govsvc-lint "--werror"
page 1 govsvc-diff "--max-situations"
page 1 govsvc-stats "最多跑一次"
page 1 govsvc-test "--coverage-min"
page 5 govsvc-rulebook "label_en"
echo "man: $pass passed, $fail failed"
[ $fail = 0 ]
