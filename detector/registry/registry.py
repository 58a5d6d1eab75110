"""The Registry: one SQLite file or PostgreSQL database holding every screened batch and the maintained list."""

from __future__ import annotations

import os
from typing import Any

import pandas as pd

from detector.registry.model import BatchRecord, History, Offenders


class Registry:
    """An open registry. Use as a context manager or call close(). All methods are safe to call from one thread;
    writers in several processes are serialised (SQLite: BEGIN IMMEDIATE with a busy timeout; PostgreSQL:
    pg_advisory_xact_lock)."""

    target: str  # display form of the path or URL, password hidden

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release the connection pool."""
        raise NotImplementedError

    # --- batches -----------------------------------------------------------------------------------------------
    def batch_recorded(self, batch_id: str) -> bool:
        """True when a batch with this id is already recorded."""
        raise NotImplementedError

    def history(
        self,
        *,
        applicant_ids: list[str] | set[str] = (),
        value_keys: list[str] | set[str] = (),
        mark_keys: list[str] | set[str] = (),
        since_day: int | None = None,
        exclude_batch: str | None = None,
    ) -> History:
        """Earlier filings (day >= since_day, batch_id != exclude_batch) of applicants in applicant_ids or holding any
        of value_keys, plus filings whose canonical mark key is in mark_keys; and the applicants rows of every applicant
        those filings belong to or that holds a value key. Chunked lookups through indexes, fast on millions of rows."""
        raise NotImplementedError

    def record_batch(self, rec: BatchRecord) -> bool:
        """Write one screened batch in one transaction; False (nothing changed) if rec.batch_id is already recorded.

        A filing already stored (same filing_id) is not stored again; flagged scores create or refresh list entries
        (suspected; confirmed stays; cleared stays unless scores.new_evidence, which reopens it as suspected with a
        status-history row saying so)."""
        raise NotImplementedError

    def batches(self) -> pd.DataFrame:
        """The recorded batches, oldest first: batch_id, recorded_at, tool_version, ruleset_sha256, n_filings,
        n_applicants, n_flagged, source, input_hashes (JSON text)."""
        raise NotImplementedError

    # --- the list ----------------------------------------------------------------------------------------------
    def offenders(self) -> Offenders:
        """Confirmed entries: ids, org keys of their current and former names, and their recorded cluster members."""
        raise NotImplementedError

    def cleared(self) -> dict[str, set[tuple[str, str]]]:
        """applicant_id -> the (rule_id, filing_id) evidence each cleared entry was cleared on."""
        raise NotImplementedError

    def entries(
        self,
        statuses: list[str] | tuple[str, ...] | None = None,
        *,
        applicant_ids: list[str] | None = None,
        category: str | None = None,
        rule_id: str | None = None,
        batch_id: str | None = None,
        repeat_offender: bool | None = None,
        search: str | None = None,
    ) -> pd.DataFrame:
        """The list, best first (repeat offenders, then score descending, then id): applicant_id, name,
        former_names, status, cluster_id, categories, rule_ids, first_listed, last_seen, n_batches, score,
        repeat_offender, source, last_batch. Filters combine with AND."""
        raise NotImplementedError

    def entry(self, applicant_id: str) -> dict[str, Any] | None:
        """One entry with everything: {"entry": dict, "applicant": dict, "names": DataFrame, "history": DataFrame
        (status history), "batches": DataFrame, "filings": DataFrame, "hits": DataFrame, "cluster": DataFrame};
        None when the id is neither listed nor a recorded applicant."""
        raise NotImplementedError

    def decide(self, applicant_id: str, status: str, reason: str, by: str, source: str = "local") -> None:
        """Set an entry's status (suspected|confirmed|cleared|appealed) with who and why; clearing stores the current
        evidence set. Raises RegistryError for an unknown id or status, or an empty reason or by."""
        raise NotImplementedError

    def diff(self, since: str | None = None) -> dict[str, pd.DataFrame]:
        """Changes since a batch id or ISO date (default: since the batch before the last): {"new_entries",
        "new_cluster_members", "escalations"} (escalations: status changes to confirmed, or score/level up)."""
        raise NotImplementedError

    def labels(self) -> pd.DataFrame:
        """The labels contract: applicant_id, label (1 confirmed, 0 cleared), category (first category)."""
        raise NotImplementedError

    # --- interchange -------------------------------------------------------------------------------------------
    def export(self, path: str | os.PathLike) -> dict[str, int]:
        """Write the list (entries, names, status history) as JSON Lines; returns counts per record kind."""
        raise NotImplementedError

    def import_(self, path: str | os.PathLike, source: str) -> dict[str, int]:
        """Merge an interchange file, validated line by line; never overwrites a local decision: a conflict keeps the
        local status and records the incoming one in the history with its source. Returns {"entries", "new",
        "updated", "conflicts", "history"} counts."""
        raise NotImplementedError

    # --- users (issue 17) --------------------------------------------------------------------------------------
    def add_user(self, name: str, role: str) -> str:
        """Create a user; returns its secret once (a password for reviewer/auditor, a token for api), stored hashed
        with argon2. RegistryError when the name exists or the role is unknown."""
        raise NotImplementedError

    def check_password(self, name: str, password: str) -> str | None:
        """The user's role when the password is right and the user is enabled, else None."""
        raise NotImplementedError

    def check_token(self, token: str) -> tuple[str, str] | None:
        """(name, role) of the enabled user holding this token, else None."""
        raise NotImplementedError

    def users(self) -> pd.DataFrame:
        """name, role, created_at, disabled."""
        raise NotImplementedError


def open_registry(target: str | os.PathLike, *, create: bool = True) -> Registry:
    """Open (and with create=True, create or upgrade) a registry: a path is a SQLite file, a postgresql:// URL a
    PostgreSQL database. Raises RegistryError (exit 2, with the fix) for a missing file, an unreachable server, a bad
    URL or a registry written by a newer tmscreen."""
    raise NotImplementedError
