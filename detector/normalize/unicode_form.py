"""Unicode NFKC: compatibility characters (ligatures, circled letters, CJK compatibility ideographs) to their plain
form."""

from __future__ import annotations

import unicodedata

# Trademark signs are notices, not part of the mark; NFKC would spell them out as letters ("™" -> "TM").
_NOTICES = str.maketrans({"™": " ", "℠": " ", "®": " ", "©": " ", "℗": " "})


def nfkc(text: str) -> str:
    """NFKC-normalize `text` after blanking trademark notices (™ ® © ℠ ℗)."""
    if any(c in text for c in "™℠®©℗"):
        text = text.translate(_NOTICES)
    return unicodedata.normalize("NFKC", text)
