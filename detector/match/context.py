"""One Matcher.match call: the distinct texts' forms, the terms, the threshold and shared scan results."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np

from detector.match.form_table import FormTable
from detector.match.key_index import FEW_VALUES, KeyIndex, KeyOccurrences, ScanTexts, ValueIndex
from detector.match.term_index import TermIndex


@dataclass(frozen=True)
class Occurrences:
    """Occurrences of terms inside texts, one per (occurrence, term), as parallel int64 arrays: text row, term, start
    and end (exclusive)."""

    text: np.ndarray
    term: np.ndarray
    start: np.ndarray
    end: np.ndarray

    def __len__(self) -> int:
        return len(self.text)

    def where(self, keep: np.ndarray) -> Occurrences:
        """The occurrences at `keep` (a mask or positions)."""
        return Occurrences(self.text[keep], self.term[keep], self.start[keep], self.end[keep])


class MatchContext:
    """What every method reads; scans and joins are cached so methods that share them pay once."""

    def __init__(self, texts: FormTable, terms: TermIndex, min_similarity: int) -> None:
        self.texts = texts
        self.terms = terms
        self.min_similarity = min_similarity
        self._hits: dict[tuple[str, str], KeyOccurrences] = {}

    def equal(self, index: KeyIndex, form: str, with_core: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """(text, term) pairs whose text form (and core form, when it differs) equals a term key."""
        rows = np.arange(self.texts.n)
        pairs = [self.equal_values(index, (form, None), lambda: self.texts.arr(form), rows)]
        if with_core and self.texts.has_core.any():
            core_rows = self.texts.rows("has_core")
            core_form = {"canon": "core", "pinyin": "han_pinyin"}.get(form)
            if core_form is not None:
                core = self.equal_values(
                    index, (core_form, "has_core"), lambda: self.texts.arr(core_form)[core_rows], core_rows
                )
                pairs.append(core)
        text = np.concatenate([p[0] for p in pairs])
        term = np.concatenate([p[1] for p in pairs])
        return text, term

    def equal_values(
        self, index: KeyIndex, key: tuple, values: Callable[[], np.ndarray], rows: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """index.equal(values(), rows), the values (a form of the texts, at `rows`) indexed once for every list's
        lookups under `key` (FormTable.memo); a few values (an intake check's) are looked up as they are."""
        if len(rows) <= FEW_VALUES:
            return index.equal(values(), rows)
        return index.equal_values(self.texts.memo(("values", *key), lambda: ValueIndex.of(values())), rows)

    def hits(self, index_name: str, form: str, rows: np.ndarray | str | None = None) -> KeyOccurrences:
        """Occurrences of the keys of terms.<index_name> inside the texts' `form` (cached per index and form), in
        every text, the `rows` given, or the rows of a flag of the texts (FormTable.rows): the strings of every text
        or of a flag's rows are joined once for all lists (FormTable.memo)."""
        key = (index_name, form)
        if key not in self._hits:
            index: KeyIndex = getattr(self.terms, index_name)
            if rows is None or isinstance(rows, str):
                self._hits[key] = index.scan_texts(
                    self.texts.memo(("scan", form, rows), partial(self._scan, form, rows))
                )
            else:
                self._hits[key] = index.scan(self.texts.arr(form)[rows].tolist(), rows)
        return self._hits[key]

    def _scan(self, form: str, flag: str | None) -> ScanTexts:
        rows = np.arange(self.texts.n) if flag is None else self.texts.rows(flag)
        return ScanTexts.of(self.texts.arr(form)[rows].tolist(), rows)

    def expand_hits(self, index_name: str, form: str, rows: np.ndarray | str | None = None) -> Occurrences:
        """hits() expanded to one row per (occurrence, term): text, term, start, end."""
        index: KeyIndex = getattr(self.terms, index_name)
        h = self.hits(index_name, form, rows)
        if not len(h):
            return _NO_OCCURRENCES
        occurrence, term = index.expand(np.arange(len(h)), h.key)
        return Occurrences(h.row[occurrence], term, h.start[occurrence], h.end[occurrence])


_NO_OCCURRENCES = Occurrences(*(np.zeros(0, dtype=np.int64) for _ in range(4)))  # arrays are never written
