"""The applicants table of a batch: one row per applicant, filings' most frequent name and address, registry data
over them where the registry knows the applicant, entity type inferred where no one gave it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detector.io import applicant_table, inputs_from_records
from detector.io.validate import _COMPANY_HINT, infer_entity_type


def _filing(i: int, who: str, name: str, address: str = "") -> dict:
    return {
        "filing_id": f"F{i}",
        "mark_text": f"商标{i}",
        "nice_class": "9",
        "filing_date": "2024-06-03",
        "applicant_id": who,
        "applicant_name": name,
        "applicant_address": address,
    }


def test_filings_give_the_most_frequent_name_and_the_registry_fills_the_rest():
    filings = [
        _filing(1, "A", "甲贸易有限公司", "北京市一路1号"),
        _filing(2, "A", "甲贸易有限公司", "北京市二路2号"),
        _filing(3, "A", "甲商贸有限公司", "北京市二路2号"),
        _filing(4, "B", "王小明"),
        _filing(5, "C", "丙科技有限公司", "上海市三路3号"),
    ]
    applicants = [
        {
            "applicant_id": "C",
            "name": "丙科技股份有限公司",
            "entity_type": "company",
            "address": "",
            "phone": "010-1234",
            "registered_capital": "500",
            "established_date": "2020-01-02",
        }
    ]
    table = inputs_from_records(filings, applicants).applicants.set_index("applicant_id")
    assert list(table.index) == ["A", "B", "C"]
    assert table.loc["A", "name"] == "甲贸易有限公司"  # 2 of 3 filings
    assert table.loc["A", "address"] == "北京市二路2号"
    assert table.loc["C", "name"] == "丙科技股份有限公司"  # the registry's name wins
    assert table.loc["C", "address"] == "上海市三路3号"  # the registry gave none: the filings' address stays
    assert table.loc["C", "phone"] == "010-1234" and table.loc["A", "phone"] == ""
    assert table["in_registry"].tolist() == [False, False, True]
    assert table["entity_type"].tolist() == ["company", "individual", "company"]
    assert table.loc["C", "registered_capital"] == 500.0 and pd.isna(table.loc["A", "registered_capital"])
    assert table.loc["C", "established_date"] == pd.Timestamp("2020-01-02")
    assert pd.isna(table.loc["B", "established_date"])
    assert str(table["registered_capital"].dtype) == "float64"
    assert str(table["established_date"].dtype) == "datetime64[ns]"
    assert table["in_registry"].dtype == bool
    assert all(str(table[c].dtype) == "str" for c in ("name", "address", "phone", "entity_type", "shareholders"))


def test_without_a_registry_every_registry_column_is_empty():
    table = inputs_from_records([_filing(1, "A", "甲贸易有限公司")]).applicants
    assert table.columns[0] == "applicant_id"
    assert table.loc[0, "phone"] == "" and table.loc[0, "business_scope"] == ""
    assert not table.loc[0, "in_registry"] and pd.isna(table.loc[0, "registered_capital"])


def _reference_table(filings: pd.DataFrame, registry: pd.DataFrame | None) -> pd.DataFrame:
    """The table as the straightforward pandas steps make it (the former implementation): the array version must
    give the same frame, values, dtypes and order."""
    from detector.io.applicant_table import TEXT_COLUMNS

    def most_frequent(column: str) -> pd.Series:
        sub = filings.loc[filings[column].ne(""), ["applicant_id", column]]
        counts = sub.groupby(["applicant_id", column]).size().reset_index(name="n")
        counts = counts.sort_values(["applicant_id", "n", column], ascending=[True, False, True], kind="stable")
        return counts.drop_duplicates("applicant_id").set_index("applicant_id")[column]

    ids = pd.Index(np.sort(filings["applicant_id"].unique()), name="applicant_id")
    found = {
        "name": most_frequent("applicant_name").reindex(ids),
        "address": most_frequent("applicant_address").reindex(ids),
    }
    capital, established, in_registry = np.nan, pd.NaT, False
    if registry is not None and not registry.empty:
        reg = registry.set_index("applicant_id").reindex(ids)
        in_registry = reg["name"].notna()
        for col in TEXT_COLUMNS:
            if col != "applicant_id" and col in reg:
                value = reg[col].where(reg[col].ne(""), np.nan)
                found[col] = value.combine_first(found[col]) if col in ("name", "address") else value
        capital, established = reg["registered_capital"], reg["established_date"]
    order = ["name", "address", *(c for c in TEXT_COLUMNS if c not in ("applicant_id", "name", "address"))]
    text = {c: found[c].astype(object).fillna("") if c in found else "" for c in order}
    out = pd.DataFrame({c: pd.Series(v, index=ids).astype("str") for c, v in text.items()}, index=ids)
    out["registered_capital"] = pd.Series(capital, index=ids).astype("float64")
    out["established_date"] = pd.to_datetime(pd.Series(established, index=ids)).astype("datetime64[ns]")
    out["in_registry"] = pd.Series(in_registry, index=ids).astype(bool)
    missing = out["entity_type"].eq("")
    if missing.any():
        is_company = out.loc[missing, "name"].str.contains(_COMPANY_HINT, regex=True, na=False)
        out.loc[missing, "entity_type"] = np.where(is_company, "company", "individual")
    return out.reset_index()


def _random_batch(seed: int, n: int) -> tuple[list[dict], list[dict]]:
    """Filings with repeated, tied and empty names and addresses, and a registry covering part of the applicants
    (empty names and addresses among them, and applicants that file nothing)."""
    rng = np.random.default_rng(seed)
    names = ["甲贸易有限公司", "甲商贸有限公司", "王小明", "Acme Co", "Müller GmbH", "", "b", "a", "Ωmega Ltd", "李四"]
    filings = [
        _filing(
            i,
            f"P{rng.integers(0, max(2, n // 3))}",
            str(rng.choice(names[:-1] if i % 7 else names)),
            str(rng.choice(["", "一路", "二路", "Z"])),
        )
        for i in range(n)
    ]
    for i, f in enumerate(filings):
        f["applicant_name"] = f["applicant_name"] or "某人"
        if i % 11 == 0:
            f["applicant_id"] = ""  # derived from the name
    applicants = [
        {
            "applicant_id": f"P{i}",
            "name": str(rng.choice(names)),
            "entity_type": str(rng.choice(["", "company", "个人"])),
            "address": str(rng.choice(["", "注册地址"])),
            "phone": str(rng.choice(["", "010-1"])),
            "registered_capital": str(rng.choice(["", "100万"])),
            "established_date": str(rng.choice(["", "2019-05-06"])),
        }
        for i in range(0, n // 2, 2)
    ]
    return filings, applicants


@pytest.mark.parametrize("seed,n", [(0, 1), (1, 5), (2, 40), (3, 400)])
@pytest.mark.parametrize("path", ["small", "arrays", "threads"])
def test_the_table_equals_the_plain_pandas_steps(monkeypatch, seed: int, n: int, path: str):
    """On every path: Python lists up to SMALL_ROWS rows (small), whole-column arrays above it, the most frequent
    name and address in two threads from THREADED_MOST_FREQUENT_ROWS filings."""
    if path != "small":
        monkeypatch.setattr(applicant_table, "SMALL_ROWS", -1)
    monkeypatch.setattr(applicant_table, "THREADED_MOST_FREQUENT_ROWS", 0 if path == "threads" else 10**9)
    monkeypatch.setattr(applicant_table, "usable_cpus", lambda: 2)
    filings, applicants = _random_batch(seed, n)
    for given in (applicants, None):
        inputs = inputs_from_records(filings, given)
        expected = _reference_table(inputs.filings, inputs.registry)
        pd.testing.assert_frame_equal(inputs.applicants, expected, check_exact=True)
        assert list(inputs.applicants.dtypes.astype(str)) == list(expected.dtypes.astype(str))


def test_entity_types_match_pandas_str_contains_on_ascii_and_other_text():
    for names in (
        ["Acme Co", "acme corporation", "Bcorp", "x_ltd", "LTD.", "", "K-inc", "the kk", "co-op"],
        ["Acme Co", "Müller GmbH", "张三", "某某公司", "Bcorp", "北京大学", "个体户"],
    ):
        series = pd.Series(names + [None], dtype="str")
        expected = np.where(series.str.contains(_COMPANY_HINT, regex=True, na=False), "company", "individual")
        assert infer_entity_type(series).tolist() == expected.tolist()


def test_the_table_from_frames_with_gaps_is_the_same_on_both_paths(monkeypatch):
    """Missing names and addresses (NaN), a registry without some text columns, with an applicant missing from it
    and one it holds without a name: the lists and the arrays give the same table."""
    filings = pd.DataFrame(
        {
            "applicant_id": ["B", "A", "B", "C", "A"],
            "applicant_name": ["乙公司", None, "乙有限公司", "丙", "甲"],
            "applicant_address": ["", "一路", None, "二路", "一路"],
        }
    ).astype("str")
    registry = pd.DataFrame(
        {
            "applicant_id": ["C", "B", "X"],
            "name": [None, "乙注册名", "某人"],
            "phone": ["010-1", "", None],
            "entity_type": ["", "company", ""],
        }
    ).astype("str")
    registry["registered_capital"] = [1.5, np.nan, 2.0]
    registry["established_date"] = pd.to_datetime(["2019-05-06", None, "2001-01-01"]).astype("datetime64[ns]")
    for given in (registry, registry.iloc[:0], None):
        small = applicant_table.build_applicant_table(filings, given)
        monkeypatch.setattr(applicant_table, "SMALL_ROWS", -1)
        arrays = applicant_table.build_applicant_table(filings, given)
        monkeypatch.undo()
        pd.testing.assert_frame_equal(small, arrays, check_exact=True)
        assert list(small.dtypes.astype(str)) == list(arrays.dtypes.astype(str))
    assert applicant_table._small_columns(filings, registry) is not None
    assert applicant_table._small_columns(filings, registry.astype({"phone": object})) is None


def test_the_codes_made_with_the_table_are_each_filing_s_row_in_it(monkeypatch, tmp_path):
    """Above SMALL_ROWS the table comes with each filing's row in it, and load_inputs keeps them for the batch: what
    applicant_codes() gives; a step that replaces the filings or the applicants makes them stale (None)."""
    from dataclasses import replace

    from detector.batch import applicant_codes
    from detector.io import load_inputs

    filings, applicants = _random_batch(5, 400)
    monkeypatch.setattr(applicant_table, "SMALL_ROWS", -1)
    inputs = inputs_from_records(filings, applicants)
    table, codes = applicant_table.applicant_table_and_codes(inputs.filings, inputs.registry)
    assert np.array_equal(codes, applicant_codes(table["applicant_id"], inputs.filings["applicant_id"]))
    assert codes.dtype == np.int64 and codes.min() == 0 and codes.max() == len(table) - 1
    pd.DataFrame(filings).to_csv(tmp_path / "filings.csv", index=False)
    loaded = load_inputs(tmp_path / "filings.csv")
    known = loaded.known_applicant_codes()
    assert np.array_equal(known, applicant_codes(loaded.applicants["applicant_id"], loaded.filings["applicant_id"]))
    assert replace(loaded, applicants=loaded.applicants.copy()).known_applicant_codes() is None
    assert replace(loaded, filings=loaded.filings.iloc[:-1]).known_applicant_codes() is None
    monkeypatch.undo()
    assert applicant_table.applicant_table_and_codes(inputs.filings, inputs.registry)[1] is None
