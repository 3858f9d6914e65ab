#!/usr/bin/python3
"""The progress line of long runs (tools/cli.c: progress, progress_end)
shows on a terminal only: on a pseudo-terminal stderr gets the redrawn line
and ends clean; through a pipe, or with TERM=dumb, stderr gets nothing and
stdout only the result.

    tests/render/progress-pty.py PATH-TO-progress-demo
"""
import os
import subprocess
import sys

demo = sys.argv[1]


def on_pty(env):
    master, slave = os.openpty()
    proc = subprocess.Popen([demo, "500"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=slave, env=env)
    os.close(slave)
    err = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        err += chunk
    out, _ = proc.communicate(timeout=30)
    os.close(master)
    return proc.returncode, out, err


env = dict(os.environ, TERM="xterm")
rc, out, err = on_pty(env)
if rc != 0 or out != b"done\n":
    sys.exit("FAIL: on a terminal: status %d, stdout %r" % (rc, out))
if b"lint: 500/500 " not in err or b"sample-500" not in err:
    sys.exit("FAIL: the last step is not on the terminal: %r" % err[-200:])
if not err.endswith(b"\r\x1b[K"):
    sys.exit("FAIL: the progress line is not cleared at the end: %r" % err[-40:])
# Redrawn at most ten times a second, not once per file.
if err.count(b"\r\x1b[K") > 100:
    sys.exit("FAIL: %d redraws for 500 steps" % err.count(b"\r\x1b[K"))

proc = subprocess.run([demo, "500"], capture_output=True, env=env, timeout=30)
if proc.returncode != 0 or proc.stdout != b"done\n" or proc.stderr != b"":
    sys.exit("FAIL: through pipes: status %d, stdout %r, stderr %r"
             % (proc.returncode, proc.stdout, proc.stderr[:200]))

rc, out, err = on_pty(dict(os.environ, TERM="dumb"))
if rc != 0 or out != b"done\n" or err != b"":
    sys.exit("FAIL: TERM=dumb: status %d, stdout %r, stderr %r" % (rc, out, err[:200]))
print("progress: a terminal gets the line, pipes and TERM=dumb get nothing")
