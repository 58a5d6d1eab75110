"""Schema versions: a registry written with the first schema is upgraded in place with its rows kept; a registry
newer than this tool, or a database that is not a registry, is refused with the fix (exit 2)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from pg_server import pg_admin_url_fixture, pg_database_fixture, registry_url_fixture  # noqa: F401

from detector.registry import RegistryError, open_registry
from detector.registry.migrate import head_revision
from detector.registry.registry import _open
from detector.registry.schema import metadata

ROWS = [
    "INSERT INTO batches VALUES ('b1', '2024-01-01T00:00:00.000000Z', 'old', 'r', '{}', 2, 2, 1, 1, 'local')",
    "INSERT INTO batches VALUES ('b2', '2024-02-01T00:00:00.000000Z', 'old', 'r', '{}', 1, 1, 1, 1, 'local')",
    "INSERT INTO filings VALUES ('F1', 'b1', '星光', '25', '2024-01-01', '公司A', 'A', '', '', '', '', '',"
    " '星光', 19723)",
    "INSERT INTO scores VALUES ('b1', 'A', '公司A', 50, 'medium', true, false, false, '', 'hoarding', 'R1')",
    "INSERT INTO scores VALUES ('b2', 'A', '公司A', 80, 'high', true, false, false, '', 'hoarding', 'R1')",
    "INSERT INTO entries VALUES ('A', 'confirmed', '公司A', '', 'hoarding', 'R1', 80, 'high', false,"
    " '2024-01-01T00:00:00.000000Z', 'b1', '2024-02-01T00:00:00.000000Z', 2, 'local', '[\"local\"]', '[]',"
    " '2024-02-01T00:00:00.000000Z')",
    "INSERT INTO status_history (applicant_id, status, previous, applied, kind, decided_by, at, reason, batch_id,"
    " source) VALUES ('A', 'confirmed', 'suspected', true, 'decision', 'alice', '2024-02-02T00:00:00.000000Z',"
    " 'case 1', '', 'local')",
]


def test_first_schema_is_upgraded_in_place_with_rows_kept(registry_url):
    with _open(registry_url, create=True, revision="0001") as old:
        with old.engine.begin() as conn:
            assert "last_batch" not in {c["name"] for c in sa.inspect(conn).get_columns("entries")}
            for sql in ROWS:
                conn.exec_driver_sql(sql)
    assert head_revision() == "0002"
    with open_registry(registry_url, create=False) as reg:
        entries = reg.entries()
        assert entries[["applicant_id", "status", "n_batches", "last_batch"]].values.tolist() == [
            ["A", "confirmed", 2, "b2"]  # last_batch filled by migration 0002 from the scores
        ]
        assert reg.batches()["batch_id"].tolist() == ["b1", "b2"]
        assert reg.history(applicant_ids=["A"]).filings["filing_id"].tolist() == ["F1"]
        assert reg.entry("A")["history"]["reason"].tolist() == ["case 1"]
        assert reg.offenders().ids == {"A"}
        with reg.engine.connect() as conn:
            assert MigrationContext.configure(conn).get_current_revision() == "0002"
            indexes = {i["name"] for i in sa.inspect(conn).get_indexes("status_history")}
        assert "ix_status_history_at" in indexes


def test_schema_module_matches_the_migrated_head(registry_url):
    """detector/registry/schema.py (what queries use) and the migrations (what creates tables) cannot drift."""
    with open_registry(registry_url) as reg, reg.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    # server defaults and type spellings differ harmlessly between backends; tables, columns and indexes must match
    structural = [
        d
        for d in diffs
        if isinstance(d, tuple)
        and d[0] in ("add_table", "remove_table", "add_column", "remove_column", "add_index", "remove_index")
    ]
    assert structural == []


def test_a_newer_registry_is_refused(registry_url):
    with open_registry(registry_url) as reg, reg.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099'")
    with pytest.raises(RegistryError) as err:
        open_registry(registry_url)
    text = err.value.render("en")
    assert "0099" in text and "newer" in text and "upgrade tmscreen" in text and err.value.exit_code == 2
    assert "升级" in err.value.render("zh")


def test_a_database_that_is_not_a_registry_is_refused(tmp_path: Path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(RegistryError) as err:
        open_registry(path)
    assert "not a tmscreen registry" in err.value.render("en") and "invoices" in err.value.render("en")
    text_file = tmp_path / "notes.txt"
    text_file.write_text("hello, not a database\n" * 100)
    with pytest.raises(RegistryError) as err:
        open_registry(text_file)
    assert "cannot open the registry file" in err.value.render("en")


def test_missing_registry_and_bad_targets(tmp_path: Path):
    with pytest.raises(RegistryError) as err:
        open_registry(tmp_path / "missing.db", create=False)
    assert "no registry at this path" in err.value.render("en")
    assert not (tmp_path / "missing.db").exists()
    with pytest.raises(RegistryError) as err:
        open_registry(tmp_path / "no-such-folder" / "r.db")
    assert "folder does not exist" in err.value.render("en")
    for url, words in [
        ("mysql://u@h/db", "unsupported registry URL scheme"),
        ("sqlite:///x.db", "sqlite:// URL"),
        ("postgresql://u@127.0.0.1:1/", "names no database"),
        ("postgresql://u:SECRET@127.0.0.1:1/db", "cannot connect to the registry server"),
    ]:
        with pytest.raises(RegistryError) as err:
            open_registry(url)
        assert words in err.value.render("en"), err.value.render("en")
        assert "SECRET" not in err.value.render("en") and "SECRET" not in err.value.render("zh")


def test_an_empty_database_is_no_registry_when_create_is_false(pg_database):
    with pytest.raises(RegistryError) as err:
        open_registry(pg_database, create=False)
    assert "holds no tmscreen registry" in err.value.render("en")
    with open_registry(pg_database) as reg:
        assert reg.batches().empty and "postgresql" in reg.target
