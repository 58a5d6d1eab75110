"""Whether the applicant of a hit is the sign's rights holder or belongs to its group.

A big brand files defensively through its affiliates: 安踏体育用品集团有限公司 for a mark held by
安踏(中国)有限公司. Exact name equality misses that, so a company applicant also counts as the rights holder when its
trade name (字号) starts with the trade name of a listed rights holder (two characters or more). Natural persons
match by name only.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.normalize.trade_name import trade_name


def _trade(names: pd.Series) -> pd.Series:
    codes, uniques = pd.factorize(names.fillna("").astype(str))
    table = np.array(
        [trade_name(u) if _is_company(u) else "" for u in np.asarray(uniques, dtype=object).tolist()], dtype=object
    )
    return pd.Series(table[codes] if len(uniques) else [], index=names.index, dtype=object)


def _is_company(name: str) -> bool:
    return any(w in name for w in ("公司", "集团", "企业", "厂", "中心", "合作社", "Co.", "Ltd", "LLC", "Inc"))


def group_holder(entry_ids: pd.Series, applicant_names: pd.Series, holders: pd.DataFrame) -> np.ndarray:
    """Per hit: the applicant's trade name starts with a rights holder's trade name of the same entry.

    `holders` has one row per (entry_id, holder name `h`)."""
    out = np.zeros(len(entry_ids), dtype=bool)
    if holders.empty or len(entry_ids) == 0:
        return out
    ht = holders.assign(t=_trade(holders["h"]))
    ht = ht[ht["t"].str.len() >= 2]
    if ht.empty:
        return out
    by_entry = ht.groupby(ht["entry_id"].astype(str))["t"].agg(lambda s: tuple(sorted(set(s))))
    app_trade = _trade(applicant_names.reset_index(drop=True)).to_numpy()
    wanted = by_entry.reindex(entry_ids.astype(str).to_numpy()).to_numpy()
    for i, (mine, theirs) in enumerate(zip(app_trade, wanted)):
        if mine and isinstance(theirs, tuple):
            out[i] = any(mine.startswith(t) for t in theirs)
    return out
