"""Traditional to simplified Chinese with OpenCC's `t2s` configuration (phrase-aware, C++ implementation)."""

from __future__ import annotations

from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    """Traditional characters of `text` converted to simplified (鍾南山 -> 钟南山); other text unchanged."""
    return _converter().convert(text) if text else text
