"""suspicious_applicants.xlsx read back with openpyxl: CSV columns, frozen header, filters, widths, neutralized
cells."""

from __future__ import annotations

import zipfile

import openpyxl
import pandas as pd
import pytest
from test_report_batch import FORMULA_NAME, PLUS_NAME, screen_hostile


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    return screen_hostile(tmp_path_factory.mktemp("xlsx"), "zh")


def test_same_rows_and_columns_as_the_csv(run):
    csv = pd.read_csv(run / "suspicious_applicants.csv", dtype=str, keep_default_na=False)
    ws = openpyxl.load_workbook(run / "suspicious_applicants.xlsx").active
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == list(csv.columns)
    assert len(rows) - 1 == len(csv)
    assert [r[1] for r in rows[1:]] == csv["applicant_id"].tolist()
    assert [float(r[3]) for r in rows[1:]] == csv["score"].astype(float).tolist()
    assert ws.title == "可疑申请人"


def test_frozen_header_filters_and_cjk_widths(run):
    ws = openpyxl.load_workbook(run / "suspicious_applicants.xlsx").active
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == f"A1:J{ws.max_row}"
    assert ws["A1"].font.bold
    names = [c.value for c in ws["C"][1:]]
    longest_cjk = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in n) for n in names)
    assert ws.column_dimensions["C"].width >= min(longest_cjk, 50)
    assert ws.column_dimensions["J"].width >= 60  # the reasons, Chinese sentences


def test_formula_like_cells_are_neutralized(run):
    wb = openpyxl.load_workbook(run / "suspicious_applicants.xlsx")
    ws = wb.active
    by_id = {r[1].value: r for r in ws.iter_rows(min_row=2)}
    for app_id, name in (("H-FORMULA", FORMULA_NAME), ("H-PLUS", PLUS_NAME)):
        cell = by_id[app_id][2]
        assert cell.data_type == "s"
        assert cell.value == "'" + name
    for row in ws.iter_rows(min_row=1):
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str):
                assert not cell.value.startswith(("=", "+", "-", "@")), (cell.coordinate, cell.value)
    with zipfile.ZipFile(run / "suspicious_applicants.xlsx") as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in sheet and "<f " not in sheet
    # HTML payloads are plain text in a workbook: kept exactly
    assert by_id["H-SCRIPT"][2].value == "<script>alert(1)</script>"


def test_same_input_same_bytes(run, tmp_path):
    from conftest import run_cli

    again = tmp_path / "again"
    code, _, err = run_cli(
        [
            "screen",
            run.parent / "in" / "filings.csv",
            "--applicants",
            run.parent / "in" / "applicants.csv",
            "--out",
            again,
            "--lang",
            "zh",
            "--quiet",
        ]
    )
    assert code == 0, err
    for name in ("suspicious_applicants.xlsx", "report.html"):
        assert (run / name).read_bytes() == (again / name).read_bytes(), name


def test_excel_csv_has_bom_and_neutralized_cells(tmp_path):
    out = screen_hostile(tmp_path, "en", extra=("--excel-csv",))
    raw = (out / "suspicious_applicants.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    csv = pd.read_csv(out / "suspicious_applicants.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    names = dict(zip(csv["applicant_id"], csv["applicant_name"]))
    assert names["H-FORMULA"] == "'" + FORMULA_NAME
    assert names["H-PLUS"] == "'" + PLUS_NAME
    assert "北京甲乙商贸有限公司" in raw.decode("utf-8-sig")
