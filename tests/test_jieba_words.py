"""Word sets from jieba's dictionary kept in the disk cache (detector/normalize/jieba_words.py): the cached set is the
set the dictionary gives, another dictionary rebuilds it, and a corrupt cache file is ignored and rebuilt."""

from __future__ import annotations

import pytest

from detector.match.methods import given_name
from detector.metrics.filing import place_mark, wave_terms
from detector.normalize import jieba_words, lexicon


@pytest.fixture
def dictionary(tmp_path, monkeypatch):
    """A small dictionary in jieba's format standing in for dict.txt."""
    path = tmp_path / "dict.txt"
    path.write_text("北京 5000 ns\n凤凰 3000 n\n爱凌 1 nr\n天问 2 n\n马龙头 1 n\n", encoding="utf-8")
    monkeypatch.setattr(jieba_words, "dictionary_path", lambda: path)
    jieba_words._dictionary_digest.cache_clear()
    yield path
    jieba_words._dictionary_digest.cache_clear()


def _words(text: str) -> list[str]:
    return [line.split(" ", 1)[0] for line in text.splitlines() if line]


def test_the_cached_sets_equal_the_sets_built_from_the_dictionary(cache_folder):
    built = {}
    for name, derive, builder in [
        ("lexicon", lexicon._dictionary_words, lexicon.__file__),
        ("two-character", given_name._two_character_words, given_name.__file__),
        ("other-meaning", place_mark._other_meaning_words, place_mark.__file__),
        ("everyday", wave_terms._everyday_words, wave_terms.__file__),
    ]:
        fresh = frozenset(derive(jieba_words.dictionary_text()))
        assert jieba_words.word_set(name, derive, builder) == fresh  # built and stored
        assert jieba_words.word_set(name, derive, builder) == fresh  # read back
        built[name] = fresh
    assert len(list(cache_folder.glob("jieba-*.marshal"))) == 4
    assert "北京" in built["lexicon"] and "北京" not in built["other-meaning"]  # a place is no other meaning
    assert built["two-character"] <= built["lexicon"]


def test_another_dictionary_rebuilds_the_set(cache_folder, dictionary):
    assert jieba_words.word_set("test", _words, __file__) == {"北京", "凤凰", "爱凌", "天问", "马龙头"}
    dictionary.write_text("三星堆 1 ns\n", encoding="utf-8")
    jieba_words._dictionary_digest.cache_clear()
    assert jieba_words.word_set("test", _words, __file__) == {"三星堆"}
    assert len(list(cache_folder.glob("jieba-test-*.marshal"))) == 2


def test_a_corrupt_cache_file_is_ignored_and_rebuilt(cache_folder, dictionary):
    expected = jieba_words.word_set("test", _words, __file__)
    (entry,) = cache_folder.glob("jieba-test-*.marshal")
    raw = bytearray(entry.read_bytes())
    raw[40] ^= 0xFF  # a flipped byte: the checksum no longer matches
    entry.write_bytes(bytes(raw))
    assert jieba_words.word_set("test", _words, __file__) == expected
    entry.write_bytes(b"\0" * 10)  # truncated
    assert jieba_words.word_set("test", _words, __file__) == expected
    assert entry.read_bytes() != b"\0" * 10  # stored again


def test_no_jieba_gives_no_words(cache_folder, monkeypatch):
    monkeypatch.setattr(jieba_words, "dictionary_path", lambda: None)
    assert jieba_words.word_set("test", _words, __file__) == frozenset()
    assert not cache_folder.exists()
