"""Planted rings: related applicants splitting one operation's volume, tied the ways courts relied on.

Ring sizes run from 2 to 40 (log-uniform), past the graph's hub caps. The ties (domain.md section 5) come in four
styles: one phone shared by every member (half of these rings also share one e-mail), a chain of pairwise ties
of different kinds (phone, e-mail, legal representative, shareholders, neighbouring rooms, assignments), one
person as legal representative and sole shareholder of every firm, and relatives (natural persons at one home
address and phone) splitting their filings. Hoarding rings are labelled by their combined filings
(detector.synth.labelling: related parties count together), so a small ring filing little is labelled 0;
copying rings are labelled 1.
"""

from __future__ import annotations

import re

import numpy as np

from detector.synth.builder import Builder
from detector.synth.disguise import disguise, pick_kinds
from detector.synth.famous import famous_pool
from detector.synth.heldout import pool_outside
from detector.synth.labelling import busiest_year, hoarding_label
from detector.synth.people import person_names
from detector.synth.planted import OUTSIDE_SHARE, hoard_marks, log_uniform
from detector.synth.references import signs
from detector.synth.registry import iso_to_days

LINKS = ("phone", "email", "legal_representative", "shareholder", "address", "assignment", "contact")
STYLES = ("phone", "chain", "person", "family")


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


def _members(b: Builder, kind: str, style: str, k: int, founded: int, source: str) -> list[int]:
    rng = b.rng
    if style == "family":
        first = b.person("cluster_member", 0, source=source)
        head = b.apps[first]
        out = [first]
        for _ in range(k - 1):
            over = {"address": head["address"], "adcode": head["adcode"], "source": source}
            if rng.random() < 0.6:
                over["phone"] = head["phone"]
            name = head["name"][0] + person_names(rng, 1)[0][1:]
            out.append(b.person("cluster_member", 0, name=name, **over))
        return out
    return [
        b.company(
            "cluster_member",
            0,
            industry="trade" if kind == "hoarding" else str(rng.choice(["trade", "food", "apparel"])),
            est_day=founded + int(rng.integers(0, 120)),
            capital=str(int(rng.choice([10, 30, 50, 100, 200])) * 10_000),
            source=source,
        )
        for _ in range(k)
    ]


def _tie_all(b: Builder, members: list[int], style: str) -> list[str]:
    """Tie the members in `style`; returns the link used between member i and i+1 (for assignments)."""
    rng = b.rng
    k = len(members)
    head = b.apps[members[0]]
    links = [""] * k
    if style == "phone":
        both = rng.random() < 0.5
        for m in members[1:]:
            b.apps[m]["phone"] = head["phone"]
            if both:
                b.apps[m]["email"] = head["email"]
    elif style == "person":
        boss = person_names(rng, 1)[0]
        for m in members:
            b.apps[m]["legal_representative"] = boss
            b.apps[m]["shareholders"] = boss
    elif style == "chain":
        order = [LINKS[i] for i in rng.permutation(len(LINKS))]
        for i in range(k - 1):
            links[i] = order[i % len(order)]
            if links[i] != "assignment":
                _tie(b, members[i], members[i + 1], links[i])
        if k >= 5:  # a nominee shareholder shared by two non-adjacent members (a second, weaker path)
            nominee = person_names(rng, 1)[0]
            for idx in (0, k - 1):
                b.apps[members[idx]]["shareholders"] += ";" + nominee
    return links


def cluster(b: Builder, kind: str, agent: str) -> list[int]:
    """One ring; `kind` 'hoarding' (arbitrary marks, labelled by combined volume) or 'copying' (others' signs)."""
    rng = b.rng
    style = str(rng.choice(STYLES, p=[0.35, 0.35, 0.15, 0.15]))
    if kind == "copying" and style == "family":
        style = "chain"
    k = int(rng.integers(2, 5)) if style == "family" else log_uniform(rng, 2, 40)
    outside = kind == "copying" and rng.random() < OUTSIDE_SHARE
    source = "none" if kind == "hoarding" else ("outside_list" if outside else "from_list")
    founded = int(rng.integers(iso_to_days("2018-06-01"), iso_to_days("2022-06-01")))
    members = _members(b, kind, style, k, founded, source)
    links = _tie_all(b, members, style)
    start = founded + int(rng.integers(100, 300))
    fam = pool_outside("brands") if outside else famous_pool()
    protected = signs("olympic_beijing_2022") + signs("champions")
    all_days: list[int] = []
    all_marks: list[str] = []
    for i, m in enumerate(members):
        n = log_uniform(rng, 8, 28) if style == "family" else log_uniform(rng, 3, 45)
        marks = list(hoard_marks(rng, n, rng.uniform(0.3, 0.95)))
        if kind == "copying":
            for j in range(min(n, int(rng.integers(1, 4)))):
                s = fam[int(rng.integers(len(fam)))]
                marks[j] = disguise(s.term, pick_kinds(rng, 1, latin=s.term.isascii())[0], rng)
            if not outside and rng.random() < 0.3:
                p = protected[int(rng.integers(len(protected)))].term
                marks[-1] = disguise(p, pick_kinds(rng, 1)[0], rng, is_person=True)
        sells_to = b.apps[members[(i + 1) % k]]["name"] if links[i] == "assignment" else ""
        classes = rng.choice(np.arange(1, 46), size=int(rng.integers(3, 16)), replace=False)
        for mark in marks:
            day = start + int(rng.integers(0, 330))
            b.file(
                m,
                mark,
                int(rng.choice(classes)),
                day,
                agent if rng.random() < 0.85 else "",
                sells_to if sells_to and rng.random() < 0.4 else "",
            )
            all_days.append(day)
            all_marks.append(mark)
    label = 1 if kind == "copying" else hoarding_label(busiest_year(all_days, all_marks), style == "family")
    b.relabel(members, label)
    return members
