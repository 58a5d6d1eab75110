"""Normalize the shared attributes that tie applicants: phones, e-mails, person names, shareholder lists.

Each function maps one raw cell to a comparable key ('' when the cell carries nothing usable), so that
`+86 138-0013-8000` and `13800138000`, or `Li.Ming@Example.com ` and `li.ming@example.com`, are the same value.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

_NON_DIGIT = re.compile(r"\D+")
_SPACE_PUNCT = re.compile(r"[\s·•.．,，;；:：'\"“”‘’()（）\-_/\\]+")
_PLACEHOLDER = {"", "无", "暂无", "none", "null", "nan", "n/a", "na", "-", "/", "未知", "unknown"}


def phone_key(raw: str) -> str:
    """Digits only, without the +86 / 0086 country prefix; '' for fewer than 7 digits (extensions, junk)."""
    digits = _NON_DIGIT.sub("", unicodedata.normalize("NFKC", raw or ""))
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) >= 11:
            digits = digits[len(prefix) :]
            break
    return digits if len(digits) >= 7 and len(set(digits)) > 1 else ""


def email_key(raw: str) -> str:
    """Lower-cased address; '' unless it has one @ with text on both sides."""
    text = unicodedata.normalize("NFKC", raw or "").strip().lower()
    local, at, domain = text.partition("@")
    return text if at and local and "." in domain and "@" not in domain else ""


def person_key(raw: str) -> str:
    """A person's name without spaces, dots and case; '' for placeholders like 无 or N/A."""
    text = unicodedata.normalize("NFKC", raw or "").strip().lower()
    if text in _PLACEHOLDER:
        return ""
    return _SPACE_PUNCT.sub("", text)


def split_list(raw: str) -> list[str]:
    """A `;`-separated cell (shareholders) as person/company keys."""
    parts = re.split(r"[;；、,，]", raw or "")
    return [k for k in (person_key(p) for p in parts) if k]


def keyed(series: pd.Series, fn) -> pd.Series:
    """Apply a key function once per distinct value."""
    codes, uniques = pd.factorize(series.fillna("").astype(str))
    table = pd.Series([fn(u) for u in np.asarray(uniques, dtype=object).tolist()], dtype="str")
    return pd.Series(table.to_numpy()[codes] if len(uniques) else [], index=series.index, dtype="str")
