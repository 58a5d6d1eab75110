"""The registry's pooled connections and its lists read again only after a commit, on SQLite files and a real
PostgreSQL server: a decision recorded between two intake checks (by the server's own registry, by another one, by
another process) changes the second check's answer; nothing committed, nothing read again; offenders read as the
former code read them (kept here as the reference); a forked child reads through connections of its own and leaves
the parent's working; a SQLite file copied over or replaced under an open registry is followed, and the file alone
holds a write once no one reads."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
import sqlalchemy as sa
from conftest import ROOT
from pg_server import ENV_URL, pg_admin_url_fixture, pg_database_fixture, registry_url_fixture  # noqa: F401
from registry_fixtures import batch

from detector.fork_map import fork_map
from detector.normalize.org_name import org_keys
from detector.registry import list_read, open_registry
from detector.registry import schema as s
from detector.registry.model import Offenders
from detector.registry.tables import select_in
from detector.serve.checker import WarmChecker

NAME = "广州市星光贸易有限公司"


def _quiet(target: str) -> bool:
    """No one else commits there: a SQLite file, or the tests' own PostgreSQL server (on a shared one, named by
    TMSCREEN_TEST_PG_URL, other sessions' transactions move the snapshot: the lists are read again, rightly)."""
    return "://" not in target or not os.environ.get(ENV_URL)


def _reference_offenders(conn: sa.Connection) -> Offenders:
    """read_offenders as it was: one query per recorded cluster of a confirmed applicant."""
    e, n, a, c = s.entries, s.applicant_names, s.applicants, s.clusters
    ids = {r[0] for r in conn.execute(sa.select(e.c.applicant_id).where(e.c.status == "confirmed"))}
    names = [r[0] for r in select_in(conn, sa.select(n.c.name), n.c.applicant_id, ids)]
    names += [r[0] for r in select_in(conn, sa.select(a.c.name), a.c.applicant_id, ids)]
    names += [r[0] for r in conn.execute(sa.select(e.c.name).where(e.c.status == "confirmed"))]
    their = select_in(conn, sa.select(c.c.batch_id, c.c.cluster_id), c.c.applicant_id, ids)
    members: set[str] = set()
    for batch_id, cluster_id in set(map(tuple, their)):
        members |= {
            r[0]
            for r in conn.execute(
                sa.select(c.c.applicant_id).where(c.c.batch_id == batch_id, c.c.cluster_id == cluster_id)
            )
        }
    return Offenders(ids=ids, name_keys=org_keys(names), cluster_members=members - ids)


def _cli_decide(target: str, applicant_id: str, status: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "detector", "registry", "decide", applicant_id, "--status", status]
        + ["--reason", "case 7", "--by", "bob", "--registry", target],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr


def test_a_decision_between_two_checks_changes_the_second_answer(registry_url):
    with open_registry(registry_url) as reg:
        reg.record_batch(batch("b1", [("F1", "A", "星光", "2024-01-10")], flagged={"A": 80.0}, names={"A": NAME}))
    filing = {"filing_id": "N-1", "mark_text": "月光", "nice_class": "25", "filing_date": "2024-03-01"}
    filing |= {"applicant_name": NAME, "applicant_id": "A"}
    opened = open_registry(registry_url, create=False)
    checker = WarmChecker(None, registry_url, opened)

    def repeat_offender() -> bool:
        return checker.check([filing], "en")[0].repeat_offender

    try:
        assert repeat_offender() is False
        assert repeat_offender() is False
        with open_registry(registry_url, create=False) as other:  # another engine: a tmscreen command, say
            other.decide("A", "confirmed", "case 7", "ann")
        assert repeat_offender() is True
        _cli_decide(registry_url, "A", "cleared")  # another process
        assert repeat_offender() is False
        assert opened.cleared() == {"A": set()}
        opened.decide("A", "confirmed", "case 8", "ann")  # the server's own registry: a reviewer in the workspace
        assert repeat_offender() is True
        assert opened.cleared() == {}
    finally:
        opened.close()


def test_lists_are_read_again_only_after_a_commit(registry_url, monkeypatch):
    reads = {"offenders": 0, "cleared": 0}
    for what in reads:
        real = getattr(list_read, f"read_{what}")

        def counted(conn, real=real, what=what):
            reads[what] += 1
            return real(conn)

        monkeypatch.setattr(list_read, f"read_{what}", counted)
    with open_registry(registry_url) as reg:
        reg.record_batch(batch("b1", [("F1", "A", "星光", "2024-01-10")], flagged={"A": 80.0}))
        for _ in range(3):
            assert reg.offenders().ids == set() and reg.cleared() == {}
        reg.history(applicant_ids=["A"])  # reads commit nothing
        reg.entries()
        reg.offenders().ids.add("X")  # the caller's own copy
        reg.cleared()["X"] = set()
        assert reg.offenders().ids == set() and reg.cleared() == {}
        if _quiet(registry_url):
            assert reads == {"offenders": 1, "cleared": 1}
        reg.decide("A", "cleared", "case 7", "ann")
        assert reg.offenders().ids == set() and reg.cleared() == {"A": set()}
        assert reads["offenders"] >= 2 and reads["cleared"] >= 2
        with open_registry(registry_url, create=False) as other:
            other.decide("A", "confirmed", "case 8", "ann")
        assert reg.offenders().ids == {"A"} and reg.cleared() == {}


def test_offenders_are_read_as_the_former_code_read_them(registry_url):
    with open_registry(registry_url) as reg:
        b1 = [("F1", "A", "星光", "2024-01-10"), ("F2", "B", "月光", "2024-01-11"), ("F3", "C", "海浪", "2024-01-12")]
        b1 += [("F4", "D", "日光", "2024-01-13"), ("F5", "E", "晨光", "2024-01-14")]
        clusters = {"A": "K1", "B": "K1", "C": "K2", "D": "K2", "E": "K3"}
        reg.record_batch(
            batch("b1", b1, flagged={"A": 80.0, "C": 70.0, "E": 60.0}, names={"A": NAME}, clusters=clusters)
        )
        b2 = [("F6", "A", "星辰", "2024-02-01"), ("F7", "F", "星河", "2024-02-02"), ("F8", "E", "晨光", "2024-02-03")]
        clusters = {"A": "K1", "F": "K1", "E": "K1"}  # the same cluster id in another batch: other members
        reg.record_batch(
            batch("b2", b2, flagged={"A": 90.0, "F": 50.0}, names={"A": "星光商贸（广州）有限公司"}, clusters=clusters)
        )
        seen = []
        for applicant_id in ("A", "C", "F"):
            reg.decide(applicant_id, "confirmed", "case 9", "ann")
            with reg._read() as conn:
                got, want = list_read.read_offenders(conn), _reference_offenders(conn)
            assert got == want
            seen.append(got)
    assert seen[-1].ids == {"A", "C", "F"} and seen[-1].cluster_members == {"B", "D", "E"}


def test_a_forked_child_reads_through_its_own_connections(registry_url):
    with open_registry(registry_url) as reg:
        reg.record_batch(batch("b1", [("F1", "A", "星光", "2024-01-10")], flagged={"A": 80.0}))
        assert reg.offenders().ids == set() and len(reg.history(applicant_ids=["A"]).filings) == 1
        pool = reg.engine.pool  # holds the connection those reads used

        def task(_i: int) -> tuple:
            return reg.engine.pool is pool, len(reg.history(applicant_ids=["A"]).filings), sorted(reg.offenders().ids)

        assert fork_map(task, 2, 2) == [(False, 1, [])] * 2
        assert reg.engine.pool is pool
        reg.decide("A", "confirmed", "case 7", "ann")  # the parent's connections still work
        assert reg.offenders().ids == {"A"} and len(reg.history(applicant_ids=["A"]).filings) == 1
    with open_registry(registry_url, create=False) as other:
        assert other.offenders().ids == {"A"}


def test_sqlite_file_copied_over_or_replaced_is_followed(tmp_path):
    db, copy = tmp_path / "reg.db", tmp_path / "copy.db"
    with open_registry(db) as reg:
        reg.record_batch(batch("b1", [("F1", "A", "星光", "2024-01-10")], flagged={"A": 80.0}))
        assert reg.offenders().ids == set()
        with open_registry(copy) as other:
            other.record_batch(batch("b1", [("F1", "A", "星光", "2024-01-10")], flagged={"A": 80.0}))
            other.decide("A", "confirmed", "case 7", "ann")
        os.replace(copy, db)  # a new file at the path
        assert reg.offenders().ids == {"A"}
        assert reg.entries()["status"].tolist() == ["confirmed"]
    with open_registry(copy) as other:
        other.record_batch(batch("b1", [("F1", "A", "星光", "2024-01-10")], flagged={"A": 80.0}))
    with open_registry(db) as reg:
        assert reg.offenders().ids == {"A"}
        shutil.copyfile(copy, db)  # the same file, written over by other means
        assert reg.offenders().ids == set()
        assert reg.entries()["status"].tolist() == ["suspected"]


def test_sqlite_file_alone_holds_a_write_once_no_one_reads(tmp_path):
    db = tmp_path / "reg.db"
    with open_registry(db) as reg:
        reg.record_batch(batch("b1", [("F1", "A", "星光", "2024-01-10")], flagged={"A": 80.0}))
        reader = open_registry(db, create=False)
        with reader._read() as conn:  # a read open in another engine while the decision is written
            conn.execute(sa.select(s.entries.c.status)).all()
            reg.decide("A", "confirmed", "case 7", "ann")
        reader.close()
        assert reg.offenders().ids == {"A"}  # a connection back in the pool, no one reading: the log is folded in
        copy = tmp_path / "copy.db"
        shutil.copyfile(db, copy)
        with sqlite3.connect(copy) as conn:
            assert conn.execute("SELECT status FROM entries WHERE applicant_id = 'A'").fetchone() == ("confirmed",)
    assert not (tmp_path / "reg.db-wal").exists()


def test_postgresql_mark_moves_with_a_commit_in_another_session(pg_database):
    if not _quiet(pg_database):
        pytest.skip("a shared server: other sessions move the snapshot")
    with open_registry(pg_database) as reg:
        reg.record_batch(batch("b1", [("F1", "A", "星光", "2024-01-10")], flagged={"A": 80.0}))
        first = reg.changes.read()
        assert reg.changes.read() == first
        with open_registry(pg_database, create=False) as other:
            with other._read() as conn:  # a read-only transaction ends: no transaction id, same mark
                conn.execute(sa.select(s.entries.c.status)).all()
            assert reg.changes.read() == first
            other.decide("A", "confirmed", "case 7", "ann")
        assert reg.changes.read() != first
