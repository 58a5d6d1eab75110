"""The registry's storage alone (issue 16): record_batch and history() on a store of N generated filings.

    python benchmarks/bench_registry_store.py [--filings 5000000] [--daily 30000] [--registry PATH_OR_URL]

Builds the store with record_batch in chunks of 250,000 filings (about 500,000 applicants, 1,000,000 distinct marks,
five years of dates, one phone per applicant; the pipeline's keys handed over, as the record stage does), then:
records one daily batch of --daily filings (a third by returning applicants) and reads its history (the earlier
filings of its applicants, of applicants sharing their phones, and of its marks, over 365 days). Prints the seconds
and peak RSS of each step. A --registry that already holds the store (same --filings) is reused.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import PeakSampler  # noqa: E402

from detector.registry import BatchRecord, open_registry  # noqa: E402

EPOCH = pd.Timestamp("1970-01-01")
START = pd.Timestamp("2020-01-01")
DAYS = 5 * 365
CHUNK = 250_000


def _batch(
    batch_id: str,
    filing_ids: np.ndarray,
    apps: np.ndarray,
    marks: np.ndarray,
    days: np.ndarray,
    rng: np.random.Generator,
) -> BatchRecord:
    n = len(filing_ids)
    app_ids = np.char.add("AP", apps.astype("U7"))
    mark_text = np.char.add("标", marks.astype("U7"))
    filings = pd.DataFrame(
        {
            "filing_id": filing_ids,
            "mark_text": mark_text,
            "mark_key": mark_text,
            "nice_class": rng.integers(1, 46, n).astype(str),
            "filing_date": (START + pd.to_timedelta(days, unit="D")).astype("datetime64[ns]"),
            "applicant_name": np.char.add(np.char.add("申请人", apps.astype("U7")), "有限公司"),
            "applicant_id": app_ids,
        }
    )
    uniq = np.unique(apps)
    applicants = pd.DataFrame(
        {
            "applicant_id": np.char.add("AP", uniq.astype("U7")),
            "name": np.char.add(np.char.add("申请人", uniq.astype("U7")), "有限公司"),
            "name_key": np.char.add("申请人", uniq.astype("U7")),
            "phone": np.char.add("138", (uniq % 400_000).astype("U8")),
        }
    )
    values = pd.DataFrame(
        {"applicant_id": applicants["applicant_id"], "kind": "phone", "value_key": applicants["phone"]}
    )
    flagged = applicants.iloc[::100]
    scores = pd.DataFrame(
        {
            "applicant_id": flagged["applicant_id"],
            "applicant_name": flagged["name"],
            "score": 60.0,
            "level": "medium",
            "flagged": True,
            "repeat_offender": False,
            "cluster_id": "",
            "categories": "hoarding",
            "rule_ids": "VOL-001",
        }
    )
    return BatchRecord(
        batch_id=batch_id,
        tool_version="bench",
        ruleset_sha256="0" * 64,
        input_hashes={"f": batch_id},
        filings=filings,
        applicants=applicants,
        values=values,
        scores=scores,
    )


def build(target: str, n: int, sampler: PeakSampler) -> None:
    rng = np.random.default_rng(16)
    with open_registry(target) as reg:
        have = int(reg.batches()["n_filings"].sum()) if len(reg.batches()) else 0
        if have >= n:
            print(f"reusing the store: {have:,} filings")
            return
        with sampler.stage("build store (record_batch x chunks)", n):
            for k, start in enumerate(range(0, n, CHUNK)):
                size = min(CHUNK, n - start)
                ids = np.char.add("H", np.arange(start, start + size).astype("U9"))
                apps = rng.integers(0, 500_000, size)
                marks = rng.integers(0, 1_000_000, size)
                days = np.sort(rng.integers(0, DAYS - 1, size))
                t = time.perf_counter()
                reg.record_batch(_batch(f"hist{k:03d}", ids, apps, marks, days, rng))
                print(f"  chunk {k + 1}: {start + size:,} filings, {time.perf_counter() - t:.1f} s", flush=True)


def daily(target: str, m: int, sampler: PeakSampler) -> None:
    rng = np.random.default_rng(17)
    returning = rng.integers(0, 500_000, m // 3)
    new = rng.integers(1_000_000, 1_200_000, m - m // 3)
    apps = np.concatenate([returning, new])
    marks = rng.integers(0, 1_200_000, m)
    days = np.full(m, DAYS - 1)
    rec = _batch("daily", np.char.add("D", np.arange(m).astype("U9")), apps, marks, days, rng)
    app_ids = rec.applicants["applicant_id"].tolist()
    phones = rec.values["value_key"].tolist()
    mark_keys = rec.filings["mark_key"].unique().tolist()
    since = int((START + pd.Timedelta(days=DAYS - 1 - 365) - EPOCH).days)
    with open_registry(target) as reg:
        with sampler.stage("history() of the daily batch", m):
            hist = reg.history(
                applicant_ids=app_ids, value_keys=phones, mark_keys=mark_keys, since_day=since, exclude_batch="daily"
            )
        print(
            f"  history: {len(hist.filings):,} filings of {len(hist.applicants):,} applicants "
            f"(asked: {len(app_ids):,} applicants, {len(phones):,} phones, {len(mark_keys):,} marks)"
        )
        with sampler.stage("record_batch of the daily batch", m):
            assert reg.record_batch(rec)
        with sampler.stage("record_batch again (already recorded)", m):
            assert not reg.record_batch(rec)
        with sampler.stage("entries() (the whole list)", 0):
            n_entries = len(reg.entries())
        print(f"  list: {n_entries:,} entries")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--filings", type=int, default=5_000_000)
    parser.add_argument("--daily", type=int, default=30_000)
    parser.add_argument("--registry", default=None, help="SQLite path or postgresql:// URL (default: a temp file)")
    args = parser.parse_args()
    target = args.registry or str(Path(tempfile.mkdtemp(prefix="bench-registry-")) / "registry.db")
    print(f"registry: {target}")
    sampler = PeakSampler()
    build(target, args.filings, sampler)
    if "://" not in target:
        print(f"  file size: {Path(target).stat().st_size / 2**30:.2f} GiB")
    daily(target, args.daily, sampler)
    sampler.close()
    print(pd.DataFrame(sampler.rows).to_string(index=False))


if __name__ == "__main__":
    main()
