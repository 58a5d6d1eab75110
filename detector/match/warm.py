"""What the matching methods build on first use and every list's matcher then reads, built at once.

Made before the match stage forks (detector/pipeline/match_split.py), it is inherited by both processes instead of
each building its own: the batch's text arrays (lengths, flags, word boundaries, forms as arrays) and the word
tables of the methods the specs name (jieba's lexicon, two-character words, the English words that read as pinyin,
the derived look-alike characters). Each would be built once a run anyway, by the first list that reads it.

The word tables alone (`warm_word_tables`) are built before forked partitions start (pipeline/match_stage.py,
build_matchers): each partition read jieba's lexicon and built its own copy, 42 MB of Python strings a process at
1,000,000 filings; the parent's copy is shared, as lookups in a frozenset write nothing to its strings."""

from __future__ import annotations

from collections.abc import Iterable

from detector.match.matcher import PreparedTexts
from detector.match.methods import given_name
from detector.normalize import lexicon
from detector.normalize.english import english_pinyin_words
from detector.normalize.shape import shape_partners

TEXT_ARRAYS = (
    "canon_len", "fold_len", "han_len", "has_han", "has_latin", "has_core", "starts_latin", "ends_latin",
    "ascii_letters", "pinyin_tokens", "canon_bounds", "latin_bounds", "has_visual_char", "has_shape_char",
)  # fmt: skip
FORM_ARRAYS = ("canon", "core", "han", "latin", "latin_fold", "spaced", "spelled")


def warm(prepared: PreparedTexts, methods: Iterable[str]) -> None:
    """Build the texts' arrays and the word tables `methods` read (see module doc)."""
    methods = set(methods)
    forms = prepared.forms
    if forms is not None:
        for name in TEXT_ARRAYS:
            getattr(forms, name)
        for name in FORM_ARRAYS:
            forms.arr(name)
        if "latin" in methods:
            forms.arr("weak_fold")
    warm_word_tables(methods)


def warm_word_tables(methods: Iterable[str]) -> None:
    """The word tables `methods` read (see module doc)."""
    methods = set(methods)
    if methods & {"contains", "visual", "pinyin"}:
        lexicon.words()
    if "given_name" in methods:
        given_name.dictionary_words()
        given_name.affixes()
    if "pinyin_contains" in methods:
        english_pinyin_words()
    if "visual" in methods:
        shape_partners()
