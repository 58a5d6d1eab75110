"""Load and validate the input files of a screening run (the public input contract)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from detector.fork_map import in_turn
from detector.io.applicant_table import applicant_table_and_codes, build_applicant_table
from detector.io.contract import APPLICANTS, FILINGS, LABELS, REGISTER, TABLES
from detector.io.readers import RawTable, read_table
from detector.io.validate import (
    Validated,
    validate_applicants,
    validate_filings,
    validate_labels,
    validate_register,
)

__all__ = ["TABLES", "Inputs", "load_inputs", "load_labels", "read_table"]


@dataclass
class Inputs:
    """Validated inputs of one run, with what was read (hashes, formats) for run.json."""

    filings: pd.DataFrame
    filing_classes: pd.DataFrame
    applicants: pd.DataFrame
    register: pd.DataFrame | None
    files: dict[str, dict] = field(default_factory=dict)
    skipped_rows: list[dict] = field(default_factory=list)
    # The validated applicants file as given, also records of parties that file nothing in the batch (an owner whose
    # shareholders and legal representative tie an applicant to it: detector/normalize/identity.py). A screening
    # run releases it once the batch is prepared (pipeline/stages.py normalize): then None.
    registry: pd.DataFrame | None = None
    # (filings, applicants, codes): each filing's row in the applicant table, made with the table; read only while
    # `filings` and `applicants` are still these very frames (a step that replaces either makes the codes again).
    applicant_code: tuple | None = None

    def known_applicant_codes(self) -> np.ndarray | None:
        """Each filing's row in `applicants` as made with the table, or None when either frame changed since."""
        made = self.applicant_code
        if made is not None and made[0] is self.filings and made[1] is self.applicants:
            return made[2]
        return None


def _describe(raw: RawTable, rows_valid: int) -> dict:
    return {
        "path": str(raw.path),
        "sha256": raw.sha256,
        "format": raw.fmt,
        "encoding": raw.encoding,
        "sheet": raw.sheet,
        "rows_read": len(raw.frame),
        "rows_valid": int(rows_valid),
        "ignored_columns": raw.ignored_columns,
    }


def load_inputs(
    filings: Path,
    applicants: Path | None = None,
    register: Path | None = None,
    skip_bad_rows: bool = False,
    beside: Callable | None = None,
) -> Inputs:
    """Read, validate and type every input file; raises InputDataError on bad data (the filings' first, then the
    applicants', then the register's). `beside(task, here) -> (task(), here())`: how the applicant and register
    files are read while the filings are (side by side in a forked child, or in turn: the default)."""
    beside = beside or in_turn
    side, (raw_f, vf) = beside(
        lambda: _side_files(applicants, register, skip_bad_rows), lambda: _filings_file(filings, skip_bad_rows)
    )
    files = {"filings": _describe(raw_f, len(vf.frame)), **side.files}
    table, codes = applicant_table_and_codes(vf.frame, side.registry)
    return Inputs(
        vf.frame,
        vf.extra["filing_classes"],
        table,
        side.register,
        files,
        vf.skipped + side.skipped,
        side.registry,
        None if codes is None else (vf.frame, table, codes),
    )


def _filings_file(path: Path, skip_bad_rows: bool) -> tuple[RawTable, Validated]:
    raw = read_table(Path(path), FILINGS)
    return raw, validate_filings(raw, skip_bad_rows)


@dataclass
class _SideFiles:
    """The applicant and register files, validated: what load_inputs reads besides the filings."""

    files: dict[str, dict] = field(default_factory=dict)
    skipped: list[dict] = field(default_factory=list)
    registry: pd.DataFrame | None = None
    register: pd.DataFrame | None = None


def _side_files(applicants: Path | None, register: Path | None, skip_bad_rows: bool) -> _SideFiles:
    side = _SideFiles()
    if applicants is not None:
        raw_a = read_table(Path(applicants), APPLICANTS)
        va = validate_applicants(raw_a, skip_bad_rows)
        side.files["applicants"] = _describe(raw_a, len(va.frame))
        side.skipped += va.skipped
        side.registry = va.frame
    if register is not None:
        raw_r = read_table(Path(register), REGISTER)
        vr = validate_register(raw_r, skip_bad_rows)
        side.files["register"] = _describe(raw_r, len(vr.frame))
        side.skipped += vr.skipped
        side.register = vr.frame
    return side


def load_labels(path: Path) -> tuple[pd.DataFrame, dict]:
    """Read and validate a labels file; returns the table and its description for run records."""
    raw = read_table(Path(path), LABELS)
    v = validate_labels(raw)
    return v.frame, _describe(raw, len(v.frame))


def _cell(value: object) -> str:
    """One record's value as the text cell of a file: "" for None, else its str()."""
    return "" if value is None else str(value)


def inputs_from_records(
    filings: list[dict],
    applicants: list[dict] | None = None,
    register: list[dict] | None = None,
    source: str = "<records>",
) -> Inputs:
    """Validated Inputs from in-memory records (inline rule tests, notebooks) through the same checks as files."""
    import hashlib
    import json

    def raw(records: list[dict], spec) -> RawTable:
        names = spec.names()
        keys = dict.fromkeys(k for r in records for k in r)  # records need not share their keys
        unknown = [k for k in keys if k not in names]
        # Column by column, the contract's columns only, made once (a cell: its text, "" when missing or None).
        frame = pd.DataFrame(
            {col: [_cell(r.get(col)) for r in records] for col in names}, index=pd.RangeIndex(len(records)), dtype="str"
        )
        digest = hashlib.sha256(
            json.dumps(records, ensure_ascii=False, sort_keys=True, default=str).encode()
        ).hexdigest()
        return RawTable(frame, Path(f"{source}:{spec.name}"), "records", digest, ignored_columns=unknown)

    vf = validate_filings(raw(filings, FILINGS))
    registry = validate_applicants(raw(applicants, APPLICANTS)).frame if applicants else None
    reg = validate_register(raw(register, REGISTER)).frame if register else None
    table = build_applicant_table(vf.frame, registry)
    return Inputs(vf.frame, vf.extra["filing_classes"], table, reg, {}, [], registry)
