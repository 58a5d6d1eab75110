"""The two ways CI can give the registry tests a PostgreSQL server: the tests' own throwaway cluster (the rest of
tests/test_registry_*.py), or a running server named by TMSCREEN_TEST_PG_URL (here: a subprocess pytest pointed at
this session's cluster through an admin database of its own, whose use the server's statistics then show)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import psycopg
from conftest import ROOT
from pg_server import ENV_URL, pg_admin_url_fixture  # noqa: F401


def _commits(admin_url: str, name: str) -> int:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute("SELECT pg_stat_clear_snapshot()")
        return conn.execute("SELECT xact_commit FROM pg_stat_database WHERE datname = %s", (name,)).fetchone()[0]


def test_tests_run_against_a_server_named_by_the_environment(pg_admin_url):
    name = "ci_admin_" + str(os.getpid())
    with psycopg.connect(pg_admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    ci_url = pg_admin_url.rsplit("/", 1)[0] + "/" + name
    try:
        before = _commits(pg_admin_url, name)
        env = {**os.environ, ENV_URL: ci_url}
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "tests/test_registry_store.py",
                "-k",
                "idempotent and postgresql",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert proc.returncode == 0 and "1 passed" in proc.stdout, proc.stdout[-3000:] + proc.stderr[-3000:]
        deadline = time.monotonic() + 10
        while _commits(pg_admin_url, name) == before and time.monotonic() < deadline:
            time.sleep(0.2)  # statistics reach the view shortly after the subprocess's sessions end
        assert _commits(pg_admin_url, name) > before  # it created and dropped its database through ci_admin
    finally:
        with psycopg.connect(pg_admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
