"""The digest of in-memory filings (detector/pipeline/history.py) hashes the key columns as pandas'
hash_pandas_object does, on the small path (an intake check) and the large one, missing cells included."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest

from detector import small_batch
from detector.pipeline import history
from detector.pipeline.history import RECORD_KEY_COLUMNS, _records_digest, combined_hashes


def _filings(n: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    texts = np.array(["冰墩墩", "", "a", "Nike 耐克", "3", "x" * 40], dtype=object)
    text = texts[rng.integers(0, len(texts), n)]
    text[rng.random(n) < 0.2] = None
    dates = pd.to_datetime(pd.Series(rng.integers(19000, 20000, n)), unit="D").astype("datetime64[ns]")
    dates[rng.random(n) < 0.1] = pd.NaT
    return pd.DataFrame(
        {
            "filing_id": pd.Series([f"F-{i}" for i in range(n)], dtype="str"),
            "mark_text": pd.Series(text, dtype="str"),
            "nice_class": pd.Series(rng.integers(1, 46, n).astype(str), dtype="str"),
            "filing_date": dates,
            "applicant_id": pd.Series(text[::-1], dtype="str"),
            "other": np.arange(n),
        }
    )


def _reference(filings: pd.DataFrame) -> str:
    text = filings[RECORD_KEY_COLUMNS].astype({"filing_date": "str"})
    rows = pd.util.hash_pandas_object(text, index=False)
    return hashlib.sha256(rows.to_numpy().tobytes()).hexdigest()


@pytest.mark.parametrize("n,seed", [(1, 1), (2, 2), (7, 3), (60, 4), (0, 5)])
def test_small_and_large_paths_match_pandas(n, seed, monkeypatch):
    filings = _filings(n, seed)
    expected = _reference(filings)
    assert _records_digest(filings) == expected
    monkeypatch.setattr(history, "SMALL_ROWS", -1)  # the large path on the same rows
    assert _records_digest(filings) == expected


def test_large_batch_matches_pandas():
    filings = _filings(small_batch.SMALL_ROWS + 50, 6)
    assert _records_digest(filings) == _reference(filings)


def test_combined_hashes_of_no_columns_is_the_empty_tuple_hash():
    got = combined_hashes([], 3)
    assert got.tolist() == pd.util.hash_pandas_object(pd.DataFrame(index=range(3)), index=False).tolist()
