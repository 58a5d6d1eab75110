"""Derived forms of many marks (distinct texts or terms) with the arrays the methods share, computed once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TypeVar

import numpy as np

from detector.match.guards import run_edges
from detector.normalize import form_lists, visual_chars
from detector.normalize.lookalike import fold_lookalikes, fold_weak
from detector.normalize.script import HAN
from detector.normalize.shape import shape_chars

T = TypeVar("T")


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def bigram_slot(first: np.ndarray, second: np.ndarray, slots: int) -> np.ndarray:
    """Hash slot of character pairs (code points) in a bitmap of `slots` (a power of two)."""
    return (first * 0x9E3779B1 + second) & (slots - 1)


def bigram_table(keys: Sequence[str], slots: int = 1 << 22) -> np.ndarray:
    """Bitmap of every character pair of `keys` (false positives only cost time)."""
    table = np.zeros(slots, dtype=bool)
    joined = _codes("\n".join(keys)).astype(np.int64)
    if len(joined) >= 2:
        table[bigram_slot(joined[:-1], joined[1:], slots)] = True
    return table


def boundary_flags(spaced_joined: str) -> tuple[np.ndarray, np.ndarray]:
    """Word boundaries of newline-joined spaced texts, in unspaced coordinates.

    Returns (flags, offsets): flags[offsets[i] + p] is True when a token boundary precedes character p of text i
    (p may equal the text's length: its end is always a boundary).
    """
    codes = _codes(spaced_joined)
    space = codes == 32
    before = np.empty(len(codes), dtype=bool)
    if len(codes):
        before[0] = True
        before[1:] = space[:-1] | (codes[:-1] == 10)
    before |= codes == 10
    flags = np.append(before[~space], True)
    kept = codes[~space]
    offsets = np.concatenate([[0], np.flatnonzero(kept == 10) + 1])
    return flags, offsets


class FormTable:
    """Forms of distinct marks (see detector.normalize.derive_forms) plus lengths, script flags and boundaries."""

    def __init__(self, texts: Sequence[str], forms: dict[str, list[str]] | None = None) -> None:
        """`forms`: form_lists(texts) made elsewhere (detector/normalize/forms_cache.py), else derived here."""
        self.forms = form_lists(texts) if forms is None else forms
        self.n = len(self.forms["raw"])

    def memo(self, key: tuple, make: Callable[[], T]) -> T:
        """make(), once per key for these texts: what a method derives from the texts alone (their row subsets,
        folds, joined strings, indexed values), which its call for every list would otherwise derive again. Never
        modified by the callers."""
        memo = self.__dict__.setdefault("_memo", {})
        if key not in memo:
            memo[key] = make()
        return memo[key]

    def rows(self, flag: str) -> np.ndarray:
        """The rows where the flag (a bool array attribute: has_latin, ascii_letters, has_visual_char ...) is set."""
        return self.memo(("rows", flag), lambda: np.flatnonzero(getattr(self, flag)))

    def joined_codes(self, form: str) -> np.ndarray:
        """The code points of the texts' `form` joined by newlines (int64)."""
        return self.memo(("codes", form), lambda: _codes("\n".join(self.forms[form])).astype(np.int64))

    def arr(self, name: str) -> np.ndarray:
        """A form as an object array."""
        key = f"_arr_{name}"
        if name == "weak_fold" and name not in self.forms:
            # the Latin look-alike folds folded once more by weak look-alikes (same length as latin_fold)
            self.forms[name] = fold_weak("\n".join(self.forms["latin_fold"])).split("\n") if self.n else []
        if key not in self.__dict__:
            self.__dict__[key] = np.array(self.forms[name], dtype=object)
        return self.__dict__[key]

    @cached_property
    def canon_len(self) -> np.ndarray:
        return np.fromiter((len(s) for s in self.forms["canon"]), dtype=np.int64, count=self.n)

    @cached_property
    def fold_len(self) -> np.ndarray:
        """Length of each text's Latin look-alike fold (every list's latin method reads it)."""
        return np.fromiter((len(s) for s in self.forms["latin_fold"]), dtype=np.int64, count=self.n)

    @cached_property
    def han_len(self) -> np.ndarray:
        return np.fromiter((len(s) for s in self.forms["han"]), dtype=np.int64, count=self.n)

    @cached_property
    def has_han(self) -> np.ndarray:
        return self.arr("han") != ""

    @cached_property
    def has_latin(self) -> np.ndarray:
        return self.arr("latin") != ""

    @cached_property
    def has_core(self) -> np.ndarray:
        """Texts whose core (Han part with its own pinyin/initials beside it) differs from the canonical form."""
        return self.arr("core") != self.arr("canon")

    @cached_property
    def starts_latin(self) -> np.ndarray:
        return np.array([bool(s) and HAN.match(s) is None for s in self.forms["canon"]], dtype=bool)

    @cached_property
    def ends_latin(self) -> np.ndarray:
        return np.array([bool(s) and HAN.match(s[-1]) is None for s in self.forms["canon"]], dtype=bool)

    @cached_property
    def ascii_letters(self) -> np.ndarray:
        """Texts whose non-Han part holds a Latin letter a-z."""
        table = np.zeros(0x40000, dtype=bool)
        table[ord("a") : ord("z") + 1] = True
        return self._holding(table, "latin")

    @cached_property
    def latin_only(self) -> np.ndarray:
        """Texts with no Han character and a canonical form."""
        return ~self.has_han & (self.canon_len > 0)

    @cached_property
    def pinyin_len(self) -> np.ndarray:
        """Length of each text's pinyin key."""
        return np.fromiter((len(k) for k in self.forms["pinyin"]), dtype=np.int64, count=self.n)

    @cached_property
    def pinyin_tokens(self) -> np.ndarray:
        return np.fromiter((k.count(" ") - 1 for k in self.forms["pinyin"]), dtype=np.int64, count=self.n)

    @cached_property
    def canon_bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Word boundaries over the canonical forms."""
        return boundary_flags("\n".join(self.forms["spaced"]))

    @cached_property
    def latin_bounds(self) -> tuple[np.ndarray, np.ndarray]:
        """Word boundaries over the Latin look-alike folds."""
        return boundary_flags(fold_lookalikes("\n".join(self.forms["spaced"])))

    def run_edges(self, bounds: str) -> tuple[np.ndarray, np.ndarray]:
        """guards.run_edges of the word boundaries `bounds` ("canon_bounds" or "latin_bounds"), made once."""
        key = f"_edges_{bounds}"
        if key not in self.__dict__:
            self.__dict__[key] = run_edges(getattr(self, bounds)[0])
        return self.__dict__[key]

    @cached_property
    def has_visual_char(self) -> np.ndarray:
        """Texts holding at least one character of the 形近字 table."""
        table = np.zeros(0x40000, dtype=bool)
        table[[ord(c) for c in visual_chars() if ord(c) < 0x40000]] = True
        return self._holding(table, "han")

    @cached_property
    def has_shape_char(self) -> np.ndarray:
        """Texts holding at least one character of the derived 形近字 table."""
        table = np.zeros(0x40000, dtype=bool)
        table[[ord(c) for c in shape_chars() if ord(c) < 0x40000]] = True
        return self._holding(table, "han")

    def holding_chain(self, table: np.ndarray, form: str) -> np.ndarray:
        """Per text: two consecutive character pairs of its `form` both flagged in `table` (a bitmap over
        bigram_slot)? A text holding a key of 3+ characters flagged pair by pair always passes (numpy prefilter)."""
        codes = self.joined_codes(form)
        if len(codes) < 3:
            return np.zeros(self.n, dtype=bool)
        pair = table[bigram_slot(codes[:-1], codes[1:], len(table))]
        hit = np.flatnonzero(pair[:-1] & pair[1:])
        newline = np.flatnonzero(codes == 10)
        out = np.zeros(self.n, dtype=bool)
        out[np.searchsorted(newline, hit)] = True
        return out

    def _holding(self, table: np.ndarray, form: str) -> np.ndarray:
        """Per text: does its `form` hold a character flagged in `table` (a bool array over code points)?"""
        codes = self.joined_codes(form)
        hit = table[np.minimum(codes, len(table) - 1)] & (codes != 10)
        newline = np.flatnonzero(codes == 10)
        out = np.zeros(self.n, dtype=bool)
        out[np.searchsorted(newline, np.flatnonzero(hit))] = True
        return out
