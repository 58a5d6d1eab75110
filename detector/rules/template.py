"""Explain templates: `{name}` placeholders filled from a hit's evidence; nothing else is interpreted."""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")

# Keys every hit's evidence carries, besides the metrics of its scope and what its conditions saw.
CONTEXT_KEYS = {
    "filing": {
        "filing_id",
        "applicant_id",
        "applicant_name",
        "mark_text",
        "filing_date",
        "nice_class",
        "term",
        "entry_term",
        "list",
        "method",
        "similarity",
        "matched",
        "event_date",
        "days_after_event",
        "rights_holders",
        "count",
    },
    "applicant": {"applicant_id", "applicant_name"},
    "cluster": {"cluster_id", "links"},
    "agent": {"agent"},
}


def placeholders(template: str) -> list[str]:
    return PLACEHOLDER.findall(template)


def render(template: str, evidence: dict) -> str:
    """Replace each `{name}` by its evidence value (numbers shortened); unknown names become '?'."""

    def value(m: re.Match) -> str:
        v = evidence.get(m.group(1))
        if v is None:
            return "?"
        if isinstance(v, float):
            if m.group(1).endswith(("share", "ratio", "concentration")):
                return f"{v:.0%}"
            if v.is_integer():
                return f"{int(v):,}"
            return f"{v:,.0f}" if abs(v) >= 100 else f"{v:.3g}"
        if isinstance(v, int) and not isinstance(v, bool):
            return f"{v:,}"
        return str(v)

    return PLACEHOLDER.sub(value, template)
