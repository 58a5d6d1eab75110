"""Precision and recall of an `eval` run split by labels.csv `source` (from_list / outside_list / none).

`tmscreen eval` reports per category; the split by where the sign at issue came from needs the labels' `source`
column: recall on `outside_list` applicants measures only evidence that needs no shipped list.

    python -m detector.synth.split BATCH_DIR EVAL_DIR
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd


def source_split(labels_csv: Path, eval_dir: Path) -> dict[str, dict[str, float | int | None]]:
    """tp, fp, fn, tn, precision and recall per source, from labels.csv and eval's false_*.csv."""
    labels = pd.read_csv(labels_csv, dtype=str, keep_default_na=False)
    fp = set(pd.read_csv(Path(eval_dir) / "false_positives.csv", dtype=str)["applicant_id"])
    fn = set(pd.read_csv(Path(eval_dir) / "false_negatives.csv", dtype=str)["applicant_id"])
    pos = labels["label"] == "1"
    flagged = (pos & ~labels["applicant_id"].isin(fn)) | (~pos & labels["applicant_id"].isin(fp))
    out: dict[str, dict[str, float | int | None]] = {}
    for source, g in labels.assign(pos=pos, flagged=flagged).groupby("source", sort=True):
        tp = int((g.pos & g.flagged).sum())
        fp_ = int((~g.pos & g.flagged).sum())
        fn_ = int((g.pos & ~g.flagged).sum())
        tn = int((~g.pos & ~g.flagged).sum())
        out[str(source)] = {
            "tp": tp,
            "fp": fp_,
            "fn": fn_,
            "tn": tn,
            "precision": round(tp / (tp + fp_), 3) if tp + fp_ else None,
            "recall": round(tp / (tp + fn_), 3) if tp + fn_ else None,
        }
    return out


def main(argv: list[str]) -> None:
    batch, eval_dir = Path(argv[0]), Path(argv[1])
    print(json.dumps(source_split(batch / "labels.csv", eval_dir), indent=1))


if __name__ == "__main__":
    main(sys.argv[1:])
