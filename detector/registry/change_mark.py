"""Whether anyone committed to a registry since it was last read, told cheaply (ChangeMark): the registry keeps
its confirmed and cleared entries between intake checks and reads them again only after a commit."""

from __future__ import annotations

import itertools
import os
import sqlite3
import threading
from collections.abc import Hashable

from sqlalchemy.engine import Engine

from detector.registry.connect import BUSY_TIMEOUT_S, FORK_RESET, UNCLOSED, SqliteConnection, Target


class ChangeMark:
    """A value that differs after any commit to the registry, by any connection of any process. Read it before what
    it guards: what was read then is still current while the mark reads the same.

    SQLite: `PRAGMA data_version` on a connection kept for this alone and never written through (the pragma changes
    with every commit by any other connection), with a serial of that connection and the file's change time and size
    (a file written by other means, say copied over). PostgreSQL: the current snapshot (xmin:xmax:in-progress ids),
    which changes whenever a transaction holding a transaction id (every one that wrote) ends, in any database of the
    server."""

    def read(self) -> Hashable:
        raise NotImplementedError

    def close(self) -> None:
        """Release what the mark holds."""


class _DataVersion(ChangeMark):
    _serials = itertools.count()

    def __init__(self, path: str) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._conn: SqliteConnection | None = None
        self._serial = -1
        FORK_RESET.add(self)

    def read(self) -> Hashable:
        """A mark that cannot be read is a new object, equal to no other (the guarded values are read again)."""
        try:
            with self._lock:
                st = os.stat(self.path)
                if self._conn is None or self._conn.file != (st.st_dev, st.st_ino):
                    if self._conn is not None:
                        UNCLOSED.append(self._conn)  # opened on the file the path named before
                    self._conn = sqlite3.connect(
                        self.path,
                        timeout=BUSY_TIMEOUT_S,
                        isolation_level=None,
                        check_same_thread=False,
                        factory=SqliteConnection,
                    )
                    self._serial = next(self._serials)
                version = self._conn.execute("PRAGMA data_version").fetchall()[0][0]  # all: no read left open
                return self._serial, version, st.st_ctime_ns, st.st_size
        except (OSError, sqlite3.Error):
            return object()

    def close(self) -> None:
        with self._lock:
            conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    def forget_inherited(self) -> object:
        """In a forked child: drop the parent's connection unclosed (returned, for the caller to keep)."""
        conn, self._conn = self._conn, None
        self._lock = threading.Lock()  # a parent's thread may have held it at the fork
        return conn


class _Snapshot(ChangeMark):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        old = (engine.dialect.server_version_info or (0,)) < (13,)
        self.sql = "SELECT txid_current_snapshot()::text" if old else "SELECT pg_current_snapshot()::text"

    def read(self) -> Hashable:
        """The snapshot as text; a failing server raises SQLAlchemy's OperationalError, as a read would."""
        with self.engine.connect() as conn:
            return conn.exec_driver_sql(self.sql).scalar_one()


def change_mark(target: Target, engine: Engine) -> ChangeMark:
    """The ChangeMark of an open registry (engine: its make_engine)."""
    return _DataVersion(str(target.path)) if target.kind == "sqlite" else _Snapshot(engine)
