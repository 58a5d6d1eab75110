"""Classes a business scope covers (keyword table in rules/reference), and the out-of-scope share."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.int_pairs import distinct_pairs


def implied_class_bits(scopes: pd.Series, keywords: dict[str, list[int]]) -> np.ndarray:
    """Per scope text, bit c set for each class its keywords imply; -1 where the scope is empty (unknown)."""
    codes, uniques = pd.factorize(scopes)
    items = [(k, sum(1 << int(c) for c in v)) for k, v in keywords.items()]
    table = np.empty(len(uniques), dtype=np.int64)
    for i, text in enumerate(uniques):
        if not text:
            table[i] = -1
            continue
        bits = 0
        for word, b in items:
            if word in text:
                bits |= b
        table[i] = bits
    return table[codes] if len(uniques) else np.full(len(scopes), -1, dtype=np.int64)


def out_of_scope_share(
    app_code_of_class_row: np.ndarray, class_of_row: np.ndarray, implied: np.ndarray, n_apps: int
) -> np.ndarray:
    """Per applicant, share of its distinct designated classes that its scope does not imply (NaN: no scope)."""
    apps, classes = distinct_pairs(app_code_of_class_row, class_of_row)
    total = np.bincount(apps, minlength=n_apps).astype(float)
    inside = ((implied[apps] >> classes) & 1).astype(bool)
    outside = np.bincount(apps, weights=(~inside).astype(float), minlength=n_apps)
    share = np.divide(outside, total, out=np.full(n_apps, np.nan), where=total > 0)
    share[implied < 0] = np.nan
    return share
