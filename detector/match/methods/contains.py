"""contains: the term, as written, inside a longer mark (generic suffixes and prefixes: 冰墩墩宝贝, 谷爱凌家族)."""

from __future__ import annotations

from typing import ClassVar

import pandas as pd

from detector.match import guards, similarity
from detector.match.context import MatchContext
from detector.match.registry import MatchMethod, candidates


class Contains(MatchMethod):
    """Aho-Corasick over the canonical forms of terms of 2+ characters; Latin terms need word boundaries."""

    name = "contains"
    label: ClassVar[dict[str, str]] = {
        "en": "the term appears, normalized, inside a longer mark",
        "zh": "名单词（规范化后）完整出现在较长的商标中",
    }

    def find(self, ctx: MatchContext) -> pd.DataFrame:
        texts, terms = ctx.texts, ctx.terms.forms
        h = ctx.expand_hits("canon_inside", "canon")
        h = h[~((h["start"] == 0) & (h["end"] == texts.canon_len[h["text"].to_numpy()]))]
        text, term = h["text"].to_numpy(), h["term"].to_numpy()
        flags, offsets = texts.canon_bounds
        at = offsets[text]
        ok = guards.boundary_ok(
            terms.starts_latin[term], terms.ends_latin[term], ctx.terms.pure_latin[term], terms.canon_len[term],
            flags[at + h["start"].to_numpy()], flags[at + h["end"].to_numpy()],
        )  # fmt: skip
        text, term = text[ok], term[ok]
        sim = similarity.contained(terms.canon_len[term], texts.canon_len[text])
        return candidates(text, term, sim, terms.arr("canon")[term])
