"""Keys as integer codes ranked in text order, and rows' keys as (row, code) pairs.

The related keys of a million-filing batch's applicants are some 7,000,000 (row, key) pairs before they are made
distinct: joined, made distinct and sorted as integers, they are turned into text once, at the end (as Python
strings, sets and merges of text columns they took ~4 s, and their joined cells were split again for the key table).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from detector.int_pairs import distinct_pairs
from detector.runs import run_positions
from detector.sorted_sets import member_of
from detector.text_isin import text_positions
from detector.text_ranks import sorted_codes


@dataclass(frozen=True)
class KeyLists:
    """Lists of key codes: list i holds codes[start[i] : start[i] + count[i]]."""

    start: np.ndarray
    count: np.ndarray
    codes: np.ndarray

    def of(self, rows: np.ndarray, lists: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(rows[i], code) for every code of list lists[i]."""
        count = self.count[lists]
        return np.repeat(rows, count), self.codes[run_positions(self.start[lists], count)]

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        """(list, code) for every code of every list, in list order."""
        lists = np.arange(len(self.count), dtype=np.int64)
        return self.of(lists, lists)


def coded(*groups: list[list[str]]) -> tuple[np.ndarray, list[KeyLists]]:
    """The distinct keys of every list of `groups` in text order (code = position) and each group as KeyLists.

    Ranked by pyarrow (detector/text_ranks.py; 1,000,000 filings' ~2,000,000 keys: ~0.3 s instead of pandas'
    ~0.6 s), by pandas where pyarrow takes none (a short list, a text pyarrow cannot encode)."""
    flat = [k for group in groups for keys in group for k in keys]
    ranked = _arrow_ranked(flat)
    codes, vocab = ranked if ranked is not None else pd.factorize(np.array(flat, dtype=object), sort=True)
    lists, at = [], 0
    for group in groups:
        count = np.fromiter((len(keys) for keys in group), dtype=np.int64, count=len(group))
        lists.append(KeyLists(np.cumsum(count) - count + at, count, codes.astype(np.int64)))
        at += int(count.sum())
    return np.asarray(vocab, dtype=object), lists


def _arrow_ranked(flat: list[str]) -> tuple[np.ndarray, np.ndarray] | None:
    """sorted_codes of the keys as a pyarrow text column; None when short or not encodable (a lone surrogate)."""
    import pyarrow as pa

    try:
        column = pd.Series(pd.array(flat, dtype="str")) if len(flat) else None
    except (pa.ArrowException, UnicodeEncodeError):
        return None
    return sorted_codes(column) if column is not None else None


def equal_pairs(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Every (i, j) with left[i] == right[j]: the inner join of two integer columns."""
    order = np.argsort(right, kind="stable")
    ranked = right[order]
    low = np.searchsorted(ranked, left, side="left")
    count = np.searchsorted(ranked, left, side="right") - low
    return np.repeat(np.arange(len(left), dtype=np.int64), count), order[run_positions(low, count)]


@dataclass
class RowKeys:
    """Rows' distinct keys as (row, code) pairs sorted by row, then code (text order), and each row's own keys."""

    row: np.ndarray
    code: np.ndarray
    vocab: np.ndarray
    own: KeyLists
    _arrow_vocab: Any = field(default=None, repr=False, compare=False)  # the vocab as pyarrow text, made once

    @classmethod
    def of(cls, row: np.ndarray, code: np.ndarray, vocab: np.ndarray, own: KeyLists) -> RowKeys:
        row, code = distinct_pairs(row, code)
        return cls(row, code, vocab, own)

    def _vocab_texts(self):
        """The vocabulary as pyarrow text, made once (joined() and the key table both read it: ~0.3 s at 1,000,000
        filings)."""
        import pyarrow as pa

        if self._arrow_vocab is None:
            self._arrow_vocab = pa.array(self.vocab, type=pa.large_string())
        return self._arrow_vocab

    def _texts(self, codes: np.ndarray):
        import pyarrow as pa

        return self._vocab_texts().take(pa.array(codes, type=pa.int64()))

    def joined(self, n: int, separator: str) -> pd.api.extensions.ExtensionArray:
        """Per row 0..n-1: its keys in text order, `separator`-joined ('' for none), as a str array."""
        import pyarrow as pa
        import pyarrow.compute as pc

        keep = self.row < n
        offsets = np.searchsorted(self.row[keep], np.arange(n + 1))
        lists = pa.LargeListArray.from_arrays(pa.array(offsets, type=pa.int64()), self._texts(self.code[keep]))
        return pd.array(pc.binary_join(lists, pa.scalar(separator, type=pa.large_string())), dtype="str")

    def key_table(self, n: int) -> pd.DataFrame:
        """(app, key) rows of rows 0..n-1 (identity.key_table): per row its own keys in their order, then its keys
        that are none of its own, in text order."""
        return self.coded_table(n).frame()

    def coded_table(self, n: int) -> CodedKeyTable:
        """key_table(n) with its keys as codes into the vocabulary (made into texts when asked)."""
        own_row, own_code = self.own.pairs()
        mine = own_row < n
        own_row, own_code = own_row[mine], own_code[mine]
        keep = self.row < n
        row, code = self.row[keep], self.code[keep]
        width = max(len(self.vocab), 1)
        repeated = member_of(row * width + code, own_row * width + own_code)
        rows = np.concatenate([own_row, row[~repeated]])
        codes = np.concatenate([own_code, code[~repeated]])
        order = np.argsort(rows, kind="stable")  # two sorted runs: a row's own keys, then its other ones
        return CodedKeyTable(rows[order].astype(np.int64), codes[order].astype(np.int32), self._vocab_texts())


@dataclass(frozen=True, eq=False)
class CodedKeyTable:
    """A key table's (app, key) rows (identity.key_table) with each key a code into `vocab`, the distinct keys as one
    pyarrow text column: at 1,000,000 filings 6,066,305 rows of 722,428 distinct keys take ~90 MB instead of ~210 MB
    as a frame of texts, which every forked partition shares. The texts are made when asked (`frame`, `keys`)."""

    app: np.ndarray  # int64, by applicant
    code: np.ndarray  # int32: a position in vocab
    vocab: Any  # pyarrow LargeStringArray

    @classmethod
    def of_frame(cls, table: pd.DataFrame) -> CodedKeyTable:
        import pyarrow as pa

        code, vocab = pd.factorize(table["key"], use_na_sentinel=False)
        texts = pa.array(pd.Series(vocab, dtype="str").array, type=pa.large_string())
        return cls(table["app"].to_numpy(dtype=np.int64), code.astype(np.int32), texts)

    def __len__(self) -> int:
        return len(self.app)

    def keys(self, rows: np.ndarray | None = None) -> pd.Series:
        """The keys of `rows` (all rows when None), in that order, as a text column made anew."""
        import pyarrow as pa

        code = self.code if rows is None else self.code[rows]
        return pd.Series(pd.array(self.vocab.take(pa.array(code, type=pa.int32())), dtype="str"), copy=False)

    def frame(self) -> pd.DataFrame:
        """The table as identity.key_table gives it: columns app (int64) and key (str)."""
        return pd.DataFrame({"app": self.app, "key": self.keys()})

    def positions(self, wanted) -> np.ndarray:
        """Per row: the position of its key in `wanted` (distinct texts), -1 when not there; found once per distinct
        key."""
        at = text_positions(pd.Series(pd.array(self.vocab, dtype="str"), copy=False), wanted)
        return at[self.code] if len(at) else np.full(len(self.code), -1, dtype=np.int64)
