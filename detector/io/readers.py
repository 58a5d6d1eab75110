"""Read an input file (CSV or tab-separated text, Parquet, JSON Lines, XLSX or XLS) into an all-string DataFrame
with contract column names."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from detector.errors import InputDataError
from detector.io.cells import cell_text
from detector.io.contract import TableSpec
from detector.io.encoding import STREAM_BLOCK, EncodingProbe, check_encoding_file, decode_text
from detector.io.headers import header_map
from detector.io.workbook import read_workbook
from detector.limits import MAX_CELL_CHARS

__all__ = ["FORMATS", "RawTable", "check_encoding_file", "decode_text", "detect_format", "read_table"]

# Text files (.csv, .tsv, .txt) share one reader: the delimiter (comma or tab) is read from the header line.
FORMATS = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".xlsx": "xlsx",
    ".xls": "xls",
}
MAGIC = {b"PK\x03\x04": "xlsx", b"PAR1": "parquet", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "xls"}
CSV_CHUNK_ROWS = 50_000  # rows parsed at a time (a wide export: 50,000 rows of 6 KB are 300 MB)
PARQUET_BATCH_ROWS = 200_000


@dataclass
class RawTable:
    """An input table as read: every cell a string ("" when empty), columns renamed to the contract names."""

    frame: pd.DataFrame
    path: Path
    fmt: str
    sha256: str
    encoding: str = ""
    ignored_columns: list[str] = field(default_factory=list)
    sheet: str = ""
    sheet_rows: list[int] | None = None  # workbooks: the sheet row of each data row (blank rows are dropped)

    def row_label(self, row: int) -> str:
        """Human location of 0-based data row `row` in the source file."""
        if self.fmt in ("csv", "tsv"):
            return f"line {row + 2}"
        if self.fmt == "jsonl":
            return f"line {row + 1}"
        if self.fmt in ("xlsx", "xls"):
            return f"sheet '{self.sheet}' row {self.sheet_rows[row] if self.sheet_rows else row + 2}"
        return f"row {row + 1}"


def detect_format(path: Path, head: bytes) -> str:
    """Format by extension, cross-checked against the file's magic bytes."""
    ext = path.suffix.lower()
    fmt = FORMATS.get(ext)
    if fmt is None:
        raise InputDataError(
            f"unsupported file extension '{ext or '(none)'}'",
            file=str(path),
            fix="one of " + ", ".join(sorted(FORMATS)),
        )
    sniffed = next((f for magic, f in MAGIC.items() if head.startswith(magic)), None)
    if sniffed and sniffed != fmt:
        raise InputDataError(
            f"the file content is {sniffed.upper()} but the extension '{ext}' says {fmt.upper()}",
            file=str(path),
            fix=f"rename the file to the extension of its real format (.{sniffed})",
        )
    if fmt != "parquet" and head.startswith(b"PAR1"):
        raise InputDataError("the file is Parquet", file=str(path), fix="rename it to .parquet")
    if fmt == "xls" and sniffed is None:
        # Many web systems export an HTML page or tab-separated text under an .xls name.
        what = "an HTML page" if head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00\r\n\t ").startswith(b"<") else "not a workbook"
        raise InputDataError(
            f"the file has an .xls name but is {what}, not an Excel 97-2003 workbook",
            file=str(path),
            fix="open it in Excel or WPS and save it as .xlsx; tab-separated text may instead be renamed to .txt",
        )
    return fmt


def _scan(path: Path) -> tuple[str, bytes, bool, EncodingProbe | None]:
    """One pass over the file in blocks: sha256, the first bytes, whether any non-blank byte exists and, for a
    text (CSV) file, its encoding probe."""
    digest = hashlib.sha256()
    head = b""
    blank = True
    probe = None
    with open(path, "rb") as fh:
        while block := fh.read(STREAM_BLOCK):
            digest.update(block)
            if not head:
                head = block[:8]
                if FORMATS.get(path.suffix.lower()) == "csv":
                    probe = EncodingProbe(block)
            if blank and block.strip():
                blank = False
            if probe is not None:
                probe.feed(block)
    return digest.hexdigest(), head, blank, probe


def read_table(path: Path, spec: TableSpec) -> RawTable:
    """Read `path` as table `spec`; raises InputDataError with file/row/column on anything unreadable.

    Text (CSV, tab-separated) and Parquet files are streamed: the file is hashed and its encoding checked in one
    pass of blocks, then parsed in chunks of CSV_CHUNK_ROWS rows (Parquet: record batches), and each chunk keeps
    only the contract's columns before the next is read. So a file whose other columns (goods descriptions, images,
    internal fields) make it larger than memory reads fine as long as the contract columns fit. JSON Lines and
    workbooks (XLSX, XLS) are read whole."""
    path = Path(path)
    if not path.exists():
        raise InputDataError("file not found", file=str(path), fix=f"an existing {spec.name} file")
    if path.is_dir():
        raise InputDataError("is a directory, not a file", file=str(path), fix=f"a {spec.name} file")
    sha, head, blank, probe = _scan(path)
    if blank:
        raise InputDataError("the file is empty", file=str(path), fix=f"a header row and at least one {spec.name} row")
    fmt = detect_format(path, head)
    encoding, sheet, sheet_rows = "", "", None
    if fmt == "csv":
        encoding = probe.encoding(path) if probe is not None else check_encoding_file(path, head)
        delimiter = sniff_delimiter(path, encoding)
        fmt = "tsv" if delimiter == "\t" else "csv"
        chunks = _csv_chunks(path, encoding, delimiter)
    elif fmt == "parquet":
        chunks = _parquet_chunks(path)
    elif fmt == "jsonl":
        text, encoding = decode_text(path.read_bytes(), path)
        chunks = iter([_read_jsonl(text, path)])
    else:
        frame, sheet, sheet_rows = read_workbook(path, spec, fmt)
        chunks = iter([frame])
    mapping: dict[str, str] | None = None
    ignored: list[str] = []
    parts = []
    for chunk in chunks:
        if mapping is None:  # the header decides before the rest of the file is read
            mapping, ignored = header_map(list(chunk.columns), spec, path)
        parts.append(_project(chunk, mapping, spec))
    frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    table = RawTable(frame, path, fmt, sha, encoding, ignored, sheet, sheet_rows)
    if frame.empty:
        raise InputDataError(
            "the file has a header but no data rows", file=str(path), fix=f"at least one {spec.name} row"
        )
    _check_cell_sizes(table)
    return table


def _project(chunk: pd.DataFrame, mapping: dict[str, str], spec: TableSpec) -> pd.DataFrame:
    """The contract's columns of one chunk, renamed; absent optional columns as ""."""
    frame = chunk[list(mapping)].rename(columns=mapping)
    for col in spec.names():
        if col not in frame.columns:
            frame[col] = ""
    return frame[spec.names()].reset_index(drop=True)


def sniff_delimiter(path: Path, encoding: str) -> str:
    """Tab when the header line has more tabs than commas outside double quotes (Excel's "Unicode Text" and
    "Text (Tab delimited)" exports, .tsv files), else comma."""
    with open(path, encoding=encoding, newline="") as fh:
        line = fh.readline(1 << 20)
    unquoted = re.sub(r'"[^"]*"', "", line)
    return "\t" if unquoted.count("\t") > unquoted.count(",") else ","


def _csv_chunks(path: Path, encoding: str, delimiter: str = ","):
    """All-string chunks of a text table, the header row giving the column names; parse errors name the line."""
    header: list[str] | None = None
    try:
        # header=None: the header row fixes the field count, so a data row with extra fields is an error
        # (with a header, pandas would silently turn extra leading fields into an index).
        reader = pd.read_csv(
            path,
            sep=delimiter,
            encoding=encoding,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=True,
            chunksize=CSV_CHUNK_ROWS,
        )
        with reader:
            for grid in reader:
                if header is None:
                    raw = [str(h) for h in grid.iloc[0]]
                    header = [h if h else f"(unnamed column {i + 1})" for i, h in enumerate(raw)]
                    grid = grid.iloc[1:]
                grid.columns = header
                yield grid.reset_index(drop=True).fillna("").astype(str)
    except pd.errors.ParserError as exc:
        raise _csv_parse_error(exc, path, delimiter) from None
    except pd.errors.EmptyDataError:
        raise InputDataError("the file is empty", file=str(path), fix="a header row and data rows") from None


def _csv_parse_error(exc: Exception, path: Path, delimiter: str) -> InputDataError:
    match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
    eof = re.search(r"EOF inside string starting at row (\d+)", str(exc))
    separators = "tabs" if delimiter == "\t" else "commas"
    if eof:
        return InputDataError(
            "a quoted cell is never closed",
            file=str(path),
            line=f"line {int(eof.group(1)) + 1}",
            fix='close the double quote; a quote inside a cell is written as two quotes ""',
        )
    if match:
        return InputDataError(
            f"{match.group(3)} fields where the header has {match.group(1)}",
            file=str(path),
            line=f"line {match.group(2)}",
            fix=f"quote cells that contain {separators} or line breaks with double quotes",
        )
    what = "tab-separated" if delimiter == "\t" else "comma-separated"
    return InputDataError(f"not a readable {what} text file: {exc}", file=str(path), fix=f"a {what} file")


def _read_jsonl(text: str, path: Path) -> pd.DataFrame:
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputDataError(
                f"invalid JSON ({exc.msg} at character {exc.colno})",
                file=str(path),
                line=f"line {number}",
                fix="one JSON object per line",
            ) from None
        if not isinstance(value, dict):
            raise InputDataError(
                f"a JSON {type(value).__name__} where an object was expected",
                file=str(path),
                line=f"line {number}",
                fix='one JSON object per line, e.g. {"filing_id": "...", ...}',
            )
        records.append({k: cell_text(v) for k, v in value.items()})
    if not records:
        raise InputDataError("the file has no JSON objects", file=str(path), fix="one JSON object per line")
    frame = pd.DataFrame.from_records(records)
    return frame.fillna("").astype(str)


def _parquet_chunks(path: Path):
    """All-string chunks of a Parquet file, one record batch (PARQUET_BATCH_ROWS rows at most) at a time."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        source = pq.ParquetFile(path)
        batches = source.iter_batches(batch_size=PARQUET_BATCH_ROWS)
        text_types = {pa.string(), pa.large_string()}
        types = source.schema_arrow.types
        empty = True
        for batch in batches:
            empty = False
            frame = batch.to_pandas()
            for col, type_ in zip(frame.columns, types):
                # Plain text columns need no per-cell conversion (missing cells become ""); other types cell by cell.
                frame[col] = frame[col].fillna("").astype(str) if type_ in text_types else _stringify_series(frame[col])
            yield frame
        if empty:  # no rows: the columns still decide whether the header is right
            yield pd.DataFrame({name: pd.Series(dtype="str") for name in source.schema_arrow.names})
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputDataError(f"not a readable Parquet file: {exc}", file=str(path), fix="a Parquet file") from None


def _stringify_series(series: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.dt.strftime("%Y-%m-%d").fillna("").astype(str)
    if pd.api.types.is_float_dtype(series):
        return series.map(lambda v: "" if pd.isna(v) else cell_text(float(v))).astype(str)
    return series.map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else cell_text(v)).astype(str)


def _check_cell_sizes(table: RawTable) -> None:
    for col in table.frame.columns:
        lengths = table.frame[col].str.len()
        if len(lengths) and lengths.max() > MAX_CELL_CHARS:
            row = int(lengths.idxmax())
            raise InputDataError(
                f"cell of {int(lengths.max()):,} characters exceeds the limit of {MAX_CELL_CHARS:,}",
                file=str(table.path),
                line=table.row_label(row),
                column=col,
                fix=f"at most {MAX_CELL_CHARS:,} characters per cell",
            )
