"""contains: the term, as written, inside a longer mark (generic suffixes and prefixes: 冰墩墩宝贝, 谷爱凌家族)."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from detector.match import guards, similarity
from detector.match.context import MatchContext
from detector.match.registry import MatchMethod, candidates


class Contains(MatchMethod):
    """Aho-Corasick over the canonical forms of terms of 2+ characters; Latin terms need word boundaries (and whole
    syllables of a pinyin run), two-character Han terms must be a word of the mark (guards.han_word_ok)."""

    name = "contains"
    label: ClassVar[dict[str, str]] = {
        "en": "the term appears, normalized, inside a longer mark",
        "zh": "名单词（规范化后）完整出现在较长的商标中",
    }

    def find(self, ctx: MatchContext) -> pd.DataFrame:
        texts, terms = ctx.texts, ctx.terms.forms
        h = ctx.expand_hits("canon_inside", "canon")
        h = h.where(~((h.start == 0) & (h.end == texts.canon_len[h.text])))
        text, term = h.text, h.term
        flags, offsets = texts.canon_bounds
        at = offsets[text]
        ok = guards.boundary_ok(
            terms.starts_latin[term], terms.ends_latin[term], ctx.terms.pure_latin[term], terms.canon_len[term],
            flags[at + h.start], flags[at + h.end],
        )  # fmt: skip
        start, end = h.start[ok], h.end[ok]
        text, term = text[ok], term[ok]
        ok = self._words_ok(ctx, text, term, start, end)
        text, term = text[ok], term[ok]
        sim = similarity.contained(terms.canon_len[term], texts.canon_len[text])
        return candidates(text, term, sim, terms.arr("canon")[term])

    @staticmethod
    def _words_ok(
        ctx: MatchContext, text: np.ndarray, term: np.ndarray, start: np.ndarray, end: np.ndarray
    ) -> np.ndarray:
        """Pinyin-run rule for pure-letter terms, dictionary-word rule for two-character Han terms."""
        texts, terms = ctx.texts, ctx.terms
        flags, offsets = texts.canon_bounds
        canon = texts.arr("canon")
        ok = np.ones(len(text), dtype=bool)
        letters = terms.latin_syllables[term]
        check_latin = terms.pure_latin[term] & ~(flags[offsets[text] + start] & flags[offsets[text] + end])
        rows = np.flatnonzero(check_latin)
        ok[rows] = guards.pinyin_runs_ok(
            canon,
            texts.canon_bounds,
            texts.run_edges("canon_bounds"),
            text[rows],
            start[rows],
            end[rows],
            letters[rows],
        )
        short_han = terms.forms.has_han[term] & (terms.forms.canon_len[term] <= guards.SHORT_HAN_WORD)
        short_han &= terms.forms.han_len[term] == terms.forms.canon_len[term]
        for i in np.flatnonzero(short_han):
            ok[i] = guards.han_word_ok(canon[text[i]], flags, int(offsets[text[i]]), int(start[i]), int(end[i]))
        return ok
