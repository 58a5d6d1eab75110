"""given_name: a listed person's distinctive given name with only generic affixes around it (爱凌公主, 翊鸣宝贝).

Squatters drop the surname and add a generic prefix or suffix (domain.md §3: "a person's given name alone", "a
generic prefix or suffix (家族, 宝贝, 公主 ...)"); CNIPA refused the bare given name 翊鸣 of 苏翊鸣 in its notice of
2022-03-21. Guards, for precision:
- the term is a three-character Chinese name (a one-character surname, not the first half of a compound surname,
  and a two-character given name);
- the given name is no word of jieba's dictionary (MIT; 350,000 words): everyday words and common given names that
  are words (文静, 春雨, 建国, 海燕) never match, only coined ones (爱凌, 翊鸣);
- the rest of the mark is one or more generic affixes of the bundled rules/lists/generic_affixes.yaml, and there is
  at least one (the bare given name is matched only where a list names it as an alias).
"""

from __future__ import annotations

from functools import lru_cache
from typing import ClassVar

import ahocorasick
import numpy as np
import pandas as pd

from detector.match.context import MatchContext
from detector.match.registry import MatchMethod, candidates, empty_candidates
from detector.normalize import canonical, jieba_words

SIMILARITY = 90
COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 令狐 司徒 慕容 夏侯 尉迟 公孙 长孙 宇文 端木 "
    "独孤 南宫 西门 呼延 申屠 澹台 轩辕".split()
)


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """Every two-character word of jieba's dictionary (none when jieba is not installed; kept in the disk cache)."""
    return jieba_words.word_set("two-character", _two_character_words, __file__)


def _two_character_words(text: str) -> list[str]:
    return [w for w in (line.split(" ", 1)[0] for line in text.splitlines()) if len(w) == 2]


@lru_cache(maxsize=1)
def affixes() -> frozenset[str]:
    """Canonical forms of the bundled generic prefixes and suffixes."""
    from detector.lists.load import load_list_file
    from detector.package_data import bundled_rules_dir

    ref = load_list_file(bundled_rules_dir() / "lists" / "generic_affixes.yaml")
    return frozenset(f for f in (canonical(str(e["term"])) for e in ref.entries) if f)


def _is_han(text: str) -> bool:
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" for ch in text)


def given_name_of(term: str) -> str:
    """The distinctive given name of a three-character Chinese name, or ""."""
    if len(term) != 3 or not _is_han(term) or term[:2] in COMPOUND_SURNAMES:
        return ""
    given = term[1:]
    return "" if given in dictionary_words() else given


def affixes_only(text: str, words: frozenset[str], widths: tuple[int, ...]) -> bool:
    """`text` is a sequence of generic affixes (or empty)."""
    if not text:
        return True
    return any(text[:w] in words and affixes_only(text[w:], words, widths) for w in widths if len(text) >= w)


class GivenName(MatchMethod):
    """Aho-Corasick over the distinctive given names of three-character names; a hit counts when everything around
    it is generic affixes (at least one)."""

    name = "given_name"
    label: ClassVar[dict[str, str]] = {
        "en": "the person's distinctive given name with only generic prefixes or suffixes around it",
        "zh": "人物独特的名（不含姓）仅加通用前缀或后缀",
    }

    def find(self, ctx: MatchContext) -> pd.DataFrame:
        terms = ctx.terms.forms.arr("canon")
        by_given: dict[str, list[int]] = {}
        for i, t in enumerate(terms.tolist()):
            g = given_name_of(str(t))
            if g:
                by_given.setdefault(g, []).append(i)
        if not by_given:
            return empty_candidates()
        automaton = ahocorasick.Automaton()
        for g in sorted(by_given):
            automaton.add_word(g, g)
        automaton.make_automaton()
        words = affixes()
        widths = tuple(sorted({len(w) for w in words}, reverse=True))
        rows_text, rows_term, matched = [], [], []
        for x, text in enumerate(ctx.texts.arr("canon").tolist()):
            if not (3 <= len(text) <= 10) or not _is_han(text):
                continue
            for end, g in automaton.iter(text):
                start = end - 1
                before, after = text[:start], text[end + 1 :]
                if affixes_only(before, words, widths) and affixes_only(after, words, widths):
                    for term in by_given[g]:
                        rows_text.append(x)
                        rows_term.append(term)
                        matched.append(g)
        if not rows_text:
            return empty_candidates()
        return candidates(np.array(rows_text), np.array(rows_term), SIMILARITY, matched)
