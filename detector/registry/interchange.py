"""The interchange file: the list as JSON Lines (a header line, then one entry a line) that another office or
business line loads with `tmscreen registry import`. Import validates every line against the JSON Schema shipped in
the package (docs/registry-interchange.schema.json is the same file), merges, keeps each entry's provenance, and
never overwrites a local decision: a conflict keeps the local status and records the incoming one, not applied."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pandas as pd
import sqlalchemy as sa

from detector.normalize.org_name import org_key
from detector.registry import schema as s
from detector.registry.errors import RegistryError
from detector.registry.history_query import typed_applicants
from detector.registry.list_read import read_entries
from detector.registry.model import APPLICANT_COLUMNS
from detector.registry.tables import frame_rows, insert_ignore, insert_rows, now_iso, select_in, split
from detector.text import Text
from detector.version import __version__

FORMAT = "tmscreen-registry-interchange"
VERSION = 1
HISTORY_FIELDS = ["status", "previous", "kind", "applied", "by", "at", "reason", "batch_id", "source"]


def load_schema() -> dict[str, Any]:
    return json.loads(resources.files("detector.registry").joinpath("interchange.schema.json").read_text("utf-8"))


def _plain(value: Any) -> Any:
    if value is None or value is pd.NaT or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.strftime("%Y-%m-%d")
    if hasattr(value, "item"):
        return value.item()
    return value


def export(conn: sa.Connection, path: str | os.PathLike) -> dict[str, int]:
    """Write the list to `path` (atomically: a temporary file renamed at the end)."""
    entries = read_entries(conn)
    ids = entries["applicant_id"].tolist()
    h = s.status_history
    history = frame_rows(
        conn,
        sa.select(h.c.applicant_id, *(h.c[c if c != "by" else "decided_by"] for c in HISTORY_FIELDS)).order_by(
            h.c.at, h.c.id
        ),
    )
    history = history.rename(columns={"decided_by": "by"})
    by_id: dict[str, list[dict[str, Any]]] = {}
    for row in history.to_dict("records"):
        aid = row.pop("applicant_id")
        row["applied"] = bool(row["applied"])
        by_id.setdefault(aid, []).append(row)
    a = s.applicants
    apps = typed_applicants(
        frame_of_applicants(select_in(conn, sa.select(*(a.c[c] for c in APPLICANT_COLUMNS)), a.c.applicant_id, ids))
    )
    app_of = {r["applicant_id"]: r for r in apps.to_dict("records")}
    e = s.entries
    evidence = dict(conn.execute(sa.select(e.c.applicant_id, e.c.cleared_evidence)).fetchall())
    path = Path(path)
    tmp = path.with_name(path.name + ".partial")
    n_history = 0
    with tmp.open("w", encoding="utf-8", newline="\n") as out:
        header = {
            "format": FORMAT,
            "version": VERSION,
            "exported_at": now_iso(),
            "tool_version": __version__,
            "n_entries": len(entries),
        }
        out.write(json.dumps(header, ensure_ascii=False) + "\n")
        for row in entries.to_dict("records"):
            aid = row["applicant_id"]
            record = {
                "type": "entry",
                "applicant_id": aid,
                "name": row["name"],
                "former_names": split(row["former_names"]),
                "status": row["status"],
                "cluster_id": row["cluster_id"],
                "categories": split(row["categories"]),
                "rule_ids": split(row["rule_ids"]),
                "first_listed": row["first_listed"],
                "last_seen": row["last_seen"],
                "n_batches": int(row["n_batches"]),
                "score": float(row["score"]),
                "level": row["level"],
                "repeat_offender": bool(row["repeat_offender"]),
                "source": row["source"],
                "sources": json.loads(row["sources"] or "[]"),
                "cleared_evidence": json.loads(evidence.get(aid) or "[]"),
                "applicant": {k: _plain(v) for k, v in app_of.get(aid, {}).items()},
                "history": by_id.get(aid, []),
            }
            n_history += len(record["history"])
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
    os.replace(tmp, path)
    return {"entries": len(entries), "history": n_history}


def frame_of_applicants(rows: list) -> pd.DataFrame:
    return pd.DataFrame.from_records([tuple(r) for r in rows], columns=APPLICANT_COLUMNS)


def _bad(path: Path, line: int, message: Text, fix: Text | str = "") -> RegistryError:
    return RegistryError(message, file=str(path), line=line, fix=fix)


def read_file(path: str | os.PathLike) -> list[dict[str, Any]]:
    """Every entry of an interchange file, validated; RegistryError naming the line of the first problem."""
    path = Path(path)
    if not path.is_file():
        raise RegistryError(
            Text(en="no interchange file at this path", zh="此路径下没有交换文件"),
            file=str(path),
            fix=Text(en="the file written by `tmscreen registry export`", zh="`tmscreen registry export` 导出的文件"),
        )
    schema = load_schema()
    header_check = jsonschema.Draft202012Validator({**schema["$defs"]["header"], "$defs": schema["$defs"]})
    entry_check = jsonschema.Draft202012Validator({**schema["$defs"]["entry"], "$defs": schema["$defs"]})
    out: list[dict[str, Any]] = []
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError:
        raise _bad(path, 1, Text(en="the file is not UTF-8 text", zh="文件不是 UTF-8 文本")) from None
    lines = text.splitlines()
    if not lines:
        raise _bad(path, 1, Text(en="the file is empty", zh="文件为空"), Text(en="a header line", zh="一行文件头"))
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise _bad(
                path,
                number,
                Text(en=f"not JSON: {exc.msg} at column {exc.colno}", zh=f"不是 JSON：{exc.msg}（第 {exc.colno} 列）"),
                Text(en="one JSON object per line", zh="每行一个 JSON 对象"),
            ) from None
        check = header_check if number == 1 else entry_check
        errors = sorted(check.iter_errors(value), key=lambda e: list(e.absolute_path))
        if errors:
            err = errors[0]
            where = "/".join(str(p) for p in err.absolute_path) or "(line)"
            kind = "header" if number == 1 else "entry"
            raise _bad(
                path,
                number,
                Text(
                    en=f"{kind} field {where}: {err.message}",
                    zh=f"{'文件头' if number == 1 else '条目'}字段 {where}：{err.message}",
                ),
                Text(
                    en="a line as described by docs/registry-interchange.schema.json",
                    zh="符合 docs/registry-interchange.schema.json 的一行",
                ),
            )
        if number > 1:
            out.append(value)
    return out


def _decider(rows: list[tuple]) -> str | None:
    """Who set the local status: the source of the last applied decision or import, None when only screening."""
    for kind, source, applied in reversed(rows):
        if applied and kind in ("decision", "import"):
            return source
    return None


def merge(conn: sa.Connection, incoming: list[dict[str, Any]], source: str) -> dict[str, int]:
    """Merge validated entries from `source`; counts new, updated, conflicts and history rows added."""
    if not str(source or "").strip():
        raise RegistryError(
            Text(en="an import needs a source name", zh="导入必须注明来源名称"),
            fix=Text(en="--source NAME (the office or business line)", zh="--source 名称（局/部门或业务线）"),
        )
    e, h = s.entries, s.status_history
    at = now_iso()
    summary = {"entries": len(incoming), "new": 0, "updated": 0, "conflicts": 0, "history": 0}
    for item in incoming:
        aid = item["applicant_id"]
        local = conn.execute(sa.select(e.c.status, e.c.sources).where(e.c.applicant_id == aid)).first()
        seen = {
            (r[0], r[1], r[2], r[3])
            for r in conn.execute(sa.select(h.c.at, h.c.status, h.c.source, h.c.kind).where(h.c.applicant_id == aid))
        }
        rows = []
        for past in item["history"]:
            row = {
                "applicant_id": aid,
                "status": past["status"],
                "previous": past.get("previous", ""),
                "applied": False,  # their history, kept as provenance; only the merge below changes our status
                "kind": "import",
                "decided_by": past["by"],
                "at": past["at"],
                "reason": past["reason"],
                "batch_id": past.get("batch_id", ""),
                "source": f"{source}:{past['source']}",
            }
            if (row["at"], row["status"], row["source"], row["kind"]) not in seen:
                rows.append(row)
        status = item["status"]
        their = f"{source}:{item.get('source', 'local')}"
        merged_row = {
            "applicant_id": aid,
            "status": status,
            "previous": "",
            "applied": True,
            "kind": "import",
            "decided_by": f"import:{source}",
            "at": at,
            "reason": f"imported from {source}",
            "batch_id": "",
            "source": source,
        }
        if local is None:
            _insert_entry(conn, item, source, their, at)
            rows.append(merged_row)
            summary["new"] += 1
        else:
            local_status, sources_json = local
            sources = json.loads(sources_json or "[]")
            if their not in sources:
                sources.append(their)
            values: dict[str, Any] = {"sources": json.dumps(sources), "updated_at": at}
            if status != local_status:
                past = conn.execute(
                    sa.select(h.c.kind, h.c.source, h.c.applied).where(h.c.applicant_id == aid).order_by(h.c.at, h.c.id)
                ).all()
                decider = _decider(past)
                if decider is not None and decider != source:
                    summary["conflicts"] += 1
                    rows.append(
                        {
                            **merged_row,
                            "previous": local_status,
                            "applied": False,
                            "kind": "conflict",
                            "reason": f"{source} says {status}; the local status {local_status} is kept",
                        }
                    )
                else:
                    values["status"] = status
                    if status == "cleared":
                        values["cleared_evidence"] = json.dumps(item.get("cleared_evidence", []))
                    rows.append({**merged_row, "previous": local_status})
            conn.execute(e.update().where(e.c.applicant_id == aid).values(**values))
            summary["updated"] += 1
        rows = [r for r in rows if (r["at"], r["status"], r["source"], r["kind"]) not in seen or r is merged_row]
        insert_rows(conn, h, rows)
        summary["history"] += len(rows)
        _names(conn, item, source)
    return summary


def _insert_entry(conn: sa.Connection, item: dict[str, Any], source: str, their: str, at: str) -> None:
    insert_rows(
        conn,
        s.entries,
        [
            {
                "applicant_id": item["applicant_id"],
                "status": item["status"],
                "name": item.get("name", ""),
                "cluster_id": item.get("cluster_id", ""),
                "categories": ";".join(item.get("categories", [])),
                "rule_ids": ";".join(item.get("rule_ids", [])),
                "score": float(item.get("score", 0.0)),
                "level": item.get("level", ""),
                "repeat_offender": bool(item.get("repeat_offender", False)),
                "first_listed": at,
                "first_batch": "",
                "last_seen": item.get("last_seen", at) or at,
                "last_batch": "",
                "n_batches": 0,
                "source": source,
                "sources": json.dumps([their]),
                "cleared_evidence": json.dumps(item.get("cleared_evidence", [])),
                "updated_at": at,
            }
        ],
    )


def _names(conn: sa.Connection, item: dict[str, Any], source: str) -> None:
    """The applicant row (when not recorded here yet) and its names, so offenders match by name variants."""
    aid = item["applicant_id"]
    app = item.get("applicant") or {}
    tag = f"import:{source}"
    row = {c: ("" if app.get(c) is None else str(app.get(c))) for c in APPLICANT_COLUMNS}
    row["applicant_id"] = aid
    row["name"] = row["name"] or item.get("name", "")
    try:
        row["registered_capital"] = (
            float(app["registered_capital"]) if app.get("registered_capital") is not None else None
        )
    except (TypeError, ValueError):
        row["registered_capital"] = None
    row.update(name_key=org_key(row["name"]), first_batch=tag, last_batch=tag)
    insert_ignore(conn, s.applicants, [row])
    names = [n for n in [item.get("name", ""), *item.get("former_names", [])] if n]
    insert_ignore(
        conn,
        s.applicant_names,
        [
            {"applicant_id": aid, "name": n, "name_key": org_key(n), "first_batch": tag, "last_batch": tag}
            for n in names
        ],
    )
