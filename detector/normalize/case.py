"""Case folding (stronger than lower(): ß -> ss, Cyrillic and Greek capitals too)."""

from __future__ import annotations


def fold_case(text: str) -> str:
    """Unicode case folding of `text`."""
    return text.casefold()
