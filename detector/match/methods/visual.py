"""visual: look-alike Chinese characters (形近字) swapped in, as in copycats of famous brands (康帅傅, 雷碧, 王老古)."""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from detector.match import guards, similarity
from detector.match.context import MatchContext
from detector.match.registry import MatchMethod, candidates, empty_candidates
from detector.normalize import fold_visual, lexicon
from detector.normalize.shape import one_shape_swap


def swaps_ok(span: str, term: str) -> bool:
    """At least one character swapped; a 2-character term keeps one character, longer terms keep at least one."""
    swapped = sum(a != b for a, b in zip(span, term))
    return swapped >= 1 and (swapped == 1 if len(term) == 2 else swapped < len(term))


class Visual(MatchMethod):
    """Marks and terms folded through the hand-made 形近字 table (data/visual_chars.tsv), then equal or contained;
    and, for terms of 3+ characters, one swap from the derived table (data/shape_pairs.tsv) at a lower similarity."""

    name = "visual"
    label: ClassVar[dict[str, str]] = {
        "en": "the mark is (or contains) the term with visually similar Chinese characters swapped in (形近字)",
        "zh": "商标以形近字替换名单词中的字（整体相同或包含）",
    }

    def find(self, ctx: MatchContext) -> pd.DataFrame:
        parts = [p for p in (self._equal(ctx), self._inside(ctx), self._derived(ctx)) if len(p)]
        return pd.concat(parts, ignore_index=True) if parts else empty_candidates()

    def _equal(self, ctx: MatchContext) -> pd.DataFrame:
        texts, terms = ctx.texts, ctx.terms.forms
        rows = texts.rows("has_visual_char")
        text, term = ctx.equal_values(
            ctx.terms.visual,
            ("visual fold of core", "has_visual_char"),
            lambda: np.array([fold_visual(c) for c in texts.arr("core")[rows]], dtype=object),
            rows,
        )
        core, term_canon = texts.arr("core")[text], terms.arr("canon")[term]
        keep = np.array([swaps_ok(a, b) for a, b in zip(core, term_canon)], dtype=bool)
        return candidates(text[keep], term[keep], similarity.DISGUISED_EQUAL, core[keep])

    def _inside(self, ctx: MatchContext) -> pd.DataFrame:
        texts, terms = ctx.texts, ctx.terms.forms
        h = ctx.expand_hits("visual_inside", "visual_fold", "has_visual_char")
        text, term = h.text, h.term
        start, end = h.start, h.end
        partial = ~((start == 0) & (end == texts.canon_len[text]))
        text, term, start, end = text[partial], term[partial], start[partial], end[partial]
        canon, term_canon = texts.arr("canon"), terms.arr("canon")
        spans = [canon[t][s:e] for t, s, e in zip(text.tolist(), start.tolist(), end.tolist())]
        keep = np.array([swaps_ok(a, b) for a, b in zip(spans, term_canon[term])], dtype=bool)
        sim = similarity.contained(terms.canon_len[term], texts.canon_len[text], similarity.DISGUISED_CONTAINS_SPREAD)
        return candidates(text[keep], term[keep], sim[keep], np.array(spans, dtype=object)[keep] if spans else [])

    def _derived(self, ctx: MatchContext) -> pd.DataFrame:
        """One derived swap (one stroke or one thin component) in a term of 3+ Han characters: the whole mark, or a
        word of a longer mark. The swapped string must not be a dictionary word (王老古董 holds 古董, not 王老古)."""
        texts, terms = ctx.texts, ctx.terms
        if not len(terms.shape):
            return empty_candidates()
        rows = np.flatnonzero(texts.has_shape_char & texts.holding_chain(terms.shape_bigrams, "canon"))
        canon, term_canon = texts.arr("canon"), terms.forms.arr("canon")
        h = ctx.expand_hits("shape", "canon", rows)
        text, term = h.text, terms.shape_owner[h.term]
        start, end = h.start, h.end
        whole = (start == 0) & (end == texts.canon_len[text])
        core_rows = rows[texts.has_core[rows]]
        core_text, core_var = terms.shape.equal(texts.arr("core")[core_rows], core_rows)
        core_term = terms.shape_owner[core_var]
        if not len(text) and not len(core_text):
            return empty_candidates()
        flags, offsets = texts.canon_bounds
        words = lexicon.words()
        spans = [canon[t][s:e] for t, s, e in zip(text.tolist(), start.tolist(), end.tolist())]
        keep = np.array([s not in words for s in spans], dtype=bool)
        for i in np.flatnonzero(keep & ~whole):
            keep[i] = guards.han_word_ok(canon[text[i]], flags, int(offsets[text[i]]), int(start[i]), int(end[i]))
        sim = np.where(
            whole,
            similarity.WEAK_EQUAL,
            similarity.contained(terms.forms.canon_len[term], texts.canon_len[text], similarity.WEAK_CONTAINS_SPREAD),
        )
        core = texts.arr("core")[core_text]
        core_keep = np.array(
            [c not in words and one_shape_swap(c, term_canon[t]) for c, t in zip(core, core_term)], dtype=bool
        )
        return pd.concat(
            [
                candidates(text[keep], term[keep], sim[keep], np.array(spans, dtype=object)[keep] if spans else []),
                candidates(core_text[core_keep], core_term[core_keep], similarity.WEAK_EQUAL, core[core_keep]),
            ],
            ignore_index=True,
        )
