"""形近字: visually similar Chinese characters, from the curated table data/visual_chars.tsv (see its header).

Pairs are merged into groups (a pair table is symmetric; 己/已/巳 is one group) and every character of a group
folds to the group's smallest code point, so two marks that differ only by look-alike swaps fold to the same string.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from detector.normalize.canonical_form import canonical


def load_pairs() -> list[tuple[str, str, str]]:
    """(char, look-alike char, note) rows of the shipped table, comment lines skipped."""
    text = resources.files("detector.normalize").joinpath("data/visual_chars.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        a, b, note = (line.split("\t") + ["", ""])[:3]
        rows.append((canonical(a), canonical(b), note.strip()))
    return rows


@lru_cache(maxsize=1)
def visual_groups() -> dict[str, str]:
    """char -> representative of its look-alike group (union of all pairs)."""
    parent: dict[str, str] = {}

    def find(c: str) -> str:
        while parent.setdefault(c, c) != c:
            c = parent[c]
        return c

    for a, b, _ in load_pairs():
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {c: find(c) for c in parent}


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    return str.maketrans({c: r for c, r in visual_groups().items() if c != r})


def fold_visual(text: str) -> str:
    """Replace each character that has look-alikes by its group representative (雷碧 and 雪碧 fold alike)."""
    return text.translate(_table())


def visual_chars() -> frozenset[str]:
    """All characters that belong to a look-alike group."""
    return frozenset(visual_groups())
