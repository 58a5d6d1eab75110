"""Lists of texts held as one pyarrow text column and the lists' starts and lengths (list i: texts[start[i] :
start[i] + count[i]]), instead of Python lists of Python strings.

A forked partition that reads a Python string of its parent writes the string's reference count, and the page
holding it is copied: the register owners' keys (some 500,000 strings at 1,000,000 filings, read by every
partition's rights-holder test) cost each partition ~50 MB of copied pages. Read from this column, the texts taken
are made anew in the partition (pyarrow's take) and the parent's pages stay shared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from detector.runs import run_positions


@dataclass(frozen=True, eq=False)
class TextLists:
    """Lists of texts: list i is texts[start[i] : start[i] + count[i]], the lists one after another in `texts`."""

    start: np.ndarray
    count: np.ndarray
    texts: object  # pyarrow LargeStringArray

    @classmethod
    def of(cls, lists: Sequence[Sequence[str]]) -> TextLists:
        import pyarrow as pa

        count = np.fromiter((len(x) for x in lists), dtype=np.int64, count=len(lists))
        texts = pa.array([t for x in lists for t in x], type=pa.large_string())
        return cls(np.cumsum(count) - count, count, texts)

    def __len__(self) -> int:
        return len(self.count)

    def __getitem__(self, i: int) -> list[str]:
        """List i as Python strings."""
        start = int(self.start[i])
        return self.texts.slice(start, int(self.count[i])).to_pylist()

    def tolists(self) -> list[list[str]]:
        return [self[i] for i in range(len(self))]

    def list_of_text(self) -> np.ndarray:
        """Per text of `texts`: the list it is in."""
        return np.repeat(np.arange(len(self), dtype=np.int64), self.count)

    def column(self) -> pd.Series:
        """Every text, list after list, as a pandas text column (no copy)."""
        return pd.Series(pd.array(self.texts, dtype="str"), copy=False)

    def of_lists(self, lists: np.ndarray) -> pd.Series:
        """The texts of lists[0], then of lists[1], ... as a pandas text column made anew."""
        import pyarrow as pa

        lists = np.asarray(lists, dtype=np.int64)
        positions = run_positions(self.start[lists], self.count[lists])
        return pd.Series(pd.array(self.texts.take(pa.array(positions)), dtype="str"), copy=False)
