"""Where in an input file a problem is, in both languages: a line, a data row, a sheet row, the header."""

from __future__ import annotations

from detector.text import Text

HEADER = Text(en="header", zh="表头")


def line_at(number: int) -> Text:
    """Line `number` of a text file (1-based, as an editor counts)."""
    return Text(en=f"line {number}", zh=f"第 {number} 行")


def row_at(number: int) -> Text:
    """Data row `number` of a table without lines (Parquet, records)."""
    return Text(en=f"row {number}", zh=f"第 {number} 行")


def sheet_row(sheet: str, number: int) -> Text:
    """Row `number` of a workbook sheet, as Excel shows it."""
    return Text(en=f"sheet '{sheet}' row {number}", zh=f"工作表“{sheet}”第 {number} 行")
