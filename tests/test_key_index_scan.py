"""KeyIndex.scan: the pass over many strings joined by newlines finds what a pass over each string finds."""

from __future__ import annotations

import random

import numpy as np

from detector.match.key_index import JOINED_SCAN_MIN, KeyIndex, ScanTexts


def _one_by_one(index: KeyIndex, strings: list[str], rows: np.ndarray) -> list[tuple[int, int, int, int]]:
    """Every occurrence found string by string, straight from the automaton."""
    out = []
    for row, text in zip(rows.tolist(), strings):
        for end, key in index.automaton.iter(text):
            out.append((row, key, end + 1 - int(index.key_len[key]), end + 1))
    return out


def _found(occ) -> list[tuple[int, int, int, int]]:
    return list(zip(occ.row.tolist(), occ.key.tolist(), occ.start.tolist(), occ.end.tolist()))


def test_the_joined_scan_finds_each_strings_occurrences_in_order():
    rng = random.Random(7)
    alphabet = "耐克阿迪冰墩ab\n 1"
    keys = np.array(["耐克", "克", "冰墩墩", "ab", "b1", "阿迪达斯", "墩", "耐克耐克"], dtype=object)
    index = KeyIndex(keys, np.ones(len(keys), dtype=bool))
    strings = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3 * JOINED_SCAN_MIN)]
    strings += ["", "耐克耐克耐克", "冰墩墩\n冰墩墩", "x" * 40]
    rows = np.arange(len(strings), dtype=np.int64) * 3 + 5  # row ids other than positions
    occ = index.scan(strings, rows)
    assert index.newline_free
    assert len(occ) > 100
    assert _found(occ) == _one_by_one(index, strings, rows)
    assert all(strings[(r - 5) // 3][s:e] == keys[k] for r, k, s, e in _found(occ))


def test_a_key_holding_a_newline_is_scanned_string_by_string():
    keys = np.array(["a\nb", "ab"], dtype=object)
    index = KeyIndex(keys, np.ones(2, dtype=bool))
    strings = ["a", "b", "ab"] * JOINED_SCAN_MIN
    rows = np.arange(len(strings), dtype=np.int64)
    assert not index.newline_free
    occ = index.scan(strings, rows)
    assert _found(occ) == _one_by_one(index, strings, rows)
    assert set(occ.key.tolist()) == {1}  # "a" then "b" in two strings is no "a\nb"


def test_no_occurrence_and_few_strings():
    index = KeyIndex(np.array(["耐克"], dtype=object), np.ones(1, dtype=bool))
    many = ["阿迪"] * JOINED_SCAN_MIN
    assert len(index.scan(many, np.arange(len(many)))) == 0
    few = ["耐克", "阿迪耐克"]
    assert _found(index.scan(few, np.array([4, 9]))) == [(4, 0, 0, 2), (9, 0, 2, 4)]


def test_texts_joined_once_scan_as_the_strings():
    """ScanTexts (the strings joined once, every list's index scanning them) gives scan()'s occurrences, for the
    joined pass, a key holding a newline and few strings alike."""
    rng = random.Random(11)
    alphabet = "耐克阿迪冰墩ab 1"
    strings = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10))) for _ in range(2 * JOINED_SCAN_MIN)]
    rows = np.arange(len(strings), dtype=np.int64) * 2 + 1
    texts = ScanTexts.of(strings, rows)
    for keys in (["耐克", "克", "冰墩", "ab", "b 1"], ["a\nb", "ab"], ["阿迪"]):
        index = KeyIndex(np.array(keys, dtype=object), np.ones(len(keys), dtype=bool))
        assert _found(index.scan_texts(texts)) == _found(index.scan(strings, rows))
    few = ScanTexts.of(strings[:3], rows[:3])
    index = KeyIndex(np.array(["耐克", "a"], dtype=object), np.ones(2, dtype=bool))
    assert _found(index.scan_texts(few)) == _one_by_one(index, strings[:3], rows[:3])
