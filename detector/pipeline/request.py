"""What a screening run is asked to do: the inputs, the rule files and the run's options."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from detector.io import Inputs, inputs_from_records, load_inputs


@dataclass
class ScreenRequest:
    """The batch to screen (files, or records for an inline rule test) and the options of the run.

    `metric_overrides` ({scope: {metric: value}}) replaces computed metric values before the rules read them: only
    an inline rule test sets it, to state the facts its case is about."""

    filings: Path | None = None
    applicants: Path | None = None
    register: Path | None = None
    rules: list[Path] | None = None
    threshold: float | None = None
    lang: str = "zh"
    skip_bad_rows: bool = False
    records: dict | None = None  # {"filings": [...], "applicants": [...] | None, "register": [...] | None, "source"}
    metric_overrides: dict[str, dict] = field(default_factory=dict)
    # Issue 16: a registry (SQLite path or postgresql:// URL) to screen against and, when `record`, to record into.
    registry: str | None = None
    record: bool = True

    def describe(self) -> str:
        return f"reading {self.filings}" if self.records is None else f"records of {self.records.get('source', '')}"

    def load(self, beside: Callable | None = None) -> Inputs:
        """The validated input tables (InputDataError names the file, row and column of a bad cell). `beside`: how
        the applicant and register files are read while the filings are (load_inputs)."""
        if self.records is not None:
            r = self.records
            return inputs_from_records(r["filings"], r.get("applicants"), r.get("register"), source=r.get("source", ""))
        return load_inputs(self.filings, self.applicants, self.register, self.skip_bad_rows, beside)

    def side_file_bytes(self) -> int:
        """The size of the applicant and register files (0 for records, or where a file cannot be read: its error
        comes from loading it)."""
        if self.records is not None:
            return 0
        total = 0
        for path in (self.applicants, self.register):
            try:
                total += Path(path).stat().st_size if path is not None else 0
            except OSError:
                pass
        return total
