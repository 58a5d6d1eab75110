"""The terms a wave of filings can share: each mark itself and its core (the mark without generic prefixes and
suffixes), kept when distinctive enough to be news rather than an everyday word; and which marks contain which term.

A wave (domain.md §3: "file variants of a trending phrase rather than the phrase") is strangers filing marks that
contain one such term within days: 三星堆火锅, 三星堆文明使者 and 三星堆 share 三星堆; 冰墩墩宝贝 and 我的冰墩墩 share
冰墩墩 although nobody filed it bare. Precision guards, each stated here and in docs/metrics.md:
- a term has at least MIN_HAN Chinese characters, or MIN_LATIN letters and more than one pinyin syllable when it
  has none (yuan is a syllable of countless names);
- it is no shop-name pattern: a one-character suffix on less than MIN_HAN characters (王记, 李家: a surname and 记);
- it is no generic affix (rules/lists/generic_affixes.yaml), no generic goods or service name (generic_terms.yaml)
  and no everyday word: a word of jieba's dictionary (MIT; word counts of a general corpus, 60 million words) used
  at least EVERYDAY_PER_MILLION times per million words (阳光 57, 科技 261; 天问 1.8 and 三星堆 0.5 are not);
- it makes up at least MIN_SHARE of each mark that contains it, so that a short word inside a long shop name is no
  variant of it (丁真的世界: 2 of 5 characters).
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick
import numpy as np
import pandas as pd

from detector.match.key_index import ScanTexts, scan_joined
from detector.normalize import canonical, jieba_words
from detector.normalize.syllables import syllables

MIN_HAN = 2
MIN_LATIN = 5
MIN_SHARE = 0.4
EVERYDAY_PER_MILLION = 5.0


@lru_cache(maxsize=1)
def everyday_words() -> frozenset[str]:
    """Words of jieba's dictionary used at least EVERYDAY_PER_MILLION times per million words; none
    when jieba is not installed (a dependency of the package: the guard then rests on the lists alone). Kept in the
    disk cache (detector/normalize/jieba_words.py)."""
    return jieba_words.word_set("everyday", _everyday_words, __file__)


def _everyday_words(text: str) -> frozenset[str]:
    tokens = text.split()  # word, count, part of speech on every line
    if len(tokens) % 3:
        tokens = [t for line in text.splitlines() if line for t in (line.split(" ") + ["", ""])[:3]]
    words, counts = tokens[0::3], np.array(tokens[1::3], dtype=np.int64)
    floor = EVERYDAY_PER_MILLION * counts.sum() / 1_000_000
    # The dictionary is simplified Chinese already: lower case is its canonical form (canonical() costs ~1 s here).
    return frozenset(words[i].lower() for i in np.flatnonzero(counts >= floor).tolist() if len(words[i]) >= 2)


_HAN = re.compile("[\u4e00-\u9fff]")
_HAN_ENOUGH = re.compile(f"(?:[\u4e00-\u9fff][^\u4e00-\u9fff]*){{{MIN_HAN}}}")  # MIN_HAN Han characters or more


def _has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def long_enough(term: str) -> bool:
    """MIN_HAN Chinese characters, or MIN_LATIN characters and more than one pinyin syllable for a term without any."""
    if _has_han(term):
        return _HAN_ENOUGH.search(term) is not None
    return len(term) >= MIN_LATIN and not term.isdigit() and term not in syllables()


def core_of(mark: str, prefixes: frozenset[str], suffixes: frozenset[str], widths: tuple[int, ...] = ()) -> str:
    """The mark without generic prefixes and suffixes (longest first, repeatedly) while a long enough core remains.
    `widths`: the affixes' lengths, longest first (computed when not given)."""
    core, changed = mark, True
    widths = widths or tuple(sorted({len(a) for a in prefixes | suffixes}, reverse=True))
    while changed:
        changed = False
        for w in widths:
            if len(core) > w and core[:w] in prefixes and long_enough(core[w:]):
                core, changed = core[w:], True
                break
        for w in widths:
            if len(core) > w and core[-w:] in suffixes and long_enough(core[:-w]):
                core, changed = core[:-w], True
                break
    return core


class TermRules:
    """What may be a wave's term, from the loaded lists: affixes to strip and words that are never a term."""

    def __init__(self, lists: dict | None) -> None:
        self.lists_id = id(lists)  # the lists these rules come from (herd.wave_term_memo names them so)
        prefixes, suffixes, generic = set(), set(), set()
        for ref in (lists or {}).values():
            if ref.category == "generic_affix":
                for e in ref.entries:
                    form = canonical(str(e["term"]))
                    (prefixes if e.get("kind") == "prefix" else suffixes).add(form)
            elif ref.category == "generic_term":
                generic |= {canonical(str(t)) for e in ref.entries for t in [e["term"], *(e.get("aliases") or [])]}
        # Generic goods names are stripped at the end of a mark (三星堆火锅), affixes where their kind says.
        self.prefixes = frozenset(prefixes)
        self.suffixes = frozenset(suffixes | {g for g in generic if len(g) >= 2})
        self.shop_suffixes = frozenset(s for s in suffixes if len(s) == 1)
        self.widths = tuple(sorted({len(a) for a in self.prefixes | self.suffixes}, reverse=True))
        self.never = frozenset(prefixes | suffixes | generic) | everyday_words()

    def usable(self, term: str) -> bool:
        if not long_enough(term) or term in self.never:
            return False
        return not (term[-1:] in self.shop_suffixes and not long_enough(term[:-1]))


def term_pairs(marks: np.ndarray, rules: TermRules) -> pd.DataFrame:
    """Pairs `mark` (position in `marks`, distinct canonical texts) and `term` (text) where the mark contains the
    usable term and the term makes up at least MIN_SHARE of it. Candidate terms: every mark and its core."""
    texts = [str(m) for m in marks.tolist()]
    candidates = set()
    usable = rules.usable
    for m in texts:
        if not m:
            continue
        core = core_of(m, rules.prefixes, rules.suffixes, rules.widths)
        if usable(m):
            candidates.add(m)
        if core != m and usable(core):  # most marks have no affix: their core is the mark, tested once
            candidates.add(core)
    if not candidates:
        return pd.DataFrame({"mark": pd.Series(dtype="int64"), "term": pd.Series(dtype="str")})
    terms = sorted(candidates)  # a term's position is its rank: marks' terms come out in text order
    automaton = ahocorasick.Automaton()
    for i, t in enumerate(terms):
        automaton.add_word(t, i)
    automaton.make_automaton()
    if len(texts) >= JOINED_FROM and not any("\n" in t for t in terms):
        rows_m, rows_t = _found_joined(texts, terms, automaton)
    else:
        rows_m, rows_t = _found_one_by_one(texts, terms, automaton)
    return pd.DataFrame({"mark": rows_m, "term": pd.Series(np.asarray(terms, dtype=object)[rows_t], dtype="str")})


JOINED_FROM = 1_000  # marks from which the terms are found in one pass over them all (_found_joined)


def _found_one_by_one(texts: list[str], terms: list[str], automaton) -> tuple[np.ndarray, np.ndarray]:
    """(mark, term position) of every usable term each mark contains that makes up MIN_SHARE of it, by mark, then
    term, each pair once."""
    rows_m, rows_t = [], []
    for i, m in enumerate(texts):
        if not m:
            continue
        least = MIN_SHARE * len(m)
        found = {t for _, t in automaton.iter(m) if len(terms[t]) >= least}
        for t in sorted(found):
            rows_m.append(i)
            rows_t.append(t)
    return np.array(rows_m, dtype=np.int64), np.array(rows_t, dtype=np.int64)


def _found_joined(texts: list[str], terms: list[str], automaton) -> tuple[np.ndarray, np.ndarray]:
    """_found_one_by_one in one pass of the automaton over the marks joined (key_index.scan_joined), the pairs
    sorted and made distinct by numpy: 250,000 distinct marks at 1,000,000 filings 1.17-1.48 -> 0.94-1.19 s."""
    term_len = np.array([len(t) for t in terms], dtype=np.int64)
    mark_len = np.array([len(m) for m in texts], dtype=np.int64)
    found = scan_joined(automaton, term_len, ScanTexts.of(texts, np.arange(len(texts))))
    keep = term_len[found.key] >= MIN_SHARE * mark_len[found.row]
    pairs = np.unique(found.row[keep] * len(terms) + found.key[keep])  # sorted: by mark, then term
    return pairs // len(terms), pairs % len(terms)
