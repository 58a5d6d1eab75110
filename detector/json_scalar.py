"""One value as a JSON scalar, the same way for every output (evidence, traces, hits.jsonl, report.html, diffs)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd


def json_scalar(value: object, digits: int | None = None) -> object:
    """None, NaN, NaT and pd.NA -> None; numpy numbers -> Python numbers; floats rounded to `digits` decimals with
    Python's correctly rounded `round` (None: kept as they are); bool, int and str as they are; anything else -> str.
    """
    kind = value.__class__
    if kind is str or kind is int or kind is bool:  # the common cells, by their exact class (~0.4 us less each)
        return value
    if kind is float and value == value:
        return value if digits is None else round(value, digits)
    if value is None or value is pd.NaT or value is pd.NA:
        return None
    if isinstance(value, np.bool_ | np.number):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return value if digits is None else round(value, digits)
    if isinstance(value, bool | int | str):
        return value
    return str(value)
