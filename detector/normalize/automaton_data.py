"""Aho-Corasick automatons (pyahocorasick) as plain data, so the disk cache (detector/disk_cache.py) keeps a built
automaton and reads it back instead of adding every word and linking the trie again.

An automaton's pickle state is plain data (its trie nodes as bytes, its kind, store and counts, its values), which
marshal stores behind the cache's checksum; rebuilding from it runs no code of the file. The node bytes are the
library's own layout, so an entry is keyed by pyahocorasick's binary (`stamp`): another version rebuilds.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

import ahocorasick


@lru_cache(maxsize=1)
def stamp() -> str:
    """Size and modification time of the pyahocorasick extension: a key part of every cached automaton."""
    origin = Path(importlib.util.find_spec("ahocorasick").origin)
    return f"ahocorasick:{origin.name}:{origin.stat().st_size}:{origin.stat().st_mtime_ns}"


def to_data(automaton: ahocorasick.Automaton) -> tuple:
    """The automaton's state as marshal-able data (values must be plain data too)."""
    return tuple(automaton.__reduce__()[1])


def from_data(value: object) -> ahocorasick.Automaton:
    """The automaton `to_data` gave; ValueError for anything of another shape (the cache then rebuilds it)."""
    if not isinstance(value, tuple) or (value and not (len(value) == 7 and isinstance(value[0], list))):
        raise ValueError("not an automaton")
    if value and not all(isinstance(chunk, bytes) for chunk in value[0]):
        raise ValueError("not an automaton")
    return ahocorasick.Automaton(*value)
