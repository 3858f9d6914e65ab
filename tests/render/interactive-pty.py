#!/usr/bin/python3
"""`govsvc query --interactive` at a terminal: runs it on a pseudo-terminal,
waits for each question as a clerk would, types the answer (with the
terminal's Enter, a carriage return), and checks the notice it prints
after the last answer.

    tests/render/interactive-pty.py PATH-TO-govsvc     (from the source root)
"""
import os
import select
import subprocess
import sys
import time

govsvc = sys.argv[1]
master, slave = os.openpty()
proc = subprocess.Popen(
    [govsvc, "query", "rules/hlj-fire/rulebook.yaml", "--item", "230100-XF-002",
     "--date", "2026-02-13", "--interactive"],
    stdin=slave, stdout=slave, stderr=slave, close_fds=True)
os.close(slave)
seen = b""


def read_until(text, timeout=30):
    """Reads the terminal until `text` shows up; fails after `timeout` s."""
    global seen
    want = text.encode()
    end = time.time() + timeout
    while want not in seen:
        left = end - time.time()
        if left <= 0:
            sys.exit("FAIL: no %r on the terminal after %ds; it shows:\n%s"
                     % (text, timeout, seen.decode(errors="replace")))
        r, _, _ = select.select([master], [], [], left)
        if r:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the other side closed
                chunk = b""
            if not chunk:
                sys.exit("FAIL: the program ended before %r; it showed:\n%s"
                         % (text, seen.decode(errors="replace")))
            seen += chunk


def type_line(text):
    os.write(master, text.encode() + b"\r")


checks = 0
# The most decisive question comes first: the floor area settles 3 lines.
read_until("问题 1：场所建筑面积（平方米）？（可确定3项）")
read_until("> ")
type_line("450")
read_until("问题 2：申请人类型（自然人/企业/个体工商户）？（可确定2项）")
read_until("1) person 2) enterprise 3) individual_business")
read_until("> ")
type_line("2")  # the number of a choice
# Nothing left to ask: the notice follows.
read_until("依据规则：hlj-fire 2023.2")
proc.wait(timeout=30)
out = seen.decode()
for want in ["营业执照或者载有统一社会信用代码的登记证照（复印件、电子件，1份） —— 需提交",
             "消防安全制度、灭火和应急疏散预案（原件、电子件，1份） —— 需提交",
             "承诺办结时限：3个工作日，2026年2月25日前办结"]:
    checks += 1
    if want not in out:
        sys.exit("FAIL: %r is not in the notice:\n%s" % (want, out))
for unwanted in ["视情况提交", "尚需了解", "申请人居民身份证", "问题 3"]:
    checks += 1
    if unwanted in out:
        sys.exit("FAIL: %r should be settled by the answers:\n%s" % (unwanted, out))
if proc.returncode != 0:
    sys.exit("FAIL: exit status %d" % proc.returncode)
print("interactive on a terminal: 2 questions answered, %d checks passed" % checks)
