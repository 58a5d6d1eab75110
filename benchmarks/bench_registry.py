"""Daily screening against a large registry (issue 16): a registry holding N historical filings (generated) and a
daily batch of M filings screened with history, end to end (`screen(..., registry=...)`, then the outputs written).

    python benchmarks/bench_registry.py [--history 5000000] [--daily 30000] [--registry PATH_OR_URL] [--keep DIR]

Marks are drawn from 3,000 Chinese characters (registries built before 2026-11-27 used a 40-character alphabet,
which made nearly every daily mark a herd of strangers: 36,000 HERD-001 hits; with --reuse the daily batch still
uses the large alphabet). The history is written straight into the registry as BatchRecords of 500,000 filings (one
"batch" each, about two years of filings by 1,000,000 applicants, a fifth of them with a phone); the daily batch
mixes returning applicants (a third of its filings, so the history stage has their earlier filings to read) with new
ones. Prints the time to build the registry (not part of the target), then the daily screening's wall time per
stage, the history filings it read, and the peak memory (PSS of the process tree). Target: at most 60 s and 3 GB on
2 cores.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import TreeSampler  # noqa: E402

from detector.registry import BatchRecord, open_registry  # noqa: E402

EPOCH = pd.Timestamp("1970-01-01")


HAN = np.array([chr(c) for c in range(0x4E00, 0x4E00 + 3000)])


def _marks(rng: np.random.Generator, n: int, alphabet: np.ndarray = HAN) -> np.ndarray:
    """Invented two- to four-character marks from `alphabet` (3,000 Chinese characters: marks of strangers collide
    about as rarely as real ones; a small alphabet makes every mark a herd)."""
    length = rng.integers(2, 5, n)
    picks = rng.integers(0, len(alphabet), (n, 4))
    chars = alphabet[picks]
    return np.array(["".join(row[:k]) for row, k in zip(chars.tolist(), length.tolist())], dtype=object)


def _applicant_id(i: np.ndarray) -> np.ndarray:
    return np.char.add("91440300MA", np.char.zfill(i.astype(str), 8))


def history_chunk(rng, start: int, n: int, n_apps: int, first_day: int, days: int, batch: str) -> BatchRecord:
    app = rng.integers(0, n_apps, n)
    ids = _applicant_id(app)
    day = first_day + rng.integers(0, days, n)
    marks = _marks(rng, n)
    filings = pd.DataFrame(
        {
            "filing_id": np.char.add("H", np.arange(start, start + n).astype(str)),
            "mark_text": marks,
            "nice_class": rng.integers(1, 46, n).astype(str),
            "filing_date": (EPOCH + pd.to_timedelta(day, unit="D")).strftime("%Y-%m-%d"),
            "applicant_name": np.char.add("深圳市", np.char.add(app.astype(str), "贸易有限公司")),
            "applicant_id": ids,
            "mark_key": marks,
            "day": day,
        }
    )
    uniq = np.unique(app)
    apps = pd.DataFrame(
        {
            "applicant_id": _applicant_id(uniq),
            "name": np.char.add("深圳市", np.char.add(uniq.astype(str), "贸易有限公司")),
            "entity_type": "company",
            "phone": np.where(uniq % 5 == 0, np.char.add("1380", np.char.zfill((uniq // 5).astype(str), 7)), ""),
        }
    )
    values = apps[apps["phone"] != ""].assign(kind="phone")
    values = pd.DataFrame(
        {"applicant_id": values["applicant_id"], "kind": "phone", "value_key": "phone:" + values["phone"]}
    )
    scores = pd.DataFrame(
        {
            "applicant_id": apps["applicant_id"].iloc[:0],
            "applicant_name": "",
            "score": 0.0,
            "level": "",
            "flagged": False,
            "repeat_offender": False,
            "cluster_id": "",
            "categories": "",
            "rule_ids": "",
        }
    )
    return BatchRecord(batch, "bench", "bench", {"filings": batch}, "bench", filings, apps, values, scores=scores)


def build_registry(target: str, n: int, n_apps: int, first_day: int, days: int, seed: int = 7) -> float:
    rng = np.random.default_rng(seed)
    started = time.perf_counter()
    chunk = 500_000
    with open_registry(target) as reg:
        for k, start in enumerate(range(0, n, chunk)):
            rec = history_chunk(rng, start, min(chunk, n - start), n_apps, first_day, days, f"hist{k:04d}")
            reg.record_batch(rec)
            print(f"  history {start + len(rec.filings):,} filings ({time.perf_counter() - started:.0f} s)", flush=True)
    return time.perf_counter() - started


def daily_batch(path: Path, m: int, n_apps: int, day: int, seed: int = 11) -> None:
    rng = np.random.default_rng(seed)
    returning = rng.random(m) < 1 / 3
    app = np.where(returning, rng.integers(0, n_apps, m), n_apps + rng.integers(0, m, m))
    pd.DataFrame(
        {
            "filing_id": np.char.add("D", np.arange(m).astype(str)),
            "mark_text": _marks(rng, m),
            "nice_class": rng.integers(1, 46, m).astype(str),
            "filing_date": (EPOCH + pd.Timedelta(days=int(day))).strftime("%Y-%m-%d"),
            "applicant_name": np.char.add("深圳市", np.char.add(app.astype(str), "贸易有限公司")),
            "applicant_id": _applicant_id(app),
        }
    ).to_csv(path, index=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--history", type=int, default=5_000_000)
    parser.add_argument("--daily", type=int, default=30_000)
    parser.add_argument("--applicants", type=int, default=1_000_000)
    parser.add_argument("--registry", default=None, help="PATH_OR_URL (default: a SQLite file in a temp folder)")
    parser.add_argument("--keep", type=Path, default=None, help="keep the registry and outputs in this folder")
    parser.add_argument(
        "--reuse", action="store_true", help="use the registry already in --keep (built by an earlier run) as it is"
    )
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="tmscreen-bench-registry-"))
    work.mkdir(parents=True, exist_ok=True)
    target = args.registry or str(work / "registry.db")
    first_day = int((pd.Timestamp("2023-01-01") - EPOCH).days)
    days = 730
    print(f"registry {target}: {args.history:,} historical filings of {args.applicants:,} applicants")
    if args.reuse and args.registry is None and Path(target).exists():
        print("reusing it as it is (a daily batch it already recorded is screened against the history without itself)")
    else:
        built = build_registry(target, args.history, args.applicants, first_day, days)
        print(f"built in {built:.1f} s")
    day_file = work / "daily.csv"
    daily_batch(day_file, args.daily, args.applicants, first_day + days)
    from detector.api import run_screening

    peak = TreeSampler()
    started = time.perf_counter()
    result, _ = run_screening(day_file, out=work / "out", registry=target, quiet=True)
    wall = time.perf_counter() - started
    peak.close()
    earlier = len(result.batch.filings) - result.n_batch_filings
    print(f"daily batch {args.daily:,} filings + {earlier:,} history filings read: {wall:.1f} s end to end, "
          f"peak memory {peak.peak / 2**30:.2f} GB (PSS, process tree)")  # fmt: skip
    for stage, seconds in result.timings.items():
        print(f"  {stage:<26} {seconds:6.2f} s")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
