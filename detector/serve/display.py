"""How the workspace shows registry values in the visitor's language: times, statuses (with "needs more
information"), categories, levels and link types. Jinja filters (registered in detector.serve.pages); no HTML here.

The registry stores times as ISO 8601 UTC ("2026-11-27T11:37:05.859443Z"); a page shows "2026-11-27 11:37" and says
once, in the table heading, that times are UTC. "Needs more information" is recorded as status `suspected` with
the reason prefixed by `more_info_prefix` (in the reviewer's language; the registry's statuses are a public
contract), and shown as its own status in the status history."""

from __future__ import annotations

from datetime import UTC, datetime

from detector.serve.labels import LANGS, labels

MORE_INFO = "more_info"


def when(value: object) -> str:
    """An ISO time as YYYY-MM-DD HH:MM in UTC; a date alone stays a date; anything else is shown as it is."""
    text = "" if value is None else str(value).strip()
    if len(text) <= 10 or text in ("nan", "NaT", "None"):
        return "" if text in ("nan", "NaT", "None") else text
    try:
        stamp = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return text
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(UTC)
    return stamp.strftime("%Y-%m-%d %H:%M")


def _more_info_prefixes() -> tuple[str, ...]:
    return tuple(f"{labels(lang)['more_info_prefix']}: " for lang in LANGS)


def history_status(row: dict) -> str:
    """The status a status-history row shows: `more_info` for a reviewer's "needs more information", else its own."""
    status = str(row.get("status", ""))
    if status == "suspected" and str(row.get("kind", "")) != "screening":
        if str(row.get("reason", "")).startswith(_more_info_prefixes()):
            return MORE_INFO
    return status


def history_reason(row: dict) -> str:
    """The reason without the "needs more information" prefix when the status column already says it."""
    reason = str(row.get("reason", ""))
    if history_status(row) == MORE_INFO:
        for prefix in _more_info_prefixes():
            if reason.startswith(prefix):
                return reason[len(prefix) :]
    return reason


def status(value: object, lang: str) -> str:
    """A status (or `more_info`) in `lang`; several joined by ";" are each translated."""
    words = labels(lang)["statuses"]
    parts = [p for p in str(value or "").split(";") if p]
    return "、".join(words.get(p, p) for p in parts) if lang == "zh" else ", ".join(words.get(p, p) for p in parts)


def categories(value: object, lang: str) -> str:
    """Categories ("cluster;hoarding") by the names the report uses (detector.i18n REPORT_MESSAGES cat_*)."""
    words = labels(lang)["categories"]
    parts = [p for p in str(value or "").split(";") if p]
    return ("、" if lang == "zh" else ", ").join(words.get(p, p) for p in parts)


def link_type(value: object, lang: str) -> str:
    """A link type by its own label (graphs.links: the label the report and `tmscreen network` use)."""
    return labels(lang)["link_types"].get(str(value), str(value))


FILTERS = {"when": when, "status_in": status, "categories_in": categories, "link_type_in": link_type}
