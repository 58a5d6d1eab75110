"""Evidence links between applicants: one row per (pair, link type, shared value) with a hub-damped weight.

The link types are the registered classes of graphs/links/<type>.py (graphs.links.registry); their strengths and
caps come from the rule set's `graph` section (graphs.config). A value held by more applicants than its type's
`max_holders` is a hub: it links nobody and is listed in the hub table.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from detector.text_ranks import ranked_text
from graphs.address import address_key, district_of
from graphs.links.registry import (
    HUB_COLUMNS,  # noqa: F401 - part of this module's names (tests and callers import it from here)
    Found,
    LinkInputs,
    empty_hubs,
    filing_columns,
    group_members,
    link_groups,
)
from graphs.values import keyed, keyed_array

if TYPE_CHECKING:  # graphs.config reads the registry, which this package's __init__ loads
    from graphs.config import GraphConfig

LINK_COLUMNS = ["src", "dst", "link_type", "value", "weight"]
RANKED_FROM = 10_000  # links from which frame() sorts on the texts' ranks (pyarrow's fixed costs below)


@dataclass
class Links:
    """Links as applicant codes (a < b) plus the hub values that were cut or damped."""

    a: np.ndarray
    b: np.ndarray
    link_type: np.ndarray
    value: np.ndarray
    weight: np.ndarray
    hubs: pd.DataFrame

    def frame(self, ids: np.ndarray) -> pd.DataFrame:
        """As a table of applicant ids, sorted."""
        src, dst = ids[self.a], ids[self.b]
        if len(src) == 0:  # no links (a small batch's usual case): the empty table of these dtypes, made once
            return _no_links(src.dtype, self.link_type.dtype, self.value.dtype, self.weight.dtype).copy()
        if len(src) >= RANKED_FROM:
            ranked = self._ranked_frame(ids)
            if ranked is not None:
                return ranked
        swap = src > dst
        src, dst = np.where(swap, dst, src), np.where(swap, src, dst)
        out = pd.DataFrame(
            {"src": src, "dst": dst, "link_type": self.link_type, "value": self.value, "weight": self.weight}
        )
        if len(out) < 2:  # nothing to order (a small batch's usual case; the sort costs a millisecond)
            return out
        return out.sort_values(["src", "dst", "link_type", "value"], kind="stable").reset_index(drop=True)

    def _ranked_frame(self, ids: np.ndarray) -> pd.DataFrame | None:
        """frame() ordered on the texts' ranks (detector.text_ranks.ranked_text) instead of the texts, its text
        columns taken from pyarrow arrays made once: the same table (ids, link types and values sort as text, the
        sort is stable), 0.84-0.96 -> 0.56-0.58 s for 843,000 links at 1,000,000 filings. None when a column holds
        something other than text."""
        ranked = [ranked_text(v) for v in (ids, self.link_type, self.value)]
        if any(r is None for r in ranked):
            return None
        (id_rank, id_text), (type_rank, type_text), (value_rank, value_text) = ranked
        ra, rb = id_rank[self.a], id_rank[self.b]
        swap = ra > rb  # the ids are distinct: as src > dst compares them
        first, second = np.where(swap, self.b, self.a), np.where(swap, self.a, self.b)
        order = np.lexsort((value_rank, type_rank, id_rank[second], id_rank[first]))
        text = _text_dtype()

        def column(array, rows: np.ndarray):
            taken = array.take(rows)
            if isinstance(text, pd.StringDtype) and text.storage == "pyarrow":
                return pd.array(taken, dtype=text)
            return taken.to_numpy(zero_copy_only=False)  # a pandas that keeps text as Python objects

        return pd.DataFrame(
            {
                "src": column(id_text, first[order]),
                "dst": column(id_text, second[order]),
                "link_type": column(type_text, order),
                "value": column(value_text, order),
                "weight": self.weight[order],
            }
        )


@functools.cache
def _text_dtype():
    """The dtype pandas gives a column built from Python str objects (frame() builds its table so)."""
    return pd.DataFrame({"text": np.array(["a"], dtype=object)})["text"].dtype


@functools.cache
def _no_links(ids: np.dtype, link_type: np.dtype, value: np.dtype, weight: np.dtype) -> pd.DataFrame:
    """A link table without rows whose columns have the given dtypes (a frame costs ~0.4 ms to build)."""
    return pd.DataFrame(
        {
            "src": np.zeros(0, dtype=ids),
            "dst": np.zeros(0, dtype=ids),
            "link_type": np.zeros(0, dtype=link_type),
            "value": np.zeros(0, dtype=value),
            "weight": np.zeros(0, dtype=weight),
        }
    )


GroupRunner = Callable[[Sequence[str], LinkInputs], list]


def link_group(group: str, inputs: LinkInputs) -> tuple[list, list]:
    """The links (parts) and hub tables of one group of link types (graphs.links.registry.link_groups). Groups are
    independent of each other, so they may run in other processes; inside a group each link type sees what the
    earlier ones found (person_cross_role builds on the person-name types)."""
    found: dict[str, Found] = {}
    for kind in group_members(group):
        if kind.applies(inputs):
            found[kind.name] = kind().find(inputs, found)
    return [p for f in found.values() for p in f.parts], [h for f in found.values() for h in f.hubs]


def _filing_part(filings: pd.DataFrame, shipped: bool) -> pd.DataFrame:
    """The filings as the link types read them: only the columns they ask for when `shipped` to a runner (other
    processes: less to send), the table itself in this process (a column subset is a copy, ~0.6 ms a small batch
    and a copy of four columns at a million filings; the link types read their columns by name)."""
    if not shipped:
        return filings
    return filings[[c for c in ["app", *filing_columns()] if c in filings.columns]]


def build_links(
    apps: pd.DataFrame, filings: pd.DataFrame, cfg: GraphConfig, runner: GroupRunner | None = None
) -> Links:
    """All evidence links of a batch. `apps` is the batch applicant table (code = row), `filings` has `app`.

    `runner(groups, inputs)` returns [link_group(g, inputs) for g in groups], possibly computed elsewhere (forked
    processes, Dask workers); the parts are put together in link_groups() order either way, so the links are the
    same."""
    address_keys = keyed(apps["address"], address_key)
    district = keyed_array(address_keys, district_of)
    groups = link_groups() if len(apps) >= 2 else []  # a link ties two applicants: one alone has none
    inputs = LinkInputs(apps, _filing_part(filings, runner is not None and bool(groups)), cfg, address_keys, district)
    results = runner(groups, inputs) if runner is not None and groups else [link_group(g, inputs) for g in groups]
    parts = [p for group_parts, _ in results for p in group_parts]
    hubs = [h for _, group_hubs in results for h in group_hubs]
    if parts:
        a, b, t, v, w = (np.concatenate([p[i] for p in parts]) for i in range(5))
    else:
        a = b = np.zeros(0, dtype=np.int64)
        t = v = np.zeros(0, dtype=object)
        w = np.zeros(0, dtype=np.float64)
    hub_frame = pd.concat([h for h in hubs if len(h)], ignore_index=True) if any(len(h) for h in hubs) else empty_hubs()
    if len(hub_frame) > 1:
        hub_frame = hub_frame.sort_values(
            ["link_type", "holders", "value"], ascending=[True, False, True], kind="stable"
        ).reset_index(drop=True)
    return Links(
        a.astype(np.int64), b.astype(np.int64), t.astype(object), v.astype(object), w.astype(np.float64), hub_frame
    )
