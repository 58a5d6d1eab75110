"""Monthly batches against a registry vs one screening of the whole year (issue 16): do twelve monthly screenings with
`--registry` flag the applicants one screening of the year flags, with no more false flags?

    python benchmarks/registry_months.py [--filings 20000] [--year 2021] [--registry PATH_OR_URL] [--keep DIR]

Generates a batch with the demo generator (synthetic: it proves the plumbing of history, not the judgement), keeps
the filings of one calendar year, screens the year once without a registry, then its months in order, each with the
registry (a fresh SQLite file by default). Prints, against the year's flagged set: how many of them the months
flagged (the union), the months' extra flags, and the false flags of each by the generator's labels; and the time of
each month.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detector.pipeline.run import screen  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--filings", type=int, default=20_000)
    parser.add_argument("--year", default="2021")
    parser.add_argument("--registry", default=None)
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="tmscreen-months-"))
    work.mkdir(parents=True, exist_ok=True)
    gen = work / "generated"
    cmd = [sys.executable, "-m", "detector", "fixtures", "generate", "--out", str(gen), "--filings", str(args.filings)]
    subprocess.run(cmd, check=True, capture_output=True)
    filings = pd.read_csv(gen / "filings.csv", dtype=str, keep_default_na=False)
    year = filings[filings["filing_date"].str.startswith(args.year)].sort_values("filing_date", kind="stable")
    year.to_csv(work / "year.csv", index=False)
    labels = pd.read_csv(gen / "labels.csv", dtype=str)
    bad = set(labels.loc[labels["label"] == "1", "applicant_id"])
    inputs = {"applicants": gen / "applicants.csv", "register": gen / "register.csv"}
    started = time.perf_counter()
    whole = set(screen(work / "year.csv", **inputs).flagged()["applicant_id"])
    took = time.perf_counter() - started
    print(f"year {args.year}: {len(year):,} filings, {len(whole)} flagged in one screening ({took:.1f} s)")
    target = args.registry or str(work / "registry.db")
    months: set[str] = set()
    for month, part in year.groupby(year["filing_date"].str[:7], sort=True):
        path = work / f"{month}.csv"
        part.to_csv(path, index=False)
        started = time.perf_counter()
        result = screen(path, **inputs, registry=target)
        flagged = set(result.flagged()["applicant_id"])
        months |= flagged
        earlier = len(result.batch.filings) - result.n_batch_filings
        print(f"  {month}: {len(part):5,} filings + {earlier:6,} from history, {len(flagged):3} flagged "
              f"({time.perf_counter() - started:.1f} s)")  # fmt: skip
    covered = len(whole & months)
    print(f"monthly with --registry flagged {covered} of the year's {len(whole)} ({covered / max(len(whole), 1):.1%}); "
          f"{len(months - whole)} more than the year")  # fmt: skip
    print(f"false flags (generator's labels): year {len(whole - bad)}, monthly {len(months - bad)}")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
