"""The input contract: formats, encodings, header aliases, cell parsing, and clear errors on bad files."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import DATA

from detector.errors import InputDataError
from detector.io import load_inputs
from detector.io.parse import parse_classes, parse_date, parse_money
from detector.text import Text

INPUTS = DATA / "inputs"


OFFICE_EXPORTS = {
    # file -> (format, encoding) recorded in run.json
    "good_excel_unicode.txt": ("tsv", "utf-16"),
    "good_tab.tsv": ("tsv", "utf-8"),
    "good_tab_gb18030.txt": ("tsv", "gb18030"),
    "good_tab_named.csv": ("tsv", "utf-8"),
    "good.xls": ("xls", ""),
}


@pytest.mark.parametrize(
    "name",
    ["good_utf8.csv", "good_bom.csv", "good_gb18030.csv", "good_chinese_headers.csv", "good.jsonl", *OFFICE_EXPORTS],
)
def test_good_files_load_the_same_rows(name):
    inputs = load_inputs(INPUTS / name)
    f = inputs.filings
    assert list(f["filing_id"]) == ["F1", "F2", "F3"]
    assert list(f["mark_text"]) == ["冰墩墩", "阳光", ""]
    assert list(f["nice_class"]) == ["28", "25", "9;35"]
    assert list(f["filing_date"].dt.strftime("%Y-%m-%d")) == ["2022-02-10", "2022-02-11", "2022-02-12"]
    assert inputs.filing_classes["nice_class"].tolist() == [28, 25, 9, 35]
    # F2 and F3 share an applicant: given id, or derived from the canonical name when absent
    assert f["applicant_id"].iloc[1] == f["applicant_id"].iloc[2]
    assert f["applicant_id"].iloc[0] != f["applicant_id"].iloc[1]


@pytest.mark.parametrize("name", sorted(OFFICE_EXPORTS))
def test_office_exports_equal_their_csv(name):
    """Excel's Unicode Text, tab-separated text and .xls give the very table of the CSV with the same rows."""
    columns = ["filing_id", "mark_text", "nice_class", "filing_date", "applicant_name", "applicant_id"]
    csv = load_inputs(INPUTS / "good_utf8.csv")
    office = load_inputs(INPUTS / name)
    pd.testing.assert_frame_equal(office.filings[columns], csv.filings[columns])
    pd.testing.assert_frame_equal(office.filing_classes, csv.filing_classes)
    described = office.files["filings"]
    assert (described["format"], described["encoding"]) == OFFICE_EXPORTS[name]


def test_excel_unicode_text_keeps_quoted_tabs_and_line_breaks():
    """A cell with a tab and a line break is quoted by Excel; it stays one cell (here an ignored column)."""
    from detector.io.contract import FILINGS
    from detector.io.readers import read_table

    raw = read_table(INPUTS / "good_excel_unicode.txt", FILINGS)
    assert raw.ignored_columns == ["备注"] and len(raw.frame) == 3


def test_workbook_rows_are_the_rows_excel_shows(tmp_path):
    """Blank rows are dropped but not counted away: an error names the sheet row a user sees (xlsx and xls)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "申请"
    ws.append(["申请号", "商标名称", "类别", "申请日期", "申请人名称"])
    ws.append(["X1", "星河", 25, "2022-03-01", "王五"])
    ws.append([])
    ws.append([])
    ws.append(["X2", "云海", 46, "2022-03-02", "王五"])
    wb.save(tmp_path / "f.xlsx")
    with pytest.raises(InputDataError) as info:
        load_inputs(tmp_path / "f.xlsx")
    assert "sheet '申请' row 5" in info.value.render()


@pytest.mark.parametrize(
    "name,content,words",
    [
        ("f.xls", b"PK\x03\x04" + b"\x00" * 60, "the file content is XLSX but the extension '.xls' says XLS"),
        ("f.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 60, "the file content is XLS"),
        ("f.xls", "申请号\t商标名称\nF1\t阳光\n".encode(), "an .xls name but is not a workbook"),
    ],
)
def test_workbook_extension_and_content_disagree(tmp_path, name, content, words):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(InputDataError) as info:
        load_inputs(tmp_path / name)
    assert words in info.value.render()


def test_encoding_is_recorded(tmp_path):
    assert load_inputs(INPUTS / "good_gb18030.csv").files["filings"]["encoding"] == "gb18030"
    assert load_inputs(INPUTS / "good_bom.csv").files["filings"]["encoding"] == "utf-8-sig"


def test_parquet_and_xlsx_load(tmp_path):
    frame = pd.read_csv(INPUTS / "good_utf8.csv", dtype=str, keep_default_na=False)
    frame.to_parquet(tmp_path / "f.parquet")
    assert load_inputs(tmp_path / "f.parquet").filings["filing_id"].tolist() == ["F1", "F2", "F3"]
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "申请"
    ws.append(["申请号", "商标名称", "类别", "申请日期", "申请人名称"])
    import datetime as dt

    ws.append(["X1", "星河", 25, dt.datetime(2022, 3, 1), "王五"])
    ws.append(["X2", "云海", "第9类", "2022-03-02", "王五"])
    wb.save(tmp_path / "f.xlsx")
    f = load_inputs(tmp_path / "f.xlsx").filings
    assert f["nice_class"].tolist() == ["25", "9"]
    assert f["filing_date"].dt.strftime("%Y-%m-%d").tolist() == ["2022-03-01", "2022-03-02"]


@pytest.mark.parametrize(
    "cell,expected",
    [
        ("25", (25,)),
        ("第25类", (25,)),
        ("25类", (25,)),
        ("9;25", (9, 25)),
        ("25；9", (9, 25)),
        ("09", (9,)),
        (" 45 ", (45,)),
    ],
)
def test_class_forms(cell, expected):
    assert parse_classes(cell) == expected


@pytest.mark.parametrize("cell", ["0", "46", "abc", "", "25.5"])
def test_bad_classes(cell):
    assert isinstance(parse_classes(cell), Text)  # what is wrong, in both languages


def test_dates_and_money():
    assert str(parse_date("2022/2/3")) == "2022-02-03"
    assert str(parse_date("20220203")) == "2022-02-03"
    assert isinstance(parse_date("2022-02-30"), Text)
    assert parse_money("100万") == 1_000_000
    assert parse_money("1,000,000") == 1_000_000
    assert parse_money("") is None
    assert isinstance(parse_money("lots"), Text)


@pytest.mark.parametrize(
    "name,where,column,words",
    [
        ("bad_class_46.csv", "line 5", "nice_class", "outside 1-45"),
        ("bad_class_0.csv", "line 5", "nice_class", "outside 1-45"),
        ("bad_date.csv", "line 5", "filing_date", "not a real date"),
        ("bad_date_text.csv", "line 5", "filing_date", "not a date"),
        ("bad_duplicate_id.csv", "line 5", "filing_id", "duplicate filing id 'F2' (first at line 3)"),
        ("bad_missing_column.csv", "header", None, "missing required column(s) nice_class"),
        ("bad_empty.csv", None, None, "empty"),
        ("bad_header_only.csv", None, None, "no data rows"),
        ("bad_latin1.csv", None, None, "at line 5"),
        ("bad_fields.csv", "line 2", None, "fields where the header has 6"),
        ("bad_broken.jsonl", "line 2", None, "invalid JSON"),
        ("bad_empty_applicant.csv", "line 5", "applicant_name", "empty applicant name"),
        ("bad_xlsx_named_csv.csv", None, None, "content is XLSX"),
    ],
)
def test_bad_files_name_file_row_column(name, where, column, words):
    with pytest.raises(InputDataError) as info:
        load_inputs(INPUTS / name)
    text = info.value.render()
    assert name in text
    assert words in text
    if where:
        assert where in text
    if column:
        assert f"column '{column}'" in text
    assert info.value.exit_code == 2


def test_skip_bad_rows_reports_each(tmp_path):
    inputs = load_inputs(INPUTS / "bad_class_46.csv", skip_bad_rows=True)
    assert inputs.filings["filing_id"].tolist() == ["F1", "F2", "F3"]
    assert inputs.skipped_rows == [
        {
            "file": str(INPUTS / "bad_class_46.csv"),
            "row": 3,
            "where": "line 5",
            "column": "nice_class",
            "message": "bad class: class 46 is outside 1-45",
        }
    ]


def test_applicant_registry_and_register(tmp_path):
    (tmp_path / "a.csv").write_text(
        "applicant_id,name,entity_type,registered_capital,established_date\n"
        "91310000MA1FL00001,李四贸易有限公司,,100万,2021-06-01\n",
        encoding="utf-8",
    )
    (tmp_path / "r.csv").write_text(
        "registration_no,mark_text,nice_class,owner_name,famous\nR1,阳光,25,某公司,是\n", encoding="utf-8"
    )
    inputs = load_inputs(INPUTS / "good_utf8.csv", tmp_path / "a.csv", tmp_path / "r.csv")
    apps = inputs.applicants.set_index("applicant_id")
    assert apps.at["91310000MA1FL00001", "registered_capital"] == 1_000_000
    assert apps.at["91310000MA1FL00001", "entity_type"] == "company"
    assert inputs.register["famous"].tolist() == [1]
    # the natural person without registry data is inferred from the name
    other = apps[apps["name"] == "张三"]
    assert other["entity_type"].tolist() == ["individual"]


def test_bad_registry_value(tmp_path):
    (tmp_path / "a.csv").write_text("applicant_id,registered_capital\nX,lots\n", encoding="utf-8")
    with pytest.raises(InputDataError) as info:
        load_inputs(INPUTS / "good_utf8.csv", tmp_path / "a.csv")
    assert "line 2" in info.value.render() and "registered_capital" in info.value.render()


def test_jsonl_lists_and_numbers(tmp_path):
    path = tmp_path / "f.jsonl"
    path.write_text(
        json.dumps(
            {
                "filing_id": 7,
                "mark_text": "星河",
                "nice_class": [9, 25],
                "filing_date": "2022-01-01",
                "applicant_name": "王五",
            },
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    f = load_inputs(path).filings
    assert f["filing_id"].tolist() == ["7"] and f["nice_class"].tolist() == ["9;25"]
