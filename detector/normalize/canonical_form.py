"""The canonical form of a mark: the one key every "same mark" decision uses."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from detector.normalize.case import fold_case
from detector.normalize.separators import mark_separators, strip_separators
from detector.normalize.traditional import to_simplified
from detector.normalize.unicode_form import nfkc
from detector.normalize.width import to_halfwidth

BREAKS = "\n\r\u2028\u2029\x85"  # line breaks: a text with one cannot take part in a newline-joined pass as it is
_LINE_BREAKS = str.maketrans(dict.fromkeys(BREAKS, " "))
_LINE_BREAKS_BUT_NEWLINE = str.maketrans(dict.fromkeys(BREAKS[1:], " "))


def fold_text(text: str) -> str:
    """NFKC, half-width, casefold (NFKC again: folding can un-normalize) and traditional->simplified; separators and
    line breaks kept (so it may run once over many texts joined by newlines).

    An ASCII text (str knows it without a scan) is only case folded: NFKC and the half-width map leave ASCII as it is,
    and OpenCC converts no ASCII character (tests/test_normalize_ascii.py checks each step on every ASCII character);
    ids and Latin marks take this way, ~10 times faster."""
    if text.isascii():
        return fold_case(text)
    return to_simplified(nfkc(fold_case(to_halfwidth(nfkc(text)))))


def canonical(text: str) -> str:
    """NFKC, full-width->half-width, casefold, traditional->simplified, spaces and punctuation removed."""
    return strip_separators(fold_text(text.translate(_LINE_BREAKS)))


def canonical_chunk(texts: np.ndarray) -> np.ndarray:
    """canonical() of an array of distinct texts (one normalization chunk on a worker)."""
    return np.array(canonical_list([str(t) for t in texts]), dtype=object)


JOIN_TEXTS = 50_000  # texts per C-level pass of canonical_list (bounds the joined string)


def canonical_list(texts: Sequence[str]) -> list[str]:
    """canonical() of every text, the texts joined by newlines so each step runs once over many (the separators
    step leaves "\n" alone; tests/test_normalize.py checks the result equals canonical() text by text)."""
    out: list[str] = []
    for start in range(0, len(texts), JOIN_TEXTS):
        part = texts[start : start + JOIN_TEXTS]
        out += strip_separators(fold_text(joined(part))).split("\n") if len(part) else []
    return out


def spaced(text: str) -> str:
    """Like canonical() but each separator run (and each Han/Latin or letter/digit change) kept as one space."""
    return mark_separators(fold_text(text.translate(_LINE_BREAKS)))


def joined(texts: Sequence[str]) -> str:
    """Texts joined by newlines (line breaks inside a text become spaces) so that one C-level pass serves all."""
    out = "\n".join(texts)
    if out.count("\n") != len(texts) - 1:
        out = "\n".join(t.translate(_LINE_BREAKS) for t in texts)
    if any(c in out for c in BREAKS[1:]):
        out = out.translate(_LINE_BREAKS_BUT_NEWLINE)
    return out


def spaced_many(texts: Sequence[str]) -> list[str]:
    """spaced() of every text in one pass; canonical = the same string without spaces."""
    if not len(texts):
        return []
    return mark_separators(fold_text(joined(texts))).split("\n")
