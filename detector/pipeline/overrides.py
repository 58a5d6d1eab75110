"""Metric values stated by an inline rule test, put in place of the computed ones before the rules read them."""

from __future__ import annotations

import pandas as pd

OVERRIDE_ROW = {"filing": None, "applicant": "most filings", "cluster": 0, "agent": 0}


def _default(scope: str, name: str) -> object:
    from detector.metrics.catalogue import BY_SCOPE

    metric = BY_SCOPE.get(scope, {}).get(name)
    return {"number": 0, "text": "", "bool": False}[metric.kind] if metric is not None else ""


def override_metrics(table: pd.DataFrame, scope: str, overrides: dict[str, dict]) -> None:
    """Set the stated values of `scope` in `table`: every filing; the applicant with the most filings (the
    case's applicant); the one cluster or agency of the case. A column the stages do not compute is added."""
    values = overrides.get(scope) or {}
    if not values or table.empty:
        return
    if scope == "filing":
        for name, value in values.items():
            table[name] = value
        return
    row = int(table["n_filings"].to_numpy().argmax()) if scope == "applicant" else table.index[0]
    for name, value in values.items():
        if name not in table.columns:
            table[name] = _default(scope, name)
        if isinstance(value, float) and pd.api.types.is_integer_dtype(table[name]):
            table[name] = table[name].astype("float64")
        elif (table[name].dtype == bool) != isinstance(value, bool) or isinstance(value, str):
            table[name] = table[name].astype(object)
        table.at[row, name] = value
