"""Applicant metrics on a four-filing batch; every expected value is derived by hand in the comments."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detector.batch import prepare_batch
from detector.io import inputs_from_records
from detector.metrics.applicant import ApplicantMetricInputs, compute_applicant_metrics
from detector.normalize import canonical

A, B = "91440300MA5TEST01X", "110101199001011234"
FILINGS = [
    # A (trade name 鑫隆达) files its own name, then the short unrelated 酷米 twice, one of them assigned away.
    ("F1", "鑫隆达", "25", "2021-03-01", A, "深圳市鑫隆达贸易有限公司", ""),
    ("F2", "酷米", "9", "2021-03-01", A, "深圳市鑫隆达贸易有限公司", "乙公司"),
    ("F3", "酷米", "35", "2021-03-05", A, "深圳市鑫隆达贸易有限公司", ""),
    ("F4", "王小明", "45", "2021-04-01", B, "王小明", ""),
]
APPLICANTS = [
    {
        "applicant_id": A,
        "name": "深圳市鑫隆达贸易有限公司",
        "entity_type": "company",
        "registered_capital": "100000",
        "established_date": "2020-01-01",
        "business_scope": "服装销售",
        "registry_status": "注销",
    },
    {
        "applicant_id": B,
        "name": "王小明",
        "entity_type": "individual",
        "registered_capital": "",
        "established_date": "",
        "business_scope": "",
        "registry_status": "",
    },
]
REGISTER = [
    {
        "registration_no": "R1",
        "mark_text": "鑫隆达",
        "nice_class": "25",
        "owner_name": "深圳市鑫隆达贸易有限公司",
        "owner_id": A,
        "famous": "1",
        "status": "已注册",
    }
]


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    keys = ("filing_id", "mark_text", "nice_class", "filing_date", "applicant_id", "applicant_name", "assignee")
    inputs = inputs_from_records([dict(zip(keys, row)) for row in FILINGS], APPLICANTS, REGISTER)
    batch = prepare_batch(inputs)
    row = {fid: i for i, fid in enumerate(batch.filings["filing_id"])}
    ids = batch.applicants["applicant_id"]
    flags = pd.DataFrame(
        {
            "filing_idx": [row["F2"], row["F3"], row["F4"]],
            "group": ["squatting", "squatting", "public_interest"],
            "owner": ["华为技术有限公司", "华为技术有限公司", ""],
        }
    )
    place = batch.filings["filing_id"].eq("F3").to_numpy()
    out = compute_applicant_metrics(
        ApplicantMetricInputs(
            batch=batch,
            scope_classes={"服装": [25]},
            flags=flags,
            list_filings={"place_name": place},
            watch_apps=ids.eq(B).to_numpy(),
            agency_names={canonical("王小明")},
            cluster_size=np.where(ids.eq(A), 2, 1),
            repeat_apps=ids.eq(A).to_numpy(),
        )
    )
    return out.set_index("applicant_id")


EXPECTED = {
    "n_filings": (3, 1),
    "n_classes": (3, 1),  # A: 25, 9, 35
    "n_marks": (2, 1),  # A: 鑫隆达, 酷米
    "distinct_mark_share": (2 / 3, 1.0),  # A: 2 marks in 3 filings; B: 1 in 1
    "peak_filings_per_day": (2, 1),  # A: two on 2021-03-01
    "active_days": (5, 1),  # A: 03-01 .. 03-05 inclusive
    "entity_type": ("company", "individual"),
    "registered_capital": (100000.0, np.nan),
    "company_age_days": (425.0, np.nan),  # 2020-01-01 -> 2021-03-01: 366 (leap year) + 31 + 28
    "registry_status": ("注销", ""),
    "registry_inactive": (True, False),
    "out_of_scope_share": (2 / 3, np.nan),  # 服装 covers class 25 only; B has no scope
    "transfer_ratio": (1 / 3, 0.0),
    "distinct_assignees": (1, 0),
    "short_mark_share": (2 / 3, 0.0),  # 酷米 twice shares no character with 鑫隆达; 王小明 is B's own name
    "own_mark_share": (1 / 3, 1.0),  # 鑫隆达 is A's trade name (and registered mark); 王小明 is B's name
    "owns_famous_mark": (True, False),  # R1 is famous and owned by A's id
    "protected_sign_hits": (0, 1),
    "famous_mark_hits": (2, 0),
    "distinct_owners_copied": (1, 0),
    "max_filings_one_owner": (2, 0),
    "place_name_filings": (1, 0),
    "generic_term_filings": (0, 0),  # no generic-term hits given: 0 for everyone
    "watchlist": (False, True),
    "repeat_offender": (True, False),  # A is given as confirmed in a registry (or linked to one)
    "is_agency": (False, True),
    "agency_evidence": ("", "agent"),  # B (王小明) is named in the agent column
    "non45_filings": (3, 0),
    "cluster_size": (2, 1),
}


@pytest.mark.parametrize("name", list(EXPECTED))
def test_applicant_metric_by_hand(table, name):
    got = table.loc[[A, B], name].tolist()
    for value, expected in zip(got, EXPECTED[name]):
        if isinstance(expected, float):
            assert value == pytest.approx(expected, nan_ok=True), name
        else:
            assert value == expected, name


def test_every_applicant_metric_is_checked_here(table):
    from detector.metrics.registry import groups

    computed = [c for g in groups("applicant") if not g.over_batch for c in g.columns]
    assert list(table.columns) == ["applicant_name", *computed]
    assert set(EXPECTED) == set(computed)
