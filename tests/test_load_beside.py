"""The applicant and register files read in a forked child while the filings are (load_inputs' `beside`): the same
inputs, the same errors in the same order (filings first), and a screening with several jobs that uses it writes
the files one process writes."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from forked_work import assert_same_files, first_pid, record_pids

import detector.io as io_module
from detector.errors import InputDataError
from detector.fork_map import fork_beside
from detector.io import load_inputs

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"


def _forked(task, here):
    return fork_beside(task, here, "input files")


def test_forked_side_files_give_the_same_inputs():
    plain = load_inputs(DEMO / "filings.csv", DEMO / "applicants.csv", DEMO / "register.csv")
    forked = load_inputs(DEMO / "filings.csv", DEMO / "applicants.csv", DEMO / "register.csv", beside=_forked)
    for name in ("filings", "filing_classes", "applicants", "register", "registry"):
        pd.testing.assert_frame_equal(getattr(forked, name), getattr(plain, name))
    assert forked.files == plain.files and list(forked.files) == ["filings", "applicants", "register"]
    assert forked.skipped_rows == plain.skipped_rows


def _broken(tmp_path: Path, name: str, row: int) -> Path:
    """A copy of the demo file `name` with data row `row`'s date cell made unreadable."""
    lines = (DEMO / name).read_text(encoding="utf-8").splitlines(keepends=True)
    header = lines[0].rstrip("\n").split(",")
    column = "filing_date" if name == "filings.csv" else "established_date"
    cells = lines[row].rstrip("\n").split(",")
    assert len(cells) == len(header)  # no quoted commas in the rows this test edits
    cells[header.index(column)] = "not-a-date"
    lines[row] = ",".join(cells) + "\n"
    path = tmp_path / name
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("beside", [None, _forked], ids=["in turn", "forked"])
def test_errors_name_the_file_and_row_filings_first(tmp_path, beside):
    bad_filings = _broken(tmp_path, "filings.csv", 3)
    bad_applicants = _broken(tmp_path, "applicants.csv", 5)
    with pytest.raises(InputDataError) as both:
        load_inputs(bad_filings, bad_applicants, DEMO / "register.csv", beside=beside)
    assert both.value.file.endswith("filings.csv") and both.value.line.en == "line 4"  # the header is line 1
    with pytest.raises(InputDataError) as side:
        load_inputs(DEMO / "filings.csv", bad_applicants, DEMO / "register.csv", beside=beside)
    assert side.value.file.endswith("applicants.csv") and side.value.line.en == "line 6"
    assert side.value.exit_code == 2


def test_screening_with_jobs_reads_the_side_files_in_a_child(tmp_path, monkeypatch):
    from detector.api import run_screening
    from detector.pipeline import stages

    pids = tmp_path / "pids"
    record_pids(monkeypatch, io_module, "_side_files", pids)
    monkeypatch.setattr(stages, "SIDE_FILES_FORK_BYTES", 0)
    files = (DEMO / "filings.csv", DEMO / "applicants.csv", DEMO / "register.csv")
    run_screening(*files, out=tmp_path / "two", jobs=2)
    assert first_pid(pids) != os.getpid()
    run_screening(*files, out=tmp_path / "one", jobs=1)
    assert first_pid(pids) == os.getpid()
    assert_same_files(tmp_path / "one", tmp_path / "two")
