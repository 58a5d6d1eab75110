"""Load and check one reference-list file; flatten entries and aliases into match terms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from detector import yaml_safe
from detector.disk_cache import cached, source_bytes
from detector.errors import RuleFileError
from detector.text import Text
from detector.yaml_safe import LocDict, load_yaml_file, read_rule_file

LIST_CATEGORIES = {
    "olympic",
    "champion",
    "public_emergency",
    "national_project",
    "martyr_patriotic",
    "public_figure",
    "famous_work",  # famous films, TV series and their characters (Examination Guidelines Art. 4 situation (5))
    "place_name",
    "generic_term",
    "generic_affix",  # prefixes and suffixes a squatter adds to a trending term (herd waves strip them)
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
    "source_date",
    "former_names",
    "ids",
}
# Entry keys that hold a list of names or codes.
LIST_KEYS = ("aliases", "rights_holders", "classes", "former_names", "ids")
# A date of a source or an event: a year, a month or a day in ISO form.
ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
# A `source` that looks like an id of the file's sources table (S12, WL-3): it must be one.
_SOURCE_ID = re.compile(r"^[A-Za-z]{1,4}-?\d{1,4}$")


@dataclass
class ReferenceList:
    """One list file: its header and its entries (plain dicts)."""

    list_id: str
    path: Path
    category: str
    header: dict
    entries: list[dict]


def _fail(data: LocDict, key: object, message: Text, fix: Text | str = "") -> RuleFileError:
    line, col = data.pos(key)
    return RuleFileError(message, file=data.file, line=line, column=col, fix=fix)


def _bad_date(key: str, value: object) -> Text:
    return Text(
        en=f"{key} '{value}' is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)",
        zh=f"{key}“{value}”不是 ISO 日期（YYYY-MM-DD、YYYY-MM 或 YYYY）",
    )


def _sources_table(data: LocDict) -> dict[str, LocDict]:
    """The file's `sources` by id; each source's `date` (published) or `accessed` (consulted) must be ISO."""
    table: dict[str, LocDict] = {}
    for source in data.get("sources") or []:
        if not isinstance(source, LocDict) or not str(source.get("id") or "").strip():
            where = source if isinstance(source, LocDict) else data
            raise _fail(where, None, Text(en="a source needs an id", zh="来源需要 id"), "id, title, url, date")
        for key in ("date", "accessed"):
            if source.get(key) and not ISO_DATE.match(str(source[key])):
                raise _fail(source, key, _bad_date(key, source[key]), "YYYY-MM-DD")
        table[str(source["id"])] = source
    for key in ("source_date",):
        if data.get(key) and not ISO_DATE.match(str(data[key])):
            raise _fail(data, key, _bad_date(key, data[key]), "YYYY-MM-DD")
    return table


def _provenance(data: LocDict, entry: LocDict, table: dict[str, LocDict]) -> dict[str, str]:
    """The entry's `source` and `source_date`: its own, else the list's; the date may also come from the source
    it names in `sources` (its `date`, else `accessed`). Both are required."""
    source = str(entry.get("source") or data.get("source") or "").strip()
    if not source:
        raise _fail(
            entry,
            "id",
            Text(en=f"entry '{entry['id']}' has no source", zh=f"条目“{entry['id']}”没有来源（source）"),
            Text(
                en="give `source` (an id of this file's sources, or a citation) on the entry or on the list",
                zh="在条目或名单头部写 source（本文件 sources 中的 id，或出处说明）",
            ),
        )
    if source not in table and table and _SOURCE_ID.match(source):
        raise _fail(
            entry if "source" in entry else data,
            "source",
            Text(
                en=f"source '{source}' is not among this file's sources",
                zh=f"来源“{source}”不在本文件的 sources 中",
            ),
            ", ".join(sorted(table)),
        )
    cited = table.get(source) or {}
    date = entry.get("source_date") or cited.get("date") or cited.get("accessed") or data.get("source_date")
    if not date:
        raise _fail(
            entry,
            "id",
            Text(en=f"entry '{entry['id']}' has no source_date", zh=f"条目“{entry['id']}”没有来源日期（source_date）"),
            Text(
                en="give `source_date` on the entry or the list, or `date`/`accessed` on the source it names",
                zh="在条目或名单头部写 source_date，或在所引来源中写 date/accessed",
            ),
        )
    if not ISO_DATE.match(str(date)):
        raise _fail(entry if entry.get("source_date") else data, "source_date", _bad_date("source_date", date))
    return {"source": source, "source_date": str(date)}


def load_list_file(path: Path) -> ReferenceList:
    """Parse and check a list file (keys, categories, unique ids, sources); raises RuleFileError at file:line.

    A file that passed its checks is kept in the disk cache as plain data, keyed by its bytes and its name (the
    list id must be the name): the entries as dicts and lists, the header's nodes with their locations. A run reads
    it back without parsing and checking it again (decoding a located tree took most of loading the bundled lists).
    A file that fails is never cached, so its error is raised every time."""
    path = Path(path)
    raw, _ = read_rule_file(path)
    parts = (raw, path.stem, source_bytes(__file__, yaml_safe.__file__))
    return cached("list", parts, lambda: _checked_list(path), _encode_list, _list_decoder(path))


def _plain(value: object) -> object:
    """A located YAML value as plain dicts and lists."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _encode_list(ref: ReferenceList) -> tuple:
    header = {k: _plain(v) if k == "entries" else yaml_safe.encode_tree(v) for k, v in ref.header.items()}
    return (ref.list_id, ref.category, header, _plain(ref.entries))


def _list_decoder(path: Path):
    decode = yaml_safe.tree_decoder(str(path))

    def decode_list(value: object) -> ReferenceList:
        if not (isinstance(value, tuple) and len(value) == 4):
            raise ValueError("not a checked list")
        list_id, category, header, entries = value
        if not (isinstance(list_id, str) and isinstance(category, str) and isinstance(header, dict)):
            raise ValueError("not a checked list")
        if not (isinstance(entries, list) and all(isinstance(e, dict) for e in entries)):
            raise ValueError("not a checked list")
        header = {k: v if k == "entries" else decode(v) for k, v in header.items()}
        return ReferenceList(list_id, path, category, header, entries)

    return decode_list


def _checked_list(path: Path) -> ReferenceList:
    data = load_yaml_file(path)
    if not isinstance(data, LocDict):
        raise RuleFileError(
            Text(en="a list file must be a mapping", zh="名单文件必须是一个映射（键: 值）"),
            file=str(path),
            line=1,
            column=1,
        )
    for key in REQUIRED_KEYS:
        if key not in data:
            raise _fail(
                data, None, Text(en=f"missing key '{key}'", zh=f"缺少键“{key}”"), "list, title, category, entries"
            )
    list_id = data["list"]
    if list_id != Path(path).stem:
        stem = Path(path).stem
        raise _fail(
            data,
            "list",
            Text(
                en=f"list id '{list_id}' differs from the file name '{stem}'",
                zh=f"名单 id“{list_id}”与文件名“{stem}”不一致",
            ),
        )
    if data["category"] not in LIST_CATEGORIES:
        category = data["category"]
        raise _fail(
            data,
            "category",
            Text(en=f"unknown list category '{category}'", zh=f"未知的名单类别“{category}”"),
            ", ".join(sorted(LIST_CATEGORIES)),
        )
    table = _sources_table(data)
    entries = data["entries"]
    if not isinstance(entries, list):
        raise _fail(data, "entries", Text(en="entries must be a list", zh="entries 必须是一个列表"))
    seen: set[str] = set()
    clean: list[dict] = []
    for i, entry in enumerate(entries):
        if not isinstance(entry, LocDict):
            line, col = entries.pos(i)
            raise RuleFileError(
                Text(en="an entry must be a mapping", zh="每个条目必须是一个映射（键: 值）"),
                file=str(path),
                line=line,
                column=col,
            )
        unknown = set(entry) - ENTRY_KEYS
        if unknown:
            key = min(unknown)
            raise _fail(
                entry,
                key,
                Text(en=f"unknown entry key '{key}'", zh=f"未知的条目键“{key}”"),
                ", ".join(sorted(ENTRY_KEYS)),
            )
        for key in ("id", "term"):
            if not isinstance(entry.get(key), (str, int)) or str(entry.get(key)).strip() == "":
                raise _fail(entry, key, Text(en=f"entry needs a non-empty '{key}'", zh=f"条目需要非空的“{key}”"))
        eid = str(entry["id"])
        if eid in seen:
            raise _fail(entry, "id", Text(en=f"duplicate entry id '{eid}'", zh=f"条目 id“{eid}”重复"))
        seen.add(eid)
        if "distinctive" in entry and not isinstance(entry["distinctive"], bool):
            raise _fail(
                entry,
                "distinctive",
                Text(
                    en=f"distinctive must be true or false, not '{entry['distinctive']}'",
                    zh=f"distinctive 必须是 true 或 false，不能是“{entry['distinctive']}”",
                ),
                Text(en="true or false", zh="true 或 false"),
            )
        for key in LIST_KEYS:
            if key in entry and not isinstance(entry[key], list):
                raise _fail(
                    entry,
                    key,
                    Text(en=f"{key} must be a list", zh=f"{key} 必须是一个列表"),
                    Text(en=f"{key}: [a, b]", zh=f"{key}: [甲, 乙]"),
                )
        if entry.get("event_date") and not ISO_DATE.match(str(entry["event_date"])):
            raise _fail(entry, "event_date", _bad_date("event_date", entry["event_date"]), "YYYY-MM-DD")
        clean.append({**entry, **_provenance(data, entry, table)})
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
