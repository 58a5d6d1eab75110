"""Planted linked clusters: companies splitting one operation's volume, tied pairwise by different shared values.

No member is large on its own; the ties are those courts relied on (domain.md section 5): a shared phone, a
shared e-mail, the same legal representative, overlapping shareholders, neighbouring rooms of one building and
assignments between members.
"""

from __future__ import annotations

import re

import numpy as np

from detector.synth.builder import Builder
from detector.synth.disguise import disguise, pick_kinds
from detector.synth.people import person_names
from detector.synth.planted import hoard_marks
from detector.synth.references import famous_pool, signs
from detector.synth.registry import iso_to_days

LINKS = ("phone", "email", "legal_representative", "shareholder", "address", "assignment", "contact")


def _tie(b: Builder, a: int, c: int, link: str) -> None:
    """Make applicants a and c share one value of kind `link`."""
    A, C = b.apps[a], b.apps[c]
    if link == "phone":
        C["phone"] = A["phone"]
    elif link == "email":
        C["email"] = A["email"]
    elif link == "legal_representative":
        C["legal_representative"] = A["legal_representative"]
        C["shareholders"] = C["legal_representative"] + (
            ";" + C["shareholders"].split(";")[-1] if ";" in C["shareholders"] else ""
        )
    elif link == "shareholder":
        C["shareholders"] = C["shareholders"].split(";")[0] + ";" + A["shareholders"].split(";")[-1]
    elif link == "address":
        C["address"] = re.sub(r"\d+室$", f"{int(b.rng.integers(101, 2899))}室", A["address"])
        C["adcode"] = A["adcode"]
    elif link == "contact":
        C["contact_person"] = A["contact_person"]
        C["phone"] = A["phone"]


def cluster(b: Builder, kind: str, agent: str) -> list[int]:
    """One linked cluster of 5-8 members; `kind` 'hoarding' (short marks) or 'copying' (others' signs)."""
    rng = b.rng
    k = int(rng.integers(5, 9))
    founded = int(rng.integers(iso_to_days("2018-06-01"), iso_to_days("2022-06-01")))
    members = []
    for _ in range(k):
        ind = "trade" if kind == "hoarding" else str(rng.choice(["trade", "food", "apparel"]))
        members.append(
            b.company(
                "cluster_member",
                1,
                industry=ind,
                est_day=founded + int(rng.integers(0, 90)),
                capital=str(int(rng.choice([10, 30, 50, 100, 200])) * 10_000),
            )
        )
    links = [LINKS[i % len(LINKS)] for i in rng.permutation(len(LINKS))]
    for i in range(k - 1):
        link = links[i % len(links)]
        if link != "assignment":
            _tie(b, members[i], members[i + 1], link)
    start = founded + int(rng.integers(100, 300))
    fam = famous_pool()
    protected = signs("olympic_beijing_2022") + signs("champions")
    for i, m in enumerate(members):
        n = int(rng.integers(20, 46)) if kind == "hoarding" else int(rng.integers(12, 30))
        marks = list(hoard_marks(rng, n))
        if kind == "copying":
            for j in range(int(rng.integers(2, 5))):
                s = fam[int(rng.integers(len(fam)))]
                marks[j] = disguise(s.term, pick_kinds(rng, 1)[0], rng)
            if rng.random() < 0.5:
                marks[-1] = disguise(
                    protected[int(rng.integers(len(protected)))].term, pick_kinds(rng, 1)[0], rng, is_person=True
                )
        sells_to = b.apps[members[(i + 1) % k]]["name"] if links[i % len(links)] == "assignment" else ""
        classes = rng.choice(np.arange(1, 46), size=int(rng.integers(6, 16)), replace=False)
        for mark in marks:
            assignee = sells_to if sells_to and rng.random() < 0.4 else ""
            b.file(
                m,
                mark,
                int(rng.choice(classes)),
                start + int(rng.integers(0, 330)),
                agent if rng.random() < 0.85 else "",
                assignee,
            )
    # a nominee shareholder shared by two non-adjacent members (a second, weaker path)
    if k >= 5:
        nominee = person_names(rng, 1)[0]
        for idx in (0, k - 1):
            b.apps[members[idx]]["shareholders"] += ";" + nominee
    return members
