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
from detector.io.arrow_csv import ARROW_ENCODINGS, ArrowRefused, arrow_grids
from detector.io.cells import cell_text
from detector.io.contract import TableSpec
from detector.io.encoding import STREAM_BLOCK, EncodingProbe, candidates, check_encoding_file, decode_text
from detector.io.headers import header_map
from detector.io.where import line_at, row_at, sheet_row
from detector.io.workbook import read_workbook
from detector.limits import MAX_CELL_CHARS
from detector.text import Text
from detector.text_isin import arrow_text

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

    def row_label(self, row: int) -> Text:
        """Human location of 0-based data row `row` in the source file, in both languages."""
        if self.fmt in ("csv", "tsv"):
            return line_at(row + 2)
        if self.fmt == "jsonl":
            return line_at(row + 1)
        if self.fmt in ("xlsx", "xls"):
            return sheet_row(self.sheet, self.sheet_rows[row] if self.sheet_rows else row + 2)
        return row_at(row + 1)


def detect_format(path: Path, head: bytes) -> str:
    """Format by extension, cross-checked against the file's magic bytes."""
    ext = path.suffix.lower()
    fmt = FORMATS.get(ext)
    if fmt is None:
        raise InputDataError(
            Text(
                en=f"unsupported file extension '{ext or '(none)'}'",
                zh=f"不支持的文件扩展名“{ext or '（无）'}”",
            ),
            file=str(path),
            fix=Text(en="one of " + ", ".join(sorted(FORMATS)), zh="以下之一：" + "、".join(sorted(FORMATS))),
        )
    sniffed = next((f for magic, f in MAGIC.items() if head.startswith(magic)), None)
    if sniffed and sniffed != fmt:
        raise InputDataError(
            Text(
                en=f"the file content is {sniffed.upper()} but the extension '{ext}' says {fmt.upper()}",
                zh=f"文件内容是 {sniffed.upper()}，但扩展名“{ext}”表示 {fmt.upper()}",
            ),
            file=str(path),
            fix=Text(
                en=f"rename the file to the extension of its real format (.{sniffed})",
                zh=f"把文件改名为其真实格式的扩展名（.{sniffed}）",
            ),
        )
    if fmt != "parquet" and head.startswith(b"PAR1"):
        raise InputDataError(
            Text(en="the file is Parquet", zh="该文件是 Parquet 文件"),
            file=str(path),
            fix=Text(en="rename it to .parquet", zh="改名为 .parquet"),
        )
    if fmt == "xls" and sniffed is None:
        # Many web systems export an HTML page or tab-separated text under an .xls name.
        html = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00\r\n\t ").startswith(b"<")
        raise InputDataError(
            Text(
                en=f"the file has an .xls name but is {'an HTML page' if html else 'not a workbook'}, "
                "not an Excel 97-2003 workbook",
                zh=f"文件扩展名是 .xls，内容却{'是 HTML 网页' if html else '不是工作簿'}，不是 Excel 97-2003 工作簿",
            ),
            file=str(path),
            fix=Text(
                en="open it in Excel or WPS and save it as .xlsx; tab-separated text may instead be renamed to .txt",
                zh="用 Excel 或 WPS 打开后另存为 .xlsx；如果是制表符分隔的文本，也可以改名为 .txt",
            ),
        )
    return fmt


# From this size a file whose first block says what _scan needs (no encoding probe, a non-blank byte) is hashed in
# a thread while it is parsed (hashlib releases the interpreter lock on each block): 220 MB of filings take ~0.2 s.
THREADED_HASH_BYTES = 32 << 20


def _scan(path: Path) -> tuple[str | _Hashing, bytes, bool, EncodingProbe | None]:
    """One pass over the file in blocks: sha256, the first bytes, whether any non-blank byte exists and, for a
    text (CSV) file that starts as no UTF-8 file can (a UTF-16 byte order mark), its encoding probe. A file that may
    be UTF-8 is read as UTF-8 without one (_read_utf8). A large file that needs no probe and has a non-blank first
    block gives its sha256 as a _Hashing, computed by a thread meanwhile."""
    with open(path, "rb") as fh:
        first = fh.read(STREAM_BLOCK)
    head = first[:8]
    needs_probe = FORMATS.get(path.suffix.lower()) == "csv" and candidates(first)[0] not in ARROW_ENCODINGS
    if not needs_probe and first.strip() and path.stat().st_size >= THREADED_HASH_BYTES:
        return _Hashing(path), head, False, None
    digest = hashlib.sha256()
    blank = True
    probe = EncodingProbe(first) if needs_probe else None
    with open(path, "rb") as fh:
        while block := fh.read(STREAM_BLOCK):
            digest.update(block)
            if blank and block.strip():
                blank = False
            if probe is not None:
                probe.feed(block)
    return digest.hexdigest(), head, blank, probe


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(STREAM_BLOCK):
            digest.update(block)
    return digest.hexdigest()


class _Hashing:
    """A file's sha256 computed by a thread of its own; `result` joins it (the thread is gone when it returns)."""

    def __init__(self, path: Path) -> None:
        import threading

        self._value = ""
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(path,), name="tmscreen-hash", daemon=True)
        self._thread.start()

    def _run(self, path: Path) -> None:
        try:
            self._value = _file_sha256(path)
        except BaseException as exc:  # noqa: BLE001 - raised where the value is asked for
            self._error = exc

    def wait(self) -> None:
        self._thread.join()

    def result(self) -> str:
        self.wait()
        if self._error is not None:
            raise self._error
        return self._value


def _sha256(sha: str | _Hashing) -> str:
    """The sha256 _scan gave, waiting for its thread when it is one."""
    return sha if isinstance(sha, str) else sha.result()


def read_table(path: Path, spec: TableSpec) -> RawTable:
    """Read `path` as table `spec`; raises InputDataError with file/row/column on anything unreadable.

    Text (CSV, tab-separated) and Parquet files are streamed: the file is hashed in one pass of blocks (a text file
    that cannot be UTF-8 has its encoding checked in that pass; _read_utf8 reads the others), then parsed in chunks
    of CSV_CHUNK_ROWS rows (Parquet: record batches), and each chunk keeps only the contract's columns before the
    next is read. So a file whose other columns (goods descriptions, images, internal fields) make it larger than
    memory reads fine as long as the contract columns fit. JSON Lines and workbooks (XLSX, XLS) are read whole."""
    path = Path(path)
    if not path.exists():
        raise InputDataError(
            Text(en="file not found", zh="文件不存在"),
            file=str(path),
            fix=Text(en=f"an existing {spec.name} file", zh=f"一个存在的{spec.zh}文件"),
        )
    if path.is_dir():
        raise InputDataError(
            Text(en="is a directory, not a file", zh="是文件夹，不是文件"),
            file=str(path),
            fix=Text(en=f"a {spec.name} file", zh=f"一个{spec.zh}文件"),
        )
    sha, head, blank, probe = _scan(path)
    try:
        return _read_scanned(path, spec, sha, head, blank, probe)
    finally:
        if not isinstance(sha, str):
            sha.wait()  # the hashing thread ends before this returns or raises: none runs at a later fork


def _read_scanned(
    path: Path, spec: TableSpec, sha: str | _Hashing, head: bytes, blank: bool, probe: EncodingProbe | None
) -> RawTable:
    if blank:
        raise InputDataError(
            Text(en="the file is empty", zh="文件是空的"),
            file=str(path),
            fix=Text(en=f"a header row and at least one {spec.name} row", zh=f"一行表头和至少一行{spec.zh}"),
        )
    fmt = detect_format(path, head)
    encoding, sheet, sheet_rows = "", "", None
    if fmt == "csv":
        if probe is None and (guess := candidates(head)[0]) in ARROW_ENCODINGS:
            encoding, (fmt, ignored, parts) = _read_utf8(path, spec, head, guess)
        else:
            encoding = probe.encoding(path) if probe is not None else check_encoding_file(path, head)
            fmt, ignored, parts = _read_text(path, spec, encoding)
        return _finish(path, spec, parts, fmt, sha, encoding, ignored, "", None)
    if fmt == "parquet":
        chunks = _parquet_chunks(path)
    elif fmt == "jsonl":
        text, encoding = decode_text(path.read_bytes(), path)
        chunks = iter([_read_jsonl(text, path)])
    else:
        frame, sheet, sheet_rows = read_workbook(path, spec, fmt)
        chunks = iter([frame])
    ignored, parts = _read_chunks(chunks, spec, path)
    return _finish(path, spec, parts, fmt, sha, encoding, ignored, sheet, sheet_rows)


def _read_chunks(chunks, spec: TableSpec, path: Path) -> tuple[list[str], list[pd.DataFrame]]:
    """(ignored columns, each chunk's contract columns): the header decides before the rest of the file is read."""
    mapping: dict[str, str] | None = None
    ignored: list[str] = []
    parts = []
    for chunk in chunks:
        if mapping is None:
            mapping, ignored = header_map(list(chunk.columns), spec, path)
        parts.append(_project(chunk, mapping, spec))
    return ignored, parts


def _read_text(path: Path, spec: TableSpec, encoding: str) -> tuple[str, list[str], list[pd.DataFrame]]:
    """(format, ignored columns, parts) of a text table read in `encoding`."""
    delimiter = sniff_delimiter(path, encoding)
    return ("tsv" if delimiter == "\t" else "csv", *_read_chunks(_csv_chunks(path, encoding, delimiter), spec, path))


def _read_utf8(path: Path, spec: TableSpec, head: bytes, guess: str) -> tuple[str, tuple]:
    """(encoding, _read_text's answer) of a text file whose first bytes let it be UTF-8 (`guess`: utf-8, or
    utf-8-sig after a byte order mark), read in `guess` before its encoding is known.

    The encoding probe would decode the whole file first (~0.1 s for 55 MB, on the load stage's longer side). A read
    in `guess` that ends without an error has checked every byte as strictly: pyarrow's reader checks each cell is
    valid UTF-8 (every byte outside the cells is an ASCII delimiter, quote or line end) and pandas' reader, where it
    takes over, decodes strictly. So the file is UTF-8 and the probe would have said `guess`. On any error the probe
    decides: `guess` raises that error as the read in `guess` after the probe would have; another encoding (a
    GB18030 file) is read again in it; none raises the probe's decode error (the bad byte and its line)."""
    try:
        return guess, _read_text(path, spec, guess)
    except Exception:
        encoding = check_encoding_file(path, head)
        if encoding == guess:
            raise
    return encoding, _read_text(path, spec, encoding)


def _finish(
    path: Path,
    spec: TableSpec,
    parts: list,
    fmt: str,
    sha: str | _Hashing,
    encoding: str,
    ignored: list[str],
    sheet: str,
    sheet_rows: list[int] | None,
) -> RawTable:
    """The table of the parts read, checked for rows and cell sizes."""
    frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    table = RawTable(frame, path, fmt, _sha256(sha), encoding, ignored, sheet, sheet_rows)
    if frame.empty:
        raise InputDataError(
            Text(en="the file has a header but no data rows", zh="文件只有表头，没有数据行"),
            file=str(path),
            fix=Text(en=f"at least one {spec.name} row", zh=f"至少一行{spec.zh}"),
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
    for grid in _csv_grids(path, encoding, delimiter):
        if header is None:
            raw = [str(h) for h in grid.iloc[0]]
            header = [h if h else f"(unnamed column {i + 1})" for i, h in enumerate(raw)]
            grid = grid.iloc[1:]
        grid.columns = header
        yield grid.reset_index(drop=True).fillna("").astype(str)


def _csv_grids(path: Path, encoding: str, delimiter: str):
    """Row chunks as read with header=None: pyarrow's reader for clean UTF-8 files, pandas' for the rest and from
    the row where pyarrow refused (detector/io/arrow_csv.py), so the cells and the errors are pandas'."""
    done = 0
    try:
        for grid in arrow_grids(path, encoding, delimiter, CSV_CHUNK_ROWS):
            yield grid
            done += len(grid)
        return
    except ArrowRefused:
        pass
    for grid in _pandas_grids(path, encoding, delimiter):
        if done >= len(grid):
            done -= len(grid)
            continue
        yield grid.iloc[done:]
        done = 0


def _pandas_grids(path: Path, encoding: str, delimiter: str):
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
            yield from reader
    except pd.errors.ParserError as exc:
        raise _csv_parse_error(exc, path, delimiter) from None
    except pd.errors.EmptyDataError:
        raise InputDataError(
            Text(en="the file is empty", zh="文件是空的"),
            file=str(path),
            fix=Text(en="a header row and data rows", zh="一行表头和数据行"),
        ) from None


def _csv_parse_error(exc: Exception, path: Path, delimiter: str) -> InputDataError:
    match = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", str(exc))
    eof = re.search(r"EOF inside string starting at row (\d+)", str(exc))
    tab = delimiter == "\t"
    if eof:
        return InputDataError(
            Text(en="a quoted cell is never closed", zh="带引号的单元格没有闭合"),
            file=str(path),
            line=line_at(int(eof.group(1)) + 1),
            fix=Text(
                en='close the double quote; a quote inside a cell is written as two quotes ""',
                zh='补上右双引号；单元格内的双引号要写成两个 ""',
            ),
        )
    if match:
        return InputDataError(
            Text(
                en=f"{match.group(3)} fields where the header has {match.group(1)}",
                zh=f"该行有 {match.group(3)} 个字段，表头只有 {match.group(1)} 个",
            ),
            file=str(path),
            line=line_at(int(match.group(2))),
            fix=Text(
                en=f"quote cells that contain {'tabs' if tab else 'commas'} or line breaks with double quotes",
                zh=f"含{'制表符' if tab else '逗号'}或换行的单元格要用英文双引号括起来",
            ),
        )
    what = Text(en="tab-separated", zh="制表符分隔") if tab else Text(en="comma-separated", zh="逗号分隔")
    return InputDataError(
        Text(
            en=f"not a readable {what.en} text file: {exc}", zh=f"无法读取的{what.zh}文本文件（文件已损坏或格式不对）"
        ),
        file=str(path),
        fix=Text(en=f"a {what.en} file", zh=f"一个{what.zh}的文件"),
    )


_ONE_OBJECT_PER_LINE = Text(en="one JSON object per line", zh="每行一个 JSON 对象")
_JSON_KINDS_ZH = {"list": "数组", "str": "字符串", "int": "整数", "float": "数字", "bool": "布尔值", "NoneType": "null"}


def _read_jsonl(text: str, path: Path) -> pd.DataFrame:
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputDataError(
                Text(
                    en=f"invalid JSON ({exc.msg} at character {exc.colno})",
                    zh=f"JSON 无效（第 {exc.colno} 个字符处）",
                ),
                file=str(path),
                line=line_at(number),
                fix=_ONE_OBJECT_PER_LINE,
            ) from None
        if not isinstance(value, dict):
            kind = type(value).__name__
            raise InputDataError(
                Text(
                    en=f"a JSON {kind} where an object was expected",
                    zh=f"这一行是 JSON {_JSON_KINDS_ZH.get(kind, kind)}，应为 JSON 对象",
                ),
                file=str(path),
                line=line_at(number),
                fix=Text(
                    en='one JSON object per line, e.g. {"filing_id": "...", ...}',
                    zh='每行一个 JSON 对象，如 {"filing_id": "...", ...}',
                ),
            )
        records.append({k: cell_text(v) for k, v in value.items()})
    if not records:
        raise InputDataError(
            Text(en="the file has no JSON objects", zh="文件中没有 JSON 对象"), file=str(path), fix=_ONE_OBJECT_PER_LINE
        )
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
        raise InputDataError(
            Text(
                en=f"not a readable Parquet file: {exc}",
                zh="无法读取的 Parquet 文件（文件已损坏、不完整或不是 Parquet 格式）",
            ),
            file=str(path),
            fix=Text(en="a Parquet file", zh="一个 Parquet 文件"),
        ) from None


def _stringify_series(series: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(series):
        return series.dt.strftime("%Y-%m-%d").fillna("").astype(str)
    if pd.api.types.is_float_dtype(series):
        return series.map(lambda v: "" if pd.isna(v) else cell_text(float(v))).astype(str)
    return series.map(lambda v: "" if v is None or (isinstance(v, float) and pd.isna(v)) else cell_text(v)).astype(str)


def _fits_by_bytes(column: pd.Series) -> bool:
    """Whether no cell of a pyarrow-backed text column has more than MAX_CELL_CHARS bytes, so none has more
    characters (a character takes a byte or more): told by the column's value offsets, without counting characters
    (pandas' str.len of 11 columns took ~0.07 s at 250,000 filings). False when it may not (or is not such a column)."""
    if not (isinstance(column.dtype, pd.StringDtype) and column.dtype.storage == "pyarrow"):
        return False
    import pyarrow.compute as pc

    longest = pc.max(pc.binary_length(arrow_text(column))).as_py()
    return longest is None or longest <= MAX_CELL_CHARS


def _check_cell_sizes(table: RawTable) -> None:
    for col in table.frame.columns:
        if _fits_by_bytes(table.frame[col]):
            continue
        lengths = table.frame[col].str.len()
        if len(lengths) and lengths.max() > MAX_CELL_CHARS:
            row = int(lengths.idxmax())
            raise InputDataError(
                Text(
                    en=f"cell of {int(lengths.max()):,} characters exceeds the limit of {MAX_CELL_CHARS:,}",
                    zh=f"单元格有 {int(lengths.max()):,} 个字符，超过上限 {MAX_CELL_CHARS:,}",
                ),
                file=str(table.path),
                line=table.row_label(row),
                column=col,
                fix=Text(
                    en=f"at most {MAX_CELL_CHARS:,} characters per cell",
                    zh=f"每个单元格最多 {MAX_CELL_CHARS:,} 个字符",
                ),
            )
