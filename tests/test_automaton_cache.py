"""Aho-Corasick automatons kept in the disk cache (detector/normalize/automaton_data.py): the automaton read back
finds what the built one finds, another pyahocorasick or other inputs rebuild it, a corrupt entry is ignored and
rebuilt; the pinyin phrase automaton and bigram bitmap read back equal the ones built from the phrase list."""

from __future__ import annotations

import ahocorasick
import numpy as np
import pytest

from detector.disk_cache import cached
from detector.normalize import automaton_data, pinyin


def _built(words: list[str]):
    def build() -> ahocorasick.Automaton:
        automaton = ahocorasick.Automaton()
        for i, w in enumerate(words):
            automaton.add_word(w, (i, w.upper()))
        automaton.make_automaton()
        return automaton

    return build


def _cached(words: list[str]) -> ahocorasick.Automaton:
    parts = (automaton_data.stamp(), "\n".join(words))
    return cached("test-automaton", parts, _built(words), automaton_data.to_data, automaton_data.from_data)


TEXT = "重庆银行 chongqing bank 长城 大长城"


def test_an_automaton_read_back_finds_what_the_built_one_finds(cache_folder):
    words = ["重庆", "银行", "长城", "ban", "bank", "长"]
    built = _built(words)()
    first, second = _cached(words), _cached(words)  # built and stored, then read back
    assert len(list(cache_folder.glob("test-automaton-*.marshal"))) == 1
    for automaton in (first, second):
        assert list(automaton.iter(TEXT)) == list(built.iter(TEXT))
        assert list(automaton.iter_long(TEXT)) == list(built.iter_long(TEXT))
        assert sorted(automaton.items()) == sorted(built.items())
    assert len(_cached([])) == len(_cached([])) == 0  # an empty automaton round-trips too


def test_other_words_or_another_pyahocorasick_rebuild(cache_folder, monkeypatch):
    _cached(["重庆"])
    assert [v for _, v in _cached(["长城"]).iter(TEXT)] == [(0, "长城"), (0, "长城")]
    monkeypatch.setattr(automaton_data, "stamp", lambda: "ahocorasick:another-build")
    assert [v for _, v in _cached(["长城"]).iter(TEXT)] == [(0, "长城"), (0, "长城")]
    assert len(list(cache_folder.glob("test-automaton-*.marshal"))) == 3


def test_a_corrupt_entry_is_ignored_and_rebuilt(cache_folder):
    words = ["重庆", "银行"]
    _cached(words)
    (entry,) = cache_folder.glob("test-automaton-*.marshal")
    raw = bytearray(entry.read_bytes())
    raw[-5] ^= 0xFF  # a flipped byte in the trie nodes: the checksum no longer matches
    entry.write_bytes(bytes(raw))
    assert list(_cached(words).iter(TEXT)) == list(_built(words)().iter(TEXT))
    with pytest.raises(ValueError):
        automaton_data.from_data(([1, 2], 2, 30, 100, 2, 2, None))  # not node bytes: never handed to the library


def test_pinyin_phrases_read_back_equal_the_built_ones(cache_folder):
    phrases = pinyin._override_list()
    for fn in (pinyin._overrides, pinyin._phrase_bigrams):
        fn.cache_clear()
    built_bitmap = pinyin._phrase_bigrams()
    built = pinyin._overrides()
    for fn in (pinyin._overrides, pinyin._phrase_bigrams):
        fn.cache_clear()
    bitmap, automaton = pinyin._phrase_bigrams(), pinyin._overrides()  # read back
    assert len(list(cache_folder.glob("pinyin-automaton-*.marshal"))) == 1
    assert np.array_equal(bitmap, built_bitmap)
    heads = np.array([[ord(p[0]), ord(p[1])] for p, _ in phrases], dtype=np.int64)
    assert bitmap[pinyin._bigram_slot(heads[:, 0], heads[:, 1])].all()
    assert sorted(automaton.items()) == sorted(built.items()) == sorted(phrases)
    assert pinyin.pinyin_key("重庆银行") == " chong qing yin hang "
