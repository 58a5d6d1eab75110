"""From `--registry PATH_OR_URL` to a SQLAlchemy engine: SQLite files (WAL, foreign keys, serialised writers) and
PostgreSQL URLs (psycopg 3); connection problems become RegistryError with the fix, password hidden.

Connections are pooled on both backends. A forked child (detector/fork_map.py forks while a registry may be open)
starts with empty pools: what it inherited is never used nor closed there, so the parent's connections and SQLite's
files stay intact (detector/registry/change_mark.py registers its own connection for the same treatment)."""

from __future__ import annotations

import os
import sqlite3
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError

from detector.registry.errors import RegistryError
from detector.text import Text

BUSY_TIMEOUT_S = 120  # a second writer waits this long for the first (a large batch records in well under a minute)
SQLITE_CACHE_KIB = 256 * 1024  # page cache per connection (an upper bound, filled only as pages are read)
_PG_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
# Any 64-bit constant: the advisory lock every registry writer on one PostgreSQL database takes.
PG_WRITE_LOCK = 0x746D7363_72656701


@dataclass(frozen=True)
class Target:
    """A parsed registry target: kind 'sqlite' or 'postgresql', the URL to connect with, its display form."""

    kind: str
    url: URL
    display: str
    path: Path | None = None


def _looks_like_url(text: str) -> bool:
    return "://" in text


def parse_target(target: str | os.PathLike) -> Target:
    """A path (SQLite) or a postgresql:// URL; any other scheme is a clear error."""
    text = os.fspath(target)
    if not text.strip():
        raise RegistryError(
            Text(en="empty registry path or URL", zh="名录路径或地址为空"),
            fix=Text(
                en="a file path (e.g. registry.db) or postgresql://user@host/db",
                zh="文件路径（如 registry.db）或 postgresql://user@host/db",
            ),
        )
    if not _looks_like_url(text):
        path = Path(text).expanduser()
        return Target("sqlite", URL.create("sqlite", database=str(path)), str(path), path)
    scheme = text.split("://", 1)[0].lower()
    if scheme == "sqlite":
        raise RegistryError(
            Text(en=f"'{text}' is a sqlite:// URL", zh=f"“{text}”是 sqlite:// 地址"),
            fix=Text(en="give the SQLite file's path itself", zh="直接给出 SQLite 文件的路径"),
        )
    if scheme not in _PG_SCHEMES:
        raise RegistryError(
            Text(en=f"unsupported registry URL scheme '{scheme}://'", zh=f"不支持的名录地址协议“{scheme}://”"),
            fix=Text(
                en="a file path (SQLite) or postgresql://user:password@host:port/database",
                zh="文件路径（SQLite）或 postgresql://用户:密码@主机:端口/数据库",
            ),
        )
    try:
        url = make_url(text)
    except (ArgumentError, ValueError) as exc:
        raise RegistryError(
            Text(en=f"cannot read the registry URL: {exc}", zh=f"无法解析名录地址：{exc}"),
            fix=Text(en="postgresql://user:password@host:port/database", zh="postgresql://用户:密码@主机:端口/数据库"),
        ) from None
    url = url.set(drivername="postgresql+psycopg")
    if not url.database:
        raise RegistryError(
            Text(en="the registry URL names no database", zh="名录地址中没有数据库名"),
            fix=Text(en="postgresql://user@host:port/DATABASE", zh="postgresql://用户@主机:端口/数据库名"),
        )
    return Target("postgresql", url, url.render_as_string(hide_password=True))


# Engines and change marks made here: a forked child gives each fresh connections.
FORK_RESET: weakref.WeakSet = weakref.WeakSet()
# Connections (and pools) this process must neither use nor close, kept referenced so that they are never closed:
# those a forked child inherited (closing a SQLite connection there could clean up the parent's log and shared-memory
# files, closing a PostgreSQL one would end the parent's session), and SQLite connections to a file the registry's
# path no longer names (closing the last one removes the log and shared-memory files beside the path: the new file's).
UNCLOSED: list[object] = []


def _after_fork_in_child() -> None:
    for owner in list(FORK_RESET):
        if isinstance(owner, Engine):
            UNCLOSED.append(owner.pool)
            owner.dispose(close=False)  # a new, empty pool with the same events
        else:
            UNCLOSED.append(owner.forget_inherited())


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def _file_id(path: str | os.PathLike) -> tuple[int, int]:
    """(device, inode) of the file at path: which file a connection opened, while it stays open (OSError if none)."""
    st = os.stat(path)
    return st.st_dev, st.st_ino


class SqliteConnection(sqlite3.Connection):
    """A sqlite3 connection that knows which file it opened (`file`, a _file_id): None when the path named another
    file just after the open than just before (replaced meanwhile), so it is never taken for the file at the path."""

    def __init__(self, database: str, *args, **kwargs) -> None:
        try:
            before = _file_id(database)
        except OSError:
            before = None  # created by this open
        super().__init__(database, *args, **kwargs)
        try:
            after = _file_id(database)
        except OSError:
            after = None
        self.file = after if before in (None, after) else None


def _sqlite_engine(target: Target) -> Engine:
    """A pooled engine, no limit on connections: opening the file, setting the pragmas and reading the schema cost
    ~1 ms a use. What a connection per use gave stays: a connection is handed out only while the path names the file
    it opened, an idle one keeps no page cache, and one back in the pool moves the write-ahead log into the database
    file unless someone is reading, so that the file alone holds every commit, as when the last connection closed."""
    path = str(target.path)
    wal = os.path.realpath(path) + "-wal"  # SQLite keeps the log beside the file a symbolic link points to
    engine = sa.create_engine(
        target.url, connect_args={"timeout": BUSY_TIMEOUT_S, "factory": SqliteConnection}, max_overflow=-1
    )
    FORK_RESET.add(engine)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # A batch inserts into several B-trees keyed by text ids in random order; on a store of millions of filings
        # SQLite's default 2 MB page cache would read most index pages back from disk for every insert.
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.close()

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: SqliteConnection, record: Any, proxy: Any) -> None:
        try:
            same = _file_id(path) == dbapi_connection.file
        except OSError:
            same = False
        if not same:  # set aside unclosed; the pool opens the path again
            UNCLOSED.append(dbapi_connection)
            record.dbapi_connection = proxy.dbapi_connection = None
            raise DisconnectionError("the registry path names another file now")

    @event.listens_for(engine, "checkin")
    def _on_checkin(dbapi_connection: sqlite3.Connection | None, _record: object) -> None:
        if dbapi_connection is None:
            return
        try:
            if os.stat(wal).st_size > 0:
                _fold_wal(dbapi_connection)
            dbapi_connection.execute("PRAGMA shrink_memory")  # up to SQLITE_CACHE_KIB of pages each, read again anyway
        except (OSError, sqlite3.Error):
            pass  # the log keeps every commit; the next connection back tries again

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # Writers take the write lock at BEGIN, so two writers queue instead of failing on upgrade (SQLITE_BUSY).
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.pop("write", False) else "BEGIN")

    return engine


def _fold_wal(dbapi_connection: sqlite3.Connection) -> None:
    """Checkpoint the write-ahead log into the database file and empty it, without waiting: while someone reads or
    writes, the log stays as it is."""
    dbapi_connection.execute("PRAGMA busy_timeout=0")
    try:
        dbapi_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    finally:
        dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")


def _pg_engine(target: Target) -> Engine:
    engine = sa.create_engine(target.url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    FORK_RESET.add(engine)
    return engine


def make_engine(target: Target, *, create: bool) -> Engine:
    """An engine for the target; checks the SQLite file exists (create=False) and that the server answers."""
    if target.kind == "sqlite":
        path = target.path
        assert path is not None
        if path.is_dir():
            raise RegistryError(
                Text(en="the registry path is a folder", zh="名录路径是一个文件夹"),
                file=str(path),
                fix=Text(en="give a file path, e.g. registry.db", zh="给出文件路径，如 registry.db"),
            )
        if not path.exists():
            if not create:
                raise RegistryError(
                    Text(en="no registry at this path", zh="此路径下没有名录"),
                    file=str(path),
                    fix=Text(
                        en="check the path, or create the registry by screening with --registry "
                        "(tmscreen screen BATCH --registry PATH)",
                        zh="检查路径，或先用 --registry 筛查一批数据来创建名录（tmscreen screen 批次 --registry 路径）",
                    ),
                )
            if not path.parent.exists():
                raise RegistryError(
                    Text(en="the registry's folder does not exist", zh="名录所在的文件夹不存在"),
                    file=str(path),
                    fix=Text(en=f"create the folder {path.parent} first", zh=f"先创建文件夹 {path.parent}"),
                )
        engine = _sqlite_engine(target)
    else:
        engine = _pg_engine(target)
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except Exception as exc:  # noqa: BLE001 - every driver failure becomes one clear message
        engine.dispose()
        raise _connect_error(target, exc) from None
    return engine


def _connect_error(target: Target, exc: Exception) -> RegistryError:
    detail = str(getattr(exc, "orig", exc) or exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if target.url.password:
        detail = detail.replace(str(target.url.password), "***")
    if target.kind == "sqlite":
        return RegistryError(
            Text(en=f"cannot open the registry file: {detail}", zh=f"无法打开名录文件：{detail}"),
            file=target.display,
            fix=Text(
                en="check the file is a tmscreen registry (SQLite) and is readable and writable",
                zh="确认该文件是 tmscreen 名录（SQLite），且可读写",
            ),
        )
    return RegistryError(
        Text(en=f"cannot connect to the registry server: {detail}", zh=f"无法连接名录服务器：{detail}"),
        file=target.display,
        fix=Text(
            en="check the server is running and reachable, and the host, port, database, user and password",
            zh="确认服务器已启动且可访问，并检查主机、端口、数据库名、用户和密码",
        ),
    )
