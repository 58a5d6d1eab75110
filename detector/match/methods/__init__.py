"""The match methods, one per module; importing this package registers them all."""

from detector.match.methods import (
    contains,
    edit,
    exact,
    given_name,
    latin,
    pinyin,
    pinyin_contains,
    visual,
)

__all__ = ["contains", "edit", "exact", "given_name", "latin", "pinyin", "pinyin_contains", "visual"]
