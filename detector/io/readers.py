"""Read an input file (CSV, Parquet, JSON Lines, XLSX) into an all-string DataFrame with contract column names."""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from detector.errors import InputDataError
from detector.io.contract import TableSpec
from detector.limits import MAX_CELL_CHARS

FORMATS = {
    ".csv": "csv",
    ".txt": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".xlsx": "xlsx",
}
MAGIC = {b"PK\x03\x04": "xlsx", b"PAR1": "parquet"}
STREAM_BLOCK = 1 << 24  # bytes read at a time for hashing and the encoding check
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

    def row_label(self, row: int) -> str:
        """Human location of 0-based data row `row` in the source file."""
        if self.fmt == "csv":
            return f"line {row + 2}"
        if self.fmt == "jsonl":
            return f"line {row + 1}"
        if self.fmt == "xlsx":
            return f"sheet '{self.sheet}' row {row + 2}"
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
    return fmt


def decode_text(data: bytes, path: Path) -> tuple[str, str]:
    """Decode UTF-8 (with or without BOM) or GB18030; anything else is an error naming the first bad line."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    else:
        candidates = ["utf-8", "gb18030"]
    for enc in candidates:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            continue
    try:
        data.decode(candidates[0])
    except UnicodeDecodeError as exc:
        raise _decode_error(
            data[exc.start : exc.start + 1], data[: exc.start].count(b"\n") + 1, candidates, path
        ) from None
    raise AssertionError("unreachable")


def _decode_error(byte: bytes, line: int, candidates: list[str], path: Path) -> InputDataError:
    return InputDataError(
        f"cannot decode byte {byte!r} at line {line} as {' or '.join(candidates)}",
        file=str(path),
        fix="a text file encoded as UTF-8, UTF-8 with BOM, or GB18030 (one encoding for the whole file)",
    )


class EncodingProbe:
    """Feeds a file's blocks to an incremental decoder per candidate encoding (UTF-8 with BOM, else UTF-8, else
    GB18030: what decode_text would pick); `encoding()` is the first candidate that decoded every block."""

    def __init__(self, head: bytes) -> None:
        import codecs

        self.candidates = ["utf-8-sig"] if head.startswith(b"\xef\xbb\xbf") else ["utf-8", "gb18030"]
        self._live = {enc: codecs.getincrementaldecoder(enc)() for enc in self.candidates}

    def feed(self, block: bytes, final: bool = False) -> None:
        for enc, decoder in list(self._live.items()):
            try:
                decoder.decode(block, final=final)
            except UnicodeDecodeError:
                del self._live[enc]

    def encoding(self, path: Path) -> str:
        """The encoding after the last block was fed; a file no candidate decodes is read line by line for the
        exact error (the first bad byte and its line)."""
        self.feed(b"", final=True)
        for enc in self.candidates:
            if enc in self._live:
                return enc
        # Bytes of a multi-byte character never include a line feed (UTF-8 and GB18030), so lines decode alone.
        first = self.candidates[0]
        with open(path, "rb") as fh:
            for number, line in enumerate(fh, start=1):
                try:
                    line.decode(first if number == 1 else first.replace("-sig", ""))
                except UnicodeDecodeError as exc:
                    raise _decode_error(line[exc.start : exc.start + 1], number, self.candidates, path) from None
        raise AssertionError("unreachable")


def check_encoding_file(path: Path, head: bytes, block: int = STREAM_BLOCK) -> str:
    """The encoding of a text file, decoded in blocks (the file is never held whole); see EncodingProbe."""
    probe = EncodingProbe(head)
    with open(path, "rb") as fh:
        while data := fh.read(block):
            probe.feed(data)
    return probe.encoding(path)


def _header_map(columns: list[str], spec: TableSpec, path: Path) -> tuple[dict[str, str], list[str]]:
    """Map source headers (English or Chinese aliases, any case and spacing) to contract names."""
    lookup: dict[str, str] = {}
    for col in spec.columns:
        for alias in (col.name, *col.aliases):
            lookup[_fold_header(alias)] = col.name
    mapping: dict[str, str] = {}
    ignored: list[str] = []
    seen: dict[str, str] = {}
    for src in columns:
        target = lookup.get(_fold_header(str(src)))
        if target is None:
            ignored.append(str(src))
            continue
        if target in seen:
            raise InputDataError(
                f"columns '{seen[target]}' and '{src}' both mean '{target}'",
                file=str(path),
                line="header",
                fix="keep only one of them",
            )
        seen[target] = str(src)
        mapping[str(src)] = target
    missing = [c for c in spec.required() if c not in seen]
    if missing:
        raise InputDataError(
            f"missing required column(s) {', '.join(missing)} in the {spec.name} file; found: "
            + ", ".join(str(c) for c in columns),
            file=str(path),
            line="header",
            fix="headers "
            + ", ".join(f"{c.name}" + (f" [{c.aliases[0]}]" if c.aliases else "") for c in spec.columns if c.required),
        )
    return mapping, ignored


def _fold_header(name: str) -> str:
    return re.sub(r"[\s_\-\ufeff]+", "", name).casefold()


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

    CSV and Parquet files are streamed: the file is hashed and its encoding checked in one pass of blocks, then parsed
    in chunks of CSV_CHUNK_ROWS rows (Parquet: record batches), and each chunk keeps only the contract's columns
    before the next is read. So a file whose other columns (goods descriptions, images, internal fields) make it
    larger than memory reads fine as long as the contract columns fit. JSON Lines and XLSX are read whole."""
    path = Path(path)
    if not path.exists():
        raise InputDataError("file not found", file=str(path), fix=f"an existing {spec.name} file")
    if path.is_dir():
        raise InputDataError("is a directory, not a file", file=str(path), fix=f"a {spec.name} file")
    sha, head, blank, probe = _scan(path)
    if blank:
        raise InputDataError("the file is empty", file=str(path), fix=f"a header row and at least one {spec.name} row")
    fmt = detect_format(path, head)
    encoding, sheet = "", ""
    if fmt == "csv":
        encoding = probe.encoding(path) if probe is not None else check_encoding_file(path, head)
        chunks = _csv_chunks(path, encoding)
    elif fmt == "parquet":
        chunks = _parquet_chunks(path)
    elif fmt == "jsonl":
        text, encoding = decode_text(path.read_bytes(), path)
        chunks = iter([_read_jsonl(text, path)])
    else:
        frame, sheet = _read_xlsx(path.read_bytes(), path, spec)
        chunks = iter([frame])
    mapping: dict[str, str] | None = None
    ignored: list[str] = []
    parts = []
    for chunk in chunks:
        if mapping is None:  # the header decides before the rest of the file is read
            mapping, ignored = _header_map(list(chunk.columns), spec, path)
        parts.append(_project(chunk, mapping, spec))
    frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    table = RawTable(frame, path, fmt, sha, encoding, ignored, sheet)
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


def _csv_chunks(path: Path, encoding: str):
    """All-string chunks of a CSV file, the header row giving the column names; parse errors name the line."""
    header: list[str] | None = None
    try:
        # header=None: the header row fixes the field count, so a data row with extra fields is an error
        # (with a header, pandas would silently turn extra leading fields into an index).
        reader = pd.read_csv(
            path,
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
        raise _csv_parse_error(exc, path) from None
    except pd.errors.EmptyDataError:
        raise InputDataError("the file is empty", file=str(path), fix="a header row and data rows") from None


def _csv_parse_error(exc: Exception, path: Path) -> InputDataError:
    match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
    eof = re.search(r"EOF inside string starting at row (\d+)", str(exc))
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
            fix="quote cells that contain commas or line breaks with double quotes",
        )
    return InputDataError(f"not a readable CSV file: {exc}", file=str(path), fix="a comma-separated file")


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
        records.append({k: _cell_text(v) for k, v in value.items()})
    if not records:
        raise InputDataError("the file has no JSON objects", file=str(path), fix="one JSON object per line")
    frame = pd.DataFrame.from_records(records)
    return frame.fillna("").astype(str)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (list, tuple)):
        return ";".join(_cell_text(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


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
        return series.map(lambda v: "" if pd.isna(v) else _cell_text(float(v))).astype(str)
    return series.map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else _cell_text(v)).astype(str)


def _read_xlsx(data: bytes, path: Path, spec: TableSpec) -> tuple[pd.DataFrame, str]:
    import datetime as dt
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputDataError(f"not a readable XLSX workbook: {exc}", file=str(path), fix="an .xlsx file") from None
    candidates = []
    for ws in book.worksheets:
        rows = ws.iter_rows(values_only=True)
        header = next(rows, None)
        if not header:
            continue
        header = [("" if h is None else str(h)) for h in header]
        try:
            _header_map(header, spec, path)
        except InputDataError:
            continue
        candidates.append((ws, header))
    if not candidates:
        raise InputDataError(
            f"no sheet has the required {spec.name} headers; sheets: " + ", ".join(ws.title for ws in book.worksheets),
            file=str(path),
            line="header",
            fix="a sheet whose first row holds " + ", ".join(spec.required()),
        )
    if len(candidates) > 1:
        raise InputDataError(
            "several sheets have the required headers: " + ", ".join(ws.title for ws, _ in candidates),
            file=str(path),
            fix="one sheet with the data (delete or rename the others' header rows)",
        )
    ws, header = candidates[0]

    def cell(v: object) -> str:
        if v is None:
            return ""
        if isinstance(v, dt.datetime):
            return v.strftime("%Y-%m-%d")
        if isinstance(v, dt.date):
            return v.isoformat()
        return _cell_text(v)

    body = [[cell(v) for v in row] for row in ws.iter_rows(min_row=2, values_only=True)]
    body = [r for r in body if any(r)]
    width = len(header)
    body = [(r + [""] * width)[:width] for r in body]
    # Unnamed header cells get placeholder names; they are ignored by the header map.
    header = [h if h else f"(unnamed column {i + 1})" for i, h in enumerate(header)]
    return pd.DataFrame(body, columns=header, dtype=str), ws.title


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
