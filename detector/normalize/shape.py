"""Derived 形近字: pairs of characters one stroke or one thin component apart (data/shape_pairs.tsv).

Built from glyph data by detector/normalize/shape_build.py and reviewed (provenance in the file's header). Unlike
the hand table (visual.py) these pairs are not folded into groups: the relation is not transitive (古/吉 and
吉/吾 do not make 古/吾), so the matcher allows one such swap per term of 3+ characters.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def shape_pairs() -> tuple[tuple[str, str, str], ...]:
    """(char, look-alike char, why) rows of the shipped derived table."""
    text = resources.files("detector.normalize").joinpath("data/shape_pairs.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            a, b, why = (line.split("\t") + ["", ""])[:3]
            rows.append((a, b, why.strip()))
    return tuple(rows)


@lru_cache(maxsize=1)
def shape_partners() -> dict[str, str]:
    """char -> its derived look-alikes (a string of characters, sorted), both directions."""
    out: dict[str, set[str]] = {}
    for a, b, _ in shape_pairs():
        out.setdefault(a, set()).add(b)
        out.setdefault(b, set()).add(a)
    return {c: "".join(sorted(p)) for c, p in out.items()}


def shape_chars() -> frozenset[str]:
    """Every character of the derived table."""
    return frozenset(shape_partners())


def one_shape_swap(span: str, term: str) -> bool:
    """Same length, exactly one position differs, and that pair is in the derived table."""
    if len(span) != len(term):
        return False
    diff = [(a, b) for a, b in zip(span, term) if a != b]
    return len(diff) == 1 and diff[0][0] in shape_partners().get(diff[0][1], "")
