"""The history stage's quick paths give what the frame-by-frame code they replaced gave (kept here as the reference):
typing the registry's rows, turning the history back into a file's cells, the batch's distinct link values; and the
SQLite registry read from several threads while a decision is written, the file alone holding it."""

from __future__ import annotations

import shutil
import sqlite3
import threading

import numpy as np
import pandas as pd
import pytest

from detector.io.contract import APPLICANTS, FILINGS
from detector.io.history import _cells, _raw
from detector.registry import history_query, open_registry
from detector.registry.history_query import FILING_OUT, _typed_filings, typed_applicants
from detector.registry.model import APPLICANT_COLUMNS
from detector.registry.tables import frame_of
from graphs.value_keys import applicant_value_keys, distinct_value_keys
from tests.registry_fixtures import batch


def _reference_typed_filings(f: pd.DataFrame) -> pd.DataFrame:
    out = f.copy()
    for col in FILING_OUT:
        if col not in ("filing_date", "day"):
            out[col] = out[col].astype(object).fillna("").astype("str")
    out["filing_date"] = pd.to_datetime(out["filing_date"].replace("", None), errors="coerce").astype("datetime64[ns]")
    out["day"] = out["day"].astype("int64") if len(out) else np.array([], dtype="int64")
    return out


def _reference_typed_applicants(a: pd.DataFrame) -> pd.DataFrame:
    out = a.copy()
    for col in APPLICANT_COLUMNS:
        if col not in ("registered_capital", "established_date"):
            out[col] = out[col].astype(object).fillna("").astype("str")
    out["registered_capital"] = pd.to_numeric(out["registered_capital"], errors="coerce").astype("float64")
    dates = out["established_date"].astype(object).where(out["established_date"].astype(object).ne(""), None)
    out["established_date"] = pd.to_datetime(dates, errors="coerce").astype("datetime64[ns]")
    return out


def _reference_cells(column: pd.Series) -> pd.Series:
    if pd.api.types.is_datetime64_any_dtype(column):
        return column.dt.strftime("%Y-%m-%d").astype(object).where(column.notna(), "").astype("str")
    return column.astype(object).where(column.notna(), "").astype("str")


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert list(a.dtypes) == list(b.dtypes)
    assert a.columns.dtype == b.columns.dtype
    assert type(a.index) is type(b.index)


def _filing_row(i: int, date: str = "2024-03-01", day: int = 19783) -> tuple:
    texts = {c: f"{c}-{i}" for c in FILING_OUT}
    texts.update(filing_id=f"F{i}", filing_date=date, day=day)
    return tuple(texts[c] for c in FILING_OUT)


@pytest.mark.parametrize(
    "rows",
    [
        [],
        [_filing_row(1)],
        [_filing_row(i, date) for i, date in enumerate(["2024-03-01", "", "2024-02-30", "2024-01-05"])],
        [_filing_row(1, "2024/03/01"), _filing_row(2, "2024-03-01T00:00:00")],
    ],
)
def test_typed_filings_as_the_reference(rows):
    f = frame_of(rows, FILING_OUT)
    _same(_typed_filings(f), _reference_typed_filings(f))


def test_typed_applicants_as_the_reference_also_with_gaps_and_other_columns():
    def row(i, capital, date):
        cells = {c: f"{c}-{i}" for c in APPLICANT_COLUMNS}
        return {**cells, "registered_capital": capital, "established_date": date}

    rows = [row(1, None, "2020-01-01"), row(2, 1.5, ""), row(3, None, "bad")]
    a = frame_of([tuple(r[c] for c in APPLICANT_COLUMNS) for r in rows], APPLICANT_COLUMNS)
    a.loc[1, "phone"] = None
    for frame in (a, a.assign(extra=[1, 2, 3]), a.iloc[:0], frame_of([], APPLICANT_COLUMNS)):
        _same(typed_applicants(frame), _reference_typed_applicants(frame))


def _with(row: tuple, names: list[str], **cells) -> tuple:
    return tuple(cells.get(c, v) for c, v in zip(names, row, strict=True))


def _applicant_row(i: int, capital=None, date: str = "2020-01-01") -> tuple:
    cells = {c: f"{c}-{i}" for c in APPLICANT_COLUMNS}
    cells.update(registered_capital=capital, established_date=date)
    return tuple(cells[c] for c in APPLICANT_COLUMNS)


FILING_ROWS = {
    "stored": [_filing_row(i, date) for i, date in enumerate(["2024-03-01", "", "2024-01-05", "2024-01-05"])],
    "none as text": [_with(_filing_row(1), FILING_OUT, agent=None), _with(_filing_row(2), FILING_OUT, agent=None)],
    "a column of none": [_with(_filing_row(1), FILING_OUT, goods=None, filing_date=None)],
    "no such day": [_filing_row(1), _filing_row(2, "2024-02-30")],
    "other formats": [_filing_row(1, "2024/03/01"), _filing_row(2, "2024-03-01T00:00:00")],
    "out of range": [_filing_row(1, "1600-01-01")],
    "wide digits": [_filing_row(1, "２０２４-03-01")],
    "an int as text": [_with(_filing_row(1), FILING_OUT, filing_id=7), _filing_row(2)],
    "a float day": [_with(_filing_row(1), FILING_OUT, day=19783.0)],
}
APPLICANT_ROWS = {
    "stored": [_applicant_row(1), _applicant_row(2, 1.5, ""), _applicant_row(3, 1e20, "2019-05-06")],
    "no capital": [_applicant_row(1), _applicant_row(2)],
    "none as text": [_with(_applicant_row(1), APPLICANT_COLUMNS, phone=None), _applicant_row(2)],
    "a bad date": [_applicant_row(1), _applicant_row(2, None, "bad")],
    "an int capital": [_applicant_row(1, 5), _applicant_row(2, 1.5)],
}


@pytest.mark.parametrize("case", list(FILING_ROWS))
def test_filing_rows_are_typed_as_the_frame_path_types_them(case):
    rows = FILING_ROWS[case]
    if case == "out of range":  # pandas' error, on both
        with pytest.raises(pd.errors.OutOfBoundsDatetime):
            _typed_filings(frame_of(rows, FILING_OUT))
        with pytest.raises(pd.errors.OutOfBoundsDatetime):
            history_query._filings_of(rows)
    else:
        _same(history_query._filings_of(rows), _typed_filings(frame_of(rows, FILING_OUT)))
    small = history_query._typed_small(rows, FILING_OUT, history_query._FILING_TYPES)
    assert (small is not None) == (case in ("stored", "none as text", "a column of none"))


@pytest.mark.parametrize("case", list(APPLICANT_ROWS))
def test_applicant_rows_are_typed_as_the_frame_path_types_them(case):
    rows = APPLICANT_ROWS[case]
    _same(history_query._applicants_of(rows), typed_applicants(frame_of(rows, APPLICANT_COLUMNS)))
    small = history_query._typed_small(rows, APPLICANT_COLUMNS, history_query._APPLICANT_TYPES)
    assert (small is not None) == (case in ("stored", "no capital", "none as text"))


def test_cells_and_raw_as_the_reference():
    dates = pd.Series(pd.to_datetime(["2024-03-01", None, "1969-12-31"]))
    columns = [
        pd.Series(["a", None, "c"], dtype="str"),
        pd.Series(["a", "b", ""], dtype="str"),
        dates,
        dates.dt.tz_localize("Asia/Shanghai"),
        pd.Series([1.5, np.nan, 1e20]),
        pd.Series([100.0, 1e16, 0.1 + 0.2, -0.0, 123456789.123, 5e-324, np.inf, 1e5, 12345678901234567.0]),
        pd.Series(pd.to_datetime(["1677-09-22", "2262-04-11", "2000-02-29"])),
        pd.Series([1, None, "x"], dtype=object),
    ]
    for column in columns:
        new, ref = pd.Series(_cells(column), index=column.index), _reference_cells(column)
        pd.testing.assert_series_equal(new, ref, check_exact=True)
    filings = pd.DataFrame({c: pd.Series([f"{c}1", f"{c}2", ""], dtype="str") for c in FILINGS.names()})
    filings["filing_date"] = dates
    filings = filings.drop(columns=["agent"])
    filings.index = [5, 6, 7]
    raw = _raw(filings, FILINGS, "filings")
    expected = pd.DataFrame(
        {c: _reference_cells(filings[c]).to_numpy() if c in filings else [""] * 3 for c in FILINGS.names()},
        dtype="str",
    )
    _same(raw.frame, expected)
    assert str(raw.path) == "<registry history>:filings"
    empty = _raw(filings.iloc[:0], APPLICANTS, "applicants")
    assert empty.frame.columns.tolist() == APPLICANTS.names() and len(empty.frame) == 0


def test_distinct_value_keys_are_those_of_the_per_row_table():
    applicants = pd.DataFrame(
        {
            "applicant_id": ["A", "B", "C", "D"],
            "phone": ["+86 138-0013-8000", "13800138000", None, "123"],
            "email": ["Li.Ming@Example.com ", "li.ming@example.com", "无", ""],
            "address": ["北京市朝阳区建国路88号", "", "北京市朝阳区建国路88号", None],
        }
    ).astype({"phone": "str", "email": "str", "address": "str"})
    for frame in (applicants, applicants.drop(columns=["email"]), applicants.iloc[:0], applicants.iloc[:1]):
        expected = sorted(set(applicant_value_keys(frame)["value_key"].tolist()))
        assert distinct_value_keys(frame) == expected
    assert distinct_value_keys(applicants)  # some keys at all


def test_sqlite_registry_read_across_threads_and_a_copy_of_the_file_holds_writes(tmp_path):
    target = tmp_path / "reg.db"
    with open_registry(target) as reg:
        reg.record_batch(
            batch("b1", [("F1", "A", "星光", "2024-01-01"), ("F2", "B", "月光", "2024-01-02")], flagged={"A": 70})
        )
        first = reg.history(applicant_ids=["A", "B"])
        for _ in range(5):
            _same(reg.history(applicant_ids=["A", "B"]).filings, first.filings)
            reg.offenders()
            reg.cleared()

        errors: list[BaseException] = []

        def read() -> None:
            try:
                for _ in range(20):
                    assert len(reg.history(applicant_ids=["A", "B"]).filings) == 2
                    reg.entries()
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=read) for _ in range(4)]
        for t in threads:
            t.start()
        reg.decide("A", "confirmed", "seen twice", "ann")
        for t in threads:
            t.join()
        assert not errors
        # The registry is still open: the file alone already holds the decision.
        copy = tmp_path / "copy.db"
        shutil.copyfile(target, copy)
        with sqlite3.connect(copy) as conn:
            assert conn.execute("SELECT status FROM entries WHERE applicant_id = 'A'").fetchone() == ("confirmed",)
    assert not (tmp_path / "reg.db-wal").exists()  # no connection left open
