"""Screening against a registry's history (issue 16): what the run reads from the registry before it screens.

With `--registry`, the batch is screened together with the earlier filings that bear on its applicants:
- every earlier filing, within HISTORY_DAYS before the batch's first filing date (the longest window a rule counts
  in), of the batch's applicants and of the applicants holding one of their phones, e-mails or addresses (those the
  graph may link to them: their filings make a cluster's volume);
- the earlier filings of the batch's marks within the herd window before it (a wave that began last week).
The history's filings are appended after the batch's (detector.io.history) and carry the id of the batch that first
recorded them, so the evidence cites them; every metric is computed over history plus batch, and only applicants
with filings in this batch are flagged (detector/pipeline/verdicts.py). A batch already recorded is screened against
the history without itself (its id is derived from its input files), so screening it again counts nothing twice.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from detector.batch import EPOCH, canonical_series
from detector.io.history import with_history
from detector.metrics.filing.herd import HERD_DAYS
from detector.pipeline.result import ScreenResult
from detector.small_batch import SMALL_ROWS
from graphs.value_keys import distinct_value_keys

HISTORY_DAYS = 365
RECORD_KEY_COLUMNS = ["filing_id", "mark_text", "nice_class", "filing_date", "applicant_id"]


def input_hashes(s: ScreenResult) -> dict[str, str]:
    """The sha256 of each input file by role (records: of the filings' ids, texts and dates)."""
    hashes = {role: d["sha256"] for role, d in s.inputs.files.items() if d.get("sha256")}
    if not hashes:
        hashes["filings"] = _records_digest(s.inputs.filings)
    return hashes


def _records_digest(filings: pd.DataFrame) -> str:
    """sha256 of the row hashes of the filings' key columns as text (a str column as it is, the others as
    astype("str")): `pd.util.hash_pandas_object(frame, index=False)` of those columns, computed column by column
    without building the frame. An intake check's row hashes its cells as Python objects (the column's own path
    factorizes first: ~1.5 ms an intake check); the hashes are the same (tests/test_records_digest.py)."""
    small = len(filings) <= SMALL_ROWS
    hashes = []
    for c in RECORD_KEY_COLUMNS:
        text = filings[c] if filings[c].dtype == "str" else filings[c].astype("str")
        if small:
            hashes.append(_object_hashes(text))
        else:
            hashes.append(pd.util.hash_array(text.array))
    return hashlib.sha256(combined_hashes(hashes, len(filings)).tobytes()).hexdigest()


def _object_hashes(text: pd.Series) -> np.ndarray:
    """pd.util.hash_array of a text column, hashing each cell directly: a missing cell as the column's own path
    (through a categorical) marks it, with the largest uint64."""
    missing = text.isna().to_numpy()
    hashes = pd.util.hash_array(text.to_numpy(dtype=object, na_value=""), categorize=False)
    hashes[missing] = np.iinfo(np.uint64).max
    return hashes


def combined_hashes(columns: list[np.ndarray], n_rows: int) -> np.ndarray:
    """Per row, the columns' uint64 hashes combined as pandas combines a frame's (CPython's tuple hash)."""
    out = np.full(n_rows, 0x345678, dtype=np.uint64)
    mult = np.uint64(1000003)
    for i, column in enumerate(columns):
        inverse_i = len(columns) - i
        out ^= column
        out *= mult
        mult += np.uint64(82520 + inverse_i + inverse_i)
    out += np.uint64(97531)
    return out


def read_history(s: ScreenResult) -> None:
    """The registry's earlier filings of this batch's applicants, of the applicants linked to them and of its marks'
    herds, appended to the batch; the registry's confirmed (repeat offenders) and cleared entries."""
    from detector.registry import batch_id_of, open_registry

    if s.registry is None:  # a server hands in its open registry (kept open after the run); a command opens its own
        s.registry = open_registry(s.request.registry, create=True)
        s.owns_registry = True
    s.batch_id = batch_id_of(input_hashes(s), s.ruleset.sha256)
    inputs = s.inputs
    f = inputs.filings
    s.n_batch_filings = len(f)
    first_day = int((f["filing_date"].min().to_datetime64().astype("datetime64[D]") - EPOCH).astype(np.int64))
    applicants = inputs.registry if inputs.registry is not None else inputs.applicants
    marks = canonical_series(pd.Series(f["mark_text"].unique(), dtype="str"))
    marks = sorted({m for m in marks.tolist() if len(m) >= 2})
    history = s.registry.history(
        applicant_ids=sorted(set(f["applicant_id"].astype("str").tolist())),
        value_keys=distinct_value_keys(applicants),
        since_day=first_day - HISTORY_DAYS,
        exclude_batch=s.batch_id,
        mark_keys=marks,
        mark_since_day=first_day - HERD_DAYS,
    )
    filings, people = history.filings, history.applicants
    s.inputs, earlier = with_history(inputs, filings, people)
    s.filing_batch = np.concatenate([np.full(s.n_batch_filings, s.batch_id, dtype=object), earlier])
    s.offenders = s.registry.offenders()
    s.cleared = s.registry.cleared()
    batches = len(set(earlier.tolist()))
    s.progress.say(f"history: {len(earlier):,} earlier filings from {batches:,} batches, batch id {s.batch_id}")
