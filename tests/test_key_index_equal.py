"""KeyIndex.equal_values: the texts' values indexed once (ValueIndex) give the pairs equal() gives, whichever side is
looked up among the other."""

from __future__ import annotations

import random

import numpy as np

from detector.match.key_index import KeyIndex, ValueIndex


def _pairs(found: tuple[np.ndarray, np.ndarray]) -> list[tuple[int, int]]:
    return list(zip(found[0].tolist(), found[1].tolist()))


def test_equal_values_as_equal_from_both_sides():
    rng = random.Random(3)
    words = ["耐克", "nike", "冰墩墩", "", "bing dun dun", "雪碧", "xuebi", "康师傅", "kangshifu", "a"]
    values = np.array([rng.choice(words + [f"w{i}" for i in range(300)]) for _ in range(5_000)], dtype=object)
    values[::97] = None  # a missing value is no key
    rows = np.arange(len(values), dtype=np.int64) * 2 + 3
    for n_keys in (3, 40, 2_000):  # fewer keys than distinct values, and more
        pool = [f"w{i}" for i in range(2_500)] + words[2:]
        keys = np.array(["冰墩墩", "nike", *rng.sample(pool, n_keys)[2:]], dtype=object)
        keys = np.array(list(dict.fromkeys(keys.tolist())), dtype=object)
        eligible = np.array([i < 2 or rng.random() < 0.9 for i in range(len(keys))], dtype=bool)
        index = KeyIndex(np.concatenate([keys, keys[:2]]), np.concatenate([eligible, [True, True]]))  # shared keys
        found = index.equal_values(ValueIndex.of(values), rows)
        assert _pairs(found) == _pairs(index.equal(values, rows))
        assert len(found[0]) > 0
    empty = KeyIndex(np.array([], dtype=object), np.array([], dtype=bool))
    assert _pairs(empty.equal_values(ValueIndex.of(values), rows)) == []
