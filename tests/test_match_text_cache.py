"""The per-text match cache (detector/match/text_cache.py) gives exactly what the Matcher gives on the whole batch.

Real lists of the shipped rule set and real marks of the demo batch: for every list a rule matches against, the
table assembled from cached pieces (half the texts matched earlier, in another order, the rest now) equals
Matcher.match on all the texts at once: same rows, order, dtypes and index."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from detector.lists import terms_table
from detector.match import Matcher
from detector.match.text_cache import TextHitCache
from detector.rules.conditions import PSEUDO_LISTS
from detector.rules.load import load_ruleset

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo" / "filings.csv"


def _matcher(ruleset, list_id: str) -> Matcher:
    """The list's Matcher as the match stage builds it."""
    terms = terms_table([ruleset.lists[list_id]])
    return Matcher(terms[[c for c in ("term_id", "term", "distinctive") if c in terms.columns]])


@pytest.fixture(scope="module")
def setting():
    ruleset, compiled, _ = load_ruleset(None)
    marks = pd.read_csv(DEMO, dtype=str, keep_default_na=False)["mark_text"].drop_duplicates().tolist()
    texts = marks[:150] + ["冰墩墩", "BING DWEN DWEN", "华为手机壳", "ABC", "", "茅台 MAOTAI", "阳光"]
    specs = sorted({c.match_spec for c in compiled if c.match_spec is not None}, key=repr)
    specs = [s for s in specs if s.list_id not in PSEUDO_LISTS]
    return ruleset, specs, list(dict.fromkeys(texts))


def test_cached_pieces_equal_one_match(setting):
    ruleset, specs, texts = setting
    cache = TextHitCache()
    hits = 0
    for spec in specs:
        matcher = _matcher(ruleset, spec.list_id)
        key = (spec.list_id, spec.methods, spec.min_similarity)
        whole = matcher.match(texts, list(spec.methods), spec.min_similarity)
        cache.match(key, matcher, texts[::-2], list(spec.methods), spec.min_similarity)  # some texts seen before
        assembled = cache.match(key, matcher, texts, list(spec.methods), spec.min_similarity)
        pd.testing.assert_frame_equal(assembled, whole)
        again = cache.match(key, matcher, texts, list(spec.methods), spec.min_similarity)  # all from the cache
        pd.testing.assert_frame_equal(again, whole)
        hits += len(whole)
    assert hits > 0, "the sample marks should hit some list"


def test_cache_starts_over_past_its_bound(setting, monkeypatch):
    import detector.match.text_cache as text_cache

    ruleset, specs, texts = setting
    spec = specs[0]
    matcher = _matcher(ruleset, spec.list_id)
    monkeypatch.setattr(text_cache, "MAX_TEXTS", 20)
    cache, key = TextHitCache(), (spec.list_id, spec.methods, spec.min_similarity)
    cache.match(key, matcher, texts[:15], list(spec.methods), spec.min_similarity)
    got = cache.match(key, matcher, texts[10:25], list(spec.methods), spec.min_similarity)
    pd.testing.assert_frame_equal(got, matcher.match(texts[10:25], list(spec.methods), spec.min_similarity))
    assert len(cache.pieces[key]) == 15
