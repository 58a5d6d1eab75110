"""Export of the current view as CSV or XLSX, with the report's formula neutralisation: a text cell a spreadsheet
would run as a formula (=, +, -, @, tab, CR) gets an apostrophe (detector.report.write.neutralize, the same
prefix as `--excel-csv`), and the workbook stores every text cell as a string (detector.report.xlsx)."""

from __future__ import annotations

import io

import pandas as pd
from starlette.responses import Response

from detector.report.write import neutralize
from detector.report.xlsx import build_workbook, deterministic_bytes

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a BOM (Excel opens Chinese text right), every text cell neutralised."""
    safe = frame.apply(lambda s: s.map(neutralize) if s.dtype == object or str(s.dtype) == "str" else s)
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, lineterminator="\n")
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(frame: pd.DataFrame, sheet: str) -> bytes:
    return deterministic_bytes(build_workbook(frame, sheet[:31]))


def export_response(frame: pd.DataFrame, fmt: str, name: str) -> Response:
    """The file download of `frame` as `name`.csv|xlsx."""
    body = csv_bytes(frame) if fmt == "csv" else xlsx_bytes(frame, name)
    return Response(
        body,
        media_type=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}.{fmt}"'},
    )
