"""Property tests: the fast paths held against slow, obviously correct references (RapidFuzz-style)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from detector.match import METHODS, Matcher, deletion_index
from detector.normalize import canonical, canonical_list, lexicon, pinyin_key, pinyin_keys, spaced_many

MARK_CHARS = st.sampled_from(
    list("冰墩敦雪容融北京天问闻小米麦长城重庆行 -·ＮＩＫＥnikeAB01lI５鍾愛") + ["\u3000", "™"]
)
marks = st.text(MARK_CHARS, max_size=10)
any_text = st.text(max_size=12)


@given(any_text)
@settings(max_examples=300, deadline=None)
def test_canonical_is_idempotent(text):
    assert canonical(canonical(text)) == canonical(text)


@given(st.lists(any_text, max_size=8))
@settings(max_examples=100, deadline=None)
def test_batch_forms_equal_single_forms(texts):
    assert [s.replace(" ", "") for s in spaced_many(texts)] == [canonical(t) for t in texts]
    assert canonical_list(texts) == [canonical(t) for t in texts]
    assert pinyin_keys(texts) == [pinyin_key(t) for t in texts]


@given(st.lists(marks, min_size=1, max_size=6, unique=True))
@settings(max_examples=60, deadline=None)
def test_exact_match_of_a_term_is_always_found(terms):
    table = pd.DataFrame({"term_id": [f"t{i}" for i in range(len(terms))], "term": terms})
    out = Matcher(table).match(terms, ["exact"], 100)
    found = set(zip(out["text_idx"], out["term_id"]))
    for i, term in enumerate(terms):
        if canonical(term):
            assert (i, f"t{i}") in found


@given(st.lists(marks, min_size=1, max_size=6), st.lists(marks, min_size=1, max_size=12), st.integers(0, 100))
@settings(max_examples=60, deadline=None)
def test_result_is_well_formed(terms, texts, min_similarity):
    table = pd.DataFrame({"term_id": [f"t{i}" for i in range(len(terms))], "term": terms})
    out = Matcher(table).match(texts, METHODS, min_similarity)
    assert out["similarity"].between(min_similarity, 100).all()
    assert not out.duplicated(["text_idx", "term_id"]).any()
    assert out.equals(out.sort_values(["text_idx", "term_id"], kind="stable").reset_index(drop=True))
    assert set(out["method"]) <= set(METHODS)
    assert out["text_idx"].between(0, len(texts) - 1).all()


HAN = st.text(st.sampled_from(list("冰墩雪容北京天")), min_size=1, max_size=8)


@given(st.lists(HAN, min_size=1, max_size=8, unique=True), st.lists(HAN, min_size=1, max_size=20))
@settings(max_examples=80, deadline=None)
def test_contains_equals_brute_force(terms, texts):
    table = pd.DataFrame({"term_id": [f"t{i}" for i in range(len(terms))], "term": terms})
    out = Matcher(table).match(texts, ["contains"], 0)
    got = set(zip(out["text_idx"], out["term_id"]))
    want = {(i, f"t{j}") for i, x in enumerate(texts) for j, t in enumerate(terms) if len(t) >= 2 and t in x and t != x}
    # two-character terms must also be a word of the mark (no dictionary word straddles their edges)
    word = {
        (i, f"t{j}")
        for i, j in ((i, int(t[1:])) for i, t in want)
        if len(terms[j]) > 2
        or any(texts[i].startswith(terms[j], p) and lexicon.is_token(texts[i], p, p + 2) for p in range(len(texts[i])))
    }
    assert got == word


WORD = st.text(st.sampled_from(list("abcde")), min_size=1, max_size=12)


@given(st.lists(WORD, min_size=1, max_size=15), st.lists(WORD, min_size=1, max_size=15), st.integers(0, 2))
@settings(max_examples=120, deadline=None)
def test_deletion_neighbourhood_finds_every_close_pair(left, right, k):
    pairs = deletion_index.shared(
        deletion_index.neighbourhood(left, np.full(len(left), k)),
        deletion_index.neighbourhood(right, np.full(len(right), k)),
    )
    got = set(zip(pairs[0].tolist(), pairs[1].tolist()))
    want = {(i, j) for i, a in enumerate(left) for j, b in enumerate(right) if Levenshtein.distance(a, b) <= k}
    assert want <= got


def test_shared_pairs_do_not_depend_on_the_filter_size():
    """shared() filters the left hashes through a bitmap sized by the right side (filter_slots): a smaller bitmap
    lets more left hashes through to the exact searches, never fewer pairs out. Compared with the join of the
    hashes themselves, at sizes where the bitmap is used."""
    rng = np.random.default_rng(5)
    for n_right in (3, 300, 20_000):
        right = (rng.integers(0, 2**63, n_right, dtype=np.uint64), rng.integers(0, 50, n_right))
        left_h = rng.integers(0, 2**63, deletion_index.BITMAP_MIN_LEFT + 5_000, dtype=np.uint64)
        left_h[: n_right // 2 + 1] = right[0][: n_right // 2 + 1]  # some shared hashes
        left = (left_h, rng.integers(0, 1_000, len(left_h)))
        got = set(zip(*(a.tolist() for a in deletion_index.shared(left, right))))
        by_hash: dict[int, set[int]] = {}
        for h, i in zip(right[0].tolist(), right[1].tolist()):
            by_hash.setdefault(h, set()).add(i)
        want = {(li, ri) for h, li in zip(left[0].tolist(), left[1].tolist()) for ri in by_hash.get(h, ())}
        assert got == want and len(want) >= min(n_right // 2, 1_000)
        assert deletion_index.filter_slots(n_right) <= 2**25
