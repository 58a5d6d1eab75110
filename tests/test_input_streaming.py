"""CSV and Parquet inputs are streamed: hashed and checked in blocks, parsed in chunks that keep only the contract
columns. Chunked reading gives the same table, the same hash and the same error locations as reading whole."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from detector.errors import InputDataError
from detector.io import readers
from detector.io.contract import FILINGS
from detector.io.readers import check_encoding_file, read_table

ROOT = Path(__file__).resolve().parents[1]
DEMO_FILINGS = ROOT / "fixtures" / "demo" / "filings.csv"


def _csv(path: Path, rows: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\n".join(rows) + "\n").encode(encoding))
    return path


def test_chunked_csv_equals_one_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = read_table(DEMO_FILINGS, FILINGS)
    monkeypatch.setattr(readers, "CSV_CHUNK_ROWS", 7)
    chunked = read_table(DEMO_FILINGS, FILINGS)
    pd.testing.assert_frame_equal(whole.frame, chunked.frame)
    assert chunked.sha256 == whole.sha256 == hashlib.sha256(DEMO_FILINGS.read_bytes()).hexdigest()
    assert len(chunked.frame) > 7 * 100  # it really took many chunks


def test_parse_error_in_a_later_chunk_names_the_file_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "CSV_CHUNK_ROWS", 3)
    rows = ["filing_id,mark_text,nice_class,filing_date,applicant_name"]
    rows += [f"F{i},标{i},9,2022-01-0{i % 9 + 1},张三" for i in range(10)]
    rows[8] += ",extra"  # line 9 of the file
    with pytest.raises(InputDataError) as err:
        read_table(_csv(tmp_path / "f.csv", rows), FILINGS)
    assert err.value.line.en == "line 9" and "6 fields where the header has 5" in err.value.render()


def test_other_columns_are_dropped_chunk_by_chunk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wide export (goods descriptions, internal fields) keeps only the contract columns, listed as ignored."""
    monkeypatch.setattr(readers, "CSV_CHUNK_ROWS", 4)
    seen: list[list[str]] = []
    project = readers._project
    monkeypatch.setattr(
        readers,
        "_project",
        lambda chunk, mapping, spec: seen.append(list(chunk.columns)) or project(chunk, mapping, spec),
    )
    rows = ["申请号,商标名称,类别,申请日期,申请人名称,商品描述,内部备注"]
    rows += [f"F{i},标{i},9,2022-01-01,张三,{'服装鞋帽' * 500},x" for i in range(10)]
    table = read_table(_csv(tmp_path / "wide.csv", rows), FILINGS)
    assert list(table.frame.columns) == FILINGS.names()
    assert table.ignored_columns == ["商品描述", "内部备注"]
    assert len(table.frame) == 10 and table.frame["filing_id"].tolist() == [f"F{i}" for i in range(10)]
    assert len(seen) == 3  # 10 rows in chunks of 4 (the header row rides in the first)


def test_missing_required_column_fails_on_the_first_chunk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The header decides before the rest of the file is parsed: a bad row further down is never reached."""
    monkeypatch.setattr(readers, "CSV_CHUNK_ROWS", 2)
    rows = (
        ["filing_id,mark_text,nice_class,applicant_name"]
        + [f"F{i},标,9,张三" for i in range(6)]
        + ["F9,标,9,张三,extra"]
    )
    with pytest.raises(InputDataError, match="missing required column"):
        read_table(_csv(tmp_path / "f.csv", rows), FILINGS)


def test_parquet_record_batches_equal_one_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    frame = pd.read_csv(DEMO_FILINGS, dtype=str, keep_default_na=False)
    frame["n_goods"] = range(len(frame))  # a non-text column is converted cell by cell in every batch
    path = tmp_path / "filings.parquet"
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path, row_group_size=500)
    whole = read_table(path, FILINGS)
    monkeypatch.setattr(readers, "PARQUET_BATCH_ROWS", 333)
    chunked = read_table(path, FILINGS)
    pd.testing.assert_frame_equal(whole.frame, chunked.frame)
    assert chunked.ignored_columns == ["n_goods"]


def test_encoding_found_across_block_boundaries(tmp_path: Path) -> None:
    text = "filing_id,mark_text\n" + "".join(f"F{i},冰墩墩雪容融{i}\n" for i in range(50))
    for enc, expected in (("utf-8", "utf-8"), ("gb18030", "gb18030"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16")):
        path = tmp_path / f"{enc}.csv"
        path.write_bytes(text.encode(enc))
        for block in (1, 2, 3, 7, 1 << 20):  # multi-byte characters split across blocks
            assert check_encoding_file(path, path.read_bytes()[:8], block) == expected


def test_undecodable_byte_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes("filing_id,mark_text\nF1,冰墩墩\nF2,雪容融\n".encode() + b"F3,\xff\xfe\x80\n")
    with pytest.raises(InputDataError) as err:
        check_encoding_file(path, path.read_bytes()[:8], 4)
    assert "at line 4 as utf-8 or gb18030" in err.value.render() and "b'\\xff'" in err.value.render()


def test_undecodable_utf16_names_its_line_across_blocks(tmp_path: Path) -> None:
    """UTF-16 lines are not split on the byte b'\\n': the line is counted on the decoded text, block by block."""
    path = tmp_path / "bad.txt"
    good = "filing_id\tmark_text\r\n" + "".join(f"F{i}\t冰墩墩\r\n" for i in range(40))
    path.write_bytes(b"\xff\xfe" + good.encode("utf-16-le") + "F40\t".encode("utf-16-le") + b"\x3d\xd8A\x00")
    for block in (1, 3, 64, 1 << 20):
        with pytest.raises(InputDataError) as err:
            check_encoding_file(path, path.read_bytes()[:8], block)
        assert "at line 42 as utf-16" in err.value.render()


def test_chunked_utf16_tab_text_equals_one_chunk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Excel's Unicode Text (UTF-16, tabs) streams in chunks like a CSV, and errors name the file's line."""
    frame = pd.read_csv(DEMO_FILINGS, dtype=str, keep_default_na=False)
    path = tmp_path / "filings.txt"
    path.write_bytes(b"\xff\xfe" + frame.to_csv(sep="\t", index=False, lineterminator="\r\n").encode("utf-16-le"))
    whole = read_table(path, FILINGS)
    pd.testing.assert_frame_equal(whole.frame, read_table(DEMO_FILINGS, FILINGS).frame)
    monkeypatch.setattr(readers, "CSV_CHUNK_ROWS", 7)
    pd.testing.assert_frame_equal(read_table(path, FILINGS).frame, whole.frame)
    assert (whole.fmt, whole.encoding) == ("tsv", "utf-16")
    rows = frame.to_csv(sep="\t", index=False, lineterminator="\r\n").splitlines(keepends=True)
    rows[30] = rows[30].rstrip("\r\n") + "\textra\r\n"  # line 31 of the file
    path.write_bytes(b"\xff\xfe" + "".join(rows).encode("utf-16-le"))
    with pytest.raises(InputDataError) as err:
        read_table(path, FILINGS)
    assert err.value.line.en == "line 31" and "cells that contain tabs" in err.value.render()


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("corrupt.parquet", b"PAR1" + b"\x00garbage" * 100, "not a readable Parquet file"),
        ("truncated.parquet", None, "not a readable Parquet file"),
    ],
)
def test_bad_parquet_through_the_cli(tmp_path: Path, name: str, content: bytes | None, words: str) -> None:
    """A Parquet file that cannot be read: one message naming the file, exit 2, no output folder."""
    from conftest import run_cli

    path = tmp_path / name
    if content is None:  # a real file cut in half (a copy that stopped mid-way)
        import pyarrow as pa
        import pyarrow.parquet as pq

        frame = pd.read_csv(DEMO_FILINGS, dtype=str, keep_default_na=False)
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    else:
        path.write_bytes(content)
    code, _, err = run_cli(["screen", path, "--out", tmp_path / "out", "--quiet", "--lang", "en"])
    assert code == 2 and str(path) in err and words in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("option", "value"), [("--jobs", "0"), ("--jobs", "many"), ("--partition-filings", "10")])
def test_bad_engine_options_are_usage_errors(tmp_path: Path, option: str, value: str) -> None:
    from conftest import run_cli

    code, _, err = run_cli(["screen", DEMO_FILINGS, option, value, "--out", tmp_path / "out", "--quiet"])
    assert code == 2 and option in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()
