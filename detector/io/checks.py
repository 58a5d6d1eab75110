"""Collect row-level problems of one input table; raise the first, or skip the bad rows and record each."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from detector.errors import InputDataError
from detector.io.readers import RawTable
from detector.text import Text, in_lang

_OR_SKIP = Text(
    en="; or pass --skip-bad-rows to skip and report such rows", zh="；或使用 --skip-bad-rows 跳过并报告这些行"
)


@dataclass
class _Check:
    mask: np.ndarray
    column: str
    messages: pd.Series  # Text per bad row
    expected: Text


class RowChecks:
    """Row-level checks over one RawTable; `resolve` either raises or returns the rows to keep."""

    def __init__(self, raw: RawTable) -> None:
        self.raw = raw
        self._checks: list[_Check] = []

    def add(self, mask: pd.Series | np.ndarray, column: str, messages: pd.Series | Text, expected: Text) -> None:
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        if isinstance(messages, Text):
            messages = pd.Series([messages] * len(mask), dtype=object)
        self._checks.append(_Check(mask, column, messages.reset_index(drop=True), expected))

    def add_per_value(self, mask, column: str, values, message, expected: Text) -> None:
        """add() with `message(value)` at each failing row, by position (the messages are made only for the rows
        that fail, and not at all when none does)."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        cells = np.asarray(values, dtype=object)
        messages = pd.Series("", index=pd.RangeIndex(len(cells)), dtype=object)
        messages[mask] = [message(v) for v in cells[mask]]
        self.add(mask, column, messages, expected)

    def resolve(self, skip_bad_rows: bool, skippable: bool = True) -> tuple[np.ndarray, list[dict]]:
        """Return (keep mask, skipped-row records); raise InputDataError on the first bad row unless skipping."""
        n = len(self.raw.frame)
        if not self._checks:
            return np.ones(n, dtype=bool), []
        bad = np.zeros(n, dtype=bool)
        for check in self._checks:
            bad |= check.mask
        if not skip_bad_rows:
            first = int(np.flatnonzero(bad)[0])
            check = next(c for c in self._checks if c.mask[first])
            others = int(bad.sum()) - 1
            message = check.messages.iloc[first]
            if others:
                message = Text(
                    en=f"{in_lang(message, 'en')} ({others:,} more bad row{'s' if others != 1 else ''} in this file)",
                    zh=f"{in_lang(message, 'zh')}（本文件另有 {others:,} 行有问题）",
                )
            expected = check.expected
            if skippable:
                expected = Text(en=expected.en + _OR_SKIP.en, zh=expected.zh + _OR_SKIP.zh)
            raise InputDataError(
                message,
                file=str(self.raw.path),
                line=self.raw.row_label(first),
                column=check.column,
                fix=expected,
            )
        skipped = []  # recorded in run.json, in English as before
        for row in np.flatnonzero(bad):
            check = next(c for c in self._checks if c.mask[row])
            skipped.append(
                {
                    "file": str(self.raw.path),
                    "row": int(row),
                    "where": self.raw.row_label(int(row)).en,
                    "column": check.column,
                    "message": in_lang(check.messages.iloc[row], "en"),
                }
            )
        return ~bad, skipped
