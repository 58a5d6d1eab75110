"""Edit-distance candidates by deletion neighbourhoods (SymSpell idea), hashed and joined in numpy.

If Levenshtein(a, b) <= k, deleting at most k characters from each leaves a common string. Every string gets the
64-bit polynomial hashes of all its variants with up to r deletions (r = 0, 1 or 2 by length and threshold), computed
from prefix sums without building the variants; texts and terms sharing a hash are candidates, then verified with
rapidfuzz. Cost grows with the number of variants and shared hashes, never with texts x terms.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

from detector.runs import run_positions

_BASE = 0x100000001B3
_MASK = (1 << 64) - 1
_INV = pow(_BASE, -1, 1 << 64)
MAX_LEN = 32
_FILTER_SLOTS = 1 << 25


def _powers(n: int) -> np.ndarray:
    return np.array([pow(_BASE, j, 1 << 64) for j in range(n)], dtype=np.uint64)


def _group_hashes(strings: list[str], n: int, radius: int) -> np.ndarray:
    """Hashes (m x variants) of equal-length strings with up to `radius` deletions."""
    m = len(strings)
    codes = np.frombuffer("".join(strings).encode("utf-32-le"), dtype=np.uint32).reshape(m, n).astype(
        np.uint64
    ) + np.uint64(1)
    prefix = np.zeros((m, n + 1), dtype=np.uint64)
    with np.errstate(over="ignore"):
        np.cumsum(codes * _powers(n), axis=1, out=prefix[:, 1:])
        total = prefix[:, n : n + 1]
        inv, inv2 = np.uint64(_INV), np.uint64(pow(_INV, 2, 1 << 64))
        cols = [total]
        if radius >= 1:
            cols.append(prefix[:, :n] + (total - prefix[:, 1:]) * inv)
        if radius >= 2 and n >= 2:
            p, q = np.array(list(combinations(range(n), 2))).T
            cols.append(prefix[:, p] + (prefix[:, q] - prefix[:, p + 1]) * inv + (total - prefix[:, q + 1]) * inv2)
    return np.concatenate(cols, axis=1)


def neighbourhood(strings: list[str], radius: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(hash, item) for every variant of strings[item] with up to radius[item] deletions (items <= MAX_LEN chars)."""
    lengths = np.fromiter((len(s) for s in strings), dtype=np.int64, count=len(strings))
    radius = np.asarray(radius, dtype=np.int64)
    usable = (lengths > 0) & (lengths <= MAX_LEN)
    hashes, items = [], []
    for n, r in sorted({(int(a), int(b)) for a, b in zip(lengths[usable], radius[usable])}):
        idx = np.flatnonzero(usable & (lengths == n) & (radius == r))
        h = _group_hashes([strings[i] for i in idx], n, r)
        hashes.append(h.ravel())
        items.append(np.repeat(idx, h.shape[1]))
    if not hashes:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    return np.concatenate(hashes), np.concatenate(items)


def sorted_by_hash(side: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """A neighbourhood (hash, item) sorted by hash (stable): what shared() joins against, made once for a side that
    is joined many times (a list's terms, for every batch or intake check)."""
    hashes, items = side
    order = np.argsort(hashes, kind="stable")
    return hashes[order], items[order]


# Below this many left hashes the bitmap (a 32 MB table zeroed and filled for every join) costs more than the binary
# searches it saves: an intake check has a few dozen.
BITMAP_MIN_LEFT = 1 << 16


def filter_slots(n_right: int) -> int:
    """Slots of the bitmap shared() filters with: ~64 per right hash (a left hash passes by chance ~1.5 % of the time),
    a power of two between 2**16 and _FILTER_SLOTS. A list of a few hundred terms no longer zeroes a 32 MB table at
    every join (~7 ms for 400,000 text hashes, ~1 ms with the sized table; 8,192 page faults)."""
    wanted = 1 << (64 * max(n_right, 1) - 1).bit_length()  # the power of two at or above 64 per right hash
    return min(_FILTER_SLOTS, max(1 << 16, wanted))


def shared(
    left: tuple[np.ndarray, np.ndarray], right: tuple[np.ndarray, np.ndarray], right_sorted: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (left item, right item) pairs that share at least one hash. `right_sorted`: `right` comes from
    sorted_by_hash()."""
    rh, ri = right if right_sorted else sorted_by_hash(right)
    lh, li = left
    if len(lh) >= BITMAP_MIN_LEFT:
        # a bitmap of the right hashes drops nearly all left hashes before the searches
        slots = filter_slots(len(rh))
        bitmap = np.zeros(slots, dtype=bool)
        bitmap[(rh & np.uint64(slots - 1)).astype(np.int64)] = True
        keep = bitmap[(lh & np.uint64(slots - 1)).astype(np.int64)]
        lh, li = lh[keep], li[keep]
    lo = np.searchsorted(rh, lh, side="left")
    hi = np.searchsorted(rh, lh, side="right")
    counts = hi - lo
    if not counts.sum():
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.int64)
    left_items = np.repeat(li, counts)
    right_items = ri[run_positions(lo, counts)]
    width = int(right_items.max()) + 1
    pairs = np.unique(left_items.astype(np.int64) * width + right_items)
    return pairs // width, pairs % width
