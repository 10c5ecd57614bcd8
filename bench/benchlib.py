"""What the runners of bench/ share: their sections of docs/benchmarks.md and
the ladder of time limits that finds the shortest solve reaching zero hard
violations. Each runner imports it from its own folder."""
import os
import subprocess

# Time limits tried, shortest first, by shortest_zero_hard.
LADDER = [1, 2, 5, 10, 20, 30, 60, 120]


def replace_section(path, text, begin, end):
    """Puts @text (which starts with @begin and ends with @end) in place of
    the section between those markers in @path, or at its end when the file
    has none yet; the rest of the file is kept as it is."""
    old = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmarks\n"
    if begin in old and end in old:
        head, rest = old.split(begin, 1)
        tail = rest.split(end, 1)[1].lstrip("\n")
        new = head + text + ("\n" + tail if tail else "")
    else:
        new = old.rstrip("\n") + "\n\n" + text
    with open(path, "w", encoding="utf-8") as f:
        f.write(new)


def shortest_zero_hard(cmd, limit):
    """The shortest time limit of the ladder (up to @limit) whose solve ends
    with no hard violation: a fresh run per step, so the claim "a solve of
    L seconds reaches zero" holds whatever the progress reports said. @cmd
    is a creneau-bench command without --time-limit."""
    for step in [s for s in LADDER if s < limit] + [limit]:
        p = subprocess.run(cmd + ["--time-limit", str(step)], capture_output=True, text=True)
        last = p.stdout.strip().splitlines()[-1] if p.stdout.strip() else ""
        if p.returncode == 0 and " hard=0 " in " " + last + " ":
            return "%g" % step
    return "none"
