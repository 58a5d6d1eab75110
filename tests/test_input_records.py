"""Records handed to the pipeline (inline rule tests, the casebook, notebooks) need not all carry the same keys."""

from __future__ import annotations

from detector.io import inputs_from_records


def test_records_with_different_keys_fill_missing_cells_with_empty_text():
    inputs = inputs_from_records(
        [
            {"filing_id": "F1", "mark_text": "甲", "nice_class": "9", "filing_date": "2023-01-01",
             "applicant_name": "某公司", "applicant_id": "A1"},
            {"filing_id": "F2", "mark_text": "乙", "nice_class": "9", "filing_date": "2023-01-02",
             "applicant_name": "某人", "agent": "某代理"},
        ]
    )  # fmt: skip
    rows = inputs.filings.set_index("filing_id")
    assert rows.at["F1", "agent"] == "" and rows.at["F2", "agent"] == "某代理"
    assert rows.at["F1", "applicant_id"] == "A1"
    assert rows.at["F2", "applicant_id"].startswith("AN-")  # derived from the name, never "nan"
    assert "nan" not in set(inputs.filings.astype(str).to_numpy().ravel())
