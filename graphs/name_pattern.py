"""Company names built on one pattern: 鑫隆一号贸易 / 鑫隆二号贸易, or one trade name in several cities.

The pattern key is the trade name (字号) with serial numbers (1, 一, 01, A, 甲 ...) folded to `#`. It is a weak
tie: alone it never merges two companies; together with a shared address or person it does.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from graphs.values import keyed_array

_SERIAL = re.compile(
    r"第?[0-9]+(?:号|分部|部|店|厂)?"  # 鑫隆12, 鑫隆3号
    r"|第?[零〇一二三四五六七八九十]+(?:号|分部|部|店|厂)"  # 鑫隆一号 (a bare 一 stays: 统一, 百度, 三只松鼠)
    r"|(?<=[\u4e00-\u9fff])[a-z]$"  # 鑫隆a
)


def pattern_key(trade_name: str) -> str:
    """Trade name with serial parts folded; '' when fewer than two characters of stem remain."""
    text = (trade_name or "").strip().lower()
    folded = _SERIAL.sub("#", text)
    stem = folded.replace("#", "")
    return folded if len(stem) >= 2 else ""


def pattern_keys(trade_names: pd.Series, entity_type: pd.Series) -> pd.Series:
    """Pattern keys of companies (each distinct trade name once); '' for natural persons."""
    return pd.Series(pattern_key_array(trade_names, entity_type), index=trade_names.index, dtype="str")


def pattern_key_array(trade_names: pd.Series, entity_type: pd.Series) -> np.ndarray:
    """pattern_keys as an object array of str, without building Series (a small batch's graph reads it so)."""
    keys = keyed_array(trade_names, pattern_key)
    company = entity_type.eq("company").to_numpy(dtype=bool)
    return np.where(company, keys, "").astype(object)
