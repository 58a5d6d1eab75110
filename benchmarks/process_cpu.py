"""Where a screening's CPU goes, process by process (Linux; standard library only).

    python benchmarks/process_cpu.py BATCH_FOLDER [--jobs 2] [--interval 0.02] [--slice 0.25] [--lang en]
    python benchmarks/process_cpu.py --command CMD [ARG ...]

Runs `tmscreen screen` on BATCH_FOLDER/{filings,applicants,register}.csv (a batch kept by `benchmarks/run.py --keep`)
into a temporary folder, or any other command, and reads /proc every `--interval` seconds for it and each of its
descendants: every process's name (forked children are named tm-<what>: tm-partition, tm-identity-key, tm-herd ...),
when it started, its user and system CPU seconds and its minor page faults (at its last reading: a process that lives
less than an interval is missed, one that ends between readings loses its last interval). Then the cores busy in each
`--slice` of the run and the idle core-seconds over it, against `os.sched_getaffinity`'s core count: the time a better
overlap of the run's parts could still take, as opposed to the CPU seconds only less work saves.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def snapshot() -> dict[int, tuple[int, str, int, float, float]]:
    """pid -> (parent pid, name, minor faults, user s, system s) of every process readable now."""
    out = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        out[int(entry)] = (int(fields[1]), name, int(fields[7]), int(fields[11]) / TICK, int(fields[12]) / TICK)
    return out


def tree(root: int, procs: dict) -> set[int]:
    members, grew = {root}, True
    while grew:
        grew = False
        for pid, (parent, *_rest) in procs.items():
            if parent in members and pid not in members:
                members.add(pid)
                grew = True
    return members


def watch(command: list[str], interval: float) -> tuple[dict, dict, list, float]:
    """Run `command`; (last reading per pid, first time seen per pid, (time, total CPU s) readings, wall seconds)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL)  # its summary would interleave with ours
    last: dict[int, tuple] = {}
    first: dict[int, float] = {}
    readings: list[tuple[float, float]] = []
    while proc.poll() is None:
        now = time.perf_counter() - start
        procs = snapshot()
        for pid in tree(proc.pid, procs):
            if pid in procs:
                last[pid] = procs[pid]
                first.setdefault(pid, now)
        readings.append((now, sum(v[3] + v[4] for v in last.values())))
        time.sleep(interval)
    wall = time.perf_counter() - start
    if proc.returncode:
        sys.exit(f"the command ended with exit code {proc.returncode}")
    return last, first, readings, wall


def report(last: dict, first: dict, readings: list, wall: float, width: float) -> None:
    cores = len(os.sched_getaffinity(0))
    print(f"{'pid':>7} {'name':<16} {'start s':>8} {'user s':>7} {'sys s':>6} {'faults':>9}")
    for pid in sorted(last, key=first.get):
        _, name, faults, user, system = last[pid]
        print(f"{pid:>7} {name:<16} {first[pid]:>8.2f} {user:>7.2f} {system:>6.2f} {faults:>9,}")
    user = sum(v[3] for v in last.values())
    system = sum(v[4] for v in last.values())
    print(
        f"all: {user:.2f} s user + {system:.2f} s system in {wall:.2f} s on {cores} cores, "
        f"{sum(v[2] for v in last.values()):,} minor page faults"
    )
    idle, previous, used = 0.0, 0.0, {}
    for at, cpu in readings:
        used[int(at / width)] = used.get(int(at / width), 0.0) + cpu - previous
        previous = cpu
    print(f"cores busy per {width:g} s:")
    for k in range(int(wall / width) + 1):
        busy = used.get(k, 0.0) / width
        span = min(width, wall - k * width)
        idle += max(0.0, cores - busy) * span
        print(f"  {k * width:6.2f} {'#' * round(busy * 20):<{cores * 20}} {busy:4.2f}")
    print(f"idle core-seconds: {idle:.2f} of {cores * wall:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("batch", nargs="?", type=Path, help="folder with filings.csv, applicants.csv, register.csv")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--lang", default="en")
    parser.add_argument("--interval", type=float, default=0.02, help="seconds between readings of /proc")
    parser.add_argument("--slice", type=float, default=0.25, help="seconds per line of the cores-busy timeline")
    parser.add_argument("--command", nargs=argparse.REMAINDER, help="run this command instead of tmscreen screen")
    args = parser.parse_args()
    if not Path("/proc/self/stat").exists():
        sys.exit("process_cpu.py reads /proc: Linux only")
    out = Path(tempfile.mkdtemp(prefix="tmscreen-cpu-"))
    try:
        if args.command:
            command = args.command
        elif args.batch is not None:
            tmscreen = shutil.which("tmscreen") or str(Path(sys.executable).with_name("tmscreen"))
            b = args.batch
            command = [
                tmscreen, "screen", str(b / "filings.csv"), "--applicants", str(b / "applicants.csv"),
                "--register", str(b / "register.csv"), "--out", str(out / "out"), "--jobs", str(args.jobs),
                "--lang", args.lang, "-q",
            ]  # fmt: skip
        else:
            parser.error("a batch folder or --command")
        last, first, readings, wall = watch(command, args.interval)
        report(last, first, readings, wall, args.slice)
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
