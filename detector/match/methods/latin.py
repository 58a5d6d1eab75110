"""latin: Latin look-alike letters and digits (G00GLE, NlKE, ADlDAS, rn for m) and Cyrillic/Greek homoglyphs; in
terms of six or more letters also one or two weaker look-alikes (ABIBAS, SAMSVNC)."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd
from rapidfuzz.distance import Levenshtein

from detector.match import guards, similarity
from detector.match.context import MatchContext
from detector.match.registry import MatchMethod, candidates, empty_candidates


def weak_ok(span_fold: str, term_fold: str, span: str, term: str) -> bool:
    """One or two weak look-alike letters (positions where the look-alike folds differ), and no more than two
    characters changed in all (the mark's letters against the term's, strong look-alikes included)."""
    weak = sum(a != b for a, b in zip(span_fold, term_fold))
    return 1 <= weak <= guards.MAX_WEAK_SWAPS and Levenshtein.distance(span, term) <= guards.MAX_WEAK_SWAPS


class Latin(MatchMethod):
    """Marks and terms folded by detector.normalize.fold_lookalikes, then equal or contained (with word boundaries);
    terms of 6+ letters also through fold_weak, with at most two weak look-alikes and two changes in all."""

    name = "latin"
    label: ClassVar[dict[str, str]] = {
        "en": "the mark is (or contains) the term with look-alike letters or digits swapped in (0/O, 1/l/I, rn/m ...)",
        "zh": "商标以形近字母或数字替换名单词中的字母（0/O、1/l/I、rn/m 等）",
    }

    def find(self, ctx: MatchContext) -> pd.DataFrame:
        parts = [p for p in (self._equal(ctx), self._inside(ctx), self._weak(ctx)) if len(p)]
        return pd.concat(parts, ignore_index=True) if parts else empty_candidates()

    def _equal(self, ctx: MatchContext) -> pd.DataFrame:
        texts, terms = ctx.texts, ctx.terms.forms
        rows = texts.rows("has_latin")
        text, term = ctx.equal_values(
            ctx.terms.latin, ("latin_fold", "has_latin"), lambda: texts.arr("latin_fold")[rows], rows
        )
        keep = texts.arr("canon")[text] != terms.arr("canon")[term]
        return candidates(text[keep], term[keep], similarity.DISGUISED_EQUAL, texts.arr("canon")[text[keep]])

    def _inside(self, ctx: MatchContext) -> pd.DataFrame:
        text, term, _, matched, whole = self._found(ctx, "latin", "latin_fold")
        canon, term_canon = ctx.texts.arr("canon")[text], ctx.terms.forms.arr("canon")[term]
        keep = ~whole & np.array([b not in a for a, b in zip(canon, term_canon)], dtype=bool)
        text, term, matched = text[keep], term[keep], matched[keep]
        sim = similarity.contained(
            ctx.terms.fold_len[term], self._fold_len(ctx)[text], similarity.DISGUISED_CONTAINS_SPREAD
        )
        return candidates(text, term, sim, matched)

    def _weak(self, ctx: MatchContext) -> pd.DataFrame:
        text, term, starts, matched, whole = self._found(ctx, "latin_weak", "weak_fold", inside_only=False)
        if not len(text):
            return empty_candidates()
        folds, term_folds = ctx.texts.arr("latin_fold"), ctx.terms.forms.arr("latin_fold")
        term_canon = ctx.terms.forms.arr("canon")
        keep = np.array(
            [
                weak_ok(folds[t][s : s + len(term_folds[r])], term_folds[r], m, term_canon[r])
                for t, r, s, m in zip(text.tolist(), term.tolist(), starts.tolist(), matched)
            ],
            dtype=bool,
        )
        sim = np.where(
            whole,
            similarity.WEAK_EQUAL,
            similarity.contained(ctx.terms.fold_len[term], self._fold_len(ctx)[text], similarity.WEAK_CONTAINS_SPREAD),
        )
        return candidates(text[keep], term[keep], sim[keep], matched[keep])

    @staticmethod
    def _fold_len(ctx: MatchContext) -> np.ndarray:
        return ctx.texts.fold_len

    def _found(
        self, ctx: MatchContext, index: str, form: str, inside_only: bool = True
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Occurrences of the terms of `index` in the texts' `form` that pass the word-boundary and pinyin-run
        guards: text, term, start, matched part (canonical letters where folding kept the length), whole-mark flag."""
        texts, terms = ctx.texts, ctx.terms.forms
        h = ctx.expand_hits(index, form, "has_latin")
        text, term = h.text, h.term
        start, end = h.start, h.end
        fold_len = self._fold_len(ctx)
        whole = (start == 0) & (end == fold_len[text])
        flags, offsets = texts.latin_bounds
        ok = guards.boundary_ok(
            terms.starts_latin[term], terms.ends_latin[term], ctx.terms.pure_latin[term], ctx.terms.fold_len[term],
            flags[offsets[text] + start], flags[offsets[text] + end],
        )  # fmt: skip
        if inside_only:
            ok &= ~whole
        canon, folds = texts.arr("canon"), texts.arr("latin_fold")
        # pinyin runs: checked on the canonical letters where folding kept the length (positions align)
        check = ok & ~whole & ctx.terms.pure_latin[term] & ~(flags[offsets[text] + start] & flags[offsets[text] + end])
        check &= texts.canon_len[text] == texts.fold_len[text]
        rows = np.flatnonzero(check)
        ok[rows] = guards.pinyin_runs_ok(
            canon, texts.latin_bounds, texts.run_edges("latin_bounds"), text[rows], start[rows], end[rows],
            ctx.terms.latin_syllables[term[rows]],
        )  # fmt: skip
        text, term, start, end, whole = text[ok], term[ok], start[ok], end[ok], whole[ok]
        matched = np.array(
            [
                (canon[t] if len(canon[t]) == len(folds[t]) else folds[t])[s:e]
                for t, s, e in zip(text.tolist(), start.tolist(), end.tolist())
            ],
            dtype=object,
        )
        return text, term, start, matched, whole
