"""Pinyin keys of marks: per-character readings (pypinyin's dictionary) with phrase overrides (重庆 = chong qing).

pypinyin costs ~32 µs a string; here one `str.translate` over many joined texts does the per-character work and an
Aho-Corasick pass applies the phrases whose reading differs from the per-character default (leftmost-longest,
like pypinyin's forward maximum matching). A key is space-delimited with a space at both ends, one token per Han
character and one per run of other letters/digits: "冰墩墩2022" -> " bing dun dun 2022 ".
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from functools import lru_cache

import ahocorasick
import numpy as np

from detector.disk_cache import cached, package_stamp, source_bytes
from detector.normalize import automaton_data
from detector.normalize.canonical_form import canonical, spaced, spaced_many
from detector.normalize.script import han_part

_TONE_MARKS = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
_HAN_BMP = ((0x3007, 0x3007), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def split_tone(reading: str) -> tuple[str, str]:
    """('lv', '4') from 'lǜ': toneless ASCII syllable (ü as v) and its tone digit (5 = neutral)."""
    tone = "5"
    plain = []
    for ch in unicodedata.normalize("NFD", reading):
        if ch in _TONE_MARKS:
            tone = _TONE_MARKS[ch]
        elif ch == "\u0308":
            plain[-1] = "v"
        else:
            plain.append(ch)
    return "".join(plain), tone


def pypinyin_stamp() -> str:
    """Size and modification time of pypinyin's dictionary files (found without importing it): a key part of the
    tables built from them, so another pypinyin rebuilds them."""
    return package_stamp("pypinyin", ("pinyin_dict.json", "phrases_dict.json"))


def cached_table(name: str, build, decode, *builders: str, encode=None):
    """A table built from pypinyin's dictionaries, kept in the disk cache (building one takes seconds); keyed by
    pypinyin's files and the source of this module and of `builders` (the `__file__` of other building modules).
    `encode` turns a table that is not plain data into plain data (`decode` turns it back)."""
    parts = (pypinyin_stamp(), source_bytes(__file__, *builders))
    return cached(name, parts, build, decode=decode) if encode is None else cached(name, parts, build, encode, decode)


def _two_dicts(value) -> tuple[dict[int, str], dict[int, str]]:
    plain, toned = value
    if not (isinstance(plain, dict) and isinstance(toned, dict)):
        raise ValueError("not two tables")
    return plain, toned


@lru_cache(maxsize=1)
def _char_tables() -> tuple[dict[int, str], dict[int, str]]:
    """Translate tables code point -> ' syllable' (toneless) and ' syllable1' (toned), default reading.

    Han characters without a reading become their own token; a space precedes every Han token.
    """
    return cached_table("pinyin-chars", _build_char_tables, _two_dicts)


def _build_char_tables() -> tuple[dict[int, str], dict[int, str]]:
    from pypinyin.pinyin_dict import pinyin_dict

    plain: dict[int, str] = {}
    toned: dict[int, str] = {}
    for lo, hi in _HAN_BMP:
        for cp in range(lo, hi + 1):
            plain[cp] = toned[cp] = " " + chr(cp)
    for cp, readings in pinyin_dict.items():
        syllable, tone = split_tone(readings.split(",", 1)[0])
        plain[cp] = f" {syllable}"
        toned[cp] = f" {syllable}{tone}"
    return plain, toned


@lru_cache(maxsize=1)
def _initials_table() -> dict[int, str]:
    """Translate table code point -> first letter of the default reading; other characters dropped."""
    plain, _ = _char_tables()
    return {cp: syl.strip()[0] for cp, syl in plain.items()}


def initials_of_han(han_texts: str) -> str:
    """Pinyin initials of Han-only text (default reading of each character; joined batches keep their newlines)."""
    return han_texts.translate(_initials_table())


@lru_cache(maxsize=1)
def _override_list() -> list[tuple[str, tuple[int, str, str]]]:
    """_override_phrases, from the disk cache."""
    return cached_table("pinyin-phrases", _override_phrases, _phrase_list)


@lru_cache(maxsize=1)
def _overrides() -> ahocorasick.Automaton:
    """Automaton over pypinyin phrases whose reading differs from the per-character default readings (kept in the
    disk cache: built, it takes ~0.2 s with the phrase list; read back, ~0.04 s)."""
    parts = (pypinyin_stamp(), automaton_data.stamp(), source_bytes(__file__, automaton_data.__file__))
    return cached("pinyin-automaton", parts, _build_overrides, automaton_data.to_data, automaton_data.from_data)


def _build_overrides() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for phrase, value in _override_list():
        automaton.add_word(phrase, value)
    automaton.make_automaton()
    return automaton


def _override_phrases() -> list[tuple[str, tuple[int, str, str]]]:
    """(phrase, (length, toneless reading, toned reading)) for each phrase read otherwise than char by char."""
    from pypinyin.phrases_dict import phrases_dict

    toned = _char_tables()[1]
    out = []
    for phrase, readings in phrases_dict.items():
        parts = [split_tone(r[0]) for r in readings]
        if len(parts) != len(phrase):
            continue
        want = "".join(f" {s}{t} " for s, t in parts)
        if want != "".join(toned.get(ord(c), c) for c in phrase):
            out.append((phrase, (len(phrase), "".join(f" {s}" for s, _ in parts), want.replace("  ", " ")[:-1])))
    return out


def _phrase_list(value) -> list[tuple[str, tuple[int, str, str]]]:
    if not isinstance(value, list) or not all(isinstance(v, tuple) and len(v) == 2 for v in value[:1]):
        raise ValueError("not a phrase list")
    return value


_BIGRAM_BITS = 1 << 24


def _bigram_slot(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    return (first * 0x9E3779B1 + second) & (_BIGRAM_BITS - 1)


@lru_cache(maxsize=1)
def _phrase_bigrams() -> np.ndarray:
    """Hashed bitmap of the first two characters of every override phrase (false positives only cost time); its set
    slots kept in the disk cache."""
    table = np.zeros(_BIGRAM_BITS, dtype=bool)
    table[cached_table("pinyin-bigrams", _bigram_slots, _slots, encode=lambda a: a.tobytes())] = True
    return table


def _bigram_slots() -> np.ndarray:
    heads = np.array([[ord(p[0]), ord(p[1])] for p, _ in _override_list()], dtype=np.int64).reshape(-1, 2)
    return np.unique(_bigram_slot(heads[:, 0], heads[:, 1]))


def _slots(value) -> np.ndarray:
    if not isinstance(value, bytes) or len(value) % 8:
        raise ValueError("not bigram slots")
    slots = np.frombuffer(value, dtype=np.int64)
    if len(slots) and (slots.min() < 0 or slots.max() >= _BIGRAM_BITS):
        raise ValueError("bigram slot out of range")
    return slots


def _may_hold_phrase(texts: Sequence[str], joined: str) -> np.ndarray:
    """Per text: does it contain the first two characters of an override phrase? (numpy prefilter)."""
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    hit = _phrase_bigrams()[_bigram_slot(codes[:-1], codes[1:])]
    newline = np.flatnonzero(codes == 10)
    out = np.zeros(len(texts), dtype=bool)
    out[np.searchsorted(newline, np.flatnonzero(hit))] = True
    return out


def _apply_overrides(text: str, tones: bool) -> str:
    """Replace override phrases in `text` by their (toneless or toned) reading, leftmost-longest."""
    pieces: list[str] = []
    last = 0
    pick = 2 if tones else 1
    for end, value in _overrides().iter_long(text):
        start = end - value[0] + 1
        pieces.append(text[last:start])
        pieces.append(value[pick])
        last = end + 1
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def keys_of_spaced(spaced_texts: Sequence[str], tones: bool = False) -> list[str]:
    """Pinyin keys of already spaced texts (see canonical.spaced), all in one pass."""
    if not len(spaced_texts):
        return []
    plain, toned = _char_tables()
    texts = list(spaced_texts)
    if len(texts) > 64:
        for i in np.flatnonzero(_may_hold_phrase(texts, "\n".join(texts))):
            texts[i] = _apply_overrides(texts[i], tones)
        text = "\n".join(texts)
    else:
        text = _apply_overrides("\n".join(texts), tones)
    text = text.translate(toned if tones else plain)
    # spaced texts hold single spaces and every Han token brings its own: at most two spaces meet
    return (" " + text.replace("\n", " \n ") + " ").replace("  ", " ").split("\n")


def pinyin_key(text: str, tones: bool = False) -> str:
    """Space-delimited pinyin key of a raw mark: '冰墩墩' -> ' bing dun dun ' (tones: ' bing1 dun1 dun1 ')."""
    return keys_of_spaced([spaced(text)], tones)[0]


def pinyin_keys(texts: Sequence[str], tones: bool = False) -> list[str]:
    """pinyin_key() of many raw marks in one pass."""
    return keys_of_spaced(spaced_many(texts), tones)


def spelled(key: str) -> str:
    """The key as Latin letters without spaces, as a squatter would spell it: ' bing dun dun ' -> 'bingdundun'."""
    return key.replace(" ", "")


def pinyin_initials(text: str) -> str:
    """Pinyin initials of the Han characters of a raw mark (per-character default readings): '冰墩墩' -> 'bdd'."""
    return initials_of_han(han_part(canonical(text)))


def pinyin_toneless(text: str) -> list[str]:
    """Toneless pinyin syllables of a raw mark (non-Han runs as their own tokens): '重庆' -> ['chong', 'qing']."""
    return pinyin_key(text).split()
