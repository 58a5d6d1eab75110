"""Similarity scores (0-100) of each kind of evidence, in one place so that docs and code agree.

A whole-mark identity is 100. A whole mark that equals the term after a disguise is undone scores 95. A term found
inside a longer mark scores from a base (90 for the term itself, 90 for a disguised term) plus a share of the
remaining points proportional to how much of the mark the term covers, so a bare suffix scores higher than a term
buried in a long mark. Weaker look-alikes (one derived 形近字 swap, one or two Latin letters that only resemble
each other) score 93 as the whole mark and 90-91 inside one: enough for lists matched at 85-90, never for rules
that ask 95 (a copy in another class). Edit similarity is the Levenshtein similarity
100 * (1 - distance / longer length), floored.
"""

from __future__ import annotations

import numpy as np

EXACT = 100
DISGUISED_EQUAL = 95
CONTAINS_BASE = 90
CONTAINS_SPREAD = 9
DISGUISED_CONTAINS_SPREAD = 5
WEAK_EQUAL = 93
WEAK_CONTAINS_SPREAD = 2


def contained(term_len: np.ndarray, text_len: np.ndarray, spread: int = CONTAINS_SPREAD) -> np.ndarray:
    """CONTAINS_BASE + spread * coverage (floored); coverage = term length / mark length < 1."""
    term_len = np.asarray(term_len, dtype=np.int64)
    text_len = np.maximum(np.asarray(text_len, dtype=np.int64), 1)
    return CONTAINS_BASE + (spread * term_len) // text_len


def edit(distance: np.ndarray, len_a: np.ndarray, len_b: np.ndarray) -> np.ndarray:
    """Levenshtein similarity: 100 * (longer - distance) // longer."""
    longer = np.maximum(np.maximum(len_a, len_b), 1).astype(np.int64)
    return (100 * (longer - np.asarray(distance, dtype=np.int64))) // longer
