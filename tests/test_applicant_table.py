"""The applicants table of a batch: one row per applicant, filings' most frequent name and address, registry data
over them where the registry knows the applicant, entity type inferred where no one gave it."""

from __future__ import annotations

import pandas as pd

from detector.io import inputs_from_records


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
