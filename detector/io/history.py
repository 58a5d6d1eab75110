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
from detector.small_batch import SMALL_ROWS, STR

HISTORY_SOURCE = "<registry history>"
HISTORY_DIGEST = ""  # the history's RawTables are never described in run.json (see _raw)
_DAYS, _FLOATS = np.dtype("datetime64[ns]"), np.dtype("float64")


def _cells(column: pd.Series) -> pd.api.extensions.ExtensionArray:
    """A column as the text cells a file would have (a str array): dates as YYYY-MM-DD, missing values as ''. A str
    column (the history's text columns) and a date column's text only need their gaps filled; any other goes through
    object. Up to SMALL_ROWS cells, datetime64[ns] and float64 columns are written by numpy and Python (the texts
    strftime and astype("str") write: a datetime64[ns] day has four year digits; astype("str") writes str(float))."""
    dtype = column.dtype
    if dtype == "str":
        text = column.array
        return text.fillna("") if text.isna().any() else text
    if len(column) <= SMALL_ROWS and dtype in (_DAYS, _FLOATS):
        values = column.to_numpy()
        if dtype == _FLOATS:
            return pd.array(["" if v != v else str(v) for v in values.tolist()], dtype=STR)
        days = values.astype("datetime64[D]")
        return pd.array(np.where(np.isnat(days), "", np.datetime_as_string(days)).tolist(), dtype=STR)
    if pd.api.types.is_datetime64_any_dtype(column):
        text = column.dt.strftime("%Y-%m-%d")  # NaT gives a missing value, filled below
        text = (text if text.dtype == "str" else text.astype(object).where(text.notna(), "").astype("str")).array
        return text.fillna("") if text.isna().any() else text
    return column.astype(object).where(column.notna(), "").astype("str").array


def _raw(frame: pd.DataFrame, spec, what: str) -> RawTable:
    """The frame as the RawTable a file with the spec's columns would give (str cells, RangeIndex), the cells handed
    over as arrays (no round trip through Python objects). It carries no digest: a RawTable's sha256 is read only
    to describe an input file in run.json, and the history is no file (the batch id and the registry say what it
    was); hashing its cells cost ~3 ms a table at intake."""
    n = len(frame)
    empty = pd.array([""] * n, dtype=STR)
    given = dict(frame.items())
    cells = {c: _cells(given[c]) if c in given else empty for c in spec.names()}  # str arrays, copied by the frame
    text = pd.DataFrame(cells, index=pd.RangeIndex(n))
    return RawTable(text, Path(f"{HISTORY_SOURCE}:{what}"), "registry", HISTORY_DIGEST)


def _not_in(ids: pd.Series, own: set[str]) -> np.ndarray:
    """Where an id (as str) is not among `own`, as numpy booleans; a str column's by a set lookup per cell."""
    if ids.dtype == "str" and len(ids) <= SMALL_ROWS:
        return np.array([v not in own for v in ids.tolist()], dtype=bool)
    return ~ids.astype("str").isin(own).to_numpy(dtype=bool)


def with_history(inputs, filings: pd.DataFrame, applicants: pd.DataFrame) -> tuple[object, np.ndarray]:
    """`inputs` (detector.io.Inputs) with the history's filings appended after the batch's and its applicants added
    to the applicant registry (the batch's own applicant rows win); and the batch id of each appended filing."""
    if filings.empty and applicants.empty:
        return inputs, np.array([], dtype=object)
    new = _not_in(filings["filing_id"], set(inputs.filings["filing_id"].tolist()))
    earlier = filings if new.all() else filings[new]  # only its cells are read: its index does not matter
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
        va = validate_applicants(_raw(applicants, APPLICANTS, "applicants")).frame  # a RangeIndex
        if registry is not None and not registry.empty:
            va = va[~va["applicant_id"].isin(set(registry["applicant_id"].tolist()))]
            registry = pd.concat([registry, va[registry.columns]], ignore_index=True)
        else:
            registry = va
    table = build_applicant_table(f, registry)
    merged = replace(inputs, filings=f, filing_classes=fc, applicants=table, registry=registry)
    return merged, (batch_ids if batch_ids is not None else np.full(len(earlier), "", dtype=object))
