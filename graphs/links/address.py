"""address: two applicants at the same address, or at near-identical ones in the same district and room."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from graphs.address import fuzzy_pairs
from graphs.damping import damped_weight
from graphs.links.registry import Found, LinkInputs, LinkType, Setting, factorized_of, holdings_of
from graphs.links.shared_value import shared_value_links


class Address(LinkType):
    """Exact address keys tie like any shared value; near-identical keys (a typo, a dropped 省 prefix) tie at the
    strength times their similarity, damped by the holders of both (graphs.address.fuzzy_pairs)."""

    name = "address"
    label: ClassVar[dict[str, str]] = {"en": "address", "zh": "地址"}
    shared_value = (
        "NFKC, no punctuation, no province prefix; near-identical keys in the same district with the same numbers "
        "(rapidfuzz ratio ≥ 92) tie too"
    )
    strength = 0.45
    max_holders = 8
    order = 40
    cost = 60
    ring_kind = "place"
    applicant_columns = ("address",)
    settings: ClassVar[dict[str, Setting]] = {
        "fuzzy_address_similarity": Setting(
            92.0,
            {"type": "number", "minimum": 50, "maximum": 100},
            "near-identical addresses (same district, same numbers, rapidfuzz ratio >= this) tie like identical ones",
        ),
        "fuzzy_address_max_block": Setting(
            3000,
            {"type": "integer", "minimum": 0, "maximum": 20000},
            "district blocks with more distinct addresses than this are not compared (exact ties still apply)",
        ),
    }

    def holdings(self, inputs: LinkInputs) -> tuple[np.ndarray, np.ndarray]:
        return np.arange(len(inputs.address_keys)), inputs.address_keys.to_numpy(dtype=object)

    def find(self, inputs: LinkInputs, earlier: dict[str, Found]) -> Found:
        keys, cfg = inputs.address_keys, inputs.cfg
        lt = cfg.link_types[self.name]
        codes, exact = holdings_of(self, inputs)
        found = shared_value_links(codes, exact, lt, cfg, factorized=factorized_of(self, inputs))
        near = fuzzy_pairs(keys, cfg.options["fuzzy_address_similarity"], cfg.options["fuzzy_address_max_block"])
        if len(near):
            holders = keys.value_counts()
            by_key = pd.DataFrame({"key": keys.to_numpy(), "app": codes})
            by_key = by_key[by_key["key"].ne("")]
            ok = (holders.reindex(near["a"]).to_numpy() + holders.reindex(near["b"]).to_numpy()) <= lt.max_holders
            near = near[ok]
            m = near.merge(by_key.rename(columns={"key": "a", "app": "x"}), on="a").merge(
                by_key.rename(columns={"key": "b", "app": "y"}), on="b"
            )
            m = m[m["x"] != m["y"]]
            n = holders.reindex(m["a"]).to_numpy() + holders.reindex(m["b"]).to_numpy()
            w = (
                damped_weight(lt.strength, n, cfg.free_holders, cfg.damping_exponent)
                * m["similarity"].to_numpy()
                / 100.0
            )
            x, y = m["x"].to_numpy(), m["y"].to_numpy()
            value = (m["a"] + " ≈ " + m["b"]).to_numpy(dtype=object)
            found.parts.append((np.minimum(x, y), np.maximum(x, y), np.full(len(m), lt.name, dtype=object), value, w))
        return found
