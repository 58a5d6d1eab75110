"""herd._members on arrays gives the text its definition gives (a brute-force search per wave row): the other
actors of the term whose first filing lies within ±HERD_DAYS, the first MAX_MEMBERS_SHOWN by date, then '+N'
(seeded batches of waves: wide and narrow windows, lone actors, actors filing a term many times)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detector.metrics.filing.herd import HERD_DAYS, MAX_MEMBERS_SHOWN, _members


def _members_one_by_one(wave: pd.DataFrame, firsts: pd.DataFrame, names: np.ndarray, marks: np.ndarray) -> list[str]:
    """What _members says of each wave row, by its definition: every first filing of the same term by another actor
    within ±HERD_DAYS of the row's day, by date (then filing row); the first MAX_MEMBERS_SHOWN named, then '+N'."""
    by_term: dict[int, list[tuple[int, int, int]]] = {}
    for t, a, d, row in firsts[["t", "a", "d", "row"]].itertuples(index=False):
        by_term.setdefault(int(t), []).append((int(d), int(row), int(a)))
    texts = []
    for t, a, d in wave[["t", "a", "d"]].itertuples(index=False):
        near = sorted((fd, row) for fd, row, fa in by_term[int(t)] if fa != a and abs(fd - int(d)) <= HERD_DAYS)
        shown = [
            f"{names[row]} {pd.Timestamp(fd, unit='D'):%Y-%m-%d} {marks[row]}" for fd, row in near[:MAX_MEMBERS_SHOWN]
        ]
        more = len(near) - len(shown)
        texts.append("; ".join(shown) + (f"; +{more}" if more > 0 else ""))
    return texts


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
