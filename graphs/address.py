"""Address keys for ties: normalize a Chinese address, find its district, and pair near-identical addresses.

Two firms at `深圳市南山区科技园路1号1203室` and `深圳市南山区科技园路１号 1203 室` share one key. Near-identical
keys (a typo, a dropped 省 prefix) are paired only inside the same district block with a rapidfuzz ratio at or
above the configured similarity, so the cost grows with the block sizes, not with all address pairs.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

_DROP = re.compile(r"[\s,，。.、;；:：'\"“”()（）\[\]【】#＃\-—_/]+")
_PROVINCE = re.compile(r"^(?:中国)?[\u4e00-\u9fff]{2,7}?(?:省|自治区|特别行政区)")
_CITY = re.compile(r"^([\u4e00-\u9fff]{2,6}?(?:市|自治州|地区|盟))")
_DISTRICT = re.compile(r"^([\u4e00-\u9fff]{1,6}?(?:区|县|旗|市))")
_CN_DIGITS = str.maketrans("零〇一二三四五六七八九", "00123456789")


_NUMBER_BEFORE_UNIT = re.compile(r"([零〇一二三四五六七八九]+)(?=[号層层室楼栋座单元])")


def _arabic(m: re.Match) -> str:
    return m.group(1).translate(_CN_DIGITS)


def address_key(raw: str) -> str:
    """NFKC, no spaces or punctuation, no province prefix; Chinese digits before 号/层/室/楼 made Arabic."""
    text = unicodedata.normalize("NFKC", raw or "").strip().lower()
    text = _DROP.sub("", text)
    text = _PROVINCE.sub("", text, count=1)
    text = _NUMBER_BEFORE_UNIT.sub(_arabic, text)
    return text if len(text) >= 6 else ""


def district_of(key: str) -> str:
    """City + district/county part of an address key ('' when it names none): the block for fuzzy pairing."""
    city = _CITY.match(key)
    rest = key[city.end() :] if city else key
    district = _DISTRICT.match(rest)
    if not city and not district:
        return ""
    return (city.group(1) if city else "") + (district.group(1) if district else "")


# Up to this many address keys, fuzzy_pairs blocks them in Python (dicts): pandas' groupby and string steps cost
# ~5 ms a call whatever the size; above it, they are the cheaper.
SMALL_FUZZY = 2_000
_NON_DIGITS = re.compile(r"\D+")  # as pandas' str.replace applies it (Python's Unicode \d, for non-ASCII text too)
PAIR_COLUMNS = ["a", "b", "similarity"]


def fuzzy_pairs(keys: pd.Series, min_similarity: float, max_block: int) -> pd.DataFrame:
    """Pairs of distinct address keys in one district with the same numbers and ratio >= min_similarity.

    Returns columns a, b (keys, a < b) and similarity. Numbers are precise and text is typo-prone, so only keys
    with the same digit sequence are compared: 科技园路1号 ~ 科技圆路1号 tie, 文三路101号 and 文三路102号 (two
    buildings) or 1203室 and 1205室 (neighbours in one tower) never do. Blocks larger than `max_block` distinct
    keys are skipped (exact ties still apply there).
    """
    small = len(keys) <= SMALL_FUZZY and isinstance(keys.dtype, pd.StringDtype)
    blocks = _blocks_small(keys, max_block) if small else _blocks(keys, max_block)
    rows = []
    for vals in blocks:
        scores = process.cdist(vals, vals, scorer=fuzz.ratio, score_cutoff=min_similarity, dtype=np.uint8, workers=1)
        ii, jj = np.nonzero(np.triu(scores, k=1))
        for i, j in zip(ii.tolist(), jj.tolist()):
            rows.append((vals[i], vals[j], float(scores[i, j])))
    if not rows:
        return _no_pairs().copy()
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)


@functools.cache
def _no_pairs() -> pd.DataFrame:
    """fuzzy_pairs' table without rows, made once (copied per call)."""
    return pd.DataFrame([], columns=PAIR_COLUMNS)


def _blocks(keys: pd.Series, max_block: int) -> list[list[str]]:
    """The blocks of keys to compare: distinct keys of one district and one digit sequence, 2 to `max_block` of
    them, each sorted, the blocks in (district, digits) order."""
    distinct = pd.Series(pd.unique(keys[keys.ne("")]), dtype="str")
    frame = pd.DataFrame({"key": distinct, "digits": distinct.str.replace(r"\D+", " ", regex=True).str.strip()})
    frame = frame[frame.groupby("digits")["key"].transform("size") >= 2]  # equal numbers (room included) first: cheap
    frame["block"] = [district_of(k) for k in frame["key"].tolist()]
    frame = frame[frame["block"].ne("")]
    groups = ["block", "digits"]
    frame = frame[frame.groupby(groups)["key"].transform("size").between(2, max_block)]
    blocks = []
    for _, block in frame.groupby(groups, sort=True):
        vals = sorted(block["key"].tolist())
        if 2 <= len(vals) <= max_block:
            blocks.append(vals)
    return blocks


def _blocks_small(keys: pd.Series, max_block: int) -> list[list[str]]:
    """_blocks of a few keys, on Python strings (a missing key, like '', is in no block)."""
    by_digits: dict[str, list[str]] = {}
    for key in dict.fromkeys(keys.to_numpy(dtype=object).tolist()):
        if isinstance(key, str) and key:
            by_digits.setdefault(_NON_DIGITS.sub(" ", key).strip(), []).append(key)
    by_block: dict[tuple[str, str], list[str]] = {}
    for digits, same in by_digits.items():
        if len(same) < 2:  # equal numbers (room included) first: cheap
            continue
        for key in same:
            block = district_of(key)
            if block:
                by_block.setdefault((block, digits), []).append(key)
    return [sorted(by_block[g]) for g in sorted(by_block) if 2 <= len(by_block[g]) <= max_block]
