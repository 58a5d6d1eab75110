"""Bring a registry's schema to this tool's head with the Alembic migrations shipped in the package.

An empty database is created; an older schema is upgraded in place (in one transaction); a schema newer than this
tool (a revision it does not know) is refused with the fix, since writing to it could lose data."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from detector.registry.connect import PG_WRITE_LOCK
from detector.registry.errors import RegistryError
from detector.text import Text
from detector.version import __version__

SCRIPT_LOCATION = "detector.registry:migrations"


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


def head_revision() -> str:
    """The newest schema revision this tool knows."""
    return ScriptDirectory.from_config(_config()).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    """The database's revision; None when it has no registry tables yet."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _not_a_registry(display: str, tables: list[str]) -> RegistryError:
    shown = ", ".join(sorted(tables)[:5])
    return RegistryError(
        Text(
            en=f"this database is not a tmscreen registry (it holds other tables: {shown})",
            zh=f"该数据库不是 tmscreen 名录（其中有其他表：{shown}）",
        ),
        file=display,
        fix=Text(
            en="give a new file path or an empty database for the registry",
            zh="为名录指定一个新文件路径或一个空数据库",
        ),
    )


def _newer(display: str, current: str) -> RegistryError:
    return RegistryError(
        Text(
            en=f"this registry has schema revision {current}, newer than this tmscreen {__version__} knows "
            f"(up to {head_revision()})",
            zh=f"该名录的结构版本为 {current}，比当前 tmscreen {__version__} 支持的版本（至 {head_revision()}）更新",
        ),
        file=display,
        fix=Text(
            en="upgrade tmscreen (pip install -U tmscreen) to the version that wrote this registry or later",
            zh="将 tmscreen 升级（pip install -U tmscreen）到写入该名录的版本或更新版本",
        ),
    )


def upgrade(engine: Engine, *, revision: str = "head", display: str = "") -> None:
    """Upgrade (or create) the schema to `revision` ("head" unless a test asks for an earlier one), under the
    registry's write lock so two first opens at once do not both create it."""
    script = ScriptDirectory.from_config(_config())
    known = {rev.revision for rev in script.walk_revisions()}
    target = script.get_current_head() if revision == "head" else revision
    current = current_revision(engine)
    if current is not None and current not in known:
        raise _newer(display, current)
    if current == target:
        return
    config = _config()
    with engine.connect() as conn:
        conn.info["write"] = True  # SQLite: BEGIN IMMEDIATE
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({PG_WRITE_LOCK})")
            current = MigrationContext.configure(conn).get_current_revision()
            if current is None:
                tables = [t for t in sa.inspect(conn).get_table_names() if t != "alembic_version"]
                if tables:
                    raise _not_a_registry(display, tables)
            elif current not in known:
                raise _newer(display, current)
            if current == target:
                return
            config.attributes["connection"] = conn
            command.upgrade(config, revision)
