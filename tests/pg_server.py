"""A throwaway PostgreSQL 15 cluster for the test session, and the `registry_url` fixture over both backends.

The cluster lives in a temporary folder, listens on a free loopback port and trusts local connections; it is
stopped and removed at the end of the session. As root it runs as the `postgres` user (PostgreSQL refuses root).
With TMSCREEN_TEST_PG_URL set (e.g. by .ci/run) that server is used instead: each test gets its own database there.
The PostgreSQL half of `registry_url` is skipped, with the reason, only when no PostgreSQL binaries exist.

Use in a test module: `from pg_server import pg_admin_url_fixture, pg_database_fixture, registry_url_fixture`
(with `# noqa: F401`); the fixtures are named pg_admin_url, pg_database and registry_url.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ENV_URL = "TMSCREEN_TEST_PG_URL"


def pg_bin_dir() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian layout), or the one holding initdb on PATH."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


class Cluster:
    """initdb + pg_ctl start on a free port under a temporary folder; stop() removes it."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="tmscreen-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        self.root.chmod(0o700)
        run = {"check": True, "capture_output": True, "text": True, "timeout": 120}
        subprocess.run(
            _as_server_user(
                [
                    str(bin_dir / "initdb"),
                    "-D",
                    str(self.data),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            **run,
        )
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.root} -c fsync=off"
        subprocess.run(
            _as_server_user(
                [
                    str(bin_dir / "pg_ctl"),
                    "-D",
                    str(self.data),
                    "-l",
                    str(self.root / "log"),
                    "-o",
                    options,
                    "-w",
                    "start",
                ]
            ),
            **run,
        )
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        subprocess.run(
            _as_server_user([str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"]),
            capture_output=True,
            timeout=60,
            check=False,
        )
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session", name="pg_admin_url")
def pg_admin_url_fixture() -> Iterator[str]:
    """A URL to a PostgreSQL server's admin database (postgres), for creating one database per test."""
    if os.environ.get(ENV_URL):
        yield os.environ[ENV_URL]
        return
    bin_dir = pg_bin_dir()
    if bin_dir is None:
        pytest.skip("PostgreSQL is not installed (no initdb): apt-get install postgresql, or set " + ENV_URL)
    cluster = Cluster(bin_dir)
    try:
        yield cluster.url
    finally:
        cluster.stop()


def _admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(name="pg_database")
def pg_database_fixture(pg_admin_url: str) -> Iterator[str]:
    """A fresh, empty database on the test server; its URL. Dropped after the test."""
    name = "tmscreen_test_" + uuid.uuid4().hex[:12]
    _admin(pg_admin_url, f'CREATE DATABASE "{name}"')
    base = pg_admin_url.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        _admin(pg_admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"], name="registry_url")
def registry_url_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A registry target that does not exist yet: a SQLite file path, or an empty PostgreSQL database's URL."""
    if request.param == "sqlite":
        return str(tmp_path / "registry.db")
    return request.getfixturevalue("pg_database")
