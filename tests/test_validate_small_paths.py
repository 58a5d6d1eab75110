"""Validating a small table reads its cells as Python lists (detector/io/validate.py _lists): each check, message and
typed column must be what the pandas path gives for the same table, value for value and dtype for dtype, and a bad
row must stop the run naming the same row and column. Each test validates the same table twice, once with
SMALL_ROWS above it (the lists) and once below it (pandas), and compares."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import detector.io.validate as validate
from detector.errors import InputDataError
from detector.io.contract import APPLICANTS, FILINGS
from detector.io.readers import RawTable


def _raw(rows: list[dict], spec, fmt: str = "csv") -> RawTable:
    names = spec.names()
    frame = pd.DataFrame({c: [r.get(c, "") for r in rows] for c in names}, index=pd.RangeIndex(len(rows)), dtype="str")
    return RawTable(frame, Path(f"x:{spec.name}"), fmt, "")


def _both(monkeypatch, fn):
    """fn() on the lists path, then on the pandas path: each its result, or the exception it raised (a date out of
    datetime64[ns]'s range: pandas' OutOfBoundsDatetime on both)."""
    out = []
    for limit in (10**9, -1):
        monkeypatch.setattr(validate, "SMALL_ROWS", limit)
        try:
            out.append(fn())
        except Exception as exc:  # noqa: BLE001 - compared below
            out.append(exc)
    return out


def _same_frames(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert [str(t) for t in a.dtypes] == [str(t) for t in b.dtypes]
    assert a.columns.dtype == b.columns.dtype and type(a.index) is type(b.index)


def _same(small, frames) -> None:
    if isinstance(frames, Exception) and not isinstance(frames, InputDataError):
        assert type(small) is type(frames) and str(small) == str(frames)
        return
    if isinstance(frames, InputDataError):
        assert isinstance(small, InputDataError)
        assert small.render("en") == frames.render("en") and small.render("zh") == frames.render("zh")
        assert (small.file, small.line, small.column, small.fix) == (
            frames.file,
            frames.line,
            frames.column,
            frames.fix,
        )
        return
    _same_frames(small.frame, frames.frame)
    assert small.skipped == frames.skipped
    assert small.extra.keys() == frames.extra.keys()
    for key in small.extra:
        _same_frames(small.extra[key], frames.extra[key])


def _filing(i: int, **cells) -> dict:
    row = {
        "filing_id": f"F{i}",
        "mark_text": f"商标{i % 3}",
        "nice_class": ["9", " 第25类 ", "9;25", "25；9", "003"][i % 5],
        "filing_date": ["2024-03-01", "2024/3/2", "20240303", " 2024年3月4日 "][i % 4],
        "applicant_name": [" 甲贸易有限公司", "王小明", "Acme Co "][i % 3],
        "applicant_id": ["", f"P{i % 4}", ""][i % 3],
        "applicant_address": ["", "一路 "][i % 2],
    }
    return {**row, **cells}


FILINGS_CASES = {
    "clean": [_filing(i) for i in range(12)],
    "one": [_filing(1)],
    "stored": [
        {**_filing(i), "nice_class": "9;25", "filing_date": "2024-03-01", "applicant_id": "A"} for i in range(4)
    ],
    "empty id": [_filing(1), _filing(2, filing_id=" ")],
    "duplicate id": [_filing(1), _filing(2), _filing(3, filing_id="F1"), _filing(4, filing_id="F2")],
    "bad class": [_filing(1), _filing(2, nice_class="46"), _filing(3, nice_class="x")],
    "empty class": [_filing(1, nice_class=" ")],
    "bad date": [_filing(1), _filing(2, filing_date="2024-02-30"), _filing(3, filing_date="soon")],
    "empty date": [_filing(1), _filing(2, filing_date="")],
    "old date": [_filing(1, filing_date="1600-01-01")],
    "empty name": [_filing(1), _filing(2, applicant_name="  ")],
    "long mark": [_filing(1, mark_text="长" * 300)],
    "many bad": [_filing(1, filing_id=""), _filing(2, nice_class="0"), _filing(3, filing_date="")],
}


@pytest.mark.parametrize("case", list(FILINGS_CASES))
@pytest.mark.parametrize("skip", [False, True])
def test_filings_are_the_same_on_both_paths(monkeypatch, case, skip):
    raw = _raw(FILINGS_CASES[case], FILINGS)
    small, frames = _both(monkeypatch, lambda: validate.validate_filings(raw, skip))
    _same(small, frames)


def test_a_filings_table_with_a_missing_cell_or_another_dtype_is_read_by_pandas(monkeypatch):
    raw = _raw([_filing(1), _filing(2)], FILINGS)
    raw.frame.loc[1, "agent"] = None
    assert validate._lists(raw.frame) is None
    objects = _raw([_filing(1)], FILINGS)
    objects.frame["agent"] = objects.frame["agent"].astype(object)
    assert validate._lists(objects.frame) is None
    assert validate._lists(_raw([_filing(1)], FILINGS).frame) is not None


def test_unchanged_columns_keep_the_arrays_read():
    raw = _raw([{**_filing(i), "nice_class": "9", "applicant_id": "A"} for i in range(3)], FILINGS)
    out = validate.validate_filings(raw).frame
    for column in ("filing_id", "nice_class", "applicant_id", "agent"):
        assert out[column].array is raw.frame[column].array
    assert out["applicant_name"].array is not raw.frame["applicant_name"].array  # stripped


def _applicant(i: int, **cells) -> dict:
    row = {
        "applicant_id": f"P{i}",
        "name": ["甲贸易有限公司", " 王小明", "Acme Co", ""][i % 4],
        "entity_type": ["", "company", "个人", " Individual ", "企业"][i % 5],
        "phone": ["", "010-1"][i % 2],
        "registered_capital": ["", "100万", "1,000,000", "5.5亿元人民币"][i % 4],
        "established_date": ["", "2019-05-06", "2019/5/7"][i % 3],
    }
    return {**row, **cells}


APPLICANTS_CASES = {
    "clean": [_applicant(i) for i in range(12)],
    "none": [],
    "one": [_applicant(1)],
    "stored": [{**_applicant(i), "entity_type": "company", "registered_capital": "1000000.0"} for i in range(3)],
    "empty id": [_applicant(1), _applicant(2, applicant_id="")],
    "duplicate id": [_applicant(1), _applicant(2, applicant_id="P1")],
    "unknown type": [_applicant(1), _applicant(2, entity_type="robot")],
    "bad capital": [_applicant(1, registered_capital="1e+20"), _applicant(2, registered_capital="-5.0")],
    "bad date": [_applicant(1, established_date="2019-13-01")],
    "old date": [_applicant(1, established_date="1000-01-01")],
}


@pytest.mark.parametrize("case", list(APPLICANTS_CASES))
@pytest.mark.parametrize("skip", [False, True])
def test_applicants_are_the_same_on_both_paths(monkeypatch, case, skip):
    raw = _raw(APPLICANTS_CASES[case], APPLICANTS, "records")
    small, frames = _both(monkeypatch, lambda: validate.validate_applicants(raw, skip))
    _same(small, frames)


def test_entity_types_are_the_same_on_both_paths(monkeypatch):
    names = np.array(["Acme Co", "张三", None, "某某公司", np.nan, "Acme Co", ""], dtype=object)
    small, frames = _both(monkeypatch, lambda: validate.entity_types(names))
    assert small.dtype == frames.dtype == object and small.tolist() == frames.tolist()


def test_python_strips_the_characters_pandas_strips():
    """The lists path strips cells with str.strip: the same white space as pandas' str.strip, at every code point."""
    cells = [f"{c}a{c}" for c in map(chr, range(0x110000)) if not 0xD800 <= ord(c) <= 0xDFFF]
    assert pd.Series(cells, dtype="str").str.strip().tolist() == [v.strip() for v in cells]
