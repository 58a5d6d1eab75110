"""The report's and tables' per-group lists made without a Python call per group: the same values as pandas'
groupby-agg, the clusters' lists only for the clusters report.html details, the hits lines read by position."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from detector.report import network
from detector.report.tables import _joined_runs, cluster_evidence_table, rules_by_filing
from detector.report.write import _hits_lines

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"


def _hits(seed: int, n: int) -> pd.DataFrame:
    rng = np.random.RandomState(seed)
    return pd.DataFrame(
        {
            "filing_id": pd.array([f"F{i:03d}" for i in rng.randint(0, n // 3, size=n)], dtype="str"),
            "rule_id": pd.array([f"R-{i}" for i in rng.randint(0, 7, size=n)], dtype="str"),
        }
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rules_by_filing_is_pandas_groupby_agg(seed):
    hits = _hits(seed, 400)
    expected = hits.groupby("filing_id")["rule_id"].agg(lambda s: ";".join(sorted(set(s)))).to_dict()
    assert rules_by_filing(hits) == expected
    assert any(";" in v for v in expected.values())
    assert rules_by_filing(hits.iloc[0:0]) == {}


@pytest.mark.parametrize("seed", [4, 5])
def test_joined_runs_is_pandas_groupby_join(seed):
    hits = _hits(seed, 300)
    counts = hits.groupby(["filing_id", "rule_id"], sort=True).size().reset_index(name="n")
    parts = counts["rule_id"] + "×" + counts["n"].astype(str)
    expected = counts.assign(part=parts).groupby("filing_id", sort=True)["part"].agg(";".join).to_dict()
    assert _joined_runs(counts["filing_id"].tolist(), parts.tolist()) == expected
    assert _joined_runs([], []) == {}


@pytest.fixture(scope="module")
def demo_result(tmp_path_factory):
    from detector.api import run_screening

    result, _ = run_screening(
        DEMO / "filings.csv",
        applicants=DEMO / "applicants.csv",
        register=DEMO / "register.csv",
        out=tmp_path_factory.mktemp("demo"),
        lang="en",
        threshold=60,  # some applicants with hits below it
    )
    return result


def test_only_the_detailed_clusters_get_members_and_evidence(demo_result, monkeypatch):
    monkeypatch.setattr(network, "MAX_CLUSTERS", 2)
    blob = network.cluster_networks(demo_result)
    items = blob["items"]
    assert blob["detailed"] == 2 and blob["total"] == len(items) == len(demo_result.graph.cluster_ids) > 2
    scores = demo_result.scores.assign(
        cluster=[demo_result.graph.cluster_ids[c] if c >= 0 else "" for c in demo_result.graph.cluster_code]
    )
    evidence = cluster_evidence_table(demo_result)
    for i, item in enumerate(items):
        members = scores[scores["cluster"] == item["cluster_id"]]
        assert item["n_flagged"] == int(members["flagged"].sum()) and isinstance(item["n_flagged"], int)
        if i < 2:
            assert sorted(m["id"] for m in item["members"]) == sorted(members["applicant_id"])
            mine = evidence[evidence["cluster_id"] == item["cluster_id"]]
            assert item["n_evidence"] == len(mine) > 0
            assert [row[0] for row in item["evidence"]] == mine["src"].astype(str).tolist()[: network.MAX_EVIDENCE_ROWS]
        else:
            assert "members" not in item and "evidence" not in item
    assert sum(item["n_flagged"] for item in items) == int(scores.loc[scores["cluster"] != "", "flagged"].sum()) > 0


def test_each_hits_line_carries_its_applicants_score_row(demo_result):
    lines = [json.loads(line) for line in _hits_lines(demo_result, "en")]
    scores = demo_result.scores.set_index("applicant_id")
    assert [r["applicant_id"] for r in lines] == sorted(r["applicant_id"] for r in lines)
    assert len(lines) > 40 and any(r["flagged"] for r in lines) and any(not r["flagged"] for r in lines)
    for r in lines:
        row = scores.loc[r["applicant_id"]]
        assert r["applicant_name"] == row["applicant_name"] and r["score"] == float(row["score"])
        assert r["level"] == row["level"] and r["flagged"] is bool(row["flagged"])
        assert r["cluster_id"] == row["cluster_id"] and r["contributions"]
