"""Evidence links between applicants: one row per (pair, link type, shared value) with a hub-damped weight.

Link types (strengths and caps in the rule set's `graph` section, see graphs.config):
phone, email, legal_representative, contact_person, shareholder, person_cross_role (one person name in two roles,
graphs.cross_role), address (exact, or near-identical in the same district and room), transfer (marks assigned
from one applicant to another), same_mark (several identical marks filed by the same few applicants),
name_pattern (company names on one serial pattern). A value held by more applicants than its type's `max_holders`
is a hub: it links nobody and is listed in the hub table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from graphs.address import address_key, district_of, fuzzy_pairs
from graphs.config import GraphConfig, LinkType
from graphs.cross_role import LINK_TYPE as CROSS_ROLE
from graphs.cross_role import cross_role_links
from graphs.damping import damped_weight
from graphs.group_pairs import pairs_within_groups
from graphs.name_pattern import pattern_keys
from graphs.person_names import is_organisation, person_factor
from graphs.values import email_key, keyed, person_key, phone_key, split_list

LINK_COLUMNS = ["src", "dst", "link_type", "value", "weight"]
HUB_COLUMNS = ["link_type", "value", "holders", "action"]


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
        swap = src > dst
        src, dst = np.where(swap, dst, src), np.where(swap, src, dst)
        out = pd.DataFrame(
            {"src": src, "dst": dst, "link_type": self.link_type, "value": self.value, "weight": self.weight}
        )
        return out.sort_values(["src", "dst", "link_type", "value"], kind="stable").reset_index(drop=True)


PERSON_TYPES = ("legal_representative", "contact_person", "shareholder", CROSS_ROLE)


def _shared_value_links(
    codes: np.ndarray, keys: np.ndarray, lt: LinkType, cfg: GraphConfig, district: np.ndarray | None = None
) -> tuple[list, pd.DataFrame]:
    """Pairs of holders of the same key, hub-damped; with `district`, the keys are person names
    (graphs.person_names)."""
    mask = keys != ""
    codes, keys = codes[mask], keys[mask]
    if len(codes) == 0:
        return [], pd.DataFrame(columns=HUB_COLUMNS)
    key_code, uniques = pd.factorize(keys)
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
    if district is not None:
        # Per distinct name once, then spread to its ties.
        names = uniques.astype(object).tolist()
        lengths = np.fromiter((len(k) for k in names), dtype=np.int64, count=len(names))
        is_person = (
            np.array([not is_organisation(k) for k in names], dtype=bool)
            if lt.name == "shareholder"
            else np.ones(len(names), dtype=bool)
        )
        person = is_person[g]
        cap = cfg.link_types["legal_representative"].strength
        base = np.where(
            person, np.minimum(w, damped_weight(cap, holders[g], cfg.free_holders, cfg.damping_exponent)), w
        )
        w = np.where(person, base * person_factor(lengths[g], a, b, district, cfg.same_district_boost), w)
        w = np.minimum(w, 0.95)
    return [(a, b, np.full(len(a), lt.name, dtype=object), uniques[g].astype(object), w)], hubs


def _address_links(keys: pd.Series, lt: LinkType, cfg: GraphConfig) -> tuple[list, pd.DataFrame]:
    codes = np.arange(len(keys))
    parts, hubs = _shared_value_links(codes, keys.to_numpy(dtype=object), lt, cfg)
    near = fuzzy_pairs(keys, cfg.fuzzy_address_similarity, cfg.fuzzy_address_max_block)
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
        w = damped_weight(lt.strength, n, cfg.free_holders, cfg.damping_exponent) * m["similarity"].to_numpy() / 100.0
        x, y = m["x"].to_numpy(), m["y"].to_numpy()
        value = (m["a"] + " ≈ " + m["b"]).to_numpy(dtype=object)
        parts.append((np.minimum(x, y), np.maximum(x, y), np.full(len(m), lt.name, dtype=object), value, w))
    return parts, hubs


def _transfer_links(
    apps: pd.DataFrame, filings: pd.DataFrame, lt: LinkType, cfg: GraphConfig
) -> tuple[list, pd.DataFrame]:
    """Assignor -> assignee when the assignee is an applicant of the batch; damped by the assignor's buyers."""
    from detector.normalize import canonical

    sub = filings.loc[filings["assignee"].ne(""), ["app", "assignee"]]
    if sub.empty:
        return [], pd.DataFrame(columns=HUB_COLUMNS)
    codes, uniques = pd.factorize(sub["assignee"])
    canon = np.array([canonical(u) for u in uniques], dtype=object)[codes]
    name_to_app = pd.Series(np.arange(len(apps)), index=apps["canon_name"].to_numpy())
    name_to_app = name_to_app[~name_to_app.index.duplicated(keep="first") & (name_to_app.index != "")]
    target = name_to_app.reindex(canon).to_numpy()
    pairs = pd.DataFrame({"x": sub["app"].to_numpy(), "y": target, "name": sub["assignee"].to_numpy()}).dropna()
    pairs["y"] = pairs["y"].astype(np.int64)
    pairs = pairs[pairs["x"] != pairs["y"]]
    if pairs.empty:
        return [], pd.DataFrame(columns=HUB_COLUMNS)
    agg = pairs.groupby(["x", "y"], sort=True).agg(name=("name", "first"), marks=("name", "size")).reset_index()
    buyers = agg.groupby("x")["y"].transform("size").to_numpy()
    hub = buyers > lt.max_holders
    hubs = agg.loc[hub | (buyers > cfg.free_holders), ["x"]].drop_duplicates()
    hub_rows = pd.DataFrame(
        {
            "link_type": lt.name,
            "value": apps["applicant_id"].to_numpy()[hubs["x"].to_numpy()].astype(object),
            "holders": agg.groupby("x")["y"].size().reindex(hubs["x"]).to_numpy(),
        }
    )
    hub_rows["action"] = np.where(hub_rows["holders"] > lt.max_holders, "cut", "damped")
    agg, buyers = agg[~hub], buyers[~hub]
    x, y = agg["x"].to_numpy(), agg["y"].to_numpy()
    value = (
        apps["name"].to_numpy()[x].astype(object)
        + " → "
        + agg["name"].to_numpy().astype(object)
        + " ("
        + agg["marks"].astype(str).to_numpy().astype(object)
        + ")"
    )
    w = damped_weight(lt.strength, buyers, cfg.free_holders, cfg.damping_exponent)
    return [(np.minimum(x, y), np.maximum(x, y), np.full(len(agg), lt.name, dtype=object), value, w)], hub_rows


def _same_mark_links(filings: pd.DataFrame, lt: LinkType, cfg: GraphConfig) -> tuple[list, pd.DataFrame]:
    """Pairs that filed at least `same_mark_min_shared` identical marks, each mark filed by few applicants."""
    f = filings.loc[filings["canon"].str.len() >= cfg.same_mark_min_length, ["app", "canon"]].drop_duplicates()
    if f.empty:
        return [], pd.DataFrame(columns=HUB_COLUMNS)
    k, uniques = pd.factorize(f["canon"])
    holders = np.bincount(k, minlength=len(uniques))
    keep = (holders[k] >= 2) & (holders[k] <= lt.max_holders)
    g, a, b = pairs_within_groups(k[keep], f["app"].to_numpy()[keep])
    if len(a) == 0:
        return [], pd.DataFrame(columns=HUB_COLUMNS)
    shared = pd.DataFrame({"a": a, "b": b, "mark": np.asarray(uniques, dtype=object)[g]})
    shared["n"] = shared.groupby(["a", "b"])["mark"].transform("size")
    shared = shared[shared["n"] >= cfg.same_mark_min_shared].sort_values(["a", "b", "mark"], kind="stable")
    if shared.empty:
        return [], pd.DataFrame(columns=HUB_COLUMNS)
    first = shared[shared.groupby(["a", "b"]).cumcount() < 5]
    agg = first.groupby(["a", "b"], sort=True).agg(n=("n", "first"), marks=("mark", "、".join)).reset_index()
    w = np.minimum(0.95, lt.strength * np.sqrt(agg["n"].to_numpy() / cfg.same_mark_min_shared))
    value = (agg["n"].astype(str) + ": " + agg["marks"]).to_numpy(dtype=object)
    return [
        (agg["a"].to_numpy(), agg["b"].to_numpy(), np.full(len(agg), lt.name, dtype=object), value, w)
    ], pd.DataFrame(columns=HUB_COLUMNS)


LINK_GROUPS = ("phone", "email", "persons", "address", "transfer", "same_mark", "name_pattern")


@dataclass
class LinkInputs:
    """What every link group reads: the applicant table (code = row), the filings' app/assignee/canon columns, the
    settings, and the address keys and districts (computed once, persons and addresses both use them)."""

    apps: pd.DataFrame
    filings: pd.DataFrame
    cfg: GraphConfig
    address_keys: pd.Series
    district: np.ndarray


GroupRunner = Callable[[Sequence[str], LinkInputs], list]


def link_group(group: str, inputs: LinkInputs) -> tuple[list, list]:
    """The links (parts) and hub tables of one group of link types; groups are independent of each other, so
    they may run in other processes. `persons` holds every person-name type and their cross-role ties."""
    apps, filings, cfg, address_keys, district = (
        inputs.apps,
        inputs.filings,
        inputs.cfg,
        inputs.address_keys,
        inputs.district,
    )
    codes = np.arange(len(apps))
    parts: list = []
    hubs: list[pd.DataFrame] = []
    if group in ("phone", "email"):
        lt = cfg.link_types[group]
        if lt.enabled and group in apps:
            p, h = _shared_value_links(
                codes, keyed(apps[group], phone_key if group == "phone" else email_key).to_numpy(dtype=object), lt, cfg
            )
            parts += p
            hubs.append(h)
    elif group == "persons":
        persons: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # role -> (applicant codes, person-name keys)
        person_parts: list = []  # same-role person links, to leave out of the cross-role ones
        for name in ("legal_representative", "contact_person"):
            lt = cfg.link_types[name]
            if lt.enabled and name in apps:
                keys = keyed(apps[name], person_key).to_numpy(dtype=object)
                p, h = _shared_value_links(codes, keys, lt, cfg, district)
                parts += p
                hubs.append(h)
                persons[name] = (codes, keys)
                person_parts += p
        lt = cfg.link_types["shareholder"]
        if lt.enabled and "shareholders" in apps:
            lists = apps["shareholders"].map(split_list)
            lengths = lists.map(len).to_numpy()
            flat = np.array([v for vs in lists for v in vs], dtype=object)
            p, h = _shared_value_links(np.repeat(codes, lengths), flat, lt, cfg, district)
            parts += p
            hubs.append(h)
            persons["shareholder"] = (np.repeat(codes, lengths), flat)
            person_parts += p
        parts += cross_role_links(persons, district, cfg, person_parts)
    else:
        lt = cfg.link_types[group]
        if lt.enabled:
            if group == "address":
                p, h = _address_links(address_keys, lt, cfg)
            elif group == "transfer":
                p, h = _transfer_links(apps, filings, lt, cfg)
            elif group == "same_mark":
                p, h = _same_mark_links(filings, lt, cfg)
            else:
                keys = pattern_keys(apps["canon_trade_name"], apps["entity_type"]).to_numpy(dtype=object)
                p, h = _shared_value_links(codes, keys, lt, cfg)
            parts += p
            hubs.append(h)
    return parts, hubs


def build_links(
    apps: pd.DataFrame, filings: pd.DataFrame, cfg: GraphConfig, runner: GroupRunner | None = None
) -> Links:
    """All evidence links of a batch. `apps` is the batch applicant table (code = row), `filings` has `app`.

    `runner(groups, inputs)` returns [link_group(g, inputs) for g in groups], possibly computed elsewhere (forked
    processes, Dask workers); the parts are put together in LINK_GROUPS order either way, so the links are the same."""
    address_keys = keyed(apps["address"], address_key)
    district = keyed(address_keys, district_of).to_numpy(dtype=object)
    columns = [c for c in ("app", "assignee", "canon") if c in filings.columns]
    inputs = LinkInputs(apps, filings[columns], cfg, address_keys, district)
    results = runner(LINK_GROUPS, inputs) if runner is not None else [link_group(g, inputs) for g in LINK_GROUPS]
    parts = [p for group_parts, _ in results for p in group_parts]
    hubs = [h for _, group_hubs in results for h in group_hubs]
    if parts:
        a, b, t, v, w = (np.concatenate([p[i] for p in parts]) for i in range(5))
    else:
        a = b = np.zeros(0, dtype=np.int64)
        t = v = np.zeros(0, dtype=object)
        w = np.zeros(0, dtype=np.float64)
    hub_frame = (
        pd.concat([h for h in hubs if len(h)], ignore_index=True)
        if any(len(h) for h in hubs)
        else pd.DataFrame(columns=HUB_COLUMNS)
    )
    hub_frame = hub_frame.sort_values(
        ["link_type", "holders", "value"], ascending=[True, False, True], kind="stable"
    ).reset_index(drop=True)
    return Links(
        a.astype(np.int64), b.astype(np.int64), t.astype(object), v.astype(object), w.astype(np.float64), hub_frame
    )
