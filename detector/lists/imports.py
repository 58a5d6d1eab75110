"""Import an office's own list entries from a CSV file, with their provenance, into a list folder it names.

`import_entries(csv, list_id, out_dir)` reads the rows (term, aliases, category-specific fields, source,
source_date ...), checks every cell (a bad cell is an InputDataError naming the row and column, exit 2), appends the
entries to `<out_dir>/<list_id>.yaml` and checks the resulting list file as `tmscreen rules check` does (a
RuleFileError at file:line, exit 3). The file is written only when everything passed, by an atomic rename: nothing
is ever half-written. A list the bundled rule set ships (public_figures, watchlist ...) is copied first, so the local
list extends the shipped one; the installed package's own rules/ is never written.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from detector.errors import EXIT_BAD_INPUT, InputDataError, RuleFileError, TmscreenError
from detector.lists.load import ISO_DATE, LIST_CATEGORIES, load_list_file
from detector.package_data import bundled_rules_dir
from detector.text import Text

# CSV columns: the entry keys of docs/lists.md, list-valued ones separated by ';'.
COLUMNS = (
    "id",
    "term",
    "aliases",
    "kind",
    "rights_holders",
    "event_date",
    "classes",
    "former_names",
    "ids",
    "source",
    "source_date",
    "verified",
    "distinctive",
    "note",
)
REQUIRED_COLUMNS = ("term", "source", "source_date")
LIST_COLUMNS = ("aliases", "rights_holders", "classes", "former_names", "ids")
_BOOL = {"true": True, "1": True, "yes": True, "是": True, "false": False, "0": False, "no": False, "否": False}
_LIST_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_SPLIT = re.compile(r"[;；]")


@dataclass(frozen=True)
class ImportResult:
    """What an import did: the list file written, the entry ids added, and whether it began as the shipped list."""

    path: Path
    added: list[str]
    from_bundled: bool


def _cell_error(path: Path, row: int, column: str, message: Text, fix: Text | str = "") -> InputDataError:
    return InputDataError(message, file=str(path), line=row, column=column, fix=fix)


def read_rows(path: Path) -> list[dict]:
    """The CSV's rows as entry dicts (empty cells left out); InputDataError at the row and column of a bad cell."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputDataError(
            Text(en="the file is not UTF-8 text", zh="文件不是 UTF-8 文本"),
            file=str(path),
            fix=Text(en="save it as CSV UTF-8", zh="另存为 CSV UTF-8"),
        ) from None
    except OSError as exc:
        raise InputDataError(
            Text(en=f"cannot read the file: {exc}", zh=f"无法读取文件：{exc}"), file=str(path)
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or []]
    reader.fieldnames = header
    for column in header:
        if column not in COLUMNS:
            raise _cell_error(path, 1, column, Text(en="unknown column", zh="未知的列"), ", ".join(COLUMNS))
    for column in REQUIRED_COLUMNS:
        if column not in header:
            raise _cell_error(path, 1, column, Text(en="missing column", zh="缺少列"), ", ".join(REQUIRED_COLUMNS))
    rows = []
    for number, raw in enumerate(reader, start=1):
        if None in raw:
            raise _cell_error(path, number, "", Text(en="more cells than columns", zh="单元格多于列数"))
        cells = {k: (v or "").strip() for k, v in raw.items()}
        if not any(cells.values()):
            continue
        rows.append(_entry(path, number, cells))
    if not rows:
        raise InputDataError(Text(en="no rows to import", zh="没有可导入的行"), file=str(path))
    return rows


def _entry(path: Path, row: int, cells: dict[str, str]) -> dict:
    """One row as a list entry, every cell checked."""
    for column in REQUIRED_COLUMNS:
        if not cells.get(column):
            raise _cell_error(path, row, column, Text(en="empty cell", zh="单元格为空"), _required_fix(column))
    entry: dict = {}
    for column in COLUMNS:
        value = cells.get(column, "")
        if not value:
            continue
        if column in LIST_COLUMNS:
            items = [v.strip() for v in _SPLIT.split(value) if v.strip()]
            if column == "classes":
                if not all(v.isdigit() and 1 <= int(v) <= 45 for v in items):
                    raise _cell_error(
                        path,
                        row,
                        column,
                        Text(en=f"not Nice classes: {value}", zh=f"不是尼斯分类号：{value}"),
                        "1-45; 1-45",
                    )
                items = [int(v) for v in items]
            entry[column] = items
        elif column in ("event_date", "source_date"):
            if not ISO_DATE.match(value):
                raise _cell_error(
                    path, row, column, Text(en=f"not an ISO date: {value}", zh=f"不是 ISO 日期：{value}"), "YYYY-MM-DD"
                )
            entry[column] = value
        elif column in ("verified", "distinctive"):
            if value.lower() not in _BOOL:
                raise _cell_error(
                    path,
                    row,
                    column,
                    Text(en=f"not true or false: {value}", zh=f"不是 true 或 false：{value}"),
                    "true, false",
                )
            entry[column] = _BOOL[value.lower()]
        else:
            entry[column] = value
    entry.setdefault("rights_holders", [])
    entry.setdefault("verified", False)
    return entry


def _required_fix(column: str) -> Text:
    return {
        "term": Text(en="the name or sign", zh="名称或标志"),
        "source": Text(en="where the fact comes from (document, URL)", zh="事实出处（文书、网址）"),
        "source_date": Text(en="the date of the source, YYYY-MM-DD", zh="来源日期，YYYY-MM-DD"),
    }[column]


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _header(list_id: str, category: str, title: str) -> str:
    head = {
        "list": list_id,
        "title": {"zh": title or list_id, "en": title or list_id},
        "category": category,
        "legal_basis": [],
        "description": {
            "zh": "使用单位自行维护的名单（tmscreen lists import 导入）。",
            "en": "A list the office maintains itself (tmscreen lists import).",
        },
        "match": {"methods": ["exact"], "min_similarity": 100}
        if category in ("watchlist", "allowlist")
        else {"methods": ["exact", "contains", "pinyin", "visual", "latin"], "min_similarity": 90},
        "entries": [],
    }
    return yaml.safe_dump(head, allow_unicode=True, sort_keys=False, width=1000)


def _append(text: str, file: str, entries: list[dict]) -> tuple[str, list[int]]:
    """`text` with `entries` appended to its `entries:` block, which must be the file's last top-level key; and the
    line where each appended entry begins."""
    lines = text.rstrip("\n").split("\n")
    at = [i for i, line in enumerate(lines) if re.match(r"^entries\s*:", line)]
    later = [line for line in lines[at[-1] + 1 :] if at and re.match(r"^[^\s#-][^:]*:", line)] if at else []
    if not at or later:
        raise RuleFileError(
            Text(en="entries must be the last key of the list file", zh="entries 必须是名单文件的最后一个键"),
            file=file,
            line=(at[-1] + 1) if at else 1,
            column=1,
            fix=Text(en="move the entries block to the end of the file", zh="把 entries 部分移到文件末尾"),
        )
    indent = ""
    for line in lines[at[-1] + 1 :]:
        m = re.match(r"^(\s*)- ", line)
        if m:
            indent = m.group(1)
            break
    if re.match(r"^entries\s*:\s*\[\s*\]\s*(#.*)?$", lines[at[-1]]):
        lines[at[-1]] = "entries:"
    starts = []
    for entry in entries:
        starts.append(len(lines) + 1)
        block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000, default_flow_style=None)
        lines += [indent + line if line else line for line in block.rstrip("\n").split("\n")]
    return "\n".join(lines) + "\n", starts


def _used_ids(out_dir: Path, list_id: str) -> set[str]:
    """Entry ids of the other lists the import's folder and the bundled rule set hold (ids are unique across
    lists)."""
    used: set[str] = set()
    for folder in (out_dir, bundled_rules_dir() / "lists"):
        for f in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            if f.stem != list_id:
                try:
                    used |= {str(e["id"]) for e in load_list_file(f).entries}
                except RuleFileError:
                    continue
    return used


def _located(exc: RuleFileError, csv_path: Path, target: Path, starts: list[int]) -> TmscreenError:
    """A list-file error in an appended entry as an error of its CSV row (exit 2); otherwise the file's own."""
    line = exc.line if isinstance(exc.line, int) else 0
    if starts and line >= starts[0]:
        row = max(i for i, start in enumerate(starts, start=1) if start <= line)
        column = exc.column if isinstance(exc.column, str) else ""
        return InputDataError(exc.message, file=str(csv_path), line=row, column=column, fix=exc.fix)
    return RuleFileError(exc.message, file=str(target), line=exc.line, column=exc.column, fix=exc.fix)


def import_entries(
    csv_path: Path,
    list_id: str,
    out_dir: Path,
    category: str | None = None,
    title: str = "",
    id_prefix: str | None = None,
) -> ImportResult:
    """Append the CSV's entries to `<out_dir>/<list_id>.yaml` (created, or copied from the shipped list first)."""
    csv_path, out_dir = Path(csv_path), Path(out_dir)
    if not _LIST_ID.match(list_id):
        raise TmscreenError(
            Text(en=f"list name '{list_id}' is not snake_case", zh=f"名单名称“{list_id}”不是 snake_case"),
            fix="office_watchlist",
            exit_code=EXIT_BAD_INPUT,
        )
    if _inside(out_dir, bundled_rules_dir()):
        raise TmscreenError(
            Text(
                en="--out is inside the installed rule set; import into a folder of your own",
                zh="--out 位于安装包自带的规则集内；请导入到自己的文件夹",
            ),
            file=str(out_dir),
            fix="--out rules-local/lists",
            exit_code=EXIT_BAD_INPUT,
        )
    rows = read_rows(csv_path)
    target = out_dir / f"{list_id}.yaml"
    shipped = bundled_rules_dir() / "lists" / f"{list_id}.yaml"
    from_bundled = False
    if target.is_file():
        existing = load_list_file(target)
        text = target.read_text(encoding="utf-8")
    elif shipped.is_file():
        existing = load_list_file(shipped)
        text, from_bundled = shipped.read_text(encoding="utf-8"), True
    else:
        if category not in LIST_CATEGORIES:
            raise TmscreenError(
                Text(
                    en=f"a new list needs --category (one of {', '.join(sorted(LIST_CATEGORIES))})",
                    zh=f"新名单需要 --category（{', '.join(sorted(LIST_CATEGORIES))} 之一）",
                ),
                file=str(target),
                exit_code=EXIT_BAD_INPUT,
            )
        existing, text = None, _header(list_id, category, title)
    if existing is not None and category and category != existing.category:
        raise TmscreenError(
            Text(
                en=f"--category {category} differs from the list's category {existing.category}",
                zh=f"--category {category} 与名单类别 {existing.category} 不一致",
            ),
            file=str(target),
            exit_code=EXIT_BAD_INPUT,
        )
    taken = {str(e["id"]) for e in existing.entries} if existing else set()
    taken |= _used_ids(out_dir, list_id)
    prefix = id_prefix or list_id.upper().replace("_", "-") + "-L"
    number = 0
    added = []
    for row_number, entry in enumerate(rows, start=1):
        if "id" in entry:
            if entry["id"] in taken:
                raise _cell_error(
                    csv_path,
                    row_number,
                    "id",
                    Text(en=f"id '{entry['id']}' is already used", zh=f"id“{entry['id']}”已被使用"),
                    Text(en="a new id, or leave the cell empty", zh="新的 id，或留空自动生成"),
                )
        else:
            while True:
                number += 1
                candidate = f"{prefix}{number:03d}"
                if candidate not in taken:
                    break
            entry = {"id": candidate, **entry}
        taken.add(entry["id"])
        added.append(entry["id"])
        rows[row_number - 1] = {"id": entry["id"], **{k: v for k, v in entry.items() if k != "id"}}
    new_text, starts = _append(text, str(target), rows)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir, prefix=".import-") as tmp:
        staged = Path(tmp) / f"{list_id}.yaml"
        staged.write_text(new_text, encoding="utf-8")
        try:
            load_list_file(staged)
        except RuleFileError as exc:
            raise _located(exc, csv_path, target, starts) from None
        os.replace(staged, target)
    return ImportResult(target, added, from_bundled)
