"""The link-type and settings tables of docs/graph.md, rendered from the registered classes (a test keeps the file in
step). Run `python -m graphs.links.docs docs/graph.md` (or `make docs`) to rewrite the tables in place."""

from __future__ import annotations

import sys
from pathlib import Path

from graphs.config import GRAPH_SETTINGS
from graphs.links.registry import Setting, link_types, type_settings

BEGIN = "<!-- link-types: generated from graphs/links/<type>.py by `make docs`; do not edit by hand -->"
END = "<!-- end of generated link types -->"


def _number(value: float | int) -> str:
    return str(value) if isinstance(value, int) else f"{value:g}"


def _range(schema: dict) -> str:
    low = (
        f"> {_number(schema['exclusiveMinimum'])}"
        if "exclusiveMinimum" in schema
        else (f"≥ {_number(schema['minimum'])}" if "minimum" in schema else "")
    )
    high = f"≤ {_number(schema['maximum'])}" if "maximum" in schema else ""
    kind = "integer" if schema.get("type") == "integer" else "number"
    return ", ".join(x for x in (kind, low, high) if x)


def render_tables() -> str:
    """The generated part of docs/graph.md: one row per link type, then one per `graph` setting."""
    lines = [
        "| link type | label (zh / en) | shared value (normalized) | default strength | cut above (holders) |",
        "|---|---|---|---|---|",
    ]
    owners: dict[str, list[str]] = {}
    for kind in link_types():
        strength = kind.doc_strength or _number(kind.strength)
        cap = kind.doc_cap or _number(kind.max_holders)
        label = f"{kind.describe('zh')} / {kind.describe('en')}"
        lines.append(f"| `{kind.name}` | {label} | {kind.shared_value} | {strength} | {cap} |")
        for key in kind.settings:
            owners.setdefault(key, []).append(f"`{kind.name}`")
    lines += [
        "",
        "| setting | default | allowed | what it does | read by |",
        "|---|---|---|---|---|",
    ]
    settings: dict[str, Setting] = {**GRAPH_SETTINGS, **type_settings()}
    for key, s in settings.items():
        read_by = ", ".join(owners.get(key, [])) or "the graph"
        lines.append(f"| `{key}` | {_number(s.default)} | {_range(s.schema)} | {s.doc} | {read_by} |")
    return "\n".join([BEGIN, *lines, END])


def update(text: str) -> str:
    """`text` (docs/graph.md) with its generated part replaced by the current one."""
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return head + render_tables() + tail


if __name__ == "__main__":
    path = Path(sys.argv[1])
    path.write_text(update(path.read_text(encoding="utf-8")), encoding="utf-8")
