"""All unordered pairs of members inside groups, vectorized (no per-group Python loop)."""

from __future__ import annotations

import numpy as np


def pairs_within_groups(group: np.ndarray, member: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For rows (group code, member code), every pair (a < b) of distinct members sharing a group.

    Returns (group, a, b) arrays. Callers cap group sizes first: a group of n members yields n*(n-1)/2 pairs.
    """
    if len(group) == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    order = np.lexsort((member, group))
    g = np.asarray(group, dtype=np.int64)[order]
    m = np.asarray(member, dtype=np.int64)[order]
    keep = np.ones(len(g), dtype=bool)
    keep[1:] = (g[1:] != g[:-1]) | (m[1:] != m[:-1])  # one row per (group, member)
    g, m = g[keep], m[keep]
    starts = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    sizes = np.diff(np.r_[starts, len(g)])
    group_start = np.repeat(starts, sizes)
    offset = np.arange(len(g)) - group_start
    group_size = np.repeat(sizes, sizes)
    partners = group_size - 1 - offset  # members after this one in its group
    total = int(partners.sum())
    if total == 0:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    left = np.repeat(np.arange(len(g)), partners)
    run_start = np.repeat(np.cumsum(partners) - partners, partners)
    right = left + 1 + (np.arange(total) - run_start)
    a, b = m[left], m[right]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    return g[left], lo, hi
