"""Noise guards shared by methods: how much evidence a short term needs before it counts as a match.

- A one-character term matches only as the whole mark (exact); never inside a longer mark, by sound or by edit.
- Latin terms inside a longer Latin string need word boundaries: both ends for 4 letters or fewer, one end above.
- Spelled pinyin of a term of two syllables needs both word boundaries (or the whole mark).
- Edit distance is allowed only for terms of 5+ characters: 1 edit up to 9 characters, 2 edits from 10.
"""

from __future__ import annotations

import numpy as np

MIN_TERM_LEN = 2
SHORT_LATIN = 4
MIN_SPELLED = 5
MIN_PINYIN_CONTAINS_TOKENS = 3
MIN_VISUAL_CONTAINS = 3
MIN_LATIN_LEN = 3


def boundary_ok(starts_latin: np.ndarray, ends_latin: np.ndarray, pure_latin: np.ndarray, term_len: np.ndarray,
                start_bnd: np.ndarray, end_bnd: np.ndarray) -> np.ndarray:
    """Word-boundary rule for a term found inside a longer canonical mark (vectorized)."""
    start_ok = ~starts_latin | start_bnd
    end_ok = ~ends_latin | end_bnd
    both = start_ok & end_ok
    either = start_ok | end_ok
    long_latin = pure_latin & (term_len > SHORT_LATIN)
    return np.where(long_latin, either, both)


def max_edits(length: np.ndarray, min_similarity: int) -> np.ndarray:
    """Edits allowed for a string of `length`: 0 below 5 chars, 1 below 10, else 2; never more than min_similarity allows."""
    length = np.asarray(length, dtype=np.int64)
    cap = np.where(length < 5, 0, np.where(length < 10, 1, 2))
    by_threshold = ((100 - min_similarity) * length) // max(min_similarity, 1)
    return np.minimum(cap, by_threshold)
