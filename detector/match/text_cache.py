"""Match results kept per distinct text across runs (a server's checks, inline rule tests): a text matched once
against a list is never matched against it again.

A Matcher's result for a set of texts is the union of its results for each text (every method compares one text
with the terms; nothing depends on the other texts), so the table for a batch is assembled from per-text pieces in
the order Matcher.match gives (text, then term id) and equals Matcher.match on the whole batch. Only lists that do
not depend on the batch may be kept (never the register's pseudo-lists).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from detector.match.matcher import EMPTY_RESULT, Matcher, PreparedTexts

MAX_TEXTS = 50_000  # per (list, methods, similarity): past it the pieces are dropped and the cache starts over
NO_HITS: tuple = ()


class TextHitCache:
    """Per (list id, methods, min_similarity): text -> its match rows (term_id, method, similarity, matched,
    term_row), or NO_HITS."""

    def __init__(self) -> None:
        self.pieces: dict[tuple, dict[str, tuple]] = {}

    def match(
        self,
        key: tuple,
        matcher: Matcher,
        texts: Sequence[str],
        methods: Sequence[str],
        min_similarity: int,
        prepare: Callable[[list[str]], PreparedTexts] = PreparedTexts,
    ) -> pd.DataFrame:
        """Matcher.match(texts, methods, min_similarity) for distinct `texts`, matching only the texts not seen
        (their forms from `prepare`, which may keep them for the next list). A table without rows is one shared
        table: never modify it."""
        known = self.pieces.setdefault(key, {})
        if len(known) + len(texts) > MAX_TEXTS:
            known.clear()
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            found = matcher.match(prepare(missing), methods, min_similarity)
            known.update(dict.fromkeys(missing, NO_HITS))
            if len(found):  # most texts hit nothing: no columns to read
                text_idx = found["text_idx"].to_numpy()
                columns = [found[c].tolist() for c in ("term_id", "method", "similarity", "matched", "term_row")]
                starts = np.flatnonzero(np.r_[True, text_idx[1:] != text_idx[:-1]])
                ends = [*starts[1:], len(found)]
                for a, b in zip(starts, ends):
                    known[missing[int(text_idx[a])]] = tuple(col[a:b] for col in columns)
        return _assemble([known[t] for t in texts])


def _assemble(pieces: list[tuple]) -> pd.DataFrame:
    """The match table of texts 0..n-1 from their pieces (Matcher.match's columns, dtypes and order)."""
    counts = [len(p[0]) if p else 0 for p in pieces]
    if not any(counts):  # the shared empty table (MatchStage only tests it): a copy cost ~40 µs a list
        return EMPTY_RESULT
    hit = [i for i, c in enumerate(counts) if c]
    cols = [[v for i in hit for v in pieces[i][k]] for k in range(5)]
    return pd.DataFrame(
        {
            "text_idx": np.repeat(np.array(hit, dtype=np.int64), [counts[i] for i in hit]),
            "term_id": pd.Series(cols[0], dtype="str"),
            "method": pd.Series(cols[1], dtype="str"),
            "similarity": np.array(cols[2], dtype=np.int64),
            "matched": pd.Series(cols[3], dtype="str"),
            "term_row": np.array(cols[4], dtype=np.int64),
        }
    )
