"""detector.normalize.key_pairs: key codes in text order, integer joins and rows' keys, against plain Python."""

from __future__ import annotations

import numpy as np

from detector.normalize.key_pairs import RowKeys, coded, equal_pairs


def test_codes_rank_the_keys_in_text_order():
    vocab, (first, second) = coded([["n:乙", "i:b"], [], ["n:甲"]], [["n:乙"], ["i:a", "n:丙"]])
    assert vocab.tolist() == sorted({"n:乙", "i:b", "n:甲", "i:a", "n:丙"})
    assert [vocab[c] for c in first.of(np.array([7]), np.array([0]))[1]] == ["n:乙", "i:b"]
    assert first.of(np.array([7]), np.array([1]))[1].tolist() == []
    rows, codes = second.pairs()
    assert rows.tolist() == [0, 1, 1] and [vocab[c] for c in codes] == ["n:乙", "i:a", "n:丙"]


def test_equal_pairs_is_the_inner_join():
    rng = np.random.default_rng(3)
    left, right = rng.integers(0, 30, 200), rng.integers(0, 30, 150)
    i, j = equal_pairs(left, right)
    got = sorted(zip(i.tolist(), j.tolist()))
    assert got == [(a, b) for a in range(200) for b in range(150) if left[a] == right[b]]


def test_row_keys_join_and_table_as_sets_and_loops_do():
    """Per row its distinct keys in text order; the key table gives a row's own keys first, then its other keys."""
    own = [["i:x", "n:甲"], [], ["n:乙"], ["i:z"]]
    pairs = [(0, "n:丁"), (0, "n:甲"), (0, "n:丁"), (2, "i:x"), (2, "n:乙"), (4, "n:甲")]  # row 4: a party
    vocab, (own_lists, related) = coded(own, [[k] for _, k in pairs])
    keys = RowKeys.of(np.array([r for r, _ in pairs]), related.codes[related.start], vocab, own_lists)
    assert list(keys.joined(4, "\n")) == ["n:丁\nn:甲", "", "i:x\nn:乙", ""]
    table = keys.key_table(4)
    assert list(zip(table["app"].tolist(), table["key"].tolist())) == [
        (0, "i:x"),
        (0, "n:甲"),
        (0, "n:丁"),
        (2, "n:乙"),
        (2, "i:x"),
        (3, "i:z"),
    ]


def test_long_key_lists_rank_by_pyarrow_as_pandas_does():
    """From RANKED_FROM keys pyarrow ranks them (UTF-8 byte order is Python's string order); a key pyarrow cannot
    encode (a lone surrogate) sends the lists back to pandas. Both give pandas' codes and vocabulary."""
    import pandas as pd

    from detector.text_ranks import RANKED_FROM

    rng = np.random.default_rng(11)
    pool = ["n:" + "".join(chr(c) for c in rng.integers(0x41, 0x9FFF, rng.integers(1, 4))) for _ in range(3000)]
    pool += ["i:9", "i:10", "n:é", "n:e\u0301", "n:𠀀", "n:\uffff"]  # digits as text, combining marks, astral plane
    groups = [[list(rng.choice(pool, rng.integers(0, 4))) for _ in range(RANKED_FROM // 2)] for _ in range(2)]
    for extra in ([], [["n:\ud800"]]):
        both = (groups[0] + extra, groups[1])
        vocab, lists = coded(*both)
        flat = np.array([k for group in both for keys in group for k in keys], dtype=object)
        want_codes, want_vocab = pd.factorize(flat, sort=True)
        assert vocab.tolist() == list(want_vocab)
        got = np.concatenate([lists[0].pairs()[1], lists[1].pairs()[1]])
        assert got.tolist() == want_codes.tolist()
