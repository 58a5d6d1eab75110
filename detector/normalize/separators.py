"""Spaces and punctuation: removed for the canonical form, kept as single spaces for token boundaries.

Both functions leave "\\n" alone so that they can run once over many texts joined by newlines.
"""

from __future__ import annotations

import re

from detector.normalize.script import HAN_CLASS

_SEPARATORS = re.compile(r"(?:[^\w\n]|_)+")
_SCRIPT_CHANGE = re.compile(
    rf"(?<=[{HAN_CLASS}])(?=[^\W{HAN_CLASS}])|(?<=[^\W{HAN_CLASS}])(?=[{HAN_CLASS}])"
    rf"|(?<=[^\W\d_{HAN_CLASS}])(?=\d)|(?<=\d)(?=[^\W\d_{HAN_CLASS}])"
)
_SPACES_AROUND_NEWLINE = re.compile(r" *\n *")
_MANY_SPACES = re.compile(r" {2,}")
# The ASCII characters _SEPARATORS removes (all but letters, digits and "\n"), as a deletion table: an ASCII text
# (ids, Latin marks, e-mails) loses them in one str.translate, ~50 times faster than the expression's scan.
_ASCII_SEPARATORS = str.maketrans("", "", "".join(c for c in map(chr, range(128)) if _SEPARATORS.fullmatch(c)))


def strip_separators(text: str) -> str:
    """Remove whitespace, punctuation, symbols and underscores (letters and digits of every script stay)."""
    if text.isascii():  # str knows it (no scan): each separator character goes, as the runs the expression removes
        return text.translate(_ASCII_SEPARATORS)
    return _SEPARATORS.sub("", text)


def mark_separators(text: str) -> str:
    """Replace each run of separators by one space and add a space where Han meets other letters or letters meet
    digits."""
    spaced = _SCRIPT_CHANGE.sub(" ", _SEPARATORS.sub(" ", text))
    return _SPACES_AROUND_NEWLINE.sub("\n", _MANY_SPACES.sub(" ", spaced)).strip(" ")
