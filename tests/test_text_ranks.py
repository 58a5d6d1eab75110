"""detector/text_ranks.py: a long text column coded in sorted order by pyarrow, the same as pandas' sorted factorize,
and the applicant table built with it the same as without it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detector.io import applicant_table
from detector.text_ranks import RANKED_FROM, sorted_codes


def _column(n: int, seed: int, missing: bool) -> pd.Series:
    rng = np.random.default_rng(seed)
    # ASCII, CJK, full-width, accents, an astral code point (4 UTF-8 bytes), "" and near-prefixes: Python's order of
    # code points against pyarrow's order of UTF-8 bytes.
    pool = ["", "a", "ab", "a b", "B", "Z", "z", "华为", "华为技术", "華為", "Ａ", "é", "e\u0301", "ä"]
    pool += ["😀", "\U00020000", "\uffff", "\u0080"]
    pool += [f"id{i:05d}" for i in range(3000)] + [f"申请人{i}" for i in range(3000)]
    cells = [pool[i] for i in rng.integers(0, len(pool), n)]
    column = pd.Series(cells, dtype="str")
    if missing:
        column[rng.integers(0, n, n // 50)] = None
    return column


@pytest.mark.parametrize("missing", [False, True])
def test_same_as_sorted_factorize(missing):
    column = _column(RANKED_FROM + 5000, 1, missing)
    codes, values = sorted_codes(column)
    want_codes, want_values = pd.factorize(column, sort=True)
    assert codes.tolist() == want_codes.tolist()
    assert values.dtype == object and values.tolist() == list(want_values)
    assert values.tolist() == sorted(values.tolist())


def test_short_or_not_arrow_text_is_left_to_pandas():
    assert sorted_codes(_column(RANKED_FROM - 1, 2, False)) is None
    assert sorted_codes(_column(RANKED_FROM, 3, False).astype(object)) is None
    assert sorted_codes(pd.Series(np.arange(RANKED_FROM))) is None


def test_applicant_table_the_same_with_and_without(monkeypatch):
    n = RANKED_FROM * 2
    rng = np.random.default_rng(4)
    ids = _column(n, 5, False).radd("A")
    filings = pd.DataFrame(
        {
            "applicant_id": ids,
            "applicant_name": _column(n, 6, True),
            "applicant_address": _column(n, 7, True),
        }
    )
    known = ids.drop_duplicates()[::3]
    registry = pd.DataFrame(
        {
            "applicant_id": known.to_numpy(),
            "name": pd.Series(rng.choice(["", "甲公司", "乙公司"], len(known)), dtype="str"),
            "registered_capital": rng.random(len(known)),
            "established_date": pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 900, len(known)), "D"),
        }
    )
    made, codes = applicant_table.applicant_table_and_codes(filings, registry)
    monkeypatch.setattr(applicant_table, "sorted_codes", lambda column: None)
    want, want_codes = applicant_table.applicant_table_and_codes(filings, registry)
    pd.testing.assert_frame_equal(made, want)
    assert codes.tolist() == want_codes.tolist()
    assert made["applicant_id"].tolist() == sorted(set(ids))


def test_agent_table_the_same_with_and_without(monkeypatch):
    """The agent metrics code the agents through sorted_codes above RANKED_FROM filings with an agent: the same table
    as pandas' sorted factorize gives."""
    from detector.batch import Batch
    from detector.metrics.agent import table as agent_table

    n = RANKED_FROM * 2
    rng = np.random.default_rng(8)
    agents = _column(n, 9, False)
    filings = pd.DataFrame({"agent": agents, "app": rng.integers(0, 500, n)})
    batch = Batch(filings, pd.DataFrame({"filing_idx": np.arange(n)}), pd.DataFrame({"name": [""] * 500}), None)
    flagged = rng.random(500) < 0.2
    made = agent_table.compute_agent_metrics(batch, flagged, {"id00001"})
    assert len(made) == agents[agents.ne("")].nunique() and made["agent"].tolist() == sorted(made["agent"])
    monkeypatch.setattr(agent_table, "sorted_codes", lambda column: None)
    pd.testing.assert_frame_equal(made, agent_table.compute_agent_metrics(batch, flagged, {"id00001"}))
