"""Small batches (an intake check's filing and its history): up to SMALL_ROWS rows, texts are handled in plain
Python, since pandas' fixed cost per call (50-300 µs) is larger than the work; above it, by pandas on whole columns.
Each such pair of paths gives the same result and is tested both ways."""

from __future__ import annotations

import numpy as np
import pandas as pd

SMALL_ROWS = 2000
STR = pd.api.types.pandas_dtype("str")  # "str" looked up once: the lookup costs more than a small column's array
# The first and last day datetime64[ns] holds whole (pandas raises OutOfBoundsDatetime on the days outside them).
NS_FIRST_DAY, NS_LAST_DAY = np.datetime64("1677-09-22"), np.datetime64("2262-04-11")


def plain_texts(values: pd.Series) -> list[str]:
    """`values.fillna("").astype(str).tolist()`; a `str` column's list read as it is (its missing values are NaN)."""
    if values.dtype == "str":
        return [v if v.__class__ is str else "" for v in values.tolist()]
    return values.fillna("").astype(str).tolist()


def text_codes(values: pd.Series | list[str]) -> tuple[list[int], list[str]]:
    """What pd.factorize(values.fillna("").astype(str)) gives, as lists: each row's position among the distinct
    texts (missing ones as ""), and those texts in order of first appearance; a list's, or a small column's, by a
    dict."""
    if not isinstance(values, list) and len(values) > SMALL_ROWS:
        codes, uniques = pd.factorize(values.fillna("").astype(str))
        return codes.tolist(), np.asarray(uniques, dtype=object).tolist()
    position: dict[str, int] = {}
    texts = values if isinstance(values, list) else plain_texts(values)
    codes = [position.setdefault(text, len(position)) for text in texts]
    return codes, list(position)


def str_arrays(columns: dict[str, list[str]]) -> dict[str, pd.api.extensions.ExtensionArray]:
    """Columns of Python str as str arrays (pd.array(values, dtype="str")), those holding only "" as copies of one
    array: each column its own array, their arrow data shared (arrow data is never written in place)."""
    out, empty = {}, None
    for column, values in columns.items():
        if any(values):
            out[column] = pd.array(values, dtype=STR)
            continue
        if empty is None or len(empty) != len(values):
            empty = pd.array(values, dtype=STR)
        out[column] = empty.copy()
    return out
