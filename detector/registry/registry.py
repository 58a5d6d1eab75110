"""The Registry: one SQLite file or PostgreSQL database holding every screened batch and the maintained list."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, OperationalError

from detector.registry import decisions, interchange, list_read, migrate, record, users
from detector.registry import diff as diff_mod
from detector.registry.change_mark import ChangeMark, change_mark
from detector.registry.connect import PG_WRITE_LOCK, make_engine, parse_target
from detector.registry.errors import RegistryError
from detector.registry.history_query import read_history
from detector.registry.model import BatchRecord, History, Offenders
from detector.text import Text


class Registry:
    """An open registry. Use as a context manager or call close(). All methods are safe to call from one thread;
    writers in several processes are serialised (SQLite: BEGIN IMMEDIATE with a busy timeout; PostgreSQL:
    pg_advisory_xact_lock). The confirmed and cleared entries are read again only after a commit (`changes`)."""

    target: str  # display form of the path or URL, password hidden

    def __init__(self, engine: sa.Engine, target: str, kind: str, changes: ChangeMark | None = None) -> None:
        self.engine = engine
        self.target = target
        self.kind = kind  # "sqlite" or "postgresql"
        self.changes = changes  # None: every read goes to the database
        self._held: dict[str, tuple[object, Any]] = {}  # what -> (change mark read before it was read, value)

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except OperationalError as exc:
            raise self._lost(exc) from None

    @contextmanager
    def _write(self) -> Iterator[sa.Connection]:
        """One write transaction holding the registry's write lock (writers queue, never interleave)."""
        try:
            with self.engine.connect() as conn:
                conn.info["write"] = True  # SQLite: BEGIN IMMEDIATE (see connect.py)
                with conn.begin():
                    if self.kind == "postgresql":
                        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")
                    yield conn
        except OperationalError as exc:
            raise self._lost(exc) from None

    def _lost(self, exc: DBAPIError) -> RegistryError:
        detail = str(exc.orig or exc).strip().splitlines()[0] if str(exc.orig or exc).strip() else type(exc).__name__
        return RegistryError(
            Text(en=f"the registry failed: {detail}", zh=f"名录访问失败：{detail}"),
            file=self.target,
            fix=Text(
                en="check the server or file is reachable and writable, then run the command again "
                "(nothing was half-written: each write is one transaction)",
                zh="确认服务器或文件可访问、可写入后重新运行（每次写入都是一个事务，不会留下半截数据）",
            ),
        )

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the connection pool and the change mark's connection."""
        self.engine.dispose()
        if self.changes is not None:
            self.changes.close()

    def _unless_unchanged(self, what: str, read: Callable[[sa.Connection], Any]) -> Any:
        """read(conn), or what it gave last time when nobody has committed since: the mark is read first, so a
        commit made while reading changes the next mark (read again then). Threads may race here: each keeps a mark
        with a value read after it, so any held pair is right."""
        if self.changes is None:
            with self._read() as conn:
                return read(conn)
        try:
            mark = self.changes.read()
        except OperationalError as exc:
            raise self._lost(exc) from None
        held = self._held.get(what)
        if held is not None and held[0] == mark:
            return held[1]
        with self._read() as conn:
            value = read(conn)
        self._held[what] = (mark, value)
        return value

    # --- batches -----------------------------------------------------------------------------------------------
    def batch_recorded(self, batch_id: str) -> bool:
        """True when a batch with this id is already recorded."""
        with self._read() as conn:
            b = list_read.s.batches
            return conn.execute(sa.select(b.c.batch_id).where(b.c.batch_id == batch_id)).first() is not None

    def history(
        self,
        *,
        applicant_ids: list[str] | set[str] = (),
        value_keys: list[str] | set[str] = (),
        mark_keys: list[str] | set[str] = (),
        since_day: int | None = None,
        exclude_batch: str | None = None,
        mark_since_day: int | None = None,
    ) -> History:
        """Earlier filings (day >= since_day, batch_id != exclude_batch) of applicants in applicant_ids or holding any
        of value_keys, plus filings whose canonical mark key is in mark_keys; and the applicants rows of every applicant
        those filings belong to or that holds a value key. Chunked lookups through indexes, fast on millions of rows.
        `mark_since_day`: a window of its own for the marks' filings (then listed after the applicants')."""
        with self._read() as conn:
            return read_history(
                conn,
                applicant_ids=applicant_ids,
                value_keys=value_keys,
                mark_keys=mark_keys,
                since_day=since_day,
                exclude_batch=exclude_batch,
                mark_since_day=mark_since_day,
            )

    def record_batch(self, rec: BatchRecord) -> bool:
        """Write one screened batch in one transaction; False (nothing changed) if rec.batch_id is already recorded.

        A filing already stored (same filing_id) is not stored again; flagged scores create or refresh list entries
        (suspected; confirmed stays; cleared stays unless scores.new_evidence, which reopens it as suspected with a
        status-history row saying so)."""
        with self._write() as conn:
            return record.record(conn, rec)

    def batches(self) -> pd.DataFrame:
        """The recorded batches, oldest first: batch_id, recorded_at, tool_version, ruleset_sha256, n_filings,
        n_applicants, n_flagged, source, input_hashes (JSON text)."""
        with self._read() as conn:
            return list_read.read_batches(conn)

    # --- the list ----------------------------------------------------------------------------------------------
    def offenders(self) -> Offenders:
        """Confirmed entries: ids, org keys of their current and former names, and their recorded cluster members.
        Read again only after a commit; each call returns its own sets."""
        o = self._unless_unchanged("offenders", list_read.read_offenders)
        return Offenders(ids=set(o.ids), name_keys=set(o.name_keys), cluster_members=set(o.cluster_members))

    def cleared(self) -> dict[str, set[tuple[str, str]]]:
        """applicant_id -> the (rule_id, filing_id) evidence each cleared entry was cleared on. Read again only after
        a commit; each call returns its own dict and sets."""
        held = self._unless_unchanged("cleared", list_read.read_cleared)
        return {aid: set(evidence) for aid, evidence in held.items()}

    def entries(
        self,
        statuses: list[str] | tuple[str, ...] | None = None,
        *,
        applicant_ids: list[str] | None = None,
        category: str | None = None,
        rule_id: str | None = None,
        batch_id: str | None = None,
        repeat_offender: bool | None = None,
        search: str | None = None,
    ) -> pd.DataFrame:
        """The list, best first (repeat offenders, then score descending, then id): applicant_id, name,
        former_names, status, cluster_id, categories, rule_ids, first_listed, last_seen, n_batches, score,
        repeat_offender, source, last_batch. Filters combine with AND."""
        with self._read() as conn:
            return list_read.read_entries(
                conn,
                statuses,
                applicant_ids=applicant_ids,
                category=category,
                rule_id=rule_id,
                batch_id=batch_id,
                repeat_offender=repeat_offender,
                search=search,
            )

    def entry(self, applicant_id: str) -> dict[str, Any] | None:
        """One entry with everything: {"entry": dict, "applicant": dict, "names": DataFrame, "history": DataFrame
        (status history), "batches": DataFrame, "filings": DataFrame, "hits": DataFrame, "cluster": DataFrame};
        None when the id is neither listed nor a recorded applicant."""
        with self._read() as conn:
            return list_read.read_entry(conn, applicant_id)

    def decide(self, applicant_id: str, status: str, reason: str, by: str, source: str = "local") -> None:
        """Set an entry's status (suspected|confirmed|cleared|appealed) with who and why; clearing stores the current
        evidence set. Raises RegistryError for an unknown id or status, or an empty reason or by."""
        decisions.check_decision(applicant_id, status, reason, by)
        with self._write() as conn:
            decisions.decide(conn, applicant_id, status, reason, by, source)

    def diff(self, since: str | None = None) -> dict[str, pd.DataFrame]:
        """Changes since a batch id or ISO date (default: since the batch before the last): {"new_entries",
        "new_cluster_members", "escalations"} (escalations: status changes to confirmed, or score/level up)."""
        with self._read() as conn:
            return diff_mod.changes_since(conn, since)

    def labels(self) -> pd.DataFrame:
        """The labels contract: applicant_id, label (1 confirmed, 0 cleared), category (first category)."""
        with self._read() as conn:
            return list_read.read_labels(conn)

    # --- interchange -------------------------------------------------------------------------------------------
    def export(self, path: str | os.PathLike) -> dict[str, int]:
        """Write the list (entries, names, status history) as JSON Lines; returns counts per record kind."""
        with self._read() as conn:
            return interchange.export(conn, path)

    def import_(self, path: str | os.PathLike, source: str) -> dict[str, int]:
        """Merge an interchange file, validated line by line; never overwrites a local decision: a conflict keeps the
        local status and records the incoming one in the history with its source. Returns {"entries", "new",
        "updated", "conflicts", "history"} counts."""
        lines = interchange.read_file(path)
        with self._write() as conn:
            return interchange.merge(conn, lines, source)

    # --- users (issue 17) --------------------------------------------------------------------------------------
    def add_user(self, name: str, role: str) -> str:
        """Create a user; returns its secret once (a password for reviewer/auditor, a token for api), stored hashed
        with argon2. RegistryError when the name exists or the role is unknown."""
        with self._write() as conn:
            return users.add_user(conn, name, role)

    def check_password(self, name: str, password: str) -> str | None:
        """The user's role when the password is right and the user is enabled, else None."""
        with self._read() as conn:
            return users.check_password(conn, name, password)

    def check_token(self, token: str) -> tuple[str, str] | None:
        """(name, role) of the enabled user holding this token, else None."""
        with self._read() as conn:
            return users.check_token(conn, token)

    def users(self) -> pd.DataFrame:
        """name, role, created_at, disabled."""
        with self._read() as conn:
            return users.list_users(conn)


def open_registry(target: str | os.PathLike, *, create: bool = True) -> Registry:
    """Open (and with create=True, create or upgrade) a registry: a path is a SQLite file, a postgresql:// URL a
    PostgreSQL database. Raises RegistryError (exit 2, with the fix) for a missing file, an unreachable server, a bad
    URL or a registry written by a newer tmscreen."""
    return _open(target, create=create)


def _open(target: str | os.PathLike, *, create: bool, revision: str = "head") -> Registry:
    """open_registry, with the schema revision to migrate to (tests build older registries with it)."""
    parsed = parse_target(target)
    engine = make_engine(parsed, create=create)
    try:
        if not create and migrate.current_revision(engine) is None:
            raise RegistryError(
                Text(en="this database holds no tmscreen registry yet", zh="该数据库中还没有 tmscreen 名录"),
                file=parsed.display,
                fix=Text(
                    en="create it by screening with --registry (tmscreen screen BATCH --registry ...)",
                    zh="先用 --registry 筛查一批数据来创建（tmscreen screen 批次 --registry ...）",
                ),
            )
        migrate.upgrade(engine, revision=revision, display=parsed.display)
    except OperationalError as exc:
        engine.dispose()
        raise Registry(engine, parsed.display, parsed.kind)._lost(exc) from None
    except BaseException:
        engine.dispose()
        raise
    return Registry(engine, parsed.display, parsed.kind, change_mark(parsed, engine))
