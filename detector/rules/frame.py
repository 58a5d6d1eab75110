"""The rows a rule is evaluated over (filings, match hits, applicants, clusters or agents) and their metrics."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd


class ScopeFrame:
    """Rows of one scope with their metric columns, plus lazily computed window counts and class bits."""

    def __init__(
        self,
        scope: str,
        table: pd.DataFrame,
        window_fn: Callable[[int], np.ndarray] | None = None,
        class_bits: np.ndarray | None = None,
        hits: pd.DataFrame | None = None,
        list_member_fn: Callable[[list[str]], np.ndarray] | None = None,
    ) -> None:
        self.scope = scope
        self.table = table.reset_index(drop=True)
        self._window_fn = window_fn
        self._class_bits = class_bits
        self._hits = hits.reset_index(drop=True) if hits is not None else None
        self._list_member_fn = list_member_fn
        self._windows: dict[int, np.ndarray] = {}
        self._metrics: dict[str, np.ndarray] = {}
        self._contexts: dict[tuple[str, ...], dict[int, dict]] = {}

    def __len__(self) -> int:
        return len(self.table)

    def metric(self, name: str) -> np.ndarray:
        """The metric's column, read-only; taken from the table once per frame (rules read the same metrics
        dozens of times, and a text column is converted to an array on each read)."""
        if name not in self._metrics:
            if name not in self.table.columns:
                raise KeyError(f"metric '{name}' is not computed for scope {self.scope}")
            values = self.table[name].to_numpy()
            values.flags.writeable = False
            self._metrics[name] = values
        return self._metrics[name]

    def context(self, rows: np.ndarray, columns: list[str], plain: Callable[[object], object]) -> dict[int, dict]:
        """Per row of `rows`: {column: plain(value)} for the `columns` the table has. Rows read
        once per frame and column list: the rules of a scope that fire on one applicant share its values (each
        read took every metric column, some 70)."""
        known = self._contexts.setdefault(tuple(columns), {})
        missing = [r for r in dict.fromkeys(rows.tolist()) if r not in known]
        if missing:
            table = self.table
            present = [c for c in columns if c in table.columns]
            at = np.asarray(missing, dtype=np.int64)
            values = [table[c].take(at).tolist() for c in present]
            for i, row in enumerate(missing):
                known[row] = {c: plain(v[i]) for c, v in zip(present, values)}
        return known

    def forget_contexts(self) -> None:
        """Drop the rows' values read for evidence (the frame outlives its scope's rules in the run's results)."""
        self._contexts.clear()

    def window_counts(self, span_days: int) -> np.ndarray:
        if span_days not in self._windows:
            if self._window_fn is None:
                raise KeyError(f"window counts are not available for scope {self.scope}")
            self._windows[span_days] = self._window_fn(span_days)
        return self._windows[span_days]

    def class_bits(self) -> np.ndarray:
        if self._class_bits is None:
            raise KeyError(f"classes are not available for scope {self.scope}")
        return self._class_bits

    def hits(self) -> pd.DataFrame:
        if self._hits is None:
            raise KeyError("no match hits in this frame")
        return self._hits

    def list_member(self, list_ids: list[str]) -> np.ndarray:
        if self._list_member_fn is None:
            return np.zeros(len(self), dtype=bool)
        return self._list_member_fn(list_ids)

    def subset(self, rows: np.ndarray) -> ScopeFrame:
        """The frame restricted to `rows` (used by inline rule tests)."""
        return ScopeFrame(
            self.scope,
            self.table.iloc[rows],
            (lambda s: self.window_counts(s)[rows]) if self._window_fn else None,
            self._class_bits[rows] if self._class_bits is not None else None,
            self._hits.iloc[rows] if self._hits is not None else None,
            (lambda ids: self.list_member(ids)[rows]) if self._list_member_fn else None,
        )


def class_bits_of(nice_class: pd.Series) -> np.ndarray:
    """Bit c set for each class c of a ';'-separated class cell; distinct cells are parsed once."""
    codes, uniques = pd.factorize(nice_class)
    table = np.array([sum(1 << int(c) for c in str(u).split(";") if c) for u in uniques], dtype=np.int64)
    return table[codes] if len(uniques) else np.zeros(len(nice_class), dtype=np.int64)
