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
    weight)."""
    cfg, district = inputs.cfg, inputs.district
    roles = [r for r in holders if cfg.link_types[r].enabled and len(holders[r][0])]
    if len(roles) < 2:
        return []
    frames = []
    for role in roles:
        apps, keys = holders[role]
        keep = (keys != "") & link_type(role).is_person(keys)
        frames.append(pd.DataFrame({"app": apps[keep], "name": keys[keep], "role": role}))
    rows = pd.concat(frames, ignore_index=True).drop_duplicates()
    n_holders = rows.drop_duplicates(["app", "name"]).groupby("name")["app"].size()
    held = rows["name"].map(n_holders).to_numpy()
    widest = max(cfg.link_types[r].max_holders for r in roles)
    rows = rows[(held >= 2) & (held <= widest)]  # before any join: a common name is a hub, never a tie
    parts = []
    for i, left in enumerate(roles):
        for right in roles[i + 1 :]:
            lt_left, lt_right = cfg.link_types[left], cfg.link_types[right]
            cap = min(lt_left.max_holders, lt_right.max_holders)
            x = rows[rows["role"] == left][["app", "name"]]
            y = rows[rows["role"] == right][["app", "name"]]
            m = x.merge(y, on="name", suffixes=("_x", "_y"))
            m = m[m["app_x"] != m["app_y"]]
            held = m["name"].map(n_holders).to_numpy()
            m, held = m[held <= cap], held[held <= cap]
            if m.empty:
                continue
            a = np.minimum(m["app_x"].to_numpy(), m["app_y"].to_numpy()).astype(np.int64)
            b = np.maximum(m["app_x"].to_numpy(), m["app_y"].to_numpy()).astype(np.int64)
            names = m["name"].to_numpy(dtype=object)
            strength = min(lt_left.strength, lt_right.strength)
            lengths = np.fromiter((len(k) for k in names), dtype=np.int64, count=len(names))
            w = damped_weight(strength, held, cfg.free_holders, cfg.damping_exponent)
            w = np.minimum(w * person_factor(lengths, a, b, district, cfg.options["same_district_boost"]), 0.95)
            parts.append(pd.DataFrame({"a": a, "b": b, "name": names, "w": w}))
    if not parts:
        return []
    # A pair that holds one name in several role pairs gets one tie for it, at its strongest.
    ties = pd.concat(parts, ignore_index=True).sort_values(
        ["a", "b", "name", "w"], ascending=[True, True, True, False], kind="stable"
    )
    ties = ties.drop_duplicates(["a", "b", "name"])
    if same_role:
        known = pd.concat([pd.DataFrame({"a": p[0], "b": p[1], "name": p[3]}) for p in same_role], ignore_index=True)
        seen = ties.merge(known.drop_duplicates(), on=["a", "b", "name"], how="left", indicator=True)["_merge"].eq(
            "both"
        )
        ties = ties[~seen.to_numpy()]
    if ties.empty:
        return []
    return [
        (
            ties["a"].to_numpy(dtype=np.int64),
            ties["b"].to_numpy(dtype=np.int64),
            np.full(len(ties), PersonCrossRole.name, dtype=object),
            ties["name"].to_numpy(dtype=object),
            ties["w"].to_numpy(dtype=np.float64),
        )
    ]
