"""The applicant registry (主体名录): every screened batch and the maintained list, in SQLite or PostgreSQL."""

from detector.registry.batch_id import batch_id_of
from detector.registry.errors import RegistryError
from detector.registry.model import STATUSES, BatchRecord, History, Offenders
from detector.registry.registry import Registry, open_registry

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
