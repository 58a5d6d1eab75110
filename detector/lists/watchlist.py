"""Watchlist keys: who is on a list of category watchlist, by identity and by the variants of a name.

An entry names an applicant or an agency by `term` (its name, or its unified social credit code), `aliases`,
`former_names` (names it was registered under before) and `ids` (registry codes). Names are compared through
org_key (detector/normalize/org_name.py: 广州市… = 广州… = …（广州）…, with or without 有限公司); ids through their
canonical form (case and separators folded).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from detector.lists.load import ReferenceList
from detector.normalize import canonical
from detector.normalize.org_name import org_key


def entry_forms(entry: dict) -> list[str]:
    """Every name and id of one watchlist entry: term, aliases, former names, ids."""
    forms = [entry["term"], *(entry.get("aliases") or []), *(entry.get("former_names") or [])]
    return [str(f) for f in [*forms, *(entry.get("ids") or [])] if str(f).strip()]


def watch_keys(lists: Iterable[ReferenceList]) -> set[str]:
    """The keys of every entry of the watchlist-category lists: org_key of each name, canonical form of each id."""
    out: set[str] = set()
    for ref in lists:
        if ref.category != "watchlist":
            continue
        for entry in ref.entries:
            for form in entry_forms(entry):
                out.add(org_key(form))
                out.add(canonical(form))
    out.discard("")
    return out


def on_watchlist(names: pd.Series, ids: pd.Series, keys: set[str]) -> np.ndarray:
    """Whether each (name, id) pair is on the watchlist: its name's org_key or its id's canonical form is a key.

    Each distinct name and id is keyed once."""
    if not keys:
        return np.zeros(len(names), dtype=bool)
    out = np.zeros(len(names), dtype=bool)
    for values, key in ((names, org_key), (ids, canonical)):
        codes, uniques = pd.Series(values, dtype="str").fillna("").factorize()
        hit = np.array([bool(u) and key(u) in keys for u in uniques], dtype=bool)
        out |= hit[codes] if len(uniques) else False
    return out
