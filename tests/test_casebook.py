"""The hand-written casebook (tests/casebook) loads, expands and runs; its accuracy is judged by `make casebook`
(`--require 0.95 0.90`, run by .ci/run), since the whole casebook takes minutes.

What is checked here is the casebook's shape — at least 160 cases, at least 40 % controls, every failure kind of
issue 15 present, unique ids, every expectation naming an applicant of its case, every case inside the input
contract — the compact-record expansion, the located errors of a bad case file, and three cases end to end.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from detector.audit import casebook
from detector.audit.casebook import CaseFileError, load_case_file, load_casebook

CASES = Path(__file__).parent / "casebook"


@pytest.fixture(scope="module")
def cases():
    return load_casebook(CASES)


def test_size_and_controls(cases):
    assert len(cases) >= 160
    controls = sum(c.is_control for c in cases)
    assert controls / len(cases) >= 0.40, f"{controls} controls of {len(cases)}"


def test_every_failure_kind_and_category_present(cases):
    kinds = Counter(c.failure_kind for c in cases)
    assert all(kinds[k] > 0 for k in range(1, 8)), kinds
    categories = Counter(c.category for c in cases)
    assert len(categories) >= 8
    for category, n in categories.items():
        assert n >= 10, f"{category} has {n} cases"
        assert any(c.is_control for c in cases if c.category == category), f"{category} has no control"
        assert any(not c.is_control for c in cases if c.category == category), f"{category} has no case to flag"


def test_ids_unique_and_expectations_name_applicants(cases):
    ids = [c.id for c in cases]
    assert len(ids) == len(set(ids))
    for c in cases:
        assert c.source.strip()
        keys = c.applicant_keys()
        for e in c.expect:
            assert e.applicant in keys or any(e.applicant in ts for ts in keys.values()), (c.id, e.applicant)
        fids = [f["filing_id"] for f in c.filings]
        assert len(fids) == len(set(fids)), c.id


def test_every_case_fits_the_input_contract(cases):
    from detector.io import inputs_from_records

    for c in cases:
        inputs_from_records(c.filings, c.applicants, c.register, source=c.id)


def test_office_watchlist_loads_with_the_shipped_rules():
    from detector.rules.load import load_ruleset

    ruleset, _, _ = load_ruleset(casebook.rule_paths(CASES, None))
    terms = {e["term"] for e in ruleset.lists["watchlist"].entries}
    assert "广州市指南针会计咨询有限公司" in terms


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cases.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_compact_records_expand_deterministically(tmp_path):
    text = """
category: demo
cases:
  - id: DEM-001
    source: test
    filings:
      - repeat: 12
        mark_text: "{han4}"
        nice_class: "{cycle:1-5}"
        filing_date: "2023-05-01..2023-05-03"
        applicant_id: "A{block:01-03}"
      - {repeat: 4, mark_text: "{latin6-8/2}", nice_class: "{cycle:9|42}", filing_date: 2023-06-01,
         applicant_name: "{person}"}
    applicants:
      - {repeat: 3, applicant_id: "A{n:02}", name: "公司{n}", phone: "0571-{n:04}"}
    expect:
      - {applicant: A01, verdict: flagged}
      - {applicant: "*", verdict: clear}
"""
    (case,) = load_case_file(_write(tmp_path, text))
    f = case.filings
    assert len(f) == 16 and len({x["filing_id"] for x in f}) == 16
    assert [x["nice_class"] for x in f[:6]] == ["1", "2", "3", "4", "5", "1"]
    assert [x["applicant_id"] for x in f[:12]] == ["A01"] * 4 + ["A02"] * 4 + ["A03"] * 4
    assert [x["applicant_name"] for x in f[:5:4]] == ["公司1", "公司2"]  # names filled from the applicants records
    assert f[0]["filing_date"] == "2023-05-01" and f[11]["filing_date"] == "2023-05-03"
    assert len({x["mark_text"] for x in f[:12]}) == 12 and all(len(x["mark_text"]) == 4 for x in f[:12])
    assert f[12]["mark_text"] == f[13]["mark_text"] != f[14]["mark_text"] == f[15]["mark_text"]
    assert case.applicants[2]["phone"] == "0571-0003"
    assert {e.applicant for e in case.expect if e.verdict == "clear"} >= {"A02", "A03"}
    assert not case.is_control
    (again,) = load_case_file(_write(tmp_path, text))
    assert [x["mark_text"] for x in again.filings] == [x["mark_text"] for x in f]


@pytest.mark.parametrize(
    ("snippet", "message"),
    [
        (
            "{filing_id: F1, mark_text: X, nice_class: '1', filing_date: 2023-01-01, applicant_name: A, colour: red}",
            "unknown column",
        ),
        ("{filing_id: F1, mark_text: NO, nice_class: '1', filing_date: 2023-01-01, applicant_name: A}", "boolean"),
        ("{repeat: 0, mark_text: X, nice_class: '1', filing_date: 2023-01-01, applicant_name: A}", "repeat"),
        (
            "{repeat: 2, mark_text: '{nope}', nice_class: '1', filing_date: 2023-01-01, applicant_name: A}",
            "unknown placeholder",
        ),
    ],
)
def test_bad_records_name_file_and_case(tmp_path, snippet, message):
    text = f"category: demo\ncases:\n  - id: DEM-007\n    source: test\n    filings:\n      - {snippet}\n" + (
        "    expect:\n      - {applicant: A, verdict: clear}\n"
    )
    path = _write(tmp_path, text)
    with pytest.raises(CaseFileError) as err:
        load_case_file(path)
    rendered = err.value.render()
    assert str(path) in rendered and "DEM-007" in rendered and message in rendered


def test_bad_expectations_and_duplicate_ids(tmp_path):
    base = (
        "  - id: DEM-00{n}\n    source: test\n    filings:\n"
        "      - {{mark_text: X, nice_class: '1', filing_date: 2023-01-01, applicant_name: A}}\n"
    )
    expect_missing = base.format(n=1) + "    expect:\n      - {applicant: B, verdict: flagged}\n"
    with pytest.raises(CaseFileError, match="no filing of the case has applicant 'B'"):
        load_case_file(_write(tmp_path, "category: demo\ncases:\n" + expect_missing))
    bad_verdict = base.format(n=1) + "    expect:\n      - {applicant: A, verdict: maybe}\n"
    with pytest.raises(CaseFileError, match="flagged or clear"):
        load_case_file(_write(tmp_path, "category: demo\ncases:\n" + bad_verdict))
    ok = base.format(n=1) + "    expect:\n      - {applicant: A, verdict: clear}\n"
    with pytest.raises(CaseFileError, match="duplicate case id"):
        load_case_file(_write(tmp_path, "category: demo\ncases:\n" + ok + ok))


def test_main_exits_2_on_a_bad_case_file(tmp_path, capsys):
    _write(tmp_path, "category: demo\ncases:\n  - id: DEM-001\n    source: x\n    filings: []\n    expect: []\n")
    assert casebook.main(["--cases", str(tmp_path), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "cases.yaml" in err and "DEM-001" in err


def test_three_cases_end_to_end(tmp_path, capsys):
    """A famous-mark copy, a rights holder's own filings and a two-person split run through the real pipeline; the
    runner reports each expectation with what it got (right or wrong is not asserted: the detection work is later)."""
    out = tmp_path / "casebook.json"
    args = ["--only", "SQF-001", "--only", "OLY-101", "--only", "CLU-004", "--json", str(out), "--verbose", "--quiet"]
    assert casebook.main(args) == 0
    printed = capsys.readouterr().out
    assert "overall" in printed and "/3" in printed
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["summary"]["overall"]["total"] == 3
    by_id = {c["id"]: c for c in report["cases"]}
    assert set(by_id) == {"SQF-001", "OLY-101", "CLU-004"}
    for c in by_id.values():
        assert not c["error"], c
        assert c["expectations"] and all(e["got"] in ("flagged", "clear") for e in c["expectations"])
    assert [e["applicant"] for e in by_id["CLU-004"]["expectations"]] == ["P-LIU", "P-CHEN"]
    assert by_id["OLY-101"]["control"] and not by_id["SQF-001"]["control"]


def test_require_fails_on_a_flagged_control_and_passes_when_all_are_right(tmp_path, capsys):
    """--require (what CI runs): a case file whose control is a plain copy of a famous mark (so the engine flags it)
    exits 1 naming the shortfall; the same file with the verdict the law gives exits 0."""
    case = """
category: demo
cases:
  - id: DEM-001
    source: test
    filings:
      - {repeat: 3, mark_text: NIKE, nice_class: "{cycle:25|18|28}", filing_date: 2023-05-01, applicant_name: 王小明}
    expect:
      - {applicant: 王小明, verdict: VERDICT}
"""
    folder = tmp_path / "wrong"
    folder.mkdir()
    _write(folder, case.replace("VERDICT", "clear"))
    assert casebook.main(["--cases", str(folder), "--quiet", "--jobs", "1", "--require", "0.95", "0.90"]) == 1
    err = capsys.readouterr().err
    assert "a control was flagged" in err and "overall 0/1 is under 95%" in err and "demo 0/1" in err
    folder = tmp_path / "right"
    folder.mkdir()
    _write(folder, case.replace("VERDICT", "flagged"))
    assert casebook.main(["--cases", str(folder), "--quiet", "--jobs", "1", "--require", "0.95", "0.90"]) == 0
    assert "under" not in capsys.readouterr().err
