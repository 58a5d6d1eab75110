"""The famous marks of a batch's register and the forms ordinary applicants must not hit by chance."""

from __future__ import annotations

import re
from functools import lru_cache

from detector.synth.heldout import INVENTED_BRANDS
from detector.synth.references import REGISTER_ONLY_FAMOUS, Sign, signs
from detector.synth.text import pinyin_of


def famous_pool() -> tuple[Sign, ...]:
    """Famous marks of the batch's register (famous=1): the shipped list, the register-only real brands and the
    invented held-out brands (detector.synth.heldout)."""
    return signs("famous_marks") + REGISTER_ONLY_FAMOUS + INVENTED_BRANDS


@lru_cache(maxsize=1)
def famous_forms() -> tuple[frozenset[str], re.Pattern[str]]:
    """Lower-case Latin forms (aliases and pinyin) of famous marks, and a pattern finding their Chinese terms.

    Coined words of ordinary applicants are re-drawn when they hit a famous mark by chance (a coined word that
    happens to contain 华为 would not be innocent); the everyday words ordinary applicants file on purpose are
    detector.synth.collisions.
    """
    latin: set[str] = set()
    han: set[str] = set()
    for s in famous_pool():
        latin.update(a.lower().replace(" ", "") for a in s.latin)
        if s.term.isascii():
            latin.add(s.term.lower())
        else:
            han.add(s.term)
            latin.add(pinyin_of(s.term))
    return frozenset(latin), re.compile("|".join(sorted(han, key=len, reverse=True)))
