"""Peak memory (PSS) of a process tree, sampled by a small process of its own (standard library only).

    python -S benchmarks/tree_sampler.py PID INTERVAL

Every INTERVAL seconds it adds up the proportional set size of PID and all its descendants but itself, keeping the
largest sum. Each line `peak` on its standard input is answered with that largest sum (bytes) since the previous
answer, and the count starts again from the present sum; `stop` or the end of the input ends it.

The benchmarks sample from another process, not from a thread of the screening process: a sampling thread competes
for that process's interpreter lock, and a process with a second thread does not fork tmscreen's anomaly helper
(a fork would copy only the forking thread), so a threaded sampler measured a slower path than `tmscreen screen`
takes.
"""

from __future__ import annotations

import os
import resource
import select
import sys


def children(pid: int) -> list[int]:
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(c) for c in fh.read().split()]
    except OSError:
        pass
    return out


RESULT_FILE = "/memfd:tmscreen-result"  # detector/result_transfer.py: a child's result, before its parent reads it


def memory_of(pid: int) -> int:
    """Proportional set size (PSS) of one process: pages shared with a forked parent count once across the two,
    which plain RSS would count twice. RSS where smaps_rollup is missing."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    with open(f"/proc/{pid}/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize()


def result_files(pid: int, files: dict) -> None:
    """Add the memory files `pid` holds open for children's results (detector/result_transfer.py) to `files`
    ({inode: bytes they hold}): a child writes its arrays there, and until the parent has read them and closed the
    file, their pages are in no process's PSS."""
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return
    for fd in fds:
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}").startswith(RESULT_FILE):
                st = os.stat(f"/proc/{pid}/fd/{fd}")
                files[st.st_ino] = st.st_blocks * 512
        except OSError:
            continue


def tree_bytes(root: int, skip: int | None = None) -> int:
    """PSS of `root` and every descendant (but `skip`), and the result files they hold, each counted once; 0 when
    `root` is gone."""
    total, todo, seen, files = 0, [root], {skip}, {}
    while todo:
        pid = todo.pop()
        if pid in seen:
            continue
        seen.add(pid)
        try:
            total += memory_of(pid)
        except OSError:
            continue
        result_files(pid, files)
        todo += children(pid)
    return total + sum(files.values())


def main(root: int, interval: float) -> None:
    me = os.getpid()
    peak = tree_bytes(root, me)
    while True:
        ready, _, _ = select.select([sys.stdin], [], [], interval)
        now = tree_bytes(root, me)
        peak = max(peak, now)
        if not ready:
            continue
        line = sys.stdin.readline().strip()
        if line != "peak":
            return
        sys.stdout.write(f"{peak}\n")
        sys.stdout.flush()
        peak = now


if __name__ == "__main__":
    main(int(sys.argv[1]), float(sys.argv[2]))
