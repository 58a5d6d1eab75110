"""graphs.links.build.Links.frame sorted on the texts' ranks (pyarrow) gives the table the sort of the texts gave:
ids, link types and values in Python string order (prefixes, digits, CJK, case), equal rows in their first order,
the same dtypes; a column holding something other than text takes the sort of the texts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import graphs.links.build as build
from detector.text_ranks import ranked_text
from graphs.links.build import Links
from graphs.links.registry import empty_hubs

IDS = ["A1", "A10", "A2", "a1", "91440300MA5", "9144030", "张三", "張三", "李四", "B", "b", "", "Z" * 30, "1", "10"]


def _links(seed: int, n: int, values: list | None = None) -> tuple[Links, np.ndarray]:
    rng = np.random.default_rng(seed)
    ids = np.array(IDS + [f"ID{i:05d}" for i in range(200)], dtype=object)
    a = rng.integers(0, len(ids), n)
    b = (a + 1 + rng.integers(0, len(ids) - 1, n)) % len(ids)
    a, b = np.minimum(a, b), np.maximum(a, b)
    types = np.array(["phone", "email", "address", "legal_representative"], dtype=object)[rng.integers(0, 4, n)]
    pool = values or ["13800000000", "王伟", "深圳市南山区1号", "x@y.cn", "Ab", "ab", "王", "1", "10", "2"]
    value = np.array(pool, dtype=object)[rng.integers(0, len(pool), n)]
    weight = rng.random(n).round(2)
    return Links(a, b, types, value, weight, empty_hubs()), ids


def _sorted_on_texts(links: Links, ids: np.ndarray, monkeypatch) -> pd.DataFrame:
    monkeypatch.setattr(build, "RANKED_FROM", 10**12)
    try:
        return links.frame(ids)
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize("seed, n", [(1, 500), (2, 3000), (3, 40)])
def test_ranked_frame_equals_the_sort_of_the_texts(seed, n, monkeypatch):
    links, ids = _links(seed, n)
    expected = _sorted_on_texts(links, ids, monkeypatch)
    monkeypatch.setattr(build, "RANKED_FROM", 0)
    got = links.frame(ids)
    assert got.equals(expected)
    assert list(got.dtypes) == list(expected.dtypes)
    assert got.index.equals(expected.index)


def test_equal_rows_keep_their_first_order(monkeypatch):
    links, ids = _links(4, 2000, values=["same"])  # many rows equal but for the weight
    expected = _sorted_on_texts(links, ids, monkeypatch)
    monkeypatch.setattr(build, "RANKED_FROM", 0)
    assert links.frame(ids)["weight"].tolist() == expected["weight"].tolist()


def test_a_value_that_is_no_text_takes_the_sort_of_the_texts(monkeypatch):
    links, ids = _links(5, 300)
    links.value[7] = None
    assert ranked_text(links.value) is None
    expected = _sorted_on_texts(links, ids, monkeypatch)
    monkeypatch.setattr(build, "RANKED_FROM", 0)
    assert links.frame(ids).equals(expected)


def test_ranks_order_texts_as_python_does():
    texts = np.array(["b", "a", "", "張", "张", "a", "A", "ab", "é", "e\u0301"], dtype=object)
    rank, array = ranked_text(texts)
    assert sorted(texts.tolist()) == [t for _, t in sorted(zip(rank.tolist(), texts.tolist()))]
    assert rank[1] == rank[5] and array.to_pylist() == texts.tolist()
