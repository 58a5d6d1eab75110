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
    factorize_holdings,
    factorized_of,
    holdings_of,
)
from graphs.values import keyed_array

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
        return Found()
    k, app = distinct_holdings(codes, key_code, len(uniques))
    holders = np.bincount(k, minlength=len(uniques))
    hub = holders > lt.max_holders
    listed = hub | (holders > cfg.free_holders)
    # No value above free_holders: no hub table (build_links leaves out empty ones; a frame costs ~0.3 ms).
    hubs = [hub_table(lt.name, uniques[listed], holders[listed], hub[listed])] if listed.any() else []
    tie = ~hub[k] & (holders[k] >= 2)
    if not tie.any():  # no value held by two applicants below the cap (a small batch's usual case)
        return Found(hubs=hubs)
    g, a, b = pairs_within_groups(k[tie], app[tie])
    w = damped_weight(lt.strength, holders[g], cfg.free_holders, cfg.damping_exponent)
    if weigh is not None:
        w = weigh(uniques, g, a, b, holders, w)
    return Found([(a, b, np.full(len(a), lt.name, dtype=object), uniques[g].astype(object), w)], hubs)


def distinct_holdings(codes: np.ndarray, key_code: np.ndarray, n_keys: int) -> tuple[np.ndarray, np.ndarray]:
    """(key codes, applicant codes), one row per distinct (key, applicant): an applicant counts once per value.
    The order of the rows is that of their first holding (what drop_duplicates gave; the pairs do not depend on
    it), found by hashing one int64 per holding instead of a two-column frame."""
    n = np.int64(max(n_keys, 1))
    pair = pd.unique(np.asarray(codes, dtype=np.int64) * n + np.asarray(key_code, dtype=np.int64))
    return pair % n, pair // n


def hub_table(name: str, values: np.ndarray, holders: np.ndarray, cut: np.ndarray) -> pd.DataFrame:
    """The hub table of one link type: its values held by more than `free_holders` applicants, `cut` (above the
    cap) or damped."""
    return pd.DataFrame(
        {"link_type": name, "value": values, "holders": holders, "action": np.where(cut, "cut", "damped")}
    )


class SharedValue(LinkType):
    """A link type that ties applicants holding the same normalized `column` value (`key` maps one raw cell)."""

    column: ClassVar[str] = ""
    key: ClassVar[Callable[[str], str]]

    def keys(self, inputs: LinkInputs) -> np.ndarray:
        """One key per applicant ('' when the cell carries nothing usable)."""
        return keyed_array(inputs.apps[self.column], type(self).key)

    def holdings(self, inputs: LinkInputs) -> tuple[np.ndarray, np.ndarray]:
        """(applicant codes, keys): one row per applicant."""
        return np.arange(len(inputs.apps)), self.keys(inputs)

    def find(self, inputs: LinkInputs, earlier: dict[str, Found]) -> Found:
        codes, keys = holdings_of(self, inputs)
        lt = inputs.cfg.link_types[self.name]
        return shared_value_links(codes, keys, lt, inputs.cfg, factorized=factorized_of(self, inputs))
