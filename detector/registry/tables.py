"""Small table helpers shared by the registry's readers and writers: chunked IN lookups, upserts, row conversion."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

CHUNK = 900  # ids per IN list: below SQLite's oldest variable limit (999), small enough for PostgreSQL plans
WRITE_CHUNK = 5000  # rows per executemany


def now_iso() -> str:
    """UTC now, fixed width (sorts as text on both backends)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(values), size):
        yield list(values[start : start + size])


def select_in(conn: sa.Connection, query: sa.Select, column: sa.ColumnElement, values: Iterable[Any]) -> list[sa.Row]:
    """Rows of `query` with `column` IN values, in chunks (each an index lookup)."""
    distinct = sorted({v for v in values if v is not None and v != ""})
    rows: list[sa.Row] = []
    for part in chunks(distinct):
        rows.extend(conn.execute(query.where(column.in_(part))).fetchall())
    return rows


def frame_of(rows: Sequence[sa.Row] | Sequence[tuple], columns: list[str]) -> pd.DataFrame:
    """A DataFrame of rows with the given columns (empty frame keeps the columns)."""
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    return pd.DataFrame.from_records([tuple(r) for r in rows], columns=columns)


def records(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, Any]]:
    """Rows as dicts with plain Python values (NaN becomes None)."""
    return [dict(zip(columns, row, strict=True)) for row in tuples(frame, columns)]


def tuples(frame: pd.DataFrame, columns: list[str]) -> list[tuple]:
    """Rows as tuples of plain Python values (numpy scalars unboxed by tolist, NaN becomes None)."""
    if frame.empty:
        return []
    lists = []
    for col in columns:
        values = frame[col]
        if values.dtype.kind == "f" and values.isna().any():
            lists.append([None if v != v else v for v in values.tolist()])
        else:
            lists.append(values.tolist())
    return list(zip(*lists, strict=True))


def bulk_insert(
    conn: sa.Connection,
    table: sa.Table,
    frame: pd.DataFrame,
    *,
    ignore_existing: bool = False,
    update: list[str] | None = None,
) -> None:
    """Insert a frame's rows (its columns named after the table's) fast: executemany of plain tuples on SQLite,
    COPY on PostgreSQL. A row whose primary key is stored is skipped (ignore_existing) or gets the `update` columns
    (upsert); PostgreSQL copies into a temporary table first, then INSERT ... SELECT ... ON CONFLICT."""
    columns = [c.name for c in table.columns if c.name in frame.columns]
    rows = tuples(frame, columns)
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    keys = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
    conflict = ""
    if update:
        conflict = f" ON CONFLICT ({keys}) DO UPDATE SET " + ", ".join(f'"{c}" = excluded."{c}"' for c in update)
    elif ignore_existing:
        conflict = " ON CONFLICT DO NOTHING"
    cursor = conn.connection.driver_connection.cursor()
    if conn.dialect.name != "postgresql":
        sql = f'INSERT INTO "{table.name}" ({names}) VALUES ({", ".join("?" for _ in columns)}){conflict}'
        for part in chunks(rows, 50_000):
            cursor.executemany(sql, part)
        cursor.close()
        return
    target = table.name
    if conflict:
        target = f"tmp_{table.name}"
        cursor.execute(f'CREATE TEMPORARY TABLE "{target}" (LIKE "{table.name}" INCLUDING DEFAULTS) ON COMMIT DROP')
    with cursor.copy(f'COPY "{target}" ({names}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row(row)
    if conflict:
        cursor.execute(f'INSERT INTO "{table.name}" ({names}) SELECT {names} FROM "{target}"{conflict}')
        cursor.execute(f'DROP TABLE "{target}"')
    cursor.close()


def _insert(conn: sa.Connection, table: sa.Table):
    return (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)


def insert_rows(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    for part in chunks(rows, WRITE_CHUNK):
        conn.execute(table.insert(), part)


def insert_ignore(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows, skipping those whose primary key is already stored."""
    stmt = _insert(conn, table).on_conflict_do_nothing()
    for part in chunks(rows, WRITE_CHUNK):
        conn.execute(stmt, part)


def upsert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]], update: list[str]) -> None:
    """Insert rows; a row whose primary key exists gets the `update` columns from the new row."""
    if not rows:
        return
    stmt = _insert(conn, table)
    keys = [c.name for c in table.primary_key.columns]
    stmt = stmt.on_conflict_do_update(index_elements=keys, set_={c: stmt.excluded[c] for c in update})
    for part in chunks(rows, WRITE_CHUNK):
        conn.execute(stmt, part)


def joined(value: Any) -> str:
    """A list-ish cell as one ';'-joined string (lists, tuples, sets sorted; strings kept)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, (list, tuple, set, frozenset, np.ndarray)):
        items = [str(v) for v in value if str(v)]
        return ";".join(sorted(items) if isinstance(value, (set, frozenset)) else items)
    return str(value)


def split(value: str) -> list[str]:
    return [v for v in str(value or "").split(";") if v]


def frame_rows(conn: sa.Connection, query: sa.Select) -> pd.DataFrame:
    """All rows of a query as a DataFrame."""
    result = conn.execute(query)
    return frame_of(result.fetchall(), list(result.keys()))
