"""Normalization of mark texts: each step a small function, plus all derived forms of many texts in one pass.

`canonical()` is the key every "same mark" decision uses; the match engine also uses pinyin keys, look-alike folds
(Latin and 形近字) and the Han/Latin split of a mark.
"""

from detector.normalize.canonical_form import canonical, canonical_chunk, canonical_list, spaced, spaced_many
from detector.normalize.case import fold_case
from detector.normalize.forms import FORM_COLUMNS, derive_forms, form_lists
from detector.normalize.lookalike import fold_lookalikes
from detector.normalize.pinyin import (
    pinyin_initials,
    pinyin_key,
    pinyin_keys,
    pinyin_toneless,
    spelled,
)
from detector.normalize.script import has_han, is_han, split_scripts
from detector.normalize.separators import mark_separators, strip_separators
from detector.normalize.traditional import to_simplified
from detector.normalize.unicode_form import nfkc
from detector.normalize.visual import fold_visual, visual_chars, visual_groups
from detector.normalize.width import to_halfwidth

__all__ = [
    "FORM_COLUMNS",
    "canonical",
    "canonical_chunk",
    "canonical_list",
    "derive_forms",
    "fold_case",
    "fold_lookalikes",
    "fold_visual",
    "form_lists",
    "has_han",
    "is_han",
    "mark_separators",
    "nfkc",
    "pinyin_initials",
    "pinyin_key",
    "pinyin_keys",
    "pinyin_toneless",
    "spaced",
    "spaced_many",
    "spelled",
    "split_scripts",
    "strip_separators",
    "to_halfwidth",
    "to_simplified",
    "visual_chars",
    "visual_groups",
]
