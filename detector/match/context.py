"""One Matcher.match call: the distinct texts' forms, the terms, the threshold and shared scan results."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.match.form_table import FormTable
from detector.match.key_index import KeyIndex
from detector.match.term_index import TermIndex


class MatchContext:
    """What every method reads; scans and joins are cached so methods that share them pay once."""

    def __init__(self, texts: FormTable, terms: TermIndex, min_similarity: int) -> None:
        self.texts = texts
        self.terms = terms
        self.min_similarity = min_similarity
        self._hits: dict[tuple[str, str], pd.DataFrame] = {}

    def equal(self, index: KeyIndex, form: str, with_core: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """(text, term) pairs whose text form (and core form, when it differs) equals a term key."""
        rows = np.arange(self.texts.n)
        values = self.texts.arr(form)
        pairs = [index.equal(values, rows)]
        if with_core and self.texts.has_core.any():
            core_rows = np.flatnonzero(self.texts.has_core)
            core_form = {"canon": "core", "pinyin": "han_pinyin"}.get(form)
            if core_form is not None:
                pairs.append(index.equal(self.texts.arr(core_form)[core_rows], core_rows))
        text = np.concatenate([p[0] for p in pairs])
        term = np.concatenate([p[1] for p in pairs])
        return text, term

    def hits(self, index_name: str, form: str, rows: np.ndarray | None = None) -> pd.DataFrame:
        """Occurrences of the keys of terms.<index_name> inside the texts' `form` (cached per index and form)."""
        key = (index_name, form)
        if key not in self._hits:
            index: KeyIndex = getattr(self.terms, index_name)
            rows = np.arange(self.texts.n) if rows is None else rows
            strings = self.texts.arr(form)[rows].tolist()
            self._hits[key] = index.scan(strings, rows)
        return self._hits[key]

    def expand_hits(self, index_name: str, form: str, rows: np.ndarray | None = None) -> pd.DataFrame:
        """hits() expanded to one row per (occurrence, term): text, term, start, end."""
        index: KeyIndex = getattr(self.terms, index_name)
        h = self.hits(index_name, form, rows)
        if not len(h):
            return _NO_OCCURRENCES.copy()
        occurrence, term = index.expand(np.arange(len(h)), h["key"].to_numpy())
        return pd.DataFrame(
            {
                "text": h["row"].to_numpy()[occurrence],
                "term": term,
                "start": h["start"].to_numpy()[occurrence],
                "end": h["end"].to_numpy()[occurrence],
            }
        )


_NO_OCCURRENCES = pd.DataFrame({c: np.zeros(0, dtype=np.int64) for c in ("text", "term", "start", "end")})
