"""The terms a wave of filings can share: each mark itself and its core (the mark without generic prefixes and
suffixes), kept when distinctive enough to be news rather than an everyday word; and which marks contain which term.

A wave (domain.md §3: "file variants of a trending phrase rather than the phrase") is strangers filing marks that
contain one such term within days: 三星堆火锅, 三星堆文明使者 and 三星堆 share 三星堆; 冰墩墩宝贝 and 我的冰墩墩 share
冰墩墩 although nobody filed it bare. Precision guards, each stated here and in docs/metrics.md:
- a term has at least MIN_HAN Chinese characters, or MIN_LATIN letters when it has none;
- it is no generic affix (rules/lists/generic_affixes.yaml), no generic goods or service name (generic_terms.yaml)
  and no everyday word: a word of jieba's dictionary (MIT; word counts of a general corpus, 60 million words) used
  at least EVERYDAY_PER_MILLION times per million words (阳光 57, 科技 261; 天问 1.8 and 三星堆 0.5 are not);
- it makes up at least MIN_SHARE of each mark that contains it, so that a short word inside a long shop name is no
  variant of it (丁真的世界: 2 of 5 characters).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import ahocorasick
import numpy as np
import pandas as pd

from detector.normalize import canonical

MIN_HAN = 2
MIN_LATIN = 4
MIN_SHARE = 0.4
EVERYDAY_PER_MILLION = 5.0


@lru_cache(maxsize=1)
def everyday_words() -> frozenset[str]:
    """Words of jieba's dictionary used at least EVERYDAY_PER_MILLION times per million words (canonical form); none
    when jieba is not installed (a dependency of the package: the guard then rests on the lists alone)."""
    try:
        text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
    except ModuleNotFoundError:
        return frozenset()
    rows = [line.split(" ") for line in text.splitlines() if line]
    total = sum(int(r[1]) for r in rows)
    floor = EVERYDAY_PER_MILLION * total / 1_000_000
    return frozenset(canonical(r[0]) for r in rows if int(r[1]) >= floor and len(r[0]) >= 2)


def _has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def long_enough(term: str) -> bool:
    """MIN_HAN Chinese characters, or MIN_LATIN characters for a term without any."""
    if _has_han(term):
        return sum("\u4e00" <= ch <= "\u9fff" for ch in term) >= MIN_HAN
    return len(term) >= MIN_LATIN and not term.isdigit()


def core_of(mark: str, prefixes: tuple[str, ...], suffixes: tuple[str, ...]) -> str:
    """The mark without generic prefixes and suffixes (longest first, repeatedly) while a long enough core remains."""
    core, changed = mark, True
    while changed:
        changed = False
        for p in prefixes:
            if core.startswith(p) and long_enough(core[len(p) :]):
                core, changed = core[len(p) :], True
                break
        for s in suffixes:
            if core.endswith(s) and long_enough(core[: -len(s)]):
                core, changed = core[: -len(s)], True
                break
    return core


class TermRules:
    """What may be a wave's term, from the loaded lists: affixes to strip and words that are never a term."""

    def __init__(self, lists: dict | None) -> None:
        prefixes, suffixes, generic = set(), set(), set()
        for ref in (lists or {}).values():
            if ref.category == "generic_affix":
                for e in ref.entries:
                    form = canonical(str(e["term"]))
                    (prefixes if e.get("kind") == "prefix" else suffixes).add(form)
            elif ref.category == "generic_term":
                generic |= {canonical(str(t)) for e in ref.entries for t in [e["term"], *(e.get("aliases") or [])]}
        # Generic goods names are stripped at the end of a mark (三星堆火锅), affixes where their kind says.
        self.prefixes = tuple(sorted(prefixes, key=lambda t: (-len(t), t)))
        self.suffixes = tuple(sorted(suffixes | {g for g in generic if len(g) >= 2}, key=lambda t: (-len(t), t)))
        self.never = frozenset(prefixes | suffixes | generic) | everyday_words()

    def usable(self, term: str) -> bool:
        return long_enough(term) and term not in self.never


def term_pairs(marks: np.ndarray, rules: TermRules) -> pd.DataFrame:
    """Pairs `mark` (position in `marks`, distinct canonical texts) and `term` (text) where the mark contains the
    usable term and the term makes up at least MIN_SHARE of it. Candidate terms: every mark and its core."""
    texts = [str(m) for m in marks.tolist()]
    candidates = set()
    for m in texts:
        if not m:
            continue
        for t in (m, core_of(m, rules.prefixes, rules.suffixes)):
            if rules.usable(t):
                candidates.add(t)
    if not candidates:
        return pd.DataFrame({"mark": pd.Series(dtype="int64"), "term": pd.Series(dtype="str")})
    automaton = ahocorasick.Automaton()
    for t in sorted(candidates):
        automaton.add_word(t, t)
    automaton.make_automaton()
    rows_m, rows_t = [], []
    for i, m in enumerate(texts):
        if not m:
            continue
        found = {t for _, t in automaton.iter(m) if len(t) >= MIN_SHARE * len(m)}
        for t in sorted(found):
            rows_m.append(i)
            rows_t.append(t)
    return pd.DataFrame({"mark": np.array(rows_m, dtype=np.int64), "term": pd.Series(rows_t, dtype="str")})
