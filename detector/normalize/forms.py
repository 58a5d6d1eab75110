"""All derived forms of many distinct marks at once, the raw text kept next to each (one C-level pass per step)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from detector.normalize.canonical_form import spaced_many
from detector.normalize.lookalike import fold_lookalikes
from detector.normalize.pinyin import initials_of_han, keys_of_spaced
from detector.normalize.script import han_part, latin_part
from detector.normalize.visual import fold_visual

FORM_COLUMNS = [
    "raw",
    "spaced",
    "canon",
    "han",
    "latin",
    "core",
    "pinyin",
    "han_pinyin",
    "spelled",
    "initials",
    "latin_fold",
    "visual_fold",
]


def _split(text: str, n: int) -> list[str]:
    return text.split("\n") if n else []


def form_lists(texts: Sequence[str]) -> dict[str, list[str]]:
    """Derived forms of `texts` as parallel lists (see derive_forms for the columns)."""
    raw = [str(t) for t in texts]
    n = len(raw)
    spaced = spaced_many(raw)
    spaced_joined = "\n".join(spaced)
    canon_joined = spaced_joined.replace(" ", "")
    han_joined = han_part(canon_joined)
    han = _split(han_joined, n)
    latin = _split(latin_part(canon_joined), n)
    canon = _split(canon_joined, n)
    pinyin = keys_of_spaced(spaced) if n else []
    h, la = np.array(han, dtype=object), np.array(latin, dtype=object)
    mixed = (h != "") & (la != "")
    han_pinyin = np.where(la == "", np.array(pinyin, dtype=object), " ")
    if mixed.any():
        han_pinyin[mixed] = keys_of_spaced(h[mixed].tolist())
    han_pinyin_joined = "\n".join(han_pinyin.tolist())
    initials = _split(initials_of_han(han_joined), n)
    spelled = _split("\n".join(pinyin).replace(" ", ""), n)
    han_spelled = np.array(_split(han_pinyin_joined.replace(" ", ""), n), dtype=object)
    redundant = mixed & ((la == han_spelled) | (la == np.array(initials, dtype=object)))
    core = np.where(redundant, h, np.array(canon, dtype=object)).tolist()
    return {
        "raw": raw,
        "spaced": spaced,
        "canon": canon,
        "han": han,
        "latin": latin,
        "core": core,
        "pinyin": pinyin,
        "han_pinyin": han_pinyin.tolist(),
        "spelled": spelled,
        "initials": initials,
        "latin_fold": _split(fold_lookalikes(spaced_joined).replace(" ", ""), n),
        "visual_fold": _split(fold_visual(canon_joined), n),
    }


def derive_forms(texts: Sequence[str]) -> pd.DataFrame:
    """One row per text: raw, spaced, canon, han/latin parts, core (the Han part when the Latin part only spells its
    pinyin or initials, else canon), pinyin key, Han-part pinyin key, spelled pinyin, initials, look-alike folds
    (Latin: folded per spaced token)."""
    lists = form_lists(texts)
    return pd.DataFrame({c: pd.Series(lists[c], dtype="str") for c in FORM_COLUMNS})
