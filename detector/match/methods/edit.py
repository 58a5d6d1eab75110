"""edit: a small typing change to a longer term (one or two characters added, dropped or replaced)."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from functools import partial
from typing import ClassVar

import numpy as np
import pandas as pd
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import cpdist

from detector.match import deletion_index, guards, similarity
from detector.match.context import MatchContext
from detector.match.form_table import FormTable
from detector.match.registry import MatchMethod, candidates, empty_candidates
from detector.match.term_index import TermIndex

MIN_TEXT_LEN = 3
MIN_SPELLED_SYLLABLES = 3


@dataclass(frozen=True)
class _TermSide:
    """The terms' side of the join at one threshold: term items (canonical form, plus the spelled pinyin of Han terms
    of 3+ syllables), their lengths and edit radii, and the deletion neighbourhood of the items with a radius,
    sorted by hash (deletion_index.sorted_by_hash)."""

    rows: np.ndarray
    strings: np.ndarray
    lengths: np.ndarray
    radius: np.ndarray
    selected: np.ndarray
    hashes: tuple[np.ndarray, np.ndarray]


# Per TermIndex and threshold: a list's terms are the same for every batch and intake check a warm matcher sees, and
# their neighbourhood took most of an intake check's edit method. Weak keys, not detector.object_memo (which keeps
# its objects alive): a batch's register-derived term index goes with its batch.
_SIDES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _term_side(terms: TermIndex, m: int) -> _TermSide:
    sides = _SIDES.setdefault(terms, {})
    if m not in sides:
        spelled_ok = terms.forms.has_han & (terms.forms.pinyin_tokens >= MIN_SPELLED_SYLLABLES)
        rows = np.concatenate([np.arange(len(terms)), np.flatnonzero(spelled_ok)])
        strings = np.concatenate([terms.forms.arr("canon"), terms.forms.arr("spelled")[spelled_ok]])
        lengths = np.fromiter((len(s) for s in strings), dtype=np.int64, count=len(strings))
        radius = guards.max_edits(lengths, m)
        selected = np.flatnonzero(radius > 0)
        hashes = deletion_index.sorted_by_hash(
            deletion_index.neighbourhood(strings[selected].tolist(), radius[selected])
        )
        sides[m] = _TermSide(rows, strings, lengths, radius, selected, hashes)
    return sides[m]


def _text_items(texts: FormTable) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, strings, lengths) of the text items: canonical form, plus core and the non-Han part of mixed marks."""
    mixed = np.flatnonzero(texts.has_han & texts.has_latin)
    core_rows = np.flatnonzero(texts.has_core)
    rows = np.concatenate([np.arange(texts.n), core_rows, mixed])
    strings = np.concatenate([texts.arr("canon"), texts.arr("core")[core_rows], texts.arr("latin")[mixed]])
    return rows, strings, np.fromiter((len(s) for s in strings), dtype=np.int64, count=len(strings))


class Edit(MatchMethod):
    """Levenshtein distance, length-aware (see guards.max_edits); candidates from deletion neighbourhoods."""

    name = "edit"
    reads_threshold = True  # the edit radius (guards.max_edits) follows the threshold
    label: ClassVar[dict[str, str]] = {
        "en": "the mark differs from a term of 5+ characters by one or two characters (typing variant)",
        "zh": "商标与五字及以上的名单词仅差一两个字符（增删改）",
    }

    def find(self, ctx: MatchContext) -> pd.DataFrame:
        texts, terms, m = ctx.texts, ctx.terms, ctx.min_similarity
        # The text items are made once for every list (FormTable.memo); their deletion neighbourhood at this
        # threshold per call: kept for every list, it held ~70 MB a worker at 1,000,000 filings (~0.02 s a list).
        t_rows, t_str, t_len = texts.memo(("edit items",), partial(_text_items, texts))
        t_radius = np.where(t_len >= MIN_TEXT_LEN, guards.max_edits(t_len + 2, m), 0)
        r = _term_side(terms, m)
        r_rows, r_str, r_len, r_radius = r.rows, r.strings, r.lengths, r.radius
        if not (t_radius.any() and r_radius.any()):
            return empty_candidates()
        t_sel = np.flatnonzero(t_radius > 0)
        ti, ri = deletion_index.shared(
            deletion_index.neighbourhood(t_str[t_sel].tolist(), t_radius[t_sel]), r.hashes, right_sorted=True
        )
        ti, ri = t_sel[ti], r.selected[ri]
        close = np.abs(t_len[ti] - r_len[ri]) <= r_radius[ri]
        ti, ri = ti[close], ri[close]
        if not len(ti):
            return empty_candidates()
        dist = cpdist(t_str[ti].tolist(), r_str[ri].tolist(), scorer=Levenshtein.distance, workers=-1).astype(np.int64)
        ok = (dist >= 1) & (dist <= r_radius[ri])
        ti, ri, dist = ti[ok], ri[ok], dist[ok]
        sim = similarity.edit(dist, t_len[ti], r_len[ri])
        return candidates(t_rows[ti], r_rows[ri], sim, t_str[ti])
