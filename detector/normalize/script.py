"""Scripts inside a mark: Han characters versus everything else (Latin letters, digits, other alphabets)."""

from __future__ import annotations

import re

# CJK Unified Ideographs, Extension A, compatibility block, 〇, and the supplementary ideograph planes.
HAN_CLASS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{HAN_CLASS}]")
_NOT_HAN = re.compile(f"[^{HAN_CLASS}\n]+")
_HAN_RUN = re.compile(f"[{HAN_CLASS}]+")


def is_han(char: str) -> bool:
    """True for one Han (Chinese) character."""
    return HAN.fullmatch(char) is not None


def has_han(text: str) -> bool:
    """True if `text` contains at least one Han character."""
    return HAN.search(text) is not None


def han_part(text: str) -> str:
    """The Han characters of `text`, in order (newlines kept for joined batches)."""
    return _NOT_HAN.sub("", text)


def latin_part(text: str) -> str:
    """Everything of `text` except Han characters, in order (newlines kept for joined batches)."""
    return _HAN_RUN.sub("", text)


def split_scripts(text: str) -> tuple[str, str]:
    """(Han part, non-Han part) of an already canonical mark, e.g. '冰墩墩bingdundun' -> ('冰墩墩', 'bingdundun')."""
    return han_part(text), latin_part(text)
