"""same_mark: two applicants filed several identical marks, each filed by few applicants."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from graphs.group_pairs import pairs_within_groups
from graphs.links.registry import Found, LinkInputs, LinkType, Setting, empty_hubs


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
        f = filings.loc[filings["canon"].str.len() >= cfg.options["same_mark_min_length"], ["app", "canon"]]
        f = f.drop_duplicates()
        if f.empty:
            return Found(hubs=[empty_hubs()])
        k, uniques = pd.factorize(f["canon"])
        holders = np.bincount(k, minlength=len(uniques))
        keep = (holders[k] >= 2) & (holders[k] <= lt.max_holders)
        g, a, b = pairs_within_groups(k[keep], f["app"].to_numpy()[keep])
        if len(a) == 0:
            return Found(hubs=[empty_hubs()])
        shared = pd.DataFrame({"a": a, "b": b, "mark": np.asarray(uniques, dtype=object)[g]})
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
