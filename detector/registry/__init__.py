"""The applicant registry (主体名录): every screened batch and the maintained list, in SQLite or PostgreSQL.

The names below load on first use (SQLAlchemy and Alembic take a second to import), so `tmscreen --help` and runs
without a registry never pay for them."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from detector.registry.batch_id import batch_id_of
    from detector.registry.errors import RegistryError
    from detector.registry.model import BatchRecord, History, Offenders
    from detector.registry.registry import Registry, open_registry
    from detector.registry.statuses import STATUSES

_WHERE = {
    "STATUSES": "statuses",
    "BatchRecord": "model",
    "History": "model",
    "Offenders": "model",
    "Registry": "registry",
    "RegistryError": "errors",
    "batch_id_of": "batch_id",
    "open_registry": "registry",
}

__all__ = [
    "STATUSES",
    "BatchRecord",
    "History",
    "Offenders",
    "Registry",
    "RegistryError",
    "batch_id_of",
    "open_registry",
]


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module 'detector.registry' has no attribute '{name}'")
    return getattr(importlib.import_module(f"detector.registry.{_WHERE[name]}"), name)
