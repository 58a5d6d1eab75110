"""The fast path for UTF-8 text tables: pyarrow's multithreaded CSV reader, every cell a string.

It reads what pandas' reader (detector.io.readers) reads, cell for cell, for well-formed files; on anything it
refuses (a row with another field count, an unclosed quote, a bare carriage return inside a cell ...) it stops and
the caller falls back to pandas, which either reads the file as it always has or raises the line-numbered error
users know. So errors stay exactly those of the pandas path, and only clean files take the fast one.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

ARROW_ENCODINGS = ("utf-8", "utf-8-sig")
BLOCK_BYTES = 1 << 24


class ArrowRefused(Exception):
    """pyarrow could not read the file as pandas would; read it with pandas instead."""


def header_width(path: Path, encoding: str, delimiter: str) -> int | None:
    """Number of fields of the header line (None when the header spans lines: the pandas path reads those)."""
    with open(path, encoding=encoding, newline="") as fh:
        line = fh.readline(1 << 20)
    if line.count('"') % 2:
        return None
    fields = next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter), None)
    return len(fields) if fields else None


def arrow_grids(path: Path, encoding: str, delimiter: str, rows: int) -> Iterator[pd.DataFrame]:
    """All-string frames of `rows` rows (the header row included in the first, as pandas' header=None reads it),
    columns numbered 0..n-1 like pandas'; raises ArrowRefused where the pandas reader must take over."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    width = header_width(path, encoding, delimiter) if encoding in ARROW_ENCODINGS else None
    if not width:
        raise ArrowRefused("header")
    names = [f"f{i}" for i in range(width)]
    try:
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=names, block_size=BLOCK_BYTES),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=True),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                null_values=[],
                check_utf8=True,  # every cell's UTF-8 checked: readers._read_utf8 relies on it
            ),
        )
        pending: list = []
        held = 0
        for batch in reader:
            pending.append(batch)
            held += batch.num_rows
            while held >= rows:
                table = pa.Table.from_batches(pending)
                yield _frame(table.slice(0, rows))
                rest = table.slice(rows)
                pending, held = rest.to_batches(), rest.num_rows
        if held:
            yield _frame(pa.Table.from_batches(pending))
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError) as exc:
        raise ArrowRefused(str(exc)) from None


def _frame(table) -> pd.DataFrame:
    """The columns as pandas' default string dtype, numbered like pandas' header=None frames."""
    frame = pd.DataFrame(
        {
            i: pd.Series(pd.arrays.ArrowStringArray(col.combine_chunks())).astype("str")
            for i, col in enumerate(table.columns)
        }
    )
    frame.index = pd.RangeIndex(len(frame))
    return frame
