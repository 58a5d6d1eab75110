"""Rings: holders of a hub value who also share a second value of their own stay tied, however many they are.

A value held by more applicants than its link type's cap is a hub and ties nobody (graphs.damping): an agency's
phone, an incubator's address, a common person name. The members of a ring share several values at once — one
phone and one e-mail, one phone and one boss — so for them the hub is no coincidence. For every hub value `v` and
every other value `w` held by `m` of v's holders (the co-holders), the co-holders are a **ring group** when:

- one of v, w is a natural person's name or an organisation shareholder (`person`, `owner`): a boss or an owner
  in common. A person's name needs `m >= min_name_holders` (3): two strangers of one name behind an agency's phone
  are a coincidence, three firms headed by one name behind one phone are a pattern; an owner needs `m >= 2`;
- v and w are both contact values (`contact`: phones, e-mails), `m <= max_contact_holders`, and they are not an
  agency's stamp: an agency's phone and e-mail are on its clients' records, not the clients' own. A group is a
  stamp when every co-holder files through one and the same agency and the co-holders are at least
  `stamp_share` (half) of that agency's clients in the batch; a ring filing through a busy agency is a small part
  of its clients. A very large group sharing nothing but contact details is an intermediary's all the same;
- an address with a phone or an e-mail is no ring evidence: an incubator's room and front-desk phone, an agency's
  address and phone, are on many strangers' records. (An address with a person or an owner is.)

Inside a ring group every pair keeps its tie through `v` at the weight v would have if it were held by its type's
`max_holders` applicants (the most that still tie): the value counts as it would in a group small enough not to be
cut. A person's name counts once per pair, whatever its roles. Vectorised: one merge of the hub holdings with the
same applicants' other holdings, one group count, all pairs within the kept groups (graphs.group_pairs).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from graphs.group_pairs import pairs_within_groups

CONTROL_KINDS = ("person", "owner")
RING_COLUMNS = ["a", "b", "type", "key", "value", "holders"]


@dataclass(frozen=True)
class RingSettings:
    """How many co-holders make a ring group (see the module docstring)."""

    min_name_holders: int = 3
    max_contact_holders: int = 50
    max_members: int = 500
    stamp_share: float = 0.5


def ring_groups(rows: pd.DataFrame, agent: np.ndarray, settings: RingSettings) -> pd.DataFrame:
    """The ring ties: one row per (pair, hub value) to keep.

    `rows`: one row per holding with columns app (applicant code), type (link type), key, value (the value's
    identity across types: a person's name is one value whatever its role), kind (contact, place, person, owner),
    holders (applicants holding (type, key)) and hub (holders above the type's cap). `agent`: per applicant code the
    one agency all its filings name (-1: none or several). Returns columns a < b, type, key, value, holders.
    """
    rows = rows[rows["key"].ne("")]
    hub = rows.loc[rows["hub"], ["app", "type", "key", "value", "kind", "holders"]].drop_duplicates(
        ["app", "type", "key"]
    )
    if hub.empty:
        return pd.DataFrame(columns=RING_COLUMNS)
    other = rows.loc[rows["app"].isin(hub["app"].unique()), ["app", "value", "kind"]].drop_duplicates(["app", "value"])
    m = hub.merge(other, on="app", suffixes=("", "_w"))
    m = m[m["value"].to_numpy() != m["value_w"].to_numpy()]
    if m.empty:
        return pd.DataFrame(columns=RING_COLUMNS)
    # One group per (hub value in its role, second value); rows are unique per (applicant, group).
    g, _ = pd.factorize(pd.MultiIndex.from_arrays([m["type"], m["key"], m["value_w"]]))
    size = np.bincount(g)
    first = np.unique(g, return_index=True)[1]  # the first row of each group: its kinds
    kind_v, kind_w = m["kind"].to_numpy()[first], m["kind_w"].to_numpy()[first]
    control = np.isin(kind_v, CONTROL_KINDS) | np.isin(kind_w, CONTROL_KINDS)
    name = (kind_v == "person") | (kind_w == "person")
    contact = (kind_v == "contact") & (kind_w == "contact")
    code = agent[m["app"].to_numpy()]
    low, high = np.full(len(size), np.iinfo(np.int64).max), np.full(len(size), -1)
    np.minimum.at(low, g, code)
    np.maximum.at(high, g, code)
    # An agency's stamp: every co-holder files through one and the same agency, and they are most of its clients.
    clients = np.bincount(agent[agent >= 0], minlength=int(max(agent.max(initial=-1), 0)) + 1)
    one = (low == high) & (low >= 0)
    stamped = one & (size >= settings.stamp_share * clients[np.where(one, low, 0)])
    ok = (size >= 2) & (size <= settings.max_members)
    ok &= (control & (size >= np.where(name, settings.min_name_holders, 2))) | (
        contact & (size <= settings.max_contact_holders) & ~stamped
    )
    keep = ok[g]
    if not keep.any():
        return pd.DataFrame(columns=RING_COLUMNS)
    m = m[keep]
    gk, a, b = pairs_within_groups(g[keep], m["app"].to_numpy())
    # The hub value of each group, by the group's code: the pairs inherit it.
    at = pd.Series(np.arange(len(m)), index=g[keep]).groupby(level=0).first()
    row = at.reindex(gk).to_numpy()
    ties = pd.DataFrame(
        {
            "a": a,
            "b": b,
            "type": m["type"].to_numpy()[row],
            "key": m["key"].to_numpy()[row],
            "value": m["value"].to_numpy()[row],
            "holders": m["holders"].to_numpy()[row],
        }
    )
    return ties.drop_duplicates(["a", "b", "type", "key"]).reset_index(drop=True)
