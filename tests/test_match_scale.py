"""The matcher at a (small) scale: chunking does not change results, duplicates expand, indexes stay sparse."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

from detector.match import METHODS, Matcher, deletion_index

HAN = list("冰墩敦雪容融北京天问闻小米麦长城重庆行一起向未末来康师帅傅雷碧谷爱凌钟南山火神")
LATIN = ["NIKE", "GOOGLE", "ADIDAS", "TIMBER", "LAND", "STORE", "PLUS", "TECH", "MILAN", "XIAO"]


def _marks(rng: random.Random, n: int) -> list[str]:
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.6:
            out.append("".join(rng.choices(HAN, k=rng.randint(1, 6))))
        elif r < 0.85:
            out.append(" ".join(rng.choices(LATIN, k=rng.randint(1, 2))))
        else:
            out.append("".join(rng.choices(HAN, k=rng.randint(2, 3))) + " " + rng.choice(LATIN))
    return out


@pytest.fixture(scope="module")
def data() -> tuple[pd.DataFrame, list[str]]:
    rng = random.Random(7)
    terms = sorted(set(_marks(rng, 600)))
    table = pd.DataFrame({"term_id": [f"T{i:04d}" for i in range(len(terms))], "term": terms})
    texts = _marks(rng, 6000)
    return table, texts


def test_chunked_equals_whole(data):
    terms, texts = data
    matcher = Matcher(terms)
    whole = matcher.match(texts, METHODS, 80)
    parts = []
    for start in range(0, len(texts), 1700):
        part = matcher.match(texts[start : start + 1700], METHODS, 80)
        parts.append(part.assign(text_idx=part["text_idx"] + start))
    chunked = pd.concat(parts, ignore_index=True)
    pd.testing.assert_frame_equal(whole, chunked)
    assert len(whole) > 0


def test_duplicate_texts_get_the_same_rows(data):
    terms, texts = data
    doubled = texts[:500] + texts[:500]
    out = Matcher(terms).match(doubled, METHODS, 80)
    first = out[out["text_idx"] < 500].reset_index(drop=True)
    second = out[out["text_idx"] >= 500].assign(text_idx=lambda d: d["text_idx"] - 500).reset_index(drop=True)
    pd.testing.assert_frame_equal(first, second)


def test_exact_and_contains_agree_with_brute_force(data):
    terms, texts = data
    matcher = Matcher(terms)
    out = matcher.match(texts[:1500], ["exact", "contains"], 0)
    canon = matcher.terms.forms.forms["canon"]
    from detector.normalize import canonical, lexicon
    from detector.normalize.script import han_part

    def inside(c: str, x: str) -> bool:
        if len(c) > 2:
            return c in x
        run = han_part(x)  # the marks here hold one Han run
        return any(run.startswith(c, p) and lexicon.is_token(run, p, p + len(c)) for p in range(len(run)))

    got = set(zip(out["text_idx"], out["term_id"]))
    han_terms = [
        (tid, c) for tid, c in zip(terms["term_id"], canon) if c and all("\u4e00" <= ch <= "\u9fff" for ch in c)
    ]
    for i, text in enumerate(texts[:1500]):
        x = canonical(text)
        for tid, c in han_terms:
            expected = x == c or (len(c) >= 2 and inside(c, x))
            assert ((i, tid) in got) == expected, (text, c)


def test_edit_candidates_are_sparse():
    rng = random.Random(3)
    words = ["".join(rng.choices("abcdefghijklmnop", k=rng.randint(5, 12))) for _ in range(3000)]
    left, right = words[:2000], words[1000:]
    pairs = deletion_index.shared(
        deletion_index.neighbourhood(left, np.ones(len(left), dtype=int)),
        deletion_index.neighbourhood(right, np.ones(len(right), dtype=int)),
    )
    assert len(pairs[0]) < 0.01 * len(left) * len(right)
    assert len(pairs[0]) >= 1000  # the 1,000 shared words find themselves
