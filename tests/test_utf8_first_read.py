"""A text file that may be UTF-8 is read as UTF-8 before its encoding is known (readers._read_utf8): it must give
what reading it after the encoding probe gives, table or error, whatever its bytes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detector.errors import InputDataError
from detector.io.contract import FILINGS
from detector.io.readers import CSV_CHUNK_ROWS, _read_text, check_encoding_file, read_table

HEADER = "filing_id,mark_text,nice_class,filing_date,applicant_name,note\n"


def _probe_first(path: Path):
    """What read_table gave before: the probe decides the encoding, then the file is read in it."""
    try:
        encoding = check_encoding_file(path, path.read_bytes()[:8])
        fmt, ignored, parts = _read_text(path, FILINGS, encoding)
    except InputDataError as exc:
        return ("error", str(exc))
    import pandas as pd

    frame = pd.concat(parts, ignore_index=True)
    return ("ok", encoding, fmt, ignored, frame.to_dict("list"))


def _read(path: Path):
    try:
        table = read_table(path, FILINGS)
    except InputDataError as exc:
        return ("error", str(exc))
    return ("ok", table.encoding, table.fmt, table.ignored_columns, table.frame.to_dict("list"))


def test_gb18030_file_whose_first_chunks_are_ascii_is_read_as_gb18030(tmp_path):
    """pyarrow reads the first CSV_CHUNK_ROWS rows as UTF-8 (all ASCII) before it meets the GB18030 bytes: the
    whole file is read again in GB18030, none of the UTF-8 read kept."""
    rows = [f"F{i},Mark{i},25,2022-01-01,Company {i},x\n" for i in range(CSV_CHUNK_ROWS + 10)]
    rows += ["G1,星河,25,2022-01-02,杭州星河服饰有限公司,备注\n"]
    path = tmp_path / "gb.csv"
    path.write_bytes((HEADER + "".join(rows)).encode("gb18030"))
    table = read_table(path, FILINGS)
    assert table.encoding == "gb18030"
    assert len(table.frame) == CSV_CHUNK_ROWS + 11
    last = table.frame.iloc[-1]
    assert last["mark_text"] == "星河" and last["applicant_name"] == "杭州星河服饰有限公司"


def test_bad_byte_in_an_ignored_column_still_decides_the_encoding(tmp_path):
    """A byte that is no UTF-8 in a column the contract does not read: the probe would not have said UTF-8, so the
    file is read in GB18030 (where the marks' UTF-8 bytes read differently) as before."""
    path = tmp_path / "mixed.csv"
    path.write_bytes(HEADER.encode() + "F1,星河,25,2022-01-01,王五,".encode() + b"\xb1\xb8\xd7\xa2\n")
    assert _read(path) == _probe_first(path)
    assert read_table(path, FILINGS).encoding == "gb18030"


def test_bom_file_with_a_bad_byte_names_its_line(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(
        b"\xef\xbb\xbf" + HEADER.encode() + "F1,星河,25,2022-01-01,王五,x\n".encode() + b"F2,\xff,25,2022-01-01,A,x\n"
    )
    with pytest.raises(InputDataError) as err:
        read_table(path, FILINGS)
    assert "cannot decode" in str(err.value) and "line 3" in str(err.value)
    assert _read(path) == _probe_first(path)


CELLS = st.one_of(
    st.sampled_from(["星河", "Mark", "", "冰墩墩", "a,b", '"q"']).map(lambda t: t.encode()),
    st.sampled_from(["星河", "冰墩墩", "备注"]).map(lambda t: t.encode("gb18030")),
    st.binary(min_size=1, max_size=4),
    st.sampled_from(
        [b"\xed\xa0\x80", b"\xc0\xaf", b"\xe0\x80\x80", b"\xf4\x90\x80\x80", b"\xe5\xa5", b"\xf0\x9f\x98\x80"]
    ),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(CELLS, CELLS), min_size=1, max_size=6), st.booleans())
def test_any_bytes_read_as_after_the_probe(tmp_path, rows, bom):
    """Valid and invalid UTF-8 (surrogates, overlong forms, code points past U+10FFFF, cut sequences), GB18030 and
    random bytes in the mark and an ignored column: the same table, encoding and error as the probe-first read."""
    lines = [b"\xef\xbb\xbf" + HEADER.encode() if bom else HEADER.encode()]
    for i, (mark, note) in enumerate(rows):
        lines.append(b"F%d," % i + mark.replace(b"\n", b" ") + b",25,2022-01-01,A," + note.replace(b"\n", b" ") + b"\n")
    path = tmp_path / "cells.csv"
    path.write_bytes(b"".join(lines))
    assert _read(path) == _probe_first(path)
