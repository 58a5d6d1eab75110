"""A typed source value (JSON, Parquet, workbook cell) as the text a user would have typed."""

from __future__ import annotations

import json


def cell_text(value: object) -> str:
    """None as "", booleans as 1/0, whole floats without '.0', lists joined by ';', objects as JSON."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return ";".join(cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)
