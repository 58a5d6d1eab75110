"""The broken-input corpus (tests/data/inputs): each file loads as intended or fails with exit 2 naming
file, line or row, column and the fix — through the real CLI, with no traceback and no output folder."""

from __future__ import annotations

import pytest
from conftest import DATA

INPUTS = DATA / "inputs"

# file -> (expected exit code, fragments the message must contain)
CORPUS = {
    "good_utf8.csv": (0, []),
    "good_bom.csv": (0, []),
    "good_gb18030.csv": (0, []),
    "good_chinese_headers.csv": (0, []),
    "good.jsonl": (0, []),
    "good_embedded_newlines.csv": (0, []),
    "good_class_forms.csv": (0, []),
    "good_extra_columns.csv": (0, []),
    "good_excel_unicode.txt": (0, []),
    "good_tab.tsv": (0, []),
    "good_tab_gb18030.txt": (0, []),
    "good_tab_named.csv": (0, []),
    "good.xls": (0, []),
    "bad_class_46.csv": (2, ["line 5", "column 'nice_class'", "class 46 is outside 1-45"]),
    "bad_class_0.csv": (2, ["line 5", "column 'nice_class'", "class 0 is outside 1-45"]),
    "bad_class_text.csv": (2, ["line 4", "column 'nice_class'", "'服装' is not a class number"]),
    "bad_date.csv": (2, ["line 5", "column 'filing_date'", "'2021-02-30' is not a real date"]),
    "bad_date_text.csv": (2, ["line 5", "column 'filing_date'", "'yesterday' is not a date"]),
    "bad_date_empty.csv": (2, ["line 4", "column 'filing_date'", "empty filing date"]),
    "bad_duplicate_id.csv": (2, ["line 5", "column 'filing_id'", "duplicate filing id 'F2'"]),
    "bad_missing_column.csv": (2, ["header", "missing required column(s) nice_class"]),
    "bad_duplicate_header.csv": (2, ["header", "'filing_id' and '申请号' both mean 'filing_id'"]),
    "bad_empty.csv": (2, ["the file is empty"]),
    "bad_header_only.csv": (2, ["no data rows"]),
    "bad_latin1.csv": (2, ["cannot decode", "line 5", "UTF-8, UTF-8 with BOM, GB18030, or UTF-16 with BOM"]),
    "bad_mixed_encoding.csv": (2, ["cannot decode", "line 4"]),
    "bad_binary.csv": (2, ["cannot decode"]),
    "bad_fields.csv": (2, ["line 2", "8 fields where the header has 6"]),
    "bad_unterminated_quote.csv": (2, ["line 4", "a quoted cell is never closed"]),
    "bad_broken.jsonl": (2, ["line 2", "invalid JSON"]),
    "bad_json_array.jsonl": (2, ["line 2", "a JSON list where an object was expected"]),
    "bad_empty_applicant.csv": (2, ["line 5", "column 'applicant_name'", "empty applicant name"]),
    "bad_mark_too_long.csv": (2, ["line 4", "column 'mark_text'", "longer than 500 characters"]),
    "bad_xlsx_named_csv.csv": (2, ["the file content is XLSX but the extension '.csv' says CSV"]),
    "bad_extension.tsvx": (2, ["unsupported file extension '.tsvx'"]),
    "bad_utf16_class.txt": (2, ["line 5", "column 'nice_class'", "class 46 is outside 1-45"]),
    "bad_utf16_surrogate.txt": (2, ["cannot decode", "line 4", "as utf-16"]),
    "bad_fields.tsv": (2, ["line 3", "8 fields where the header has 6", "cells that contain tabs"]),
    "bad_class.xls": (2, ["sheet '申请' row 5", "column 'nice_class'", "class 46 is outside 1-45"]),
    "bad_truncated.xls": (2, ["not a readable Excel 97-2003 (.xls) workbook"]),
    "bad_html.xls": (2, ["an .xls name but is an HTML page", "save it as .xlsx"]),
}


def test_corpus_is_complete():
    on_disk = {p.name for p in INPUTS.iterdir() if p.name.startswith(("good", "bad"))}
    side_inputs = {"bad_labels.csv", "bad_register_famous.csv", "bad_applicants_capital.csv"}
    assert on_disk == set(CORPUS) | side_inputs
    assert len(on_disk) >= 25


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_corpus_file(cli, tmp_path, name):
    code_expected, fragments = CORPUS[name]
    out = tmp_path / "out"
    code, _, err = cli(["screen", INPUTS / name, "--out", out, "--quiet", "--lang", "en"])
    assert code == code_expected, err
    assert "Traceback" not in err
    for fragment in fragments:
        assert fragment in err, err
    if code_expected:
        assert name in err
        assert not out.exists()
    else:
        assert (out / "run.json").exists()


@pytest.mark.parametrize(
    "option,name,fragments",
    [
        ("--register", "bad_register_famous.csv", ["line 2", "column 'famous'", "'maybe' is not 0 or 1"]),
        (
            "--applicants",
            "bad_applicants_capital.csv",
            ["line 2", "column 'registered_capital'", "'一百万' is not an amount"],
        ),
    ],
)
def test_side_inputs(cli, tmp_path, option, name, fragments):
    code, _, err = cli(
        ["screen", INPUTS / "good_utf8.csv", option, INPUTS / name, "--out", tmp_path / "o", "--quiet", "--lang", "en"]
    )
    assert code == 2
    for fragment in fragments:
        assert fragment in err


def test_ten_megabyte_cell(cli, tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text(
        "filing_id,mark_text,nice_class,filing_date,applicant_name,goods\nF1,星河,25,2022-01-01,王五,"
        + "x" * 10_000_000
        + "\n",
        encoding="utf-8",
    )
    code, _, err = cli(["screen", path, "--out", tmp_path / "o", "--quiet", "--lang", "en"])
    assert code == 2
    assert "line 2" in err and "column 'goods'" in err and "exceeds the limit of 20,000" in err


def test_xlsx_with_several_sheets(cli, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "说明"
    wb.active.append(["本表为导出说明"])
    data = wb.create_sheet("申请")
    data.append(["申请号", "商标名称", "类别", "申请日期", "申请人名称"])
    data.append(["X1", "星河", 25, "2022-03-01", "王五"])
    wb.save(tmp_path / "one.xlsx")
    code, _, err = cli(["screen", tmp_path / "one.xlsx", "--out", tmp_path / "o1", "--quiet"])
    assert code == 0, err  # the one sheet with the headers is the data
    again = wb.create_sheet("申请(2)")
    again.append(["申请号", "商标名称", "类别", "申请日期", "申请人名称"])
    wb.save(tmp_path / "two.xlsx")
    code, _, err = cli(["screen", tmp_path / "two.xlsx", "--out", tmp_path / "o2", "--quiet", "--lang", "en"])
    assert code == 2 and "several sheets have the required headers: 申请, 申请(2)" in err


def test_labels_errors_do_not_offer_skipping():
    from detector.errors import InputDataError
    from detector.io import load_labels

    with pytest.raises(InputDataError) as info:
        load_labels(INPUTS / "bad_labels.csv")
    assert "line 3" in info.value.render() and "--skip-bad-rows" not in info.value.render()


def test_cell_limit_counts_characters_not_bytes(cli, tmp_path):
    """A cell of 20,000 Han characters (60,000 UTF-8 bytes) is within the limit; 20,001 ASCII characters are not,
    on the row that holds them (the byte-length shortcut only clears columns, it never rejects one)."""
    header = "filing_id,mark_text,nice_class,filing_date,applicant_name,goods\n"
    ok = tmp_path / "han.csv"
    ok.write_text(header + "F1,星河,25,2022-01-01,王五," + "服" * 20_000 + "\n", encoding="utf-8")
    code, _, err = cli(["screen", ok, "--out", tmp_path / "o1", "--quiet", "--lang", "en"])
    assert code == 0, err
    bad = tmp_path / "ascii.csv"
    rows = "".join(f"F{i},星河,25,2022-01-01,王五,goods\n" for i in range(1, 4))
    bad.write_text(header + rows + "F9,星河,25,2022-01-01,王五," + "x" * 20_001 + "\n", encoding="utf-8")
    code, _, err = cli(["screen", bad, "--out", tmp_path / "o2", "--quiet", "--lang", "en"])
    assert code == 2
    assert "line 5" in err and "column 'goods'" in err and "cell of 20,001 characters" in err
