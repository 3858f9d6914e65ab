#!/usr/bin/env python3
"""Writes a large, realistic rulebook for the lint benchmark (bench-lint).

    bench/gen-lint-bench.py OUTDIR [--items N] [--calendar PATH]

OUTDIR/rulebook.yaml holds the header, 40 facts, the policy and a catalogue
of 600 materials; OUTDIR/items.yaml holds N service items (default 2,000,
about 6 MB in all), each with a long legal basis, a description, two or
three deadline variants on some items and 8 to 16 material lines, many with
conditions over numbers, enums, dates and booleans, some deferrable. The
output depends only on N: a fixed linear congruential generator drives every
choice, so two runs write identical files on any machine and Python version.

Self-contained on purpose (the performance suite's generator, bench/gen, is
separate): this one only needs to give lint a lot of realistic work.
"""
import argparse
import os

ITEM_TYPES = ["license", "filing", "confirmation", "public_service", "inspection", "payment"]
DEPARTMENTS = ["市市场监督管理局", "市住房和城乡建设局", "市生态环境局", "市交通运输局",
               "市卫生健康委员会", "市消防救援支队", "市自然资源和规划局", "市人力资源和社会保障局"]
MAT_WORDS = ["申请书", "营业执照", "身份证明", "场所证明", "平面图", "检测报告", "资格证书",
             "承诺书", "委托书", "合同", "验收报告", "环评批复", "消防意见", "设计文件", "照片"]
ENUM_VALUES = ["a", "b", "c", "d", "e"]


class Lcg:
    """Numerical Recipes' 32-bit LCG: the same numbers everywhere."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def next(self):
        self.state = (1664525 * self.state + 1013904223) & 0xFFFFFFFF
        return self.state

    def below(self, n):
        return (self.next() >> 8) % n

    def pick(self, seq):
        return seq[self.below(len(seq))]


def facts(out):
    """40 facts: 10 numbers, 10 ints, 10 enums, 6 bools, 4 dates."""
    out.append("facts:")
    for i in range(10):
        out.append(f"  premises.area{i}: {{type: number, min: 0, label: 场所面积{i}（平方米）}}")
    for i in range(10):
        out.append(f"  applicant.count{i}: {{type: int, min: 0, max: 100000, label: 人数{i}}}")
    for i in range(10):
        default = ", default: a" if i % 2 == 0 else ""
        out.append(f"  applicant.kind{i}: {{type: enum, values: [{', '.join(ENUM_VALUES)}]"
                   f"{default}, label: 申请人类别{i}}}")
    for i in range(6):
        out.append(f"  shared.flag{i}: {{type: bool, default: false, label: 可共享材料{i}}}")
    for i in range(4):
        out.append(f"  application.date{i}: {{type: date, label: 日期{i}}}")


def condition(r):
    """One condition of one to three comparisons, each on another fact (as
    careful authors write them: lint finds nothing to say)."""
    parts = []
    kinds = set()
    for _ in range(1 + r.below(3)):
        k = r.below(5)
        if k in kinds:
            continue
        kinds.add(k)
        if k == 0:
            lo = 10 + r.below(50) * 10
            parts.append(f"premises.area{r.below(10)} >= {lo}")
        elif k == 1:
            parts.append(f"applicant.count{r.below(10)} < {1 + r.below(500)}")
        elif k == 2:
            vals = sorted({r.pick(ENUM_VALUES) for _ in range(1 + r.below(3))})
            parts.append(f"applicant.kind{r.below(10)} in [{', '.join(repr(v) for v in vals)}]")
        elif k == 3:
            parts.append(f"not shared.flag{r.below(6)}")
        else:
            parts.append(f"application.date{r.below(4)} >= 2024-0{1 + r.below(9)}-01")
    joiner = " and " if r.below(3) else " or "
    return joiner.join(parts)


def materials(out, r, n):
    out.append("materials:")
    for i in range(n):
        word = MAT_WORDS[i % len(MAT_WORDS)]
        src = r.pick(["applicant", "applicant", "third_party", "government"])
        out.append(f"  m{i:04d}:")
        out.append(f"    name: {word}（第{i}号，按照本事项办理指南要求提供，复印件加盖公章）")
        out.append(f"    source: {src}")
        out.append("    form: [original, copy]")
        out.append(f"    copies: {1 + r.below(3)}")
        if src == "government":
            out.append(f"    shared_when: shared.flag{r.below(6)}")
        elif src == "third_party" and r.below(3) == 0:
            out.append("    commitment: {allowed: true, verify_within: 30 days}")
        out.append(f"    legal_basis: [《政务服务材料规范》第{1 + r.below(60)}条]")


def item(out, r, i, nmat):
    code = f"BENCH-{i:05d}"
    promised = 1 + r.below(10)
    statutory = promised + 5 + r.below(15)
    out.append(f'  - code: "{code}"')
    out.append(f"    name: 基准测试事项第{i}号：{r.pick(DEPARTMENTS)}行政审批服务")
    out.append(f"    type: {r.pick(ITEM_TYPES)}")
    out.append(f"    department: {r.pick(DEPARTMENTS)}")
    out.append("    level: city")
    out.append("    legal_basis:")
    for k in range(3 + r.below(3)):
        out.append(f"      - 《某某管理条例》第{1 + r.below(90)}条第{1 + r.below(5)}款"
                   f"（{2000 + r.below(24)}年修订）")
    out.append(f"    reform: {r.pick(['none', 'optimize', 'notify_commit'])}")
    out.append("    valid: {from: 2024-01-01}")
    out.append("    description: >-")
    for k in range(6):
        out.append("      本事项依照有关法律法规办理，申请人应当如实提交材料并对材料的真实性负责；"
                   "窗口工作人员一次性告知需要补正的全部内容，实行首问负责、限时办结和容缺受理。")
    if r.below(3) == 0:
        out.append("    deadline:")
        out.append(f"      - when: \"{condition(r)}\"")
        out.append(f"        statutory: {statutory} working days")
        out.append(f"        promised: {max(1, promised - 1)} working days")
        out.append(f"      - statutory: {statutory} working days")
        out.append(f"        promised: {promised} working days")
    else:
        out.append(f"    deadline: {{statutory: {statutory} working days, "
                   f"promised: {promised} working days}}")
    online = r.pick(['partial', 'full', 'none'])
    out.append(f"    visits: {0 if online == 'full' else r.below(2)}")
    out.append(f"    online: {online}")
    out.append("    hall: {entered: true}")
    out.append("    fee: 0")
    out.append(f"    result: 准予许可决定书（第{i}号）")
    out.append("    materials:")
    used = set()
    out.append(f"      - ref: m{(i * 7) % nmat:04d}")
    used.add((i * 7) % nmat)
    for k in range(7 + r.below(9)):
        m = r.below(nmat)
        if m in used:
            continue
        used.add(m)
        out.append(f"      - ref: m{m:04d}")
        if r.below(3):
            out.append(f"        when: \"{condition(r)}\"")
        if r.below(8) == 0 and m % len(MAT_WORDS) != 0:  # never the 申请书
            out.append(f"        deferrable: {max(1, promised - 1)} working days")
        if r.below(5) == 0:
            out.append("        note: 原件核验后退回，复印件留存备查")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("outdir")
    ap.add_argument("--items", type=int, default=2000)
    ap.add_argument("--calendar", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "rules", "calendars", "cn.yaml"))
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    r = Lcg(20240601)
    nmat = 600
    top = ["govsvc: 1",
           "rulebook: {id: lint-bench, version: \"1\", effective: 2024-01-01, level: city}",
           "include: [items.yaml]",
           f"calendar: {os.path.relpath(os.path.abspath(args.calendar), os.path.abspath(args.outdir))}",
           "policy:",
           "  commitment_eligible: \"applicant.kind0 != 'e'\"",
           "  deferral_eligible: \"applicant.kind2 in ['a', 'b']\""]
    facts(top)
    materials(top, r, nmat)
    items = ["govsvc: 1", "items:"]
    for i in range(args.items):
        item(items, r, i, nmat)
    for name, lines in (("rulebook.yaml", top), ("items.yaml", items)):
        with open(os.path.join(args.outdir, name), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    size = sum(os.path.getsize(os.path.join(args.outdir, n))
               for n in ("rulebook.yaml", "items.yaml"))
    print(f"{args.outdir}/rulebook.yaml: {args.items} items, {size} bytes")


if __name__ == "__main__":
    main()
