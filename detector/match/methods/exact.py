"""exact: the mark is the term after normalization."""

from __future__ import annotations

from typing import ClassVar

import pandas as pd

from detector.match import similarity
from detector.match.context import MatchContext
from detector.match.registry import MatchMethod, candidates


class Exact(MatchMethod):
    """Canonical forms equal; a mark made of the term plus its own pinyin or initials ('冰墩墩 BINGDUNDUN') counts
    too."""

    name = "exact"
    label: ClassVar[dict[str, str]] = {
        "en": "the mark is the term once width, case, spacing, punctuation and traditional characters are normalized",
        "zh": "商标经全半角、大小写、空格标点、繁简转换规范化后与名单词相同",
    }

    def find(self, ctx: MatchContext) -> pd.DataFrame:
        text, term = ctx.equal(ctx.terms.canon, "canon")
        return candidates(text, term, similarity.EXACT, ctx.texts.arr("canon")[text])
