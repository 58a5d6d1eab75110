"""pinyin: the whole mark sounds like the term (homophone swap, or the term's pinyin spelled in Latin letters).

Only terms of 3+ syllables, or terms marked distinctive (guards.MIN_SOUND_SYLLABLES; TermIndex.sound_ok).
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import pandas as pd

from detector.match import guards, similarity
from detector.match.context import MatchContext
from detector.match.registry import MatchMethod, candidates
from detector.normalize import lexicon, pinyin_key

SHORT_HOMOPHONE = 3


def short_homophone_ok(text: str, term: str) -> bool:
    """Extra evidence for terms of <= 3 characters: not a dictionary word (detector.normalize.lexicon), and for
    2 characters (distinctive terms only: others need 3+ syllables) the same tones."""
    if text in lexicon.words():
        return False
    return len(term) > 2 or pinyin_key(text, tones=True) == pinyin_key(term, tones=True)


class Pinyin(MatchMethod):
    """Equal toneless pinyin keys (Han or Latin written in syllables), or Latin letters equal to the spelled pinyin."""

    name = "pinyin"
    label: ClassVar[dict[str, str]] = {
        "en": "the whole mark sounds the same as the term (homophone characters or the term's pinyin in Latin letters)",
        "zh": "商标整体与名单词读音相同（同音字替换或拼音拼写）",
    }

    def find(self, ctx: MatchContext) -> pd.DataFrame:
        texts, terms = ctx.texts, ctx.terms.forms
        text_a, term_a = ctx.equal(ctx.terms.pinyin, "pinyin")
        latin_rows = texts.rows("latin_only")
        text_b, term_b = ctx.equal_values(
            ctx.terms.spelled, ("canon", "latin_only"), lambda: texts.arr("canon")[latin_rows], latin_rows
        )
        text = np.concatenate([text_a, text_b])
        term = np.concatenate([term_a, term_b])
        core, canon, term_canon = texts.arr("core")[text], texts.arr("canon")[text], terms.arr("canon")[term]
        keep = (core != term_canon) & (canon != term_canon)
        latin = ~texts.has_han[text]
        keep &= ~latin | (ctx.terms.spelled_len[term] >= guards.MIN_SPELLED)
        short = keep & ~latin & (terms.canon_len[term] <= SHORT_HOMOPHONE)
        for i in np.flatnonzero(short):
            keep[i] = short_homophone_ok(core[i], term_canon[i])
        return candidates(text[keep], term[keep], similarity.DISGUISED_EQUAL, core[keep])
