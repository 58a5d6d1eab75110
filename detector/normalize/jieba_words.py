"""Word sets derived from jieba's dictionary (dict.txt, MIT: a word, its count and its part of speech a line), each
built once and kept in the disk cache (detector/disk_cache.py).

Reading the 5 MB dictionary and deriving a set from it takes 0.1-0.8 s a set, and a run uses four (the lexicon,
two-character words, everyday words, everyday words that are no place); read back from the cache they take about
0.2 s together. An entry is keyed by the dictionary's sha256 and the source of this module and of the module that
derives the set, so another jieba or a changed rule of derivation rebuilds it. The dictionary is found without
importing jieba (its import pulls in pkg_resources, ~0.1 s).
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

from detector.disk_cache import cached, source_bytes


@lru_cache(maxsize=1)
def dictionary_path() -> Path | None:
    """jieba's dict.txt, or None when jieba is not installed."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.origin:
        return None
    path = Path(spec.origin).parent / "dict.txt"
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def _dictionary_digest() -> str:
    path = dictionary_path()
    return hashlib.sha256(path.read_bytes()).hexdigest() if path else ""


def dictionary_text() -> str:
    """The dictionary's text ("" when jieba is not installed)."""
    path = dictionary_path()
    return path.read_text(encoding="utf-8") if path else ""


def _encode(words: frozenset[str]) -> str:
    return "\n".join(sorted(words))  # a word never holds a line break: the dictionary is split on white space


def _decode(value: object) -> frozenset[str]:
    if not isinstance(value, str):
        raise ValueError("not a word list")
    return frozenset(value.split("\n")) if value else frozenset()


def word_set(name: str, derive: Callable[[str], Iterable[str]], builder: str) -> frozenset[str]:
    """The words `derive(dictionary text)` yields, kept in the disk cache under `name`; `builder` is the `__file__`
    of the module holding `derive`. Empty when jieba is not installed."""
    if dictionary_path() is None:
        return frozenset()
    parts = (_dictionary_digest(), source_bytes(__file__, builder))
    return cached(f"jieba-{name}", parts, lambda: frozenset(derive(dictionary_text())), _encode, _decode)
