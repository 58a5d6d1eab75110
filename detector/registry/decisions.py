"""A reviewer's decision on an entry: a status change with who, when and why, kept in the status history.

Clearing stores the evidence the entry was cleared on (every (rule_id, filing_id) hit recorded for it), so later
screenings do not flag it again for the same evidence, only for new evidence."""

from __future__ import annotations

import json

import sqlalchemy as sa

from detector.registry import schema as s
from detector.registry.errors import RegistryError
from detector.registry.model import STATUSES
from detector.registry.tables import insert_rows, now_iso
from detector.text import Text


def check_decision(applicant_id: str, status: str, reason: str, by: str) -> None:
    """The decision's own fields: a known status, a non-empty reason and reviewer."""
    if status not in STATUSES:
        raise RegistryError(
            Text(en=f"unknown status '{status}'", zh=f"未知状态“{status}”"),
            fix=Text(en="one of " + ", ".join(STATUSES), zh="以下之一：" + "、".join(STATUSES)),
        )
    if not str(reason or "").strip():
        raise RegistryError(
            Text(en="a decision needs a reason", zh="决定必须说明理由"),
            fix=Text(en="--reason TEXT, e.g. the case number", zh="--reason 理由，如案卷编号"),
        )
    if not str(by or "").strip():
        raise RegistryError(
            Text(en="a decision needs the reviewer's name", zh="决定必须注明审查人"),
            fix=Text(en="--by NAME", zh="--by 姓名"),
        )
    if not str(applicant_id or "").strip():
        raise RegistryError(Text(en="empty applicant id", zh="申请人编号为空"), fix=Text(en="an id", zh="申请人编号"))


def evidence_of(conn: sa.Connection, applicant_id: str) -> list[list[str]]:
    h = s.hits
    rows = conn.execute(
        sa.select(h.c.rule_id, h.c.filing_id).where(h.c.applicant_id == applicant_id).distinct()
    ).fetchall()
    return sorted([str(r), str(f)] for r, f in rows)


def _entry_from_applicant(conn: sa.Connection, applicant_id: str, at: str, source: str) -> bool:
    """Create an entry for a recorded applicant that was never listed (a reviewer may decide on anyone recorded)."""
    a = s.applicants
    row = conn.execute(sa.select(a.c.name, a.c.last_batch).where(a.c.applicant_id == applicant_id)).first()
    if row is None:
        return False
    insert_rows(
        conn,
        s.entries,
        [
            {
                "applicant_id": applicant_id,
                "status": "suspected",
                "name": row[0],
                "cluster_id": "",
                "categories": "",
                "rule_ids": "",
                "score": 0.0,
                "level": "",
                "repeat_offender": False,
                "first_listed": at,
                "first_batch": row[1],
                "last_seen": at,
                "last_batch": row[1],
                "n_batches": 0,
                "source": source,
                "sources": json.dumps([source]),
                "cleared_evidence": "[]",
                "updated_at": at,
            }
        ],
    )
    return True


def decide(conn: sa.Connection, applicant_id: str, status: str, reason: str, by: str, source: str) -> None:
    check_decision(applicant_id, status, reason, by)
    e = s.entries
    at = now_iso()
    current = conn.execute(sa.select(e.c.status).where(e.c.applicant_id == applicant_id)).first()
    if current is None:
        if not _entry_from_applicant(conn, applicant_id, at, source):
            raise RegistryError(
                Text(
                    en=f"applicant '{applicant_id}' is neither listed nor recorded in this registry",
                    zh=f"申请人“{applicant_id}”既不在名录中，也没有记录在本名录库里",
                ),
                fix=Text(
                    en="check the id with: tmscreen registry list --registry DB",
                    zh="用 tmscreen registry list --registry 名录 核对编号",
                ),
            )
        previous = ""
    else:
        previous = current[0]
    values = {"status": status, "updated_at": at}
    if status == "cleared":
        values["cleared_evidence"] = json.dumps(evidence_of(conn, applicant_id))
    conn.execute(e.update().where(e.c.applicant_id == applicant_id).values(**values))
    insert_rows(
        conn,
        s.status_history,
        [
            {
                "applicant_id": applicant_id,
                "status": status,
                "previous": previous,
                "applied": True,
                "kind": "decision",
                "decided_by": by.strip(),
                "at": at,
                "reason": reason.strip(),
                "batch_id": "",
                "source": source,
            }
        ],
    )
