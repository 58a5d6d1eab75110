"""Latin look-alike folding: characters a reader (or an examiner skimming a gazette) takes for one another.

Applied to canonical (casefolded) text on both sides of a comparison, so 'G00GLE' and 'google' fold alike.
Digits that pass for letters (0 o, 1 l, 5 s, 8 b), i/l/1 (capital I, small l and one), the pairs rn -> m and vv -> w,
and Cyrillic/Greek letters that render like Latin ones (Unicode confusables, lowercase after casefold).

`fold_weak` goes one step further, for the matcher's second tier only: letters that resemble each other without
being taken for one another (C/G, U/V, O/Q, B/D, Z/2, G/6: ABIBAS, SAMSVNC). Folding them everywhere
would merge ordinary words, so the matcher allows at most two of them, and only in terms of six or more letters.
"""

from __future__ import annotations

_SINGLE = {
    "0": "o", "1": "l", "i": "l", "5": "s", "8": "b",
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "і": "l", "ї": "l", "ј": "j", "к": "k", "м": "m", "н": "h",
    "о": "o", "р": "p", "с": "c", "ѕ": "s", "т": "t", "у": "y", "х": "x", "ԁ": "d", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "l", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "ω": "w",
}  # fmt: skip
_TABLE = str.maketrans(_SINGLE)
_PAIRS = (("rn", "m"), ("vv", "w"))


_WEAK = {"g": "c", "6": "c", "v": "u", "q": "o", "d": "b", "2": "z"}
_WEAK_TABLE = str.maketrans(_WEAK)


def fold_weak(folded: str) -> str:
    """Fold the weak look-alike classes of an already look-alike-folded text (same length: positions align)."""
    return folded.translate(_WEAK_TABLE)


def fold_lookalikes(text: str) -> str:
    """Fold look-alike letters and digits of a casefolded text to one representative ('nlke' and 'nike' -> 'nlke')."""
    folded = text.translate(_TABLE)
    for pair, single in _PAIRS:
        folded = folded.replace(pair, single)
    return folded
