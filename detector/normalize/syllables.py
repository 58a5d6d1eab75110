"""Pinyin syllables in Latin letters: can a letter run be read as pinyin, and where can its syllables be cut?

The inventory is every toneless reading of pypinyin's character dictionary (ü as v) that has a vowel (the
interjections m, n, ng, hm, hng are left out: they would make almost any string "pinyin"). A run is pinyin when it
splits into syllables. Where written pinyin runs syllables together, a syllable that starts with a, o or e after
another syllable takes an apostrophe (xi'an, qi'an), so an unmarked run is not cut before a, o or e:
`hongqianxing` reads hong|qian|xing, and `hongqi` is not a part of it.
"""

from __future__ import annotations

from functools import lru_cache

VOWELS = frozenset("aoe")
MAX_SYLLABLE = 6


@lru_cache(maxsize=1)
def syllables() -> frozenset[str]:
    """Toneless pinyin syllables, ASCII, ü written v (bing, zhuang, lv, nve ...); kept in the disk cache."""
    from detector.normalize.pinyin import cached_table

    return cached_table("pinyin-syllables", _build_syllables, _frozenset, __file__)


def _frozenset(value) -> frozenset[str]:
    if not isinstance(value, frozenset):
        raise ValueError("not a syllable set")
    return value


def _build_syllables() -> frozenset[str]:
    from pypinyin.pinyin_dict import pinyin_dict

    from detector.normalize.pinyin import split_tone

    out = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            s = split_tone(reading)[0]
            if s.isascii() and s.isalpha() and any(c in "aeiouv" for c in s):
                out.add(s)
    return frozenset(out)


@lru_cache(maxsize=100_000)
def count(run: str) -> int:
    """Fewest syllables `run` splits into (0 for ''), or -1 when it is not pinyin."""
    if not run:
        return 0
    inventory = syllables()
    best = [0] + [-1] * len(run)
    for end in range(1, len(run) + 1):
        for n in range(1, min(MAX_SYLLABLE, end) + 1):
            before = best[end - n]
            if before >= 0 and run[end - n : end] in inventory and (best[end] < 0 or before + 1 < best[end]):
                best[end] = before + 1
    return best[-1]


def is_pinyin(run: str) -> bool:
    """True when `run` (lowercase letters) splits into pinyin syllables."""
    return count(run) > 0


def on_edges(run: str, start: int, end: int) -> bool:
    """Is `run[start:end]` whole syllables of `run`: the run splits at start and end, and neither cut comes before
    a syllable starting with a, o or e (which would have been written with an apostrophe)?"""
    if start > 0 and run[start] in VOWELS:
        return False
    if end < len(run) and run[end] in VOWELS:
        return False
    return count(run[:start]) >= 0 and count(run[start:end]) > 0 and count(run[end:]) >= 0
