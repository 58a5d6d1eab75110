"""person_cross_role: one person in two roles, the legal representative of one applicant a shareholder or the
contact of another.

A shell network often puts the same person at the head of one firm and among the owners of the next. The same-role
link types (legal_representative, contact_person, shareholder) only see a name shared in one role; this adds a tie
for a name held by two applicants in two different roles.

It is a person-name tie like the others (graphs.person_names): its strength is the weaker of the two roles', hub
damping counts every applicant that holds the name in any person role, a name held by more applicants than the
tighter of the two roles' `max_holders` is cut, and the length and same-district factors apply. A name never links
on its own (the shipped strengths stay below the pair threshold), and when two applicants share a name in several
roles, the pair counts that name once, at its strongest tie (graphs.pairs). Organisation shareholders are not
persons and are left to the shareholder link.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from graphs.damping import damped_weight
from graphs.links.person_name import SAME_DISTRICT_BOOST
from graphs.links.registry import Found, LinkInputs, LinkType, Setting, link_type
from graphs.person_names import person_factor


class PersonCrossRole(LinkType):
    """Builds on the person-name link types run before it in the `persons` group (their holdings); no settings
    of its own."""

    name = "person_cross_role"
    label: ClassVar[dict[str, str]] = {"en": "same person, other role", "zh": "同一人不同身份"}
    shared_value = (
        "one person name held in two different roles by two applicants (legal representative of one, "
        "natural-person shareholder or contact of the other); no setting of its own"
    )
    doc_strength = "the weaker role's (≤ 0.4)"
    doc_cap = "the tighter role's cap, counting holders in any role"
    group = "persons"
    order = 33
    cost = 70
    person_name = True
    settings: ClassVar[dict[str, Setting]] = {"same_district_boost": SAME_DISTRICT_BOOST}

    def find(self, inputs: LinkInputs, earlier: dict[str, Found]) -> Found:
        holders = {n: f.holders for n, f in earlier.items() if f.holders is not None and link_type(n).person_name}
        same_role = [p for name in holders for p in earlier[name].parts]
        return Found(cross_role_links(holders, inputs, same_role))


def cross_role_links(
    holders: dict[str, tuple[np.ndarray, np.ndarray]], inputs: LinkInputs, same_role: list | None = None
) -> list:
    """Ties between applicants that hold one person name in different roles.

    `holders`: per role (a person-name link type), (applicant codes, person-name keys) with one row per holding.
    `same_role`: the link parts already built for the same-role person links; a pair already tied by a name there
    gets no cross-role tie for it (it would add a row, not evidence). Returns link parts (a, b, link type, value,
    weight), sorted by pair and name.

    On integer codes (applicant, name, role) throughout: a small batch pays no pandas set-up per step, and a large
    one sorts int64 keys instead of merging frames."""
    cfg, district = inputs.cfg, inputs.district
    roles = [r for r in holders if cfg.link_types[r].enabled and len(holders[r][0])]
    if len(roles) < 2:
        return []
    held = _role_holdings(holders, roles, max(cfg.link_types[r].max_holders for r in roles))
    if held is None:
        return []
    app, name, role, names, n_holders = held
    lengths = np.fromiter((len(k) for k in names.tolist()), dtype=np.int64, count=len(names))
    parts = []
    for i, left in enumerate(roles):
        for j in range(i + 1, len(roles)):
            lt_left, lt_right = cfg.link_types[left], cfg.link_types[roles[j]]
            x, y = np.flatnonzero(role == i), np.flatnonzero(role == j)
            ix, iy = _join(name[x], name[y])
            app_x, app_y, k = app[x][ix], app[y][iy], name[x][ix]
            ok = (app_x != app_y) & (n_holders[k] <= min(lt_left.max_holders, lt_right.max_holders))
            if not ok.any():
                continue
            app_x, app_y, k = app_x[ok], app_y[ok], k[ok]
            a, b = np.minimum(app_x, app_y).astype(np.int64), np.maximum(app_x, app_y).astype(np.int64)
            strength = min(lt_left.strength, lt_right.strength)
            w = damped_weight(strength, n_holders[k], cfg.free_holders, cfg.damping_exponent)
            w = np.minimum(w * person_factor(lengths[k], a, b, district, cfg.options["same_district_boost"]), 0.95)
            parts.append((a, b, k, w))
    if not parts:
        return []
    a, b, k, w = (np.concatenate([p[c] for p in parts]) for c in range(4))
    a, b, k, w = _strongest_per_name(a, b, k, w, names)
    if same_role:
        fresh = ~_known_ties(a, b, k, names, same_role)
        a, b, k, w = a[fresh], b[fresh], k[fresh], w[fresh]
    if len(a) == 0:
        return []
    return [(a, b, np.full(len(a), PersonCrossRole.name, dtype=object), names[k], w.astype(np.float64))]


def _role_holdings(
    holders: dict[str, tuple[np.ndarray, np.ndarray]], roles: list[str], widest: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """The distinct (applicant, person name, role index) holdings of the roles whose name is held by 2 to the
    widest cap of applicants (in any role; a common name is a hub, never a tie), in order of first holding, with
    the distinct names and the holder count of each (counted before that cut). None when no holding is left."""
    apps, keys, role_of = [], [], []
    for i, role in enumerate(roles):
        codes, values = holders[role]
        values = np.asarray(values, dtype=object)
        keep = np.flatnonzero(values != "")
        keep = keep[np.asarray(link_type(role).is_person(values[keep]), dtype=bool)]
        apps.append(np.asarray(codes, dtype=np.int64)[keep])
        keys.append(values[keep])
        role_of.append(np.full(len(keep), i, dtype=np.int64))
    key = np.concatenate(keys)
    if len(key) == 0:
        return None
    name, names = pd.factorize(key)
    names = np.asarray(names, dtype=object)
    n_names, n_roles = np.int64(len(names)), np.int64(len(roles))
    holding = pd.unique((np.concatenate(apps) * n_names + name) * n_roles + np.concatenate(role_of))
    role, app_name = holding % n_roles, holding // n_roles
    n_holders = np.bincount(pd.unique(app_name) % n_names, minlength=len(names))
    app, name = app_name // n_names, app_name % n_names
    keep = (n_holders[name] >= 2) & (n_holders[name] <= widest)
    if not keep.any():
        return None
    return app[keep], name[keep], role[keep], names, n_holders


def _join(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions (i, j) of every pair with left[i] == right[j] (int codes), by one sort of `right`."""
    order = np.argsort(right, kind="stable")
    ordered = right[order]
    lo, hi = np.searchsorted(ordered, left, "left"), np.searchsorted(ordered, left, "right")
    count = hi - lo
    ix = np.repeat(np.arange(len(left)), count)
    within = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    return ix, order[np.repeat(lo, count) + within]


def _strongest_per_name(
    a: np.ndarray, b: np.ndarray, k: np.ndarray, w: np.ndarray, names: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One tie per (pair, name) — a pair that holds one name in several role pairs gets one tie for it, at its
    strongest — sorted by a, b and the name's text (code-point order, as pandas sorts text). Only the names the ties
    hold are ranked (sorting every distinct person name as Python objects took ~0.15 s at 1,000,000 filings)."""
    used, k_used = np.unique(k, return_inverse=True)
    rank = np.empty(len(used), dtype=np.int64)
    rank[np.argsort(names[used], kind="stable")] = np.arange(len(used))
    order = np.lexsort((-w, rank[k_used.reshape(-1)], b, a))
    a, b, k, w = a[order], b[order], k[order], w[order]
    first = np.ones(len(a), dtype=bool)
    first[1:] = (a[1:] != a[:-1]) | (b[1:] != b[:-1]) | (k[1:] != k[:-1])
    return a[first], b[first], k[first], w[first]


def _known_ties(a: np.ndarray, b: np.ndarray, k: np.ndarray, names: np.ndarray, same_role: list) -> np.ndarray:
    """Which ties (a, b, name code k) the same-role link parts already hold."""
    known_a, known_b, known_value = (np.concatenate([p[c] for p in same_role]) for c in (0, 1, 3))
    known_k = pd.Index(names).get_indexer(np.asarray(known_value, dtype=object))
    held = known_k >= 0
    if not held.any() or len(a) == 0:
        return np.zeros(len(a), dtype=bool)
    known_a, known_b, known_k = known_a[held].astype(np.int64), known_b[held].astype(np.int64), known_k[held]
    span = np.int64(max(int(a.max()), int(b.max()), int(known_a.max()), int(known_b.max())) + 1)
    pair, _ = pd.factorize(np.concatenate([a * span + b, known_a * span + known_b]))
    n_names = np.int64(len(names))
    key = pair.astype(np.int64) * n_names + np.concatenate([k, known_k])
    return np.isin(key[: len(a)], key[len(a) :])
