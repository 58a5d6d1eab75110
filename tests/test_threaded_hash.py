"""A large input file is hashed in a thread while it is parsed (readers._scan): the same sha256 in the table and
run record, no thread left when read_table returns or raises, and the sequential pass where the first block cannot
decide (blank) or the file needs its encoding probed."""

from __future__ import annotations

import hashlib
import threading

import pytest

from detector.errors import InputDataError
from detector.io import readers
from detector.io.contract import FILINGS
from detector.io.readers import read_table

ROWS = "filing_id,mark_text,nice_class,filing_date,applicant_name\n" + "".join(
    f"F{i},星河{i},25,2022-01-01,杭州星河服饰有限公司\n" for i in range(2000)
)


def _hash_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("tmscreen-hash")]


@pytest.fixture
def threaded(monkeypatch):
    monkeypatch.setattr(readers, "THREADED_HASH_BYTES", 0)
    calls = []
    real = readers._Hashing
    monkeypatch.setattr(readers, "_Hashing", lambda path: calls.append(path) or real(path))
    return calls


def test_threaded_hash_is_the_file_sha256(tmp_path, threaded):
    path = tmp_path / "f.csv"
    path.write_text(ROWS, encoding="utf-8")
    table = read_table(path, FILINGS)
    assert threaded == [path]
    assert table.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert len(table.frame) == 2000 and not _hash_threads()


def test_no_hashing_thread_outlives_an_error(tmp_path, threaded):
    path = tmp_path / "bad.csv"
    path.write_text(ROWS + "F9,星河,46,2022-01-01,A,extra\n", encoding="utf-8")
    with pytest.raises(InputDataError):
        read_table(path, FILINGS)
    assert threaded == [path] and not _hash_threads()


def test_blank_first_block_and_utf16_take_the_sequential_pass(tmp_path, threaded, monkeypatch):
    monkeypatch.setattr(readers, "STREAM_BLOCK", 64)
    blank_start = tmp_path / "blank_start.csv"
    blank_start.write_text(" " * 100 + "\n" + ROWS, encoding="utf-8")
    utf16 = tmp_path / "u16.csv"
    utf16.write_bytes(ROWS.encode("utf-16"))
    for path in (blank_start, utf16):
        table = read_table(path, FILINGS)
        assert table.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert threaded == []
    empty = tmp_path / "empty.csv"
    empty.write_text(" \n" * 100, encoding="utf-8")
    with pytest.raises(InputDataError, match="empty"):
        read_table(empty, FILINGS)
