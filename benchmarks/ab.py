"""Interleaved A/B timing of two source trees on one batch: is a change faster, by how much, with the same outputs?

    python benchmarks/ab.py BASE [NEW] [--filings 250000] [--pairs 5] [--jobs 2] [--keep DIR]

BASE and NEW are git revisions of this repository; NEW defaults to the working tree as it is (uncommitted changes
included). A revision is checked out into a temporary git worktree. `benchmarks/run.py --no-baseline
--sample-interval 0 --json` then runs from each tree in turn, PAIRS times, the order swapped every pair (a machine
that drifts slower or faster during the comparison favours neither side), after one untimed warm-up run each (it
writes the trees' bytecode and fills the disk cache and the page cache). Both sides screen the same generated batch
(made once, by NEW's generator, with run.py's seed) in the same Python environment.

Printed: for each side the mean, least and greatest wall time, CPU seconds and stage seconds; the difference of the
means (NEW - BASE) with the least and greatest of the pairwise differences; and whether both sides' outputs are the
same bytes (run.json aside: it holds timings and the tool's revision). Exit status 1 when they differ.

On this 2-core machine one run's wall time varies by several percent: a difference inside the range of the pairwise
differences is no difference.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import mean

ROOT = Path(__file__).resolve().parents[1]


def worktree(rev: str, into: Path) -> Path:
    """Check revision `rev` out into folder `into` (a detached git worktree of this repository)."""
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", "--force", str(into), rev],
        check=True,
        capture_output=True,
        text=True,
    )
    return into


def drop_worktree(folder: Path) -> None:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(folder)], capture_output=True)
    shutil.rmtree(folder, ignore_errors=True)


def run_once(tree: Path, work: Path, filings: int, jobs: int, side: str) -> dict:
    """One timed screening by `tree`'s benchmarks/run.py of the batch in `work`/batch (the same path for both sides:
    the reports name their input files), its outputs then moved to `work`/out-`side`: the engine's figures from its
    JSON report (wall_s or total_s, cpu_s, stages)."""
    command = [
        sys.executable, str(tree / "benchmarks" / "run.py"), "--filings", str(filings), "--keep", str(work),
        "--jobs", str(jobs), "--no-baseline", "--sample-interval", "0", "--json",
    ]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"benchmarks/run.py of {tree} failed (exit {done.returncode}):\n{done.stderr[-3000:]}")
    report = json.loads(done.stdout)
    out = work / f"out-{side}"
    shutil.rmtree(out, ignore_errors=True)
    (work / f"out-pandas-{jobs}j").rename(out)
    return report["engines"][f"pandas-{jobs}j"]


def same_outputs(left: Path, right: Path) -> list[str]:
    """The names of the output files that differ between two output folders (run.json aside), or are in one only."""
    names = {p.name for p in left.iterdir()} | {p.name for p in right.iterdir()}
    differ = []
    for name in sorted(names - {"run.json"}):
        a, b = left / name, right / name
        if not (a.is_file() and b.is_file() and a.read_bytes() == b.read_bytes()):
            differ.append(name)
    return differ


def wall(run: dict) -> float:
    """A run's wall time: run.py's wall_s (milliseconds), or total_s (tenths) from a revision that has no wall_s."""
    return run.get("wall_s", run["total_s"])


def figures(runs: list[dict]) -> dict[str, list[float]]:
    """Per figure (wall, CPU, each stage in order) its values over the runs."""
    out: dict[str, list[float]] = {"wall s": [wall(r) for r in runs], "CPU s": [r["cpu_s"] for r in runs]}
    for r in runs:
        for stage in r["stages"]:
            out.setdefault(stage["stage"], []).append(stage["seconds"])
    return out


def table(base: list[dict], new: list[dict]) -> list[str]:
    """The comparison's lines: each figure's mean [least-greatest] per side and the difference of the means with the
    range of the pairwise differences."""
    fb, fn = figures(base), figures(new)
    lines = [f"{'':26}{'base mean [min-max]':>24}{'new mean [min-max]':>24}{'new - base [pairs]':>26}"]
    for name in fb:
        if name not in fn or len(fb[name]) != len(fn[name]):
            continue
        b, n = fb[name], fn[name]
        pairs = [y - x for x, y in zip(b, n)]
        lines.append(
            f"{name:26}{mean(b):>9.2f} [{min(b):.2f}-{max(b):.2f}]{mean(n):>9.2f} [{min(n):.2f}-{max(n):.2f}]"
            f"{mean(n) - mean(b):>+10.2f} [{min(pairs):+.2f} {max(pairs):+.2f}]"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("base", help="git revision to compare against (HEAD, a commit, a branch)")
    parser.add_argument("new", nargs="?", help="git revision to compare (default: the working tree as it is)")
    parser.add_argument("--filings", type=int, default=250_000)
    parser.add_argument("--pairs", type=int, default=5, help="timed runs of each side (default 5)")
    parser.add_argument("--jobs", type=int, default=2, help="pandas engine processes (run.py --jobs)")
    parser.add_argument("--keep", type=Path, help="keep the batch, the outputs and the trees' runs here")
    args = parser.parse_args(argv)
    if args.pairs < 1:
        parser.error("--pairs must be 1 or more")
    work = args.keep or Path(tempfile.mkdtemp(prefix="tmscreen-ab-"))
    work.mkdir(parents=True, exist_ok=True)
    trees = Path(tempfile.mkdtemp(prefix="tmscreen-ab-trees-"))
    made: list[Path] = []
    try:
        try:
            base_tree = worktree(args.base, trees / "base")
            made.append(base_tree)
            new_tree = ROOT if args.new is None else worktree(args.new, trees / "new")
            if args.new is not None:
                made.append(new_tree)
        except subprocess.CalledProcessError as exc:
            print(f"error: cannot check out {exc.cmd[-1]}: {exc.stderr.strip()}", file=sys.stderr)
            return 2
        trees_of = {"base": base_tree, "new": new_tree}
        # Warm-up, untimed: NEW first, so its generator makes the batch.
        for name in ("new", "base"):
            run_once(trees_of[name], work, args.filings, args.jobs, name)
        runs: dict[str, list[dict]] = {"base": [], "new": []}
        for i in range(args.pairs):
            for name in ("base", "new") if i % 2 == 0 else ("new", "base"):
                runs[name].append(run_once(trees_of[name], work, args.filings, args.jobs, name))
            print(f"pair {i + 1}: base {wall(runs['base'][-1])} s, new {wall(runs['new'][-1])} s", file=sys.stderr)
        differ = same_outputs(work / "out-base", work / "out-new")
        new_name = args.new or "the working tree"
        print(f"{args.filings:,} filings, {args.pairs} pairs, --jobs {args.jobs}: base {args.base}, new {new_name}")
        print("\n".join(table(runs["base"], runs["new"])))
        if differ:
            print(f"outputs differ: {', '.join(differ)}")
            return 1
        print("outputs: the same bytes (run.json aside)")
        return 0
    finally:
        for folder in made:
            drop_worktree(folder)
        shutil.rmtree(trees, ignore_errors=True)
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
