"""What changed since a batch or a date: new entries, new members of listed applicants' clusters, escalations."""

from __future__ import annotations

import datetime as dt
import re

import pandas as pd
import sqlalchemy as sa

from detector.registry import schema as s
from detector.registry.errors import RegistryError
from detector.registry.list_read import read_entries
from detector.registry.tables import frame_rows
from detector.text import Text

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?)?$")
LEVEL_ORDER = {"": 0, "low": 1, "medium": 2, "high": 3, "critical": 4}
ESCALATION_COLUMNS = ["applicant_id", "name", "change", "before", "after", "at", "batch_id", "by", "reason"]


def since_time(conn: sa.Connection, since: str | None) -> tuple[str, str]:
    """(fixed-width UTC time, label) after which changes count; default: after the batch before the last one."""
    b = s.batches
    if since is None:
        rows = conn.execute(sa.select(b.c.batch_id, b.c.recorded_at).order_by(b.c.recorded_at.desc()).limit(2)).all()
        return (rows[1][1], rows[1][0]) if len(rows) == 2 else ("", "")
    row = conn.execute(sa.select(b.c.recorded_at).where(b.c.batch_id == since)).first()
    if row is not None:
        return row[0], since
    if _DATE.match(since.strip()):
        try:
            when = dt.datetime.fromisoformat(since.strip())
        except ValueError:
            when = None
        if when is not None:
            return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ"), since
    raise RegistryError(
        Text(
            en=f"'{since}' is neither a recorded batch id nor a date", zh=f"“{since}”既不是已记录的批次编号，也不是日期"
        ),
        fix=Text(
            en="a batch id from `tmscreen registry batches`, or a date YYYY-MM-DD (UTC)",
            zh="`tmscreen registry batches` 列出的批次编号，或日期 YYYY-MM-DD（UTC）",
        ),
    )


def changes_since(conn: sa.Connection, since: str | None) -> dict[str, pd.DataFrame]:
    t, label = since_time(conn, since)
    entries = read_entries(conn)
    new_entries = entries[entries["first_listed"] > t].reset_index(drop=True)
    return {
        "since": pd.DataFrame({"since": [label], "time": [t]}),
        "new_entries": new_entries,
        "new_cluster_members": _new_members(conn, t, entries),
        "escalations": _escalations(conn, t, entries),
    }


def _new_members(conn: sa.Connection, t: str, entries: pd.DataFrame) -> pd.DataFrame:
    c, b = s.clusters, s.batches
    rows = frame_rows(
        conn,
        sa.select(c.c.batch_id, c.c.cluster_id, c.c.applicant_id)
        .join(b, b.c.batch_id == c.c.batch_id)
        .where(b.c.recorded_at > t),
    )
    earlier = {
        r[0]
        for r in conn.execute(
            sa.select(c.c.applicant_id).join(b, b.c.batch_id == c.c.batch_id).where(b.c.recorded_at <= t).distinct()
        )
    }
    listed = set(entries.loc[entries["status"] != "cleared", "applicant_id"])
    rows["listed"] = rows["applicant_id"].isin(listed)
    groups = rows[rows["listed"]].groupby(["batch_id", "cluster_id"])["applicant_id"].agg(lambda x: ";".join(sorted(x)))
    rows = rows.join(groups.rename("listed_members"), on=["batch_id", "cluster_id"])
    out = rows[rows["listed_members"].notna() & ~rows["applicant_id"].isin(earlier) & ~rows["listed"]]
    out = out.drop_duplicates("applicant_id")[["applicant_id", "cluster_id", "batch_id", "listed_members"]]
    return out.sort_values(["cluster_id", "applicant_id"], kind="stable").reset_index(drop=True)


def _escalations(conn: sa.Connection, t: str, entries: pd.DataFrame) -> pd.DataFrame:
    h = s.status_history
    status = frame_rows(
        conn,
        sa.select(h.c.applicant_id, h.c.previous, h.c.status, h.c.at, h.c.batch_id, h.c.decided_by, h.c.reason)
        .where(h.c.at > t, h.c.applied.is_(True))
        .order_by(h.c.at, h.c.id),
    )
    up = status[
        (status["status"] == "confirmed") | ((status["previous"] == "cleared") & (status["status"] == "suspected"))
    ]
    out = pd.DataFrame(
        {
            "applicant_id": up["applicant_id"],
            "change": "status",
            "before": up["previous"],
            "after": up["status"],
            "at": up["at"],
            "batch_id": up["batch_id"],
            "by": up["decided_by"],
            "reason": up["reason"],
        }
    )
    sc, b = s.scores, s.batches
    scores = frame_rows(
        conn,
        sa.select(sc.c.applicant_id, sc.c.level, sc.c.score, sc.c.batch_id, b.c.recorded_at)
        .join(b, b.c.batch_id == sc.c.batch_id)
        .where(sc.c.applicant_id.in_(sa.select(s.entries.c.applicant_id)))
        .order_by(b.c.recorded_at),
    )
    before = scores[scores["recorded_at"] <= t].drop_duplicates("applicant_id", keep="last").set_index("applicant_id")
    after = scores[scores["recorded_at"] > t].drop_duplicates("applicant_id", keep="last").set_index("applicant_id")
    both = after.add_suffix("_after").join(before.add_suffix("_before"), how="inner")
    if len(both):
        rank_after = both["level_after"].map(lambda v: LEVEL_ORDER.get(v, 0))
        rank_before = both["level_before"].map(lambda v: LEVEL_ORDER.get(v, 0))
        rose = both[rank_after > rank_before]
        levels = pd.DataFrame(
            {
                "applicant_id": rose.index,
                "change": "level",
                "before": rose["level_before"].to_numpy(),
                "after": rose["level_after"].to_numpy(),
                "at": rose["recorded_at_after"].to_numpy(),
                "batch_id": rose["batch_id_after"].to_numpy(),
                "by": "tmscreen",
                "reason": "",
            }
        )
        out = pd.concat([out, levels], ignore_index=True)
    names = dict(zip(entries["applicant_id"], entries["name"], strict=True))
    out["name"] = out["applicant_id"].map(names).fillna("").astype("str")
    return out[ESCALATION_COLUMNS].sort_values(["at", "applicant_id"], kind="stable").reset_index(drop=True)
