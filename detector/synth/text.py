"""Small text helpers: pinyin of a word (pypinyin, cached), traditional form (OpenCC), full-width letters."""

from __future__ import annotations

from functools import cache, lru_cache

import opencc
from pypinyin import Style, lazy_pinyin


@cache
def _char_pinyin(ch: str) -> str:
    return "".join(lazy_pinyin(ch, style=Style.NORMAL, errors="default")).lower()


def pinyin_of(text: str) -> str:
    """Toneless pinyin joined without spaces, lower case, read character by character (冰墩墩 -> bingdundun).

    Per-character readings keep bulk generation fast; phrase readings matter only for planted disguises, which
    use `syllables_of`.
    """
    return "".join([_char_pinyin(c) for c in text])


@lru_cache(maxsize=200_000)
def syllables_of(text: str) -> tuple[str, ...]:
    """Per-character toneless pinyin of `text`."""
    return tuple(lazy_pinyin(text, style=Style.NORMAL, errors="default"))


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def traditional(text: str) -> str:
    """Traditional-character form of a simplified text (钟南山 -> 鍾南山)."""
    return _s2t().convert(text)


def full_width(text: str) -> str:
    """ASCII letters and digits as full-width forms (NIKE -> ＮＩＫＥ)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)
