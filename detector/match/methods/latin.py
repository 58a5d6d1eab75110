"""latin: Latin look-alike letters and digits (G00GLE, NlKE, ADlDAS, rn for m) and Cyrillic/Greek homoglyphs."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from detector.match import guards, similarity
from detector.match.context import MatchContext
from detector.match.registry import MatchMethod, candidates, empty_candidates


class Latin(MatchMethod):
    """Marks and terms folded by detector.normalize.fold_lookalikes, then equal or contained (with word boundaries)."""

    name = "latin"
    label: ClassVar[dict[str, str]] = {
        "en": "the mark is (or contains) the term with look-alike letters or digits swapped in (0/O, 1/l/I, rn/m ...)",
        "zh": "商标以形近字母或数字替换名单词中的字母（0/O、1/l/I、rn/m 等）",
    }

    def find(self, ctx: MatchContext) -> pd.DataFrame:
        parts = [p for p in (self._equal(ctx), self._inside(ctx)) if len(p)]
        return pd.concat(parts, ignore_index=True) if parts else empty_candidates()

    def _equal(self, ctx: MatchContext) -> pd.DataFrame:
        texts, terms = ctx.texts, ctx.terms.forms
        rows = np.flatnonzero(texts.has_latin)
        text, term = ctx.terms.latin.equal(texts.arr("latin_fold")[rows], rows)
        keep = texts.arr("canon")[text] != terms.arr("canon")[term]
        return candidates(text[keep], term[keep], similarity.DISGUISED_EQUAL, texts.arr("canon")[text[keep]])

    def _inside(self, ctx: MatchContext) -> pd.DataFrame:
        texts, terms = ctx.texts, ctx.terms.forms
        rows = np.flatnonzero(texts.has_latin)
        h = ctx.expand_hits("latin", "latin_fold", rows)
        text, term = h["text"].to_numpy(), h["term"].to_numpy()
        start, end = h["start"].to_numpy(), h["end"].to_numpy()
        fold_len = np.fromiter((len(s) for s in texts.forms["latin_fold"]), dtype=np.int64, count=texts.n)
        partial = ~((start == 0) & (end == fold_len[text]))
        flags, offsets = texts.latin_bounds
        ok = partial & guards.boundary_ok(
            terms.starts_latin[term], terms.ends_latin[term], ctx.terms.pure_latin[term], ctx.terms.fold_len[term],
            flags[offsets[text] + start], flags[offsets[text] + end],
        )  # fmt: skip
        canon, term_canon = texts.arr("canon"), terms.arr("canon")
        ok &= np.array([b not in a for a, b in zip(canon[text], term_canon[term])], dtype=bool)
        folds = texts.arr("latin_fold")
        # pinyin runs: checked on the canonical letters where folding kept the length (positions align)
        check = ok & ctx.terms.pure_latin[term] & ~(flags[offsets[text] + start] & flags[offsets[text] + end])
        for i in np.flatnonzero(check):
            t = text[i]
            if len(canon[t]) == len(folds[t]):
                ok[i] = guards.pinyin_run_ok(
                    canon[t],
                    flags,
                    int(offsets[t]),
                    int(start[i]),
                    int(end[i]),
                    int(ctx.terms.latin_syllables[term[i]]),
                )
        text, term, start, end = text[ok], term[ok], start[ok], end[ok]
        matched = [
            (canon[t] if len(canon[t]) == len(folds[t]) else folds[t])[s:e]
            for t, s, e in zip(text.tolist(), start.tolist(), end.tolist())
        ]
        sim = similarity.contained(ctx.terms.fold_len[term], fold_len[text], similarity.DISGUISED_CONTAINS_SPREAD)
        return candidates(text, term, sim, matched)
