"""strongest_per_rule (detector/scoring/strongest.py) against the pandas formulation it replaced: one row per
(applicant, rule), the largest points (the first given on a tie), ordered by applicant, points descending, rule id."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd

from detector.scoring.strongest import strongest_per_rule

RULES = ["HOARD-001", "SQUAT-002", "CLUS-001", "PUB-003", "SQUAT-010", "A", "B"]


def _pandas(contributions) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            "app": np.array([c.app for c in contributions], dtype=np.int64),
            "rule_id": np.array([c.rule_id for c in contributions], dtype=object),
            "points": np.array([c.points for c in contributions], dtype=np.float64),
            "index": np.arange(len(contributions), dtype=np.int64),
        }
    )
    table = table.sort_values(["app", "rule_id", "points"], ascending=[True, True, False], kind="stable")
    table = table.drop_duplicates(["app", "rule_id"], keep="first")
    table = table.sort_values(["app", "points", "rule_id"], ascending=[True, False, True], kind="stable")
    return table.reset_index(drop=True)


def test_same_table_as_the_pandas_sorts():
    rng = np.random.default_rng(0)
    for _ in range(1000):
        contributions = [
            SimpleNamespace(
                app=int(rng.integers(0, 5)),
                rule_id=RULES[int(rng.integers(0, len(RULES)))],
                points=float(rng.choice([0.0, -0.0, 5, 10, 10.5, 20, 30])),
            )
            for _ in range(int(rng.integers(0, 30)))
        ]
        pd.testing.assert_frame_equal(strongest_per_rule(contributions), _pandas(contributions))


def test_the_first_of_tied_contributions_wins():
    given = [SimpleNamespace(app=1, rule_id="R", points=10.0), SimpleNamespace(app=1, rule_id="R", points=10.0)]
    assert strongest_per_rule(given)["index"].tolist() == [0]
