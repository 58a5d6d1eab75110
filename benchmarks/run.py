"""End-to-end benchmark: generate a batch of N filings, screen it, print per-stage wall time, throughput and
peak memory (default engine; `--engine dask` or `both` when the Dask engine is installed).

    python benchmarks/run.py --filings 1000000 [--engine pandas|dask|both] [--workers 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import PeakSampler, rss_bytes  # noqa: E402

from detector.pipeline.progress import Progress  # noqa: E402


class SampledProgress(Progress):
    """Progress that also records each stage's peak RSS through a PeakSampler."""

    def __init__(self, sampler: PeakSampler, items: int) -> None:
        super().__init__(quiet=True)
        self.sampler, self.items = sampler, items

    @contextmanager
    def stage(self, name: str, detail: str = ""):  # noqa: ANN201
        with self.sampler.stage(name, self.items), super().stage(name, detail):
            yield


def run_engine(engine: str, folder: Path, out: Path, n: int, workers: int) -> tuple[list[dict], float, int]:
    from detector.report import write_outputs

    sampler = PeakSampler()
    progress = SampledProgress(sampler, n)
    start = time.perf_counter()
    kwargs = {"applicants": folder / "applicants.csv", "register": folder / "register.csv", "progress": progress}
    if engine == "dask":
        from detector.engines.dask_engine import screen_dask

        result = screen_dask(folder / "filings.csv", workers=workers, **kwargs)
    else:
        from detector.pipeline.run import screen

        result = screen(folder / "filings.csv", **kwargs)
    with progress.stage("write"):
        write_outputs(result, out, {"benchmark": True})
    total = time.perf_counter() - start
    sampler.close()
    peak = max(r["peak_rss_mb"] for r in sampler.rows)
    return sampler.rows, total, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--filings", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--engine", choices=["pandas", "dask", "both"], default="pandas")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the generated batch and outputs here")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    from detector.synth import generate

    work = args.keep or Path(tempfile.mkdtemp(prefix="tmscreen-bench-"))
    folder = work / "batch"
    t0 = time.perf_counter()
    if not (folder / "filings.csv").exists():
        generate(folder, n_filings=args.filings, seed=args.seed, profile="demo")
    gen_s = time.perf_counter() - t0
    engines = ["pandas", "dask"] if args.engine == "both" else [args.engine]
    report = {"filings": args.filings, "generate_s": round(gen_s, 1), "baseline_rss_mb": round(rss_bytes() / 2**20), "engines": {}}
    for engine in engines:
        rows, total, peak = run_engine(engine, folder, work / f"out-{engine}", args.filings, args.workers)
        report["engines"][engine] = {"total_s": round(total, 1), "peak_rss_mb": peak, "filings_per_s": round(args.filings / total), "stages": rows}
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"{args.filings:,} filings (generated in {gen_s:.1f}s)")
        for engine, data in report["engines"].items():
            print(f"\nengine {engine}: total {data['total_s']}s, {data['filings_per_s']:,} filings/s, peak RSS {data['peak_rss_mb']} MB")
            print(f"  {'stage':<26}{'seconds':>9}{'filings/s':>12}{'peak MB':>9}")
            for r in data["stages"]:
                print(f"  {r['stage']:<26}{r['seconds']:>9}{(r['per_second'] or 0):>12,}{r['peak_rss_mb']:>9}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
