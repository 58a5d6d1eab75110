"""suspicious_applicants.xlsx: the CSV's columns as a workbook with a frozen header, filters and CJK-aware widths.

Text cells a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) get the same
apostrophe prefix as `--excel-csv`, and every text cell is stored as a string, never as a formula. The bytes are
deterministic: fixed document dates and zip entry times.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from detector.i18n import report_labels
from detector.report.tables import suspicious_table

if TYPE_CHECKING:
    from detector.pipeline.run import ScreenResult

XLSX_FILE = "suspicious_applicants.xlsx"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAX_CELL_CHARS = 32767
MAX_WIDTH = {"reasons": 100, "applicant_name": 50, "rule_ids": 40}
WIDTH_SAMPLE_ROWS = 5000
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_ISO = "1980-01-01T00:00:00Z"


def safe_text(value: str) -> str:
    """A text cell that cannot run as a formula and that Excel accepts."""
    value = ILLEGAL_CHARACTERS_RE.sub("\ufffd", value)[:MAX_CELL_CHARS]
    return "'" + value if value.startswith(FORMULA_START) else value


def display_width(text: str) -> int:
    """Width in Excel character units: wide (CJK, full-width) characters count as 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def column_widths(frame: pd.DataFrame) -> list[float]:
    """A width per column that fits its header and (a sample of) its values, capped for long text."""
    widths = []
    for col in frame.columns:
        values = frame[col].head(WIDTH_SAMPLE_ROWS).map(lambda v: "" if v is None else str(v))
        longest = max([display_width(col), *values.map(display_width).tolist()])
        widths.append(float(min(max(longest + 2, 6), MAX_WIDTH.get(col, 40))))
    return widths


def build_workbook(frame: pd.DataFrame, sheet_title: str) -> Workbook:
    """The workbook: bold frozen header, auto filter over every row, fitted widths, text never a formula."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title
    ws.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        ws.append([None if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in row])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.value = safe_text(cell.value)
                cell.data_type = "s"
    header_fill = PatternFill("solid", fgColor="DDE4EE")
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(vertical="center")
    for i, width in enumerate(column_widths(frame), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(max(1, len(frame.columns)))}{len(frame) + 1}"
    wb.properties.creator = "tmscreen"
    return wb


def deterministic_bytes(wb: Workbook) -> bytes:
    """The .xlsx bytes with fixed document dates and zip entry times (same table, same bytes)."""
    raw = io.BytesIO()
    wb.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", rf"\g<1>{FIXED_ISO}\g<3>", text
                )
                data = text.encode("utf-8")
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_xlsx(result: ScreenResult, folder: Path) -> None:
    """Write suspicious_applicants.xlsx into `folder` (an `extra_writers` entry of write_outputs)."""
    frame = suspicious_table(result, result.lang)
    wb = build_workbook(frame, report_labels(result.lang)["sheet_suspicious"])
    (Path(folder) / XLSX_FILE).write_bytes(deterministic_bytes(wb))
