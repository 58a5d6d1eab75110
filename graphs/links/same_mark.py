"""same_mark: two applicants filed several identical marks, each filed by few applicants."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from graphs.group_pairs import pairs_within_groups
from graphs.links.registry import Found, LinkInputs, LinkType, Setting, empty_hubs
from graphs.values import SMALL_KEYED


def marks_by_applicant(filings: pd.DataFrame, min_length: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mark codes, applicant codes, distinct marks): one row per distinct (applicant, canonical mark of at least
    `min_length` characters), in order of first filing. The marks are numbered over all filings in order of first
    appearance, which keeps the order of the long marks' numbers (the pairs are ordered by them); one int64 per
    filing is hashed instead of a two-column frame deduplicated."""
    canon = filings["canon"]
    if len(canon) <= SMALL_KEYED and isinstance(canon.dtype, pd.StringDtype):
        return _marks_small(canon.to_numpy(dtype=object).tolist(), filings["app"].to_numpy().tolist(), min_length)
    long = (canon.str.len() >= min_length).to_numpy(dtype=bool)
    code, uniques = pd.factorize(canon)
    n = np.int64(max(len(uniques), 1))
    pair = pd.unique(filings["app"].to_numpy(dtype=np.int64)[long] * n + code[long])
    return pair % n, pair // n, np.asarray(uniques, dtype=object)


def _marks_small(canon: list, app: list, min_length: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """marks_by_applicant of a few filings, through dicts (a missing mark, a float NaN, is no mark)."""
    code: dict[str, int] = {}
    held: dict[tuple[int, int], None] = {}
    for mark, holder in zip(canon, app):
        if isinstance(mark, str) and len(mark) >= min_length:
            held.setdefault((code.setdefault(mark, len(code)), holder))
    k = np.fromiter((g for g, _ in held), dtype=np.int64, count=len(held))
    apps = np.fromiter((a for _, a in held), dtype=np.int64, count=len(held))
    return k, apps, np.array(list(code), dtype=object)


class SameMark(LinkType):
    """Pairs that filed at least `same_mark_min_shared` identical marks, each mark filed by no more than
    `max_holders` applicants (a common word filed by strangers ties nobody); the tie grows with the count."""

    name = "same_mark"
    label: ClassVar[dict[str, str]] = {"en": "same marks", "zh": "相同商标"}
    shared_value = "≥ 3 identical marks (≥ 2 characters), each filed by ≤ 6 applicants"
    strength = 0.45
    max_holders = 6
    doc_strength = "0.45, rising with the count"
    order = 60
    cost = 20
    filing_columns = ("canon",)
    settings: ClassVar[dict[str, Setting]] = {
        "same_mark_min_shared": Setting(
            3, {"type": "integer", "minimum": 1, "maximum": 1000}, "identical marks two applicants must share"
        ),
        "same_mark_min_length": Setting(
            2, {"type": "integer", "minimum": 1, "maximum": 50}, "shorter marks (in characters) are not counted"
        ),
    }

    def find(self, inputs: LinkInputs, earlier: dict[str, Found]) -> Found:
        filings, cfg = inputs.filings, inputs.cfg
        lt = cfg.link_types[self.name]
        min_shared = cfg.options["same_mark_min_shared"]
        k, app, uniques = marks_by_applicant(filings, cfg.options["same_mark_min_length"])
        if len(k) == 0:
            return Found(hubs=[empty_hubs()])
        holders = np.bincount(k, minlength=len(uniques))
        keep = (holders[k] >= 2) & (holders[k] <= lt.max_holders)
        if not keep.any():  # no mark filed by two applicants (a small batch's usual case)
            return Found(hubs=[empty_hubs()])
        g, a, b = pairs_within_groups(k[keep], app[keep])
        if len(a) == 0:
            return Found(hubs=[empty_hubs()])
        shared = pd.DataFrame({"a": a, "b": b, "mark": uniques[g]})
        shared["n"] = shared.groupby(["a", "b"])["mark"].transform("size")
        shared = shared[shared["n"] >= min_shared].sort_values(["a", "b", "mark"], kind="stable")
        if shared.empty:
            return Found(hubs=[empty_hubs()])
        first = shared[shared.groupby(["a", "b"]).cumcount() < 5]
        agg = first.groupby(["a", "b"], sort=True).agg(n=("n", "first"), marks=("mark", "、".join)).reset_index()
        w = np.minimum(0.95, lt.strength * np.sqrt(agg["n"].to_numpy() / min_shared))
        value = (agg["n"].astype(str) + ": " + agg["marks"]).to_numpy(dtype=object)
        part = (agg["a"].to_numpy(), agg["b"].to_numpy(), np.full(len(agg), lt.name, dtype=object), value, w)
        return Found([part], [empty_hubs()])
