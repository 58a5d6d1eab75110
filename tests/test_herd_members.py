"""herd._members on arrays gives the text the loop per (term, actor) gave: the other actors of the term whose first
filing lies within ±HERD_DAYS, the first MAX_MEMBERS_SHOWN by date, then '+N' (seeded batches of waves: wide and
narrow windows, lone actors, actors filing a term many times)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detector.metrics.filing.herd import HERD_DAYS, MAX_MEMBERS_SHOWN, _members
from detector.sorted_sets import search


def _members_one_by_one(wave: pd.DataFrame, firsts: pd.DataFrame, names: np.ndarray, marks: np.ndarray) -> list[str]:
    """_members as it was written: a loop turn per distinct (term, actor)."""
    firsts = firsts.sort_values(["t", "d", "row"], kind="stable")
    ft, fa, fd, frow = (firsts[c].to_numpy() for c in ("t", "a", "d", "row"))
    wt, wa, wd = (wave[c].to_numpy().astype(np.int64) for c in ("t", "a", "d"))
    span = int(max(fa.max(), wa.max())) + 1
    pair, at = np.unique(wt * span + wa, return_index=True)
    t, a, d = wt[at], wa[at], wd[at]
    low = int(min(fd.min(), d.min()))
    width = int(max(fd.max(), d.max())) - low + 2 * HERD_DAYS + 2
    ordered = ft.astype(np.int64) * width + (fd.astype(np.int64) - low + HERD_DAYS)
    here = t * width + (d - low + HERD_DAYS)
    los = search(ordered, here - HERD_DAYS, side="left").tolist()
    his = search(ordered, here + HERD_DAYS, side="right").tolist()
    dates: dict[int, str] = {}
    texts = []
    for actor, lo, hi in zip(a.tolist(), los, his):
        n_near = int(np.count_nonzero(fa[lo:hi] != actor))
        first = []
        for i in range(lo, hi):
            if len(first) == MAX_MEMBERS_SHOWN:
                break
            if fa[i] != actor:
                first.append(i)
        for i in first:
            if int(fd[i]) not in dates:
                dates[int(fd[i])] = f"{pd.Timestamp(int(fd[i]), unit='D'):%Y-%m-%d}"
        shown = [f"{names[frow[i]]} {dates[int(fd[i])]} {marks[frow[i]]}" for i in first]
        more = n_near - len(shown)
        texts.append("; ".join(shown) + (f"; +{more}" if more > 0 else ""))
    return np.asarray(texts, dtype=object)[search(pair, wt * span + wa)].tolist()


def _batch(seed: int, n_terms: int, n_actors: int, n_filings: int, days: int):
    """Filings (term, actor, day, row) with one first filing per (term, actor), as herd._waves makes them, and the
    wave rows: every filing of the pairs in a wave (a pair filing several times gives several rows)."""
    rng = np.random.default_rng(seed)
    t = rng.integers(0, n_terms, n_filings)
    a = rng.integers(0, n_actors, n_filings)
    d = 19_000 + rng.integers(0, days, n_filings)
    row = rng.permutation(n_filings)
    order = np.lexsort((row, d, a, t))
    first = order[np.r_[True, (t[order][1:] != t[order][:-1]) | (a[order][1:] != a[order][:-1])]]
    firsts = pd.DataFrame({"t": t[first], "a": a[first], "d": d[first], "row": row[first]})
    first_day = dict(zip(zip(firsts["t"].tolist(), firsts["a"].tolist()), firsts["d"].tolist()))
    in_wave = rng.random(n_filings) < 0.5
    wave = pd.DataFrame(
        {
            "t": t[in_wave],
            "a": a[in_wave],
            "d": [first_day[(x, y)] for x, y in zip(t[in_wave].tolist(), a[in_wave].tolist())],
            "row": row[in_wave],
        }
    )
    names = np.array([f"申请人{i}" for i in range(n_filings)], dtype=object)
    marks = np.array([f"商标{i % 97}" for i in range(n_filings)], dtype=object)
    return wave, firsts, names, marks


@pytest.mark.parametrize(
    "seed, n_terms, n_actors, n_filings, days",
    [
        (1, 3, 40, 400, 30),  # crowded windows: more than MAX_MEMBERS_SHOWN others, '+N'
        (2, 20, 500, 600, 400),  # sparse: lone actors, empty member lists
        (3, 5, 15, 900, 90),  # few actors filing each term many times
        (4, 1, 2, 5, 10),  # two actors
    ],
)
def test_members_on_arrays_equal_the_loop(seed, n_terms, n_actors, n_filings, days):
    wave, firsts, names, marks = _batch(seed, n_terms, n_actors, n_filings, days)
    got = _members(wave, firsts, names, marks)
    assert got == _members_one_by_one(wave, firsts, names, marks)
    assert len(got) == len(wave)


def test_crowded_windows_show_eight_members_then_the_rest_as_a_count():
    wave, firsts, names, marks = _batch(1, 3, 40, 400, 30)
    texts = _members(wave, firsts, names, marks)
    crowded = [x for x in texts if "; +" in x]
    assert crowded and all(x.count("申请人") == MAX_MEMBERS_SHOWN for x in crowded)
    assert any(x == "" for x in _members(*_batch(2, 20, 500, 600, 400)))
