"""Cell parsers for the contract's typed columns; each parses distinct values once and maps them back.

A parser returns the value, None for an empty optional cell, or a Text saying in both languages what is wrong."""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd

from detector.text import Text

_CLASS_SPLIT = re.compile(r"[;；,，、/|\s]+")
_CLASS_TOKEN = re.compile(r"^(?:第)?0*(\d{1,3})(?:类)?$")
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"),
)
_MONEY = re.compile(r"^(\d+(?:\.\d+)?)\s*(万|亿)?\s*(?:元)?\s*(?:人民币|RMB|CNY)?$", re.IGNORECASE)
CLASSES_EXPECTED = Text(
    en="Nice classes 1-45, several separated by ';' (e.g. 25, 第25类, 25类, 9;25)",
    zh="尼斯分类 1-45，多个类别用 ';' 分隔（如 25、第25类、25类、9;25）",
)
DATE_EXPECTED = Text(
    en="a date as YYYY-MM-DD, YYYY/MM/DD or YYYYMMDD", zh="日期，格式为 YYYY-MM-DD、YYYY/MM/DD 或 YYYYMMDD"
)
_EMPTY_CLASS = Text(en="empty class", zh="类别为空")


def parse_classes(cell: str) -> tuple[int, ...] | Text:
    """Parse one nice_class cell; returns sorted distinct classes, or what is wrong."""
    text = cell.strip()
    if not text:
        return _EMPTY_CLASS
    classes = set()
    for token in _CLASS_SPLIT.split(text):
        if not token:
            continue
        m = _CLASS_TOKEN.match(token)
        if not m:
            return Text(en=f"'{token}' is not a class number", zh=f"“{token}”不是类别号")
        value = int(m.group(1))
        if not 1 <= value <= 45:
            return Text(en=f"class {value} is outside 1-45", zh=f"类别 {value} 超出 1-45 的范围")
        classes.add(value)
    if not classes:
        return _EMPTY_CLASS
    return tuple(sorted(classes))


def parse_date(cell: str) -> dt.date | Text | None:
    """Parse one date cell; None when empty, what is wrong when unreadable or impossible."""
    text = cell.strip()
    if not text:
        return None
    for pattern in _DATE_PATTERNS:
        m = pattern.match(text)
        if m:
            year, month, day = (int(g) for g in m.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                return Text(en=f"'{text}' is not a real date", zh=f"“{text}”不是真实存在的日期")
    return Text(en=f"'{text}' is not a date", zh=f"“{text}”不是日期")


def parse_money(cell: str) -> float | Text | None:
    """Registered capital in CNY: '1000000', '1,000,000', '100万', '100万元人民币'; None when empty."""
    text = cell.strip().replace(",", "").replace("，", "")
    if not text:
        return None
    m = _MONEY.match(text)
    if not m:
        return Text(en=f"'{cell.strip()}' is not an amount", zh=f"“{cell.strip()}”不是金额")
    value = float(m.group(1))
    if m.group(2) == "万":
        value *= 1e4
    elif m.group(2) == "亿":
        value *= 1e8
    return value


def parse_int01(cell: str) -> int | Text | None:
    """0/1 flags; also true/false, yes/no, 是/否."""
    text = cell.strip().casefold()
    if not text:
        return None
    if text in {"1", "1.0", "true", "yes", "y", "是"}:
        return 1
    if text in {"0", "0.0", "false", "no", "n", "否"}:
        return 0
    return Text(en=f"'{cell.strip()}' is not 0 or 1", zh=f"“{cell.strip()}”不是 0 或 1")


def map_distinct(series: pd.Series, parser) -> tuple[pd.Series, pd.Series]:
    """Apply `parser` to each distinct value once; returns (parsed values, what is wrong (a Text) or "")."""
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    parsed = [parser(u) for u in uniques]
    errors = np.empty(len(parsed), dtype=object)
    values = np.empty(len(parsed), dtype=object)
    for i, p in enumerate(parsed):
        bad = isinstance(p, Text)
        errors[i] = p if bad else ""
        values[i] = None if bad else p
    return (
        pd.Series(values[codes], index=series.index, dtype=object),
        pd.Series(errors[codes], index=series.index, dtype=object),
    )
