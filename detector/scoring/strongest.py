"""Each rule counts once per applicant: its strongest contribution (largest points; on a tie, the first given)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd


def strongest_per_rule(contributions: Sequence) -> pd.DataFrame:
    """One row per (applicant, rule) among `contributions` (objects with `app`, `rule_id`, `points`): `app`,
    `rule_id`, `points` and `index`, the winner's position in `contributions`. Rows are ordered by applicant, then
    points descending, then rule id: the order scores combine and reasons are listed in.

    Sorted with numpy on integer codes (rule ids factorized in sorted order): two multi-column sorts and a
    drop_duplicates in pandas cost a few milliseconds even for the handful of rows of an intake check."""
    n = len(contributions)
    app = np.fromiter((c.app for c in contributions), dtype=np.int64, count=n)
    rule_id = np.array([c.rule_id for c in contributions], dtype=object)
    points = np.fromiter((c.points for c in contributions), dtype=np.float64, count=n)
    index = np.arange(n, dtype=np.int64)
    rule_code = pd.factorize(rule_id, sort=True)[0] if n else index
    # Per (applicant, rule) the largest points first; among equal points the first given (lexsort is stable).
    order = np.lexsort((index, -points, rule_code, app))
    first = np.ones(n, dtype=bool)
    first[1:] = (app[order][1:] != app[order][:-1]) | (rule_code[order][1:] != rule_code[order][:-1])
    kept = order[first]
    kept = kept[np.lexsort((rule_code[kept], -points[kept], app[kept]))]
    return pd.DataFrame({"app": app[kept], "rule_id": rule_id[kept], "points": points[kept], "index": index[kept]})
