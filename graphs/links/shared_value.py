"""Ties through one shared value (a phone, an e-mail, a name pattern): every pair of its holders, hub-damped.

`SharedValue` is the base of the link types that tie by a normalized cell of the applicant table; a subclass names
the column and the key function (graphs.values), or overrides `keys`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

import numpy as np
import pandas as pd

from graphs.damping import damped_weight
from graphs.group_pairs import pairs_within_groups
from graphs.links.registry import (
    Found,
    LinkInputs,
    LinkType,
    empty_hubs,
    factorize_holdings,
    factorized_of,
    holdings_of,
)
from graphs.values import keyed

if TYPE_CHECKING:
    from graphs.config import GraphConfig, LinkSettings

# weigh(values, g, a, b, holders, w) -> w: a link type's own weighting of the pairs (graphs.links.person_name)
Weigh = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray], np.ndarray]


def shared_value_links(
    codes: np.ndarray,
    keys: np.ndarray,
    lt: LinkSettings,
    cfg: GraphConfig,
    weigh: Weigh | None = None,
    factorized: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
) -> Found:
    """Pairs of holders (applicant `codes`) of the same key ('' = none), hub-damped; `weigh` adjusts the weights.
    `factorized`: factorize_holdings(codes, keys), when already at hand (graphs.links.registry.factorized_of)."""
    codes, key_code, uniques = factorize_holdings(codes, keys) if factorized is None else factorized
    if len(codes) == 0:
        return Found(hubs=[empty_hubs()])
    rows = pd.DataFrame({"k": key_code, "app": codes}).drop_duplicates()
    holders = np.bincount(rows["k"].to_numpy(), minlength=len(uniques))
    hub = holders > lt.max_holders
    damped = (holders > cfg.free_holders) & ~hub
    hubs = pd.DataFrame(
        {
            "link_type": lt.name,
            "value": uniques[hub | damped],
            "holders": holders[hub | damped],
            "action": np.where(hub[hub | damped], "cut", "damped"),
        }
    )
    rows = rows[~hub[rows["k"].to_numpy()] & (holders[rows["k"].to_numpy()] >= 2)]
    g, a, b = pairs_within_groups(rows["k"].to_numpy(), rows["app"].to_numpy())
    w = damped_weight(lt.strength, holders[g], cfg.free_holders, cfg.damping_exponent)
    if weigh is not None:
        w = weigh(uniques, g, a, b, holders, w)
    return Found([(a, b, np.full(len(a), lt.name, dtype=object), uniques[g].astype(object), w)], [hubs])


class SharedValue(LinkType):
    """A link type that ties applicants holding the same normalized `column` value (`key` maps one raw cell)."""

    column: ClassVar[str] = ""
    key: ClassVar[Callable[[str], str]]

    def keys(self, inputs: LinkInputs) -> np.ndarray:
        """One key per applicant ('' when the cell carries nothing usable)."""
        return keyed(inputs.apps[self.column], type(self).key).to_numpy(dtype=object)

    def holdings(self, inputs: LinkInputs) -> tuple[np.ndarray, np.ndarray]:
        """(applicant codes, keys): one row per applicant."""
        return np.arange(len(inputs.apps)), self.keys(inputs)

    def find(self, inputs: LinkInputs, earlier: dict[str, Found]) -> Found:
        codes, keys = holdings_of(self, inputs)
        lt = inputs.cfg.link_types[self.name]
        return shared_value_links(codes, keys, lt, inputs.cfg, factorized=factorized_of(self, inputs))
