"""Load stage on a wide export: the same filings with and without extra columns the contract does not use.

    python benchmarks/bench_load.py --filings 1000000 [--extra-chars 2000] [--keep DIR]

Generates a batch (detector.synth), writes a second filings CSV with a `goods_description` column of about
`--extra-chars` characters per row (an office export carries such fields), and prints, for each file, its size,
the load time and the peak resident memory of load_inputs (a fresh process each, so peaks do not mix). CSV and
Parquet inputs are streamed in chunks that keep only the contract columns, so the wide file should cost about the
time to read its bytes and no more memory than the narrow one.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MEASURE = """
import json, sys, time, resource
sys.path.insert(0, {root!r})
from pathlib import Path
from detector.io import load_inputs
start = time.perf_counter()
inputs = load_inputs(Path({filings!r}), Path({applicants!r}), None, False)
took = time.perf_counter() - start
print(json.dumps({{"seconds": round(took, 1), "rows": len(inputs.filings),
                  "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}}))
"""


def measure(filings: Path, applicants: Path) -> dict:
    code = MEASURE.format(root=str(ROOT), filings=str(filings), applicants=str(applicants))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def widen(source: Path, target: Path, extra_chars: int) -> None:
    """Copy the CSV adding a goods_description column, in chunks (the wide file may not fit in memory)."""
    import pandas as pd

    words = "服装鞋帽箱包皮具化妆品香水洗发水牙膏肥皂家用清洁剂计算机软件手机耳机"
    filler = (words * (extra_chars // len(words) + 1))[:extra_chars]
    first = True
    for chunk in pd.read_csv(source, dtype=str, keep_default_na=False, chunksize=100_000):
        chunk["goods_description"] = filler
        chunk.to_csv(target, mode="w" if first else "a", header=first, index=False)
        first = False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--filings", type=int, default=200_000)
    parser.add_argument("--extra-chars", type=int, default=2000)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    from detector.synth import generate

    work = args.keep or Path(tempfile.mkdtemp(prefix="tmscreen-load-"))
    folder = work / "batch"
    if not (folder / "filings.csv").exists():
        generate(folder, n_filings=args.filings, seed=7, profile="demo")
    wide = work / f"filings-wide-{args.extra_chars}.csv"
    if not wide.exists():
        widen(folder / "filings.csv", wide, args.extra_chars)
    print(f"{args.filings:,} filings; applicants file {folder / 'applicants.csv'}")
    print(f"{'file':<34}{'size MB':>10}{'load s':>9}{'peak MB':>10}")
    for path in (folder / "filings.csv", wide):
        m = measure(path, folder / "applicants.csv")
        print(f"{path.name:<34}{path.stat().st_size / 2**20:>10,.0f}{m['seconds']:>9}{m['peak_mb']:>10,}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
