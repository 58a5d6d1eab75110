"""Write the office-export files of the input corpus (tests/data/inputs): Excel's "Unicode Text" (UTF-16 with BOM,
tab-separated), tab-separated text in UTF-8 and GB18030, and Excel 97-2003 workbooks (.xls).

The files are committed; this script only documents how they were made. The .xls files need xlwt, which is not a
dependency of tmscreen: run it from a throwaway environment (`python -m venv /tmp/x && /tmp/x/bin/pip install xlwt
&& /tmp/x/bin/python tests/data/make_office_inputs.py`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

INPUTS = Path(__file__).resolve().parent / "inputs"

ZH_HEADER = ["申请号", "商标名称", "类别", "申请日期", "申请人名称", "申请人编号", "备注"]
EN_HEADER = ["filing_id", "mark_text", "nice_class", "filing_date", "applicant_name", "applicant_id"]
# The rows of good_utf8.csv, dates as Excel shows them in a Chinese locale.
ROWS = [
    ["F1", "冰墩墩", "28", "2022/2/10", "张三", ""],
    ["F2", "阳光", "第25类", "2022/2/11", "李四贸易有限公司", "91310000MA1FL00001"],
    ["F3", "", "9;35", "2022/2/12", "李四贸易有限公司", "91310000MA1FL00001"],
]


def excel_text(rows: list[list[str]]) -> str:
    """Rows as Excel writes "Unicode Text" / "Text (Tab delimited)": tabs, CRLF, cells with a tab, line break or
    quote in double quotes."""

    def cell(value: str) -> str:
        if any(c in value for c in '\t\n"'):
            return '"' + value.replace('"', '""') + '"'
        return value

    return "".join("\t".join(cell(v) for v in row) + "\r\n" for row in rows)


def write_text_files() -> None:
    notes = ["", "第一行\n第二行\t含制表符", '说"明"']
    zh_rows = [ZH_HEADER] + [row + [note] for row, note in zip(ROWS, notes)]
    # Excel "Unicode Text": UTF-16 little-endian with BOM.
    (INPUTS / "good_excel_unicode.txt").write_bytes(b"\xff\xfe" + excel_text(zh_rows).encode("utf-16-le"))
    # Excel "Text (Tab delimited)" on Chinese Windows: the ANSI code page (GBK, read as GB18030).
    (INPUTS / "good_tab_gb18030.txt").write_bytes(excel_text(zh_rows).encode("gb18030"))
    en_rows = [EN_HEADER] + ROWS
    (INPUTS / "good_tab.tsv").write_bytes(excel_text(en_rows).replace("\r\n", "\n").encode("utf-8"))
    (INPUTS / "good_tab_named.csv").write_bytes(excel_text(en_rows).encode("utf-8"))
    # The bad files keep one line per row, so that line N of the message is line N in an editor.
    plain = [ZH_HEADER] + [row + [""] for row in ROWS]
    bad = plain + [["F4", "星河", "46", "2022/2/13", "王五", "", ""]]
    (INPUTS / "bad_utf16_class.txt").write_bytes(b"\xff\xfe" + excel_text(bad).encode("utf-16-le"))
    # A lone UTF-16 surrogate (a cell cut in the middle of a character) on line 4.
    body = excel_text(plain[:3]).encode("utf-16-le") + "F3\t".encode("utf-16-le") + b"\x3d\xd8"
    (INPUTS / "bad_utf16_surrogate.txt").write_bytes(b"\xff\xfe" + body + excel_text([ROWS[2][1:]]).encode("utf-16-le"))
    fields = [EN_HEADER, ROWS[0], ROWS[1] + ["多出", "两列"], ROWS[2]]
    (INPUTS / "bad_fields.tsv").write_bytes(excel_text(fields).encode("utf-8"))
    (INPUTS / "bad_html.xls").write_text(
        "<html><head><meta charset='utf-8'></head><body><table><tr><td>申请号</td></tr></table></body></html>\n",
        encoding="utf-8",
    )


def write_xls_files() -> None:
    import xlwt

    date = xlwt.easyxf(num_format_str="YYYY/M/D")

    def book(rows: list[list[object]], blank_after: int | None = None) -> xlwt.Workbook:
        wb = xlwt.Workbook(encoding="utf-8")
        wb.add_sheet("说明").write(0, 0, "商标申请导出，数据在“申请”表")
        ws = wb.add_sheet("申请")
        for j, h in enumerate(ZH_HEADER[:6]):
            ws.write(0, j, h)
        r = 1
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if isinstance(value, dt.date):
                    ws.write(r, j, value, date)
                elif value != "":
                    ws.write(r, j, value)
            r += 2 if blank_after == i else 1
        return wb

    typed = [
        ["F1", "冰墩墩", 28, dt.date(2022, 2, 10), "张三", ""],
        ["F2", "阳光", "第25类", dt.date(2022, 2, 11), "李四贸易有限公司", "91310000MA1FL00001"],
        ["F3", "", "9;35", dt.date(2022, 2, 12), "李四贸易有限公司", "91310000MA1FL00001"],
    ]
    book(typed).save(str(INPUTS / "good.xls"))
    # A blank sheet row 4, then class 46 on sheet row 5 (the row Excel shows).
    book(typed[:2] + [["F4", "星河", 46, dt.date(2022, 2, 13), "王五", ""]], blank_after=1).save(
        str(INPUTS / "bad_class.xls")
    )
    data = (INPUTS / "good.xls").read_bytes()
    (INPUTS / "bad_truncated.xls").write_bytes(data[: len(data) // 2])


if __name__ == "__main__":
    write_text_files()
    write_xls_files()
