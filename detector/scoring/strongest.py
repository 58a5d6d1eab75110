"""Each rule counts once per applicant: its strongest contribution (largest points; on a tie, the first given)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def strongest_per_rule(contributions: Sequence) -> pd.DataFrame:
    """One row per (applicant, rule) among `contributions` (objects with `app`, `rule_id`, `points`): `app`,
    `rule_id`, `points` and `index`, the winner's position in `contributions`. Rows are ordered by applicant, then
    points descending, then rule id: the order scores combine and reasons are listed in."""
    table = pd.DataFrame(
        {
            "app": np.fromiter((c.app for c in contributions), dtype=np.int64, count=len(contributions)),
            "rule_id": np.array([c.rule_id for c in contributions], dtype=object),
            "points": np.fromiter((c.points for c in contributions), dtype=np.float64, count=len(contributions)),
            "index": np.arange(len(contributions), dtype=np.int64),
        }
    )
    # A stable sort keeps input order among equal points, so the first of tied contributions wins.
    table = table.sort_values(["app", "rule_id", "points"], ascending=[True, True, False], kind="stable")
    table = table.drop_duplicates(["app", "rule_id"], keep="first")
    table = table.sort_values(["app", "points", "rule_id"], ascending=[True, False, True], kind="stable")
    return table.reset_index(drop=True)
