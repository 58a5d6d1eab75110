"""pinyin_contains: a homophone of the term, or its spelled pinyin, inside a longer mark (冰敦敦宝贝, XIAOMI PHONE)."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from detector.match import guards, similarity
from detector.match.context import MatchContext
from detector.match.registry import MatchMethod, candidates, empty_candidates
from detector.normalize.script import HAN


def tokens_of(spaced: str) -> list[str]:
    """The pinyin-key tokens of a spaced mark in its own characters: one per Han character, one per other run."""
    out: list[str] = []
    for run in spaced.split():
        out.extend(run if HAN.match(run) else [run])
    return out


class PinyinContains(MatchMethod):
    """Aho-Corasick over pinyin keys of 3+ syllable terms, and over spelled pinyin (3+ syllables, or distinctive
    terms) with word boundaries and on syllable edges of a pinyin run; the spelled pinyin of two-syllable terms
    only beside an English word."""

    name = "pinyin_contains"
    label: ClassVar[dict[str, str]] = {
        "en": "a part of the mark sounds the same as the term (homophones or spelled pinyin inside a longer mark)",
        "zh": "商标的一部分与名单词读音相同（较长商标中的同音字或拼音）",
    }

    def find(self, ctx: MatchContext) -> pd.DataFrame:
        parts = [self._syllables(ctx), self._spelled(ctx), self._beside_english(ctx)]
        return (
            pd.concat([p for p in parts if len(p)], ignore_index=True)
            if any(len(p) for p in parts)
            else empty_candidates()
        )

    def _syllables(self, ctx: MatchContext) -> pd.DataFrame:
        texts, terms = ctx.texts, ctx.terms.forms
        h = ctx.expand_hits("pinyin_inside", "pinyin")
        key_len = texts.pinyin_len
        text, term = h.text, h.term
        partial = ~((h.start == 0) & (h.end == key_len[text]))
        text_canon, term_canon = texts.arr("canon")[text], terms.arr("canon")[term]
        keep = partial & np.array([b not in a for a, b in zip(text_canon, term_canon)], dtype=bool)
        text, term, start = text[keep], term[keep], h.start[keep]
        sim = similarity.contained(
            terms.pinyin_tokens[term], texts.pinyin_tokens[text], similarity.DISGUISED_CONTAINS_SPREAD
        )
        keys, spaced = texts.arr("pinyin"), texts.arr("spaced")
        matched = []
        for t, r, s in zip(text.tolist(), term.tolist(), start.tolist()):
            first = keys[t][:s].count(" ")
            matched.append("".join(tokens_of(spaced[t])[first : first + int(terms.pinyin_tokens[r])]))
        return candidates(text, term, sim, matched)

    def _spelled(self, ctx: MatchContext) -> pd.DataFrame:
        texts, terms = ctx.texts, ctx.terms.forms
        h = ctx.expand_hits("spelled", "canon", "ascii_letters")
        text, term = h.text, h.term
        start, end = h.start, h.end
        partial = ~((start == 0) & (end == texts.canon_len[text]))
        flags, offsets = texts.canon_bounds
        start_b, end_b = flags[offsets[text] + start], flags[offsets[text] + end]
        two_syllables = terms.canon_len[term] <= 2
        keep = partial & np.where(two_syllables, start_b & end_b, start_b | end_b)
        canon = texts.arr("canon")
        rows = np.flatnonzero(keep & ~(start_b & end_b))
        keep[rows] = guards.pinyin_runs_ok(
            canon, texts.canon_bounds, texts.run_edges("canon_bounds"), text[rows], start[rows], end[rows],
            terms.pinyin_tokens[term[rows]],
        )  # fmt: skip
        text, term, start, end = text[keep], term[keep], start[keep], end[keep]
        sim = similarity.contained(
            ctx.terms.spelled_len[term], texts.canon_len[text], similarity.DISGUISED_CONTAINS_SPREAD
        )
        matched = [canon[t][s:e] for t, s, e in zip(text.tolist(), start.tolist(), end.tolist())]
        return candidates(text, term, sim, matched)

    def _beside_english(self, ctx: MatchContext) -> pd.DataFrame:
        """The spelled pinyin of a two-syllable term as a brand name beside an English word (HUAWEI SMART,
        MaotaiWine); guards.beside_english_ok says when."""
        texts = ctx.texts
        h = ctx.expand_hits("spelled_pair", "canon", "ascii_letters")
        text, term = h.text, h.term
        start, end = h.start, h.end
        keep = ~((start == 0) & (end == texts.canon_len[text]))
        raw, spelled = texts.arr("raw"), ctx.terms.forms.arr("spelled")
        for i in np.flatnonzero(keep):
            keep[i] = guards.beside_english_ok(raw[text[i]], spelled[term[i]])
        canon = texts.arr("canon")
        text, term, start, end = text[keep], term[keep], start[keep], end[keep]
        sim = similarity.contained(
            ctx.terms.spelled_len[term], texts.canon_len[text], similarity.DISGUISED_CONTAINS_SPREAD
        )
        matched = [canon[t][s:e] for t, s, e in zip(text.tolist(), start.tolist(), end.tolist())]
        return candidates(text, term, sim, matched)
