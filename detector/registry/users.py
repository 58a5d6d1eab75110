"""Users of a shared registry (issue 17): reviewers and auditors log in with a password, api users with a token.

Secrets are shown once and stored as argon2 hashes. A token is `tms_<token id>_<secret>`: the id finds the user
without a scan, the secret is verified against the hash."""

from __future__ import annotations

import re
import secrets

import pandas as pd
import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from detector.registry import schema as s
from detector.registry.errors import RegistryError
from detector.registry.model import ROLES
from detector.registry.tables import frame_rows, now_iso
from detector.text import Text

_HASHER = PasswordHasher()
_TOKEN = re.compile(r"^tms_([0-9a-f]{12})_([A-Za-z0-9_-]{20,})$")
_NAME = re.compile(r"^[\w.@-]{1,64}$")


def add_user(conn: sa.Connection, name: str, role: str) -> str:
    if role not in ROLES:
        raise RegistryError(
            Text(en=f"unknown role '{role}'", zh=f"未知角色“{role}”"),
            fix=Text(en="one of " + ", ".join(ROLES), zh="以下之一：" + "、".join(ROLES)),
        )
    if not _NAME.match(name or ""):
        raise RegistryError(
            Text(en=f"'{name}' is not a valid user name", zh=f"“{name}”不是有效的用户名"),
            fix=Text(en="1-64 letters, digits, '.', '@', '_' or '-'", zh="1-64 个字母、数字或 '.'、'@'、'_'、'-'"),
        )
    u = s.users
    if conn.execute(sa.select(u.c.name).where(u.c.name == name)).first():
        raise RegistryError(
            Text(en=f"user '{name}' already exists", zh=f"用户“{name}”已存在"),
            fix=Text(en="choose another name", zh="换一个用户名"),
        )
    if role == "api":
        token_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(24)
        shown = f"tms_{token_id}_{secret}"
    else:
        token_id = ""
        secret = shown = secrets.token_urlsafe(12)
    conn.execute(
        u.insert().values(
            name=name,
            role=role,
            secret_hash=_HASHER.hash(secret),
            token_id=token_id,
            created_at=now_iso(),
            disabled=False,
        )
    )
    return shown


def _verify(hash_: str, secret: str) -> bool:
    try:
        return _HASHER.verify(hash_, secret)
    except (VerificationError, InvalidHashError):
        return False


def check_password(conn: sa.Connection, name: str, password: str) -> str | None:
    u = s.users
    row = conn.execute(
        sa.select(u.c.role, u.c.secret_hash, u.c.disabled).where(u.c.name == name, u.c.token_id == "")
    ).first()
    if row is None or row[2] or not _verify(row[1], password or ""):
        return None
    return row[0]


def check_token(conn: sa.Connection, token: str) -> tuple[str, str] | None:
    m = _TOKEN.match(token or "")
    if not m:
        return None
    u = s.users
    row = conn.execute(
        sa.select(u.c.name, u.c.role, u.c.secret_hash, u.c.disabled).where(u.c.token_id == m.group(1))
    ).first()
    if row is None or row[3] or not _verify(row[2], m.group(2)):
        return None
    return row[0], row[1]


def list_users(conn: sa.Connection) -> pd.DataFrame:
    u = s.users
    return frame_rows(conn, sa.select(u.c.name, u.c.role, u.c.created_at, u.c.disabled).order_by(u.c.name))
