"""Map a source file's header row to the contract's column names (English names or Chinese aliases)."""

from __future__ import annotations

import re
from pathlib import Path

from detector.errors import InputDataError
from detector.io.contract import TableSpec
from detector.io.where import HEADER
from detector.text import Text


def header_map(columns: list[str], spec: TableSpec, path: Path) -> tuple[dict[str, str], list[str]]:
    """Map source headers (English or Chinese aliases, any case and spacing) to contract names.

    Returns (source name -> contract name, ignored source names); raises on a missing required column or two
    columns that mean the same."""
    lookup: dict[str, str] = {}
    for col in spec.columns:
        for alias in (col.name, *col.aliases):
            lookup[fold_header(alias)] = col.name
    mapping: dict[str, str] = {}
    ignored: list[str] = []
    seen: dict[str, str] = {}
    for src in columns:
        target = lookup.get(fold_header(str(src)))
        if target is None:
            ignored.append(str(src))
            continue
        if target in seen:
            raise InputDataError(
                Text(
                    en=f"columns '{seen[target]}' and '{src}' both mean '{target}'",
                    zh=f"列“{seen[target]}”和“{src}”都表示“{target}”",
                ),
                file=str(path),
                line=HEADER,
                fix=Text(en="keep only one of them", zh="只保留其中一列"),
            )
        seen[target] = str(src)
        mapping[str(src)] = target
    missing = [c for c in spec.required() if c not in seen]
    if missing:
        found = ", ".join(str(c) for c in columns)
        wanted = ", ".join(c.name + (f" [{c.aliases[0]}]" if c.aliases else "") for c in spec.columns if c.required)
        raise InputDataError(
            Text(
                en=f"missing required column(s) {', '.join(missing)} in the {spec.name} file; found: {found}",
                zh=f"{spec.zh}文件缺少必需的列 {', '.join(missing)}；现有的列：{found}",
            ),
            file=str(path),
            line=HEADER,
            fix=Text(en=f"headers {wanted}", zh=f"表头 {wanted}"),
        )
    return mapping, ignored


def fold_header(name: str) -> str:
    """A header as compared: no spaces, underscores, dashes or BOM, case-folded."""
    return re.sub(r"[\s_\-\ufeff]+", "", name).casefold()
