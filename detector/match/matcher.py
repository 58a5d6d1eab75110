"""Matcher: every disguise of every term in many marks, one row per (text, term) with the best method."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

import detector.match.methods  # noqa: F401 - registers the methods
from detector.match.context import MatchContext
from detector.match.form_table import FormTable
from detector.match.registry import METHOD_ORDER, method_class
from detector.match.term_index import TermIndex
from detector.runs import run_positions

RESULT_COLUMNS = ["text_idx", "term_id", "method", "similarity", "matched", "term_row"]


def empty_result() -> pd.DataFrame:
    """The match table with no rows (a copy of one built once: building costs milliseconds)."""
    return EMPTY_RESULT.copy()


# The match table with no rows; shared by TextHitCache (never modify it), copied by empty_result().
EMPTY_RESULT = pd.DataFrame(
    {
        "text_idx": pd.Series(dtype="int64"),
        "term_id": pd.Series(dtype="str"),
        "method": pd.Series(dtype="str"),
        "similarity": pd.Series(dtype="int64"),
        "matched": pd.Series(dtype="str"),
        "term_row": pd.Series(dtype="int64"),
    }
)


class PreparedTexts:
    """Distinct texts with their derived forms, built once and matched against many reference sets."""

    def __init__(self, texts: Sequence[str]) -> None:
        clean = [t if isinstance(t, str) else "" for t in texts]
        self.n = len(clean)
        codes, uniques = pd.factorize(pd.Series(clean, dtype=object))
        self.codes = codes
        self.forms = FormTable(list(uniques)) if self.n else None
        # Each method's candidates per term index (and threshold, for a method that reads it), made once: the rules
        # ask some lists again with fewer methods or another threshold (famous marks at 85 with every method, then
        # at 95 with four), and a method's candidates depend on the texts and terms only. Never modified.
        self.found: dict[tuple, pd.DataFrame] = {}


class Matcher:
    """Prepared once per reference set (`terms`: term_id, term, optional min_similarity); match() per batch."""

    def __init__(self, terms: pd.DataFrame, cache_forms: bool = False) -> None:
        self.terms = TermIndex(terms.reset_index(drop=True), cache_forms)

    def match(self, texts: Sequence[str] | PreparedTexts, methods: Sequence[str], min_similarity: int) -> pd.DataFrame:
        """text_idx, term_id, method, similarity, matched, term_row (the term's row in `terms`): best method per
        (text, term) at >= min_similarity.

        Pass a PreparedTexts to match the same texts against several matchers without deriving their forms again."""
        names = [m for m in METHOD_ORDER if m in set(methods)]
        for m in methods:
            method_class(m)
        prepared = texts if isinstance(texts, PreparedTexts) else PreparedTexts(texts)
        if not prepared.n or not names or not len(self.terms):
            return empty_result()
        codes = prepared.codes
        ctx = MatchContext(prepared.forms, self.terms, int(min_similarity))
        found = []
        for name in names:
            part = self._found(prepared, ctx, name)
            if len(part):
                found.append(part.assign(rank=METHOD_ORDER.index(name)))
        if not found:  # no method found anything: nothing to rank
            return empty_result()
        return self._expand(self._best(pd.concat(found, ignore_index=True), int(min_similarity)), codes)

    def _found(self, prepared: PreparedTexts, ctx: MatchContext, name: str) -> pd.DataFrame:
        """Method `name`'s candidates of these texts and terms: found now, or by an earlier call on the same texts."""
        method = method_class(name)
        key = (self.terms, name, ctx.min_similarity if method.reads_threshold else None)
        found = prepared.found.get(key)
        if found is None:
            found = prepared.found[key] = method().find(ctx)
        return found

    def _best(self, cand: pd.DataFrame, min_similarity: int) -> pd.DataFrame:
        sim = cand["similarity"].to_numpy().clip(0, 100)
        floor = np.maximum(min_similarity, self.terms.min_similarity[cand["term"].to_numpy()])
        cand = cand.assign(similarity=sim)[sim >= floor]
        cand = cand.sort_values(
            ["text", "term", "similarity", "rank"], ascending=[True, True, False, True], kind="stable"
        )
        return cand.drop_duplicates(["text", "term"], keep="first")

    def _expand(self, best: pd.DataFrame, codes: np.ndarray) -> pd.DataFrame:
        if best.empty:
            return empty_result()
        order = np.argsort(codes, kind="stable")
        starts = np.searchsorted(codes[order], np.arange(codes.max() + 2))
        d = best["text"].to_numpy()
        counts = starts[d + 1] - starts[d]
        rows = np.repeat(np.arange(len(best)), counts)
        text_idx = order[run_positions(starts[d], counts)]
        out = pd.DataFrame(
            {
                "text_idx": text_idx.astype("int64"),
                "term_id": pd.Series(self.terms.term_id.take(best["term"].to_numpy()[rows])),
                "method": pd.Series(np.array(METHOD_ORDER, dtype=object)[best["rank"].to_numpy()[rows]], dtype="str"),
                "similarity": best["similarity"].to_numpy()[rows].astype("int64"),
                "matched": pd.Series(best["matched"].to_numpy()[rows], dtype="str"),
                "term_row": best["term"].to_numpy()[rows].astype("int64"),
            }
        )
        return out.sort_values(["text_idx", "term_id"], kind="stable").reset_index(drop=True)
