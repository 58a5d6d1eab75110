"""Full-width (全角) ASCII forms and the ideographic space to their half-width equivalents."""

from __future__ import annotations

import re

_FULL_TO_HALF = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_FULL_TO_HALF[0x3000] = 0x20
_TABLE = str.maketrans(_FULL_TO_HALF)
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")


def to_halfwidth(text: str) -> str:
    """Map U+FF01..U+FF5E to ASCII and U+3000 (ideographic space) to a space."""
    return text.translate(_TABLE) if _FULL_WIDTH.search(text) else text
