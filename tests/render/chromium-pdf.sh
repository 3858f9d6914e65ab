#!/usr/bin/env bash
# The HTML notice on paper: renders notices of the shipped fire rulebook
# with headless Chromium to PDF, then checks the page count, that every page
# is A4, and that the text of the notice is in the PDF (pdftotext), so that
# what the hall prints is what the answer says.
#
#   tests/render/chromium-pdf.sh PATH-TO-govsvc     (run from the source root)
#
# Skipped (exit 77) where Chromium or poppler-utils is not installed;
# tools/install-deps installs both, with a CJK font (fonts-wqy-microhei).
set -u
govsvc=${1:?usage: chromium-pdf.sh PATH-TO-govsvc}
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$chrome" ]; then
    echo "SKIP: Chromium is not installed (apt-get install chromium; tools/install-deps does)"
    exit 77
fi
for t in pdfinfo pdftotext timeout; do
    if ! command -v "$t" >/dev/null; then
        echo "SKIP: $t is not installed (apt-get install poppler-utils)"
        exit 77
    fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# KEEP=1 keeps the HTML and PDF files to look at.
[ -n "${KEEP:-}" ] && trap - EXIT && echo "keeping $tmp"
fail=0
pass=0
rb=rules/hlj-fire/rulebook.yaml

# html NAME ARGS...: the HTML notice, printed to $tmp/NAME.pdf.
html() {
    local name=$1
    shift
    if ! "$govsvc" query "$rb" --date 2026-02-13 --format html "$@" > "$tmp/$name.html"; then
        echo "FAIL $name: govsvc query failed"
        return 1
    fi
    # Chromium now and then exits before writing the file on a busy machine:
    # one more try before calling it a failure.
    for try in 1 2; do
        rm -f "$tmp/$name.pdf"
        timeout 120 "$chrome" --headless --no-sandbox --disable-gpu \
            --disable-background-networking --disable-component-update --disable-sync \
            --no-first-run --user-data-dir="$tmp/profile-$name-$try" \
            --no-pdf-header-footer --print-to-pdf="$tmp/$name.pdf" \
            "file://$tmp/$name.html" > "$tmp/$name.log" 2>&1
        [ -s "$tmp/$name.pdf" ] && return 0
    done
    echo "FAIL $name: Chromium wrote no PDF:"
    tail -5 "$tmp/$name.log"
    return 1
}

# check NAME MIN-PAGES MAX-PAGES TEXT...: pages in range, all A4, and each
# TEXT in the PDF (compared without white space: table cells wrap).
check() {
    local name=$1 min=$2 max=$3 ok=1
    shift 3
    local pages
    pages=$(pdfinfo "$tmp/$name.pdf" | awk '/^Pages:/ {print $2}')
    if [ -z "$pages" ] || [ "$pages" -lt "$min" ] || [ "$pages" -gt "$max" ]; then
        echo "FAIL $name: $pages pages, expected $min to $max"
        ok=0
    fi
    if pdfinfo -f 1 -l "${pages:-1}" "$tmp/$name.pdf" | grep '^Page.*size:' | grep -qv '(A4)'; then
        echo "FAIL $name: a page is not A4:"
        pdfinfo -f 1 -l "${pages:-1}" "$tmp/$name.pdf" | grep '^Page.*size:'
        ok=0
    fi
    pdftotext -enc UTF-8 "$tmp/$name.pdf" - | tr -d ' \n\t\f' > "$tmp/$name.txt"
    for want in "$@"; do
        local w=${want// /}
        if ! grep -qF -- "$w" "$tmp/$name.txt"; then
            echo "FAIL $name: '$want' is not in the PDF's text"
            ok=0
        fi
    done
    if [ $ok = 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
    fi
}

# The footer names the rulebook's digest, whatever it is today.
digest=$("$govsvc" query "$rb" --item 230100-XF-002 --date 2026-02-13 --format json |
         grep -o 'sha256:[0-9a-f]\{64\}' | head -1)
[ -n "$digest" ] || { echo "FAIL: no digest in the JSON answer"; exit 1; }

# The typical notice fits on one page.
if html enterprise --item 230100-XF-002 --facts rules/hlj-fire/facts-example.yaml; then
    check enterprise 1 1 一次性告知单 "230100-XF-002" 哈尔滨市消防救援支队 \
        公众聚集场所投入使用、营业消防安全告知承诺书 \
        营业执照或者载有统一社会信用代码的登记证照 免提交（部门共享获取） \
        消防安全制度、灭火和应急疏散预案 "容缺后补（2026年3月19日前补交）" \
        "即办，2026年2月13日当场办结" "20个工作日，2026年3月19日前办结" \
        申请人（签收） "hlj-fire 2023.2" "$digest"
else
    fail=$((fail + 1))
fi

# Unknown facts: the conditions with their labels, and the questions.
if html unknown --item 230100-XF-002; then
    check unknown 1 2 "视情况提交：当 场所建筑面积（平方米） < 300 时" \
        "申请人类型（自然人/企业/个体工商户） ≠ person" 尚需了解 "可确定3项" \
        "告知日期：2026年2月13日"
else
    fail=$((fail + 1))
fi

# With the explanations the notice runs over pages; the footer ends it.
if html explain --item 230100-XF-003 --facts rules/hlj-fire/facts-example.yaml --explain; then
    check explain 2 3 特殊建设工程消防验收 规则位置 "结论：" 本事项不适用告知承诺 \
        "现场评定抽样检测，最长10个工作日" 依据规则
else
    fail=$((fail + 1))
fi

echo "render: $pass passed, $fail failed"
[ $fail = 0 ]
