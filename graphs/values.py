"""Normalize the shared attributes that tie applicants: phones, e-mails, person names, shareholder lists.

Each function maps one raw cell to a comparable key ('' when the cell carries nothing usable), so that
`+86 138-0013-8000` and `13800138000`, or `Li.Ming@Example.com ` and `li.ming@example.com`, are the same value.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import numpy as np
import pandas as pd

from detector.small_batch import SMALL_ROWS
from detector.small_batch import text_codes as small_text_codes

_NON_DIGIT = re.compile(r"\D+")
_SPACE_PUNCT = re.compile(r"[\s·•.．,，;；:：'\"“”‘’()（）\-_/\\]+")
_PLACEHOLDER = {"", "无", "暂无", "none", "null", "nan", "n/a", "na", "-", "/", "未知", "unknown"}
_LIST_SEPARATORS = re.compile(r"[;；、,，]")


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
    parts = _LIST_SEPARATORS.split(raw or "")
    return [k for k in (person_key(p) for p in parts) if k]


# Up to this many cells, a text column is keyed through a dict on its Python strings: pandas' factorize and frame
# set-up cost ~0.8 ms a call whatever the size (a dozen calls per small batch); above it, factorize is the cheaper.
SMALL_KEYED = SMALL_ROWS


def keyed(series: pd.Series, fn) -> pd.Series:
    """Apply a key function once per distinct value."""
    return pd.Series(keyed_array(series, fn), index=series.index, dtype="str")


def keyed_array(series: pd.Series, fn) -> np.ndarray:
    """keyed(series, fn) as an object array of str ('' for a missing cell), without building a Series."""
    if len(series) <= SMALL_KEYED and isinstance(series.dtype, pd.StringDtype):
        return _keyed_small(series.to_numpy(dtype=object).tolist(), fn)
    codes, uniques = pd.factorize(series.fillna("").astype(str))
    table = keys_of(np.asarray(uniques, dtype=object).tolist(), fn)
    return table[codes] if len(uniques) else np.zeros(0, dtype=object)


# From this many distinct texts, phone and e-mail keys of the ASCII ones are made by pyarrow (graphs/ascii_keys.py).
MANY_KEYS = 10_000


def keys_of(texts: list[str], fn) -> np.ndarray:
    """[fn(t) for t in texts] as an object array; phone_key and email_key of many ASCII texts at once."""
    many = _ascii_many().get(fn) if len(texts) >= MANY_KEYS else None
    if many is None:
        return np.array([fn(t) for t in texts], dtype=object)
    import pyarrow as pa
    import pyarrow.compute as pc

    array = pa.array(texts, type=pa.string())
    is_ascii = pc.string_is_ascii(array)
    ascii_rows = is_ascii.to_numpy(zero_copy_only=False)
    out = np.empty(len(texts), dtype=object)
    out[ascii_rows] = many(array.filter(is_ascii)).to_numpy(zero_copy_only=False)
    for i in np.flatnonzero(~ascii_rows).tolist():
        out[i] = fn(texts[i])
    return out


@functools.cache
def _ascii_many() -> dict:
    """The key functions with a vectorised form for ASCII texts (imported on first use: pyarrow's compute module)."""
    from graphs import ascii_keys

    return {phone_key: ascii_keys.phone_keys, email_key: ascii_keys.email_keys}


def _keyed_small(cells: list, fn) -> np.ndarray:
    """Keys of a few text cells (str, or a float NaN for a missing cell), each distinct cell keyed once."""
    table: dict = {}
    out = [table[c] if c in table else table.setdefault(c, fn(c if isinstance(c, str) else "")) for c in cells]
    return np.array(out, dtype=object) if out else np.zeros(0, dtype=object)


def nonempty(series: pd.Series) -> np.ndarray:
    """series.ne("") as a bool array (a missing cell counts as not empty, as there); a few cells compared in
    Python, where pandas' comparison costs ~0.2 ms a call."""
    if len(series) <= SMALL_KEYED and isinstance(series.dtype, pd.StringDtype):
        return np.array([c != "" for c in series.to_numpy(dtype=object).tolist()], dtype=bool)
    return series.ne("").to_numpy(dtype=bool)


def text_codes(series: pd.Series) -> tuple[np.ndarray, list[str]]:
    """pd.factorize(series.fillna("").astype(str)): (code per cell, distinct texts in order of first appearance);
    a few cells through a dict (detector/small_batch.py)."""
    codes, uniques = small_text_codes(series)
    return np.array(codes, dtype=np.intp), uniques
