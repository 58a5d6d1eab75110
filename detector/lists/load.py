"""Load and check one reference-list file; flatten entries and aliases into match terms."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from detector.errors import RuleFileError
from detector.yaml_safe import LocDict, load_yaml_file

LIST_CATEGORIES = {
    "olympic",
    "champion",
    "public_emergency",
    "national_project",
    "martyr_patriotic",
    "public_figure",
    "place_name",
    "generic_term",
    "famous_mark",
    "watchlist",
    "allowlist",
}
REQUIRED_KEYS = ("list", "title", "category", "entries")
ENTRY_KEYS = {
    "id",
    "term",
    "aliases",
    "kind",
    "rights_holders",
    "event_date",
    "classes",
    "source",
    "verified",
    "note",
    "distinctive",
}


@dataclass
class ReferenceList:
    """One list file: its header and its entries (plain dicts)."""

    list_id: str
    path: Path
    category: str
    header: dict
    entries: list[dict]


def _fail(data: LocDict, key: object, message: str, fix: str = "") -> RuleFileError:
    line, col = data.pos(key)
    return RuleFileError(message, file=data.file, line=line, column=col, fix=fix)


def load_list_file(path: Path) -> ReferenceList:
    """Parse and check a list file (keys, categories, unique ids, sources); raises RuleFileError at file:line."""
    data = load_yaml_file(path)
    if not isinstance(data, LocDict):
        raise RuleFileError("a list file must be a mapping", file=str(path), line=1, column=1)
    for key in REQUIRED_KEYS:
        if key not in data:
            raise _fail(data, None, f"missing key '{key}'", "list, title, category, entries")
    list_id = data["list"]
    if list_id != Path(path).stem:
        raise _fail(data, "list", f"list id '{list_id}' differs from the file name '{Path(path).stem}'")
    if data["category"] not in LIST_CATEGORIES:
        raise _fail(data, "category", f"unknown list category '{data['category']}'", ", ".join(sorted(LIST_CATEGORIES)))
    sources = {s.get("id") for s in data.get("sources") or [] if isinstance(s, dict)}
    entries = data["entries"]
    if not isinstance(entries, list):
        raise _fail(data, "entries", "entries must be a list")
    seen: set[str] = set()
    clean: list[dict] = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, LocDict):
            line, col = entries.pos(i)
            raise RuleFileError("an entry must be a mapping", file=str(path), line=line, column=col)
        unknown = set(entry) - ENTRY_KEYS
        if unknown:
            raise _fail(entry, min(unknown), f"unknown entry key '{min(unknown)}'", ", ".join(sorted(ENTRY_KEYS)))
        for key in ("id", "term"):
            if not isinstance(entry.get(key), (str, int)) or str(entry.get(key)).strip() == "":
                raise _fail(entry, key, f"entry needs a non-empty '{key}'")
        eid = str(entry["id"])
        if eid in seen:
            raise _fail(entry, "id", f"duplicate entry id '{eid}'")
        seen.add(eid)
        if "distinctive" in entry and not isinstance(entry["distinctive"], bool):
            raise _fail(
                entry,
                "distinctive",
                f"distinctive must be true or false, not '{entry['distinctive']}'",
                "true or false",
            )
        if entry.get("source") and sources and entry["source"] not in sources:
            raise _fail(entry, "source", f"source '{entry['source']}' is not among this file's sources")
        clean.append(dict(entry))
    return ReferenceList(list_id, Path(path), data["category"], dict(data), clean)


def terms_table(lists: list[ReferenceList]) -> pd.DataFrame:
    """One row per matchable form (term and each alias): term_id, term, entry_id, list_id, category, ...

    `distinctive` (an entry flag, shared by its aliases): the matcher may match the term by sound alone even with
    two syllables (docs/matching.md, guards)."""
    rows = []
    for ref in lists:
        for entry in ref.entries:
            forms = [str(entry["term"])] + [str(a) for a in entry.get("aliases") or []]
            holders = ";".join(str(h) for h in entry.get("rights_holders") or [])
            classes = ";".join(str(c) for c in entry.get("classes") or [])
            for k, form in enumerate(dict.fromkeys(forms)):
                rows.append(
                    {
                        "term_id": f"{entry['id']}#{k}",
                        "term": form,
                        "entry_id": str(entry["id"]),
                        "entry_term": str(entry["term"]),
                        "list_id": ref.list_id,
                        "category": ref.category,
                        "kind": str(entry.get("kind") or ""),
                        "rights_holders": holders,
                        "classes": classes,
                        "event_date": entry.get("event_date") or "",
                        "distinctive": bool(entry.get("distinctive", False)),
                    }
                )
    frame = pd.DataFrame(
        rows,
        columns=[
            "term_id",
            "term",
            "entry_id",
            "entry_term",
            "list_id",
            "category",
            "kind",
            "rights_holders",
            "classes",
            "event_date",
            "distinctive",
        ],
    )
    frame["distinctive"] = frame["distinctive"].astype(bool)
    frame["event_date"] = pd.to_datetime(frame["event_date"].replace("", None), errors="coerce").astype(
        "datetime64[ns]"
    )
    return frame
