"""Term keys of one form (canonical, pinyin key, fold ...): equality join and an Aho-Corasick automaton."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import cached_property

import ahocorasick
import numpy as np
import pandas as pd

from detector.runs import run_positions

FEW_VALUES = 64  # up to this many values, equal() looks each up in a dict
# From this many strings, scan() runs the automaton once over them joined by newlines: a partition's ~150 scans of
# ~2,000,000 strings took 0.36 s one by one (an iterator and a Python loop turn per string; few strings hold a key)
# against 0.22 s joined.
JOINED_SCAN_MIN = 64


@dataclass(frozen=True)
class KeyOccurrences:
    """Every occurrence of a key inside the scanned strings, as parallel arrays: the string's row, the key id, its
    start and end (exclusive). Arrays, not a frame: an intake check scans one mark some fifty times, and building a
    frame for each scan cost more than the scan."""

    row: np.ndarray
    key: np.ndarray
    start: np.ndarray
    end: np.ndarray

    def __len__(self) -> int:
        return len(self.row)


@dataclass(frozen=True)
class ScanTexts:
    """Strings to scan with their rows, joined by newlines once: every list's index scans the same texts' form, and
    joining a partition's ~50,000 strings took ~0.7 ms a scan."""

    strings: list[str]
    rows: np.ndarray
    joined: str
    offset: np.ndarray  # where each string begins in `joined`

    @classmethod
    def of(cls, strings: list[str], rows: np.ndarray) -> ScanTexts:
        span = np.fromiter(map(len, strings), dtype=np.int64, count=len(strings)) + 1
        return cls(strings, np.asarray(rows, dtype=np.int64), "\n".join(strings), np.cumsum(span) - span)


@dataclass(frozen=True)
class ValueIndex:
    """Values to look up among the keys, as their distinct values (an Index, its hash table built on the first lookup
    and kept) and each value's position among them: the texts' forms, which every list's index looks up."""

    codes: np.ndarray
    distinct: pd.Index

    @classmethod
    def of(cls, values: np.ndarray) -> ValueIndex:
        codes, distinct = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=False)
        return cls(np.asarray(codes, dtype=np.int64), pd.Index(distinct, dtype=object))

    def __len__(self) -> int:
        return len(self.codes)


class KeyIndex:
    """Distinct keys of the eligible terms, each mapped to its term indices (CSR)."""

    def __init__(self, keys: np.ndarray, eligible: np.ndarray) -> None:
        terms = np.flatnonzero(eligible & (keys != ""))
        codes, uniques = pd.factorize(pd.Series(keys[terms], dtype=object))
        order = np.argsort(codes, kind="stable")
        self.keys = np.asarray(uniques, dtype=object)
        self.term_of = terms[order]
        self.ptr = np.searchsorted(codes[order], np.arange(len(uniques) + 1))
        self.key_len = np.fromiter((len(k) for k in self.keys), dtype=np.int64, count=len(self.keys))

    def __len__(self) -> int:
        return len(self.keys)

    def expand(self, rows: np.ndarray, key_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row, term) pairs for rows that hit key ids."""
        counts = self.ptr[key_ids + 1] - self.ptr[key_ids]
        return np.repeat(rows, counts), self.term_of[run_positions(self.ptr[key_ids], counts)]

    def equal(self, values: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row, term) pairs where values[i] equals a key (rows[i] is the row id of values[i])."""
        if not len(self.keys) or not len(values):
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        if len(values) <= FEW_VALUES:  # an intake check's few texts: a dict lookup each, no index built around them
            position = self.position
            key_ids = np.fromiter((position.get(v, -1) for v in values), dtype=np.int64, count=len(values))
        else:
            key_ids = self.lookup.get_indexer(pd.Index(values, dtype=object))
        return self._found_pairs(rows, key_ids)

    def equal_values(self, values: ValueIndex, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """equal() of the values of `values`: the same pairs, by way of their distinct values, looked up from the
        smaller side (a list of a few dozen keys looks each key up among some 50,000 distinct texts, instead of every
        text among its keys: ~0.6 ms a lookup saved, some ten per list and partition)."""
        if not len(self.keys) or not len(values):
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        if len(self.keys) < len(values.distinct):
            at = values.distinct.get_indexer(self.lookup)  # each key's position among the distinct values, or -1
            key_of = np.full(len(values.distinct), -1, dtype=np.int64)
            hit = at >= 0
            key_of[at[hit]] = np.flatnonzero(hit)
        else:
            key_of = self.lookup.get_indexer(values.distinct)
        return self._found_pairs(rows, key_of[values.codes])

    def _found_pairs(self, rows: np.ndarray, key_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row, term) pairs of the rows whose key id is found (>= 0)."""
        found = key_ids >= 0
        if not found.any():
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
        return self.expand(np.asarray(rows)[found], key_ids[found])

    def prepare(self) -> None:
        """Build what equal() and scan() read of all keys for many values now: the lookup (its Index and hash table)
        and whether a key holds a newline. Made before forked workers start, they share it; a worker making its own
        reads every key, which copies the pages holding them (a 170,000-mark register's indexes: ~50 MB a worker at
        1,000,000 filings)."""
        if len(self.keys):
            self.lookup.get_indexer(self.lookup[:1])
            _ = self.newline_free

    @cached_property
    def position(self) -> dict[str, int]:
        """Key -> key id (the keys are distinct), for lookups of a few values."""
        return {k: i for i, k in enumerate(self.keys.tolist())}

    @cached_property
    def lookup(self) -> pd.Index:
        """The keys as an Index: its hash table is built on the first lookup and kept for the next ones. Both sides
        stay Python objects: pandas would otherwise convert every text to a pyarrow string first (5x the time)."""
        return pd.Index(self.keys, dtype=object)

    @cached_property
    def automaton(self) -> ahocorasick.Automaton:
        """Aho-Corasick automaton over the keys; the payload is the key id, stored as a plain integer: a stored Python
        int is handed out (its reference count written) at every hit, so a forked worker scanning the parent's
        automaton copied the page of every key id it found (~15 MB a worker for the register at 1,000,000
        filings)."""
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for i, key in enumerate(self.keys):
            automaton.add_word(key, i)
        automaton.make_automaton()
        return automaton

    @cached_property
    def newline_free(self) -> bool:
        """No key holds a newline: no occurrence in strings joined by newlines spans two of them."""
        return not any("\n" in k for k in self.keys.tolist())

    def scan(self, strings: list[str], rows: np.ndarray) -> KeyOccurrences:
        """Every occurrence of a key inside strings[i]: row, key, start, end (end exclusive), in string order, then
        in the order the automaton finds them in the string."""
        if not len(self.keys):
            return KeyOccurrences(*(np.empty(0, dtype=np.int64) for _ in range(4)))
        if len(strings) >= JOINED_SCAN_MIN and self.newline_free:
            return self._scan_joined(ScanTexts.of(strings, rows))
        automaton = self.automaton
        out_row: list[int] = []
        out_key: list[int] = []
        out_end: list[int] = []
        for row, text in zip(rows.tolist(), strings):
            for end, key in automaton.iter(text):
                out_row.append(row)
                out_key.append(key)
                out_end.append(end)
        key = np.asarray(out_key, dtype=np.int64)
        end = np.asarray(out_end, dtype=np.int64) + 1
        return KeyOccurrences(np.asarray(out_row, dtype=np.int64), key, end - self.key_len[key], end)

    def scan_texts(self, texts: ScanTexts) -> KeyOccurrences:
        """scan(texts.strings, texts.rows), over the strings already joined when it runs joined."""
        if len(self.keys) and len(texts.strings) >= JOINED_SCAN_MIN and self.newline_free:
            return self._scan_joined(texts)
        return self.scan(texts.strings, texts.rows)

    def _scan_joined(self, texts: ScanTexts) -> KeyOccurrences:
        return scan_joined(self.automaton, self.key_len, texts)


def scan_joined(automaton, key_len: np.ndarray, texts: ScanTexts) -> KeyOccurrences:
    """Every occurrence of `automaton`'s keys (each added with its position, `key_len` its lengths) in `texts`, in
    one pass over the strings joined by newlines: no key holds one, so the automaton is back at its root after each
    string and finds in it what a pass over it alone finds, in the same order."""
    found = np.fromiter(itertools.chain.from_iterable(automaton.iter(texts.joined)), dtype=np.int64).reshape(-1, 2)
    if not len(found):
        return KeyOccurrences(*(np.empty(0, dtype=np.int64) for _ in range(4)))
    key, end = found[:, 1], found[:, 0] + 1
    start = end - key_len[key]
    offset = texts.offset
    which = np.searchsorted(offset, start, side="right") - 1
    return KeyOccurrences(texts.rows[which], key, start - offset[which], end - offset[which])
