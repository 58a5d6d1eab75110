"""A batch joined with its history: the earlier filings and applicants a registry holds, validated like the batch.

The batch's own filings come first (positions 0 .. n-1, as loaded), the history's after them; a history filing with
the id of one of this batch's filings is left out (the batch's copy is the one screened). The history's rows pass
the same checks as a file's, so a registry row that no longer fits the contract stops the run (exit 2) naming the
registry's history, the row in the order read and the column, never silently. The registry hands back dates
already parsed, so a stored date that is no date shows as an empty one.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from detector.io.applicant_table import build_applicant_table
from detector.io.contract import APPLICANTS, FILINGS
from detector.io.readers import RawTable
from detector.io.validate import validate_applicants, validate_filings

HISTORY_SOURCE = "<registry history>"
HISTORY_DIGEST = ""  # the history's RawTables are never described in run.json (see _raw)


def _cells(column: pd.Series) -> pd.Series:
    """A column as the text cells a file would have: dates as YYYY-MM-DD, missing values as ''. A str column (the
    history's text columns) and a date column's text only need their gaps filled; any other goes through object."""
    if pd.api.types.is_datetime64_any_dtype(column):
        text = column.dt.strftime("%Y-%m-%d")  # NaT gives a missing value, filled below
    elif column.dtype == "str":
        text = column
    else:
        return column.astype(object).where(column.notna(), "").astype("str")
    text = text if text.dtype == "str" else text.astype(object).where(text.notna(), "").astype("str")
    return text.fillna("") if text.hasnans else text


def _raw(frame: pd.DataFrame, spec, what: str) -> RawTable:
    """The frame as the RawTable a file with the spec's columns would give (str cells, RangeIndex), the cells handed
    over as arrays (no round trip through Python objects). It carries no digest: a RawTable's sha256 is read only
    to describe an input file in run.json, and the history is no file (the batch id and the registry say what it
    was); hashing its cells cost ~3 ms a table at intake."""
    n = len(frame)
    empty = pd.array([""] * n, dtype="str")
    cells = {c: _cells(frame[c]).array if c in frame else empty for c in spec.names()}
    text = pd.DataFrame(cells, index=pd.RangeIndex(n), dtype="str")
    return RawTable(text, Path(f"{HISTORY_SOURCE}:{what}"), "registry", HISTORY_DIGEST)


def with_history(inputs, filings: pd.DataFrame, applicants: pd.DataFrame) -> tuple[object, np.ndarray]:
    """`inputs` (detector.io.Inputs) with the history's filings appended after the batch's and its applicants added
    to the applicant registry (the batch's own applicant rows win); and the batch id of each appended filing."""
    if filings.empty and applicants.empty:
        return inputs, np.array([], dtype=object)
    own = set(inputs.filings["filing_id"].tolist())
    earlier = filings[~filings["filing_id"].astype("str").isin(own)].reset_index(drop=True)
    batch_ids = earlier["batch_id"].astype("str").to_numpy(dtype=object) if "batch_id" in earlier else None
    f = inputs.filings
    fc = inputs.filing_classes
    if len(earlier):
        vf = validate_filings(_raw(earlier, FILINGS, "filings"))
        hist = vf.frame
        hist["row"] = hist["row"].to_numpy() + (int(f["row"].max()) + 1 if len(f) else 0)
        f = pd.concat([f, hist[f.columns]], ignore_index=True)
        hc = vf.extra["filing_classes"].copy()
        hc["filing_idx"] = hc["filing_idx"].to_numpy() + len(inputs.filings)
        fc = pd.concat([fc, hc], ignore_index=True)
    registry = inputs.registry
    if not applicants.empty:
        va = validate_applicants(_raw(applicants, APPLICANTS, "applicants")).frame
        if registry is not None and not registry.empty:
            va = va[~va["applicant_id"].isin(set(registry["applicant_id"].tolist()))]
            registry = pd.concat([registry, va[registry.columns]], ignore_index=True)
        else:
            registry = va.reset_index(drop=True)
    table = build_applicant_table(f, registry)
    merged = replace(inputs, filings=f, filing_classes=fc, applicants=table, registry=registry)
    return merged, (batch_ids if batch_ids is not None else np.full(len(earlier), "", dtype=object))
