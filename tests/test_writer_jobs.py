"""How many forked output writers run at a time (detector/report/write.py writer_jobs): every writer at once below
ALL_WRITERS_FILINGS filings, `jobs` at a time above; the files are the same either way."""

from __future__ import annotations

from pathlib import Path

from forked_work import assert_same_files

import detector.fork_map as fork_map_module
from detector.report.write import ALL_WRITERS_FILINGS, writer_jobs

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"


def test_every_writer_at_once_below_the_bound_jobs_at_a_time_above():
    assert writer_jobs(3, 2, 4_000) == 3
    assert writer_jobs(3, 2, ALL_WRITERS_FILINGS - 1) == 3
    assert writer_jobs(3, 2, ALL_WRITERS_FILINGS) == 2
    assert writer_jobs(2, 4, 4_000) == 4  # never fewer than jobs


def test_a_screening_forks_its_writers_as_decided_and_writes_the_same_files(tmp_path, monkeypatch):
    from detector.api import run_screening

    calls: list[tuple[int, int]] = []
    real = fork_map_module.fork_map

    def spy(task, n, jobs, what="partition", order=None):
        if what == "output writer":
            calls.append((n, jobs))
        return real(task, n, jobs, what, order)

    monkeypatch.setattr(fork_map_module, "fork_map", spy)
    kwargs = {"applicants": DEMO / "applicants.csv", "register": DEMO / "register.csv", "lang": "en", "jobs": 2}
    run_screening(DEMO / "filings.csv", out=tmp_path / "at_once", **kwargs)
    assert calls == [(3, 3)]  # the tables, report.html, the workbook: three processes at once
    monkeypatch.setattr("detector.report.write.ALL_WRITERS_FILINGS", 1_000)
    run_screening(DEMO / "filings.csv", out=tmp_path / "two_at_a_time", **kwargs)
    assert calls == [(3, 3), (4, 2)]  # the hits apart, last: to whichever of the two writers ends first
    assert_same_files(tmp_path / "at_once", tmp_path / "two_at_a_time")
