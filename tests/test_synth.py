"""The synthetic batch generator: deterministic bytes, every category labelled, loads through the contract, scales."""

from __future__ import annotations

import pandas as pd
import pytest

from detector.io import load_inputs, load_labels
from detector.synth import generate

FILES = ("filings.csv", "applicants.csv", "register.csv", "labels.csv")
PLANTED = {
    "hoarder",
    "hoarder_individual",
    "transfer_hoarder",
    "olympic_squatter",
    "champion_squatter",
    "emergency_squatter",
    "public_figure_squatter",
    "national_project_squatter",
    "martyr_squatter",
    "famous_mark_copier",
    "repeat_owner_squatter",
    "place_name_hoarder",
    "generic_term_hoarder",
    "herd_squatter",
    "agency_own_filing",
    "cluster_member",
}
CONTROLS = {
    "control_defensive_brand",
    "control_busy_agency_client",
    "control_incubator",
    "control_common_word",
    "control_rights_holder",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    folder = tmp_path_factory.mktemp("synth") / "demo"
    summary = generate(folder, n_filings=4000, seed=3, profile="demo")
    return folder, summary


def test_same_seed_same_bytes(demo, tmp_path):
    folder, _ = demo
    generate(tmp_path / "again", n_filings=4000, seed=3, profile="demo")
    for name in FILES:
        assert (folder / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name


def test_other_seed_other_bytes(demo, tmp_path):
    folder, _ = demo
    generate(tmp_path / "other", n_filings=4000, seed=4, profile="demo")
    assert (folder / "filings.csv").read_bytes() != (tmp_path / "other" / "filings.csv").read_bytes()


def test_labels_cover_every_category(demo):
    folder, summary = demo
    labels = pd.read_csv(folder / "labels.csv", dtype=str, keep_default_na=False)
    cats = set(labels["category"])
    assert PLANTED | CONTROLS | {"benign"} <= cats
    assert set(labels.loc[labels["label"] == "1", "category"]) == PLANTED
    assert set(labels.loc[labels["label"] == "0", "category"]) == CONTROLS | {"benign"}
    apps = pd.read_csv(folder / "applicants.csv", dtype=str, keep_default_na=False)
    assert set(labels["applicant_id"]) == set(apps["applicant_id"]) and labels["applicant_id"].is_unique
    assert summary["suspicious"] == int((labels["label"] == "1").sum())


def test_controls_are_hard(demo):
    folder, _ = demo
    f = pd.read_csv(folder / "filings.csv", dtype=str, keep_default_na=False)
    labels = pd.read_csv(folder / "labels.csv", dtype=str, keep_default_na=False)
    apps = pd.read_csv(folder / "applicants.csv", dtype=str, keep_default_na=False).merge(labels, on="applicant_id")
    clients = apps.loc[apps["category"] == "control_busy_agency_client", "applicant_id"]
    assert f.loc[f["applicant_id"].isin(clients), "agent"].nunique() == 1 and len(clients) >= 300
    inc = apps[apps["category"] == "control_incubator"]
    assert len(inc) >= 100 and inc["address"].str.replace(r"\d+室$", "", regex=True).nunique() == 1
    brand = apps.loc[apps["category"] == "control_defensive_brand", "applicant_id"].iloc[0]
    classes = f.loc[f["applicant_id"] == brand, "nice_class"].str.split(";").explode().nunique()
    assert classes >= 30


def test_files_load_through_the_contract(demo):
    folder, summary = demo
    inputs = load_inputs(folder / "filings.csv", folder / "applicants.csv", folder / "register.csv")
    assert len(inputs.filings) == summary["filings"] == 4000
    assert inputs.skipped_rows == []
    labels, _ = load_labels(folder / "labels.csv")
    assert len(labels) == summary["applicants"]
    reg = pd.read_csv(folder / "register.csv", dtype=str, keep_default_na=False)
    assert (reg["famous"] == "1").sum() >= 100


def test_baseline_is_benign_only(tmp_path):
    summary = generate(tmp_path / "b", n_filings=1500, seed=5, profile="baseline")
    labels = pd.read_csv(tmp_path / "b" / "labels.csv", dtype=str, keep_default_na=False)
    assert set(labels["category"]) == {"benign"} and summary["suspicious"] == 0
    assert list(pd.read_csv(tmp_path / "b" / "known_hits.csv").columns)[:2] == ["rule_id", "subject"]
    load_inputs(tmp_path / "b" / "filings.csv", tmp_path / "b" / "applicants.csv", tmp_path / "b" / "register.csv")


def test_size_scales_with_n_filings(tmp_path):
    small = generate(tmp_path / "s", n_filings=5000, seed=1, profile="demo")
    large = generate(tmp_path / "l", n_filings=20000, seed=1, profile="demo")
    assert small["filings"] == 5000 and large["filings"] == 20000
    assert 3 < large["applicants"] / small["applicants"] < 5.5
    assert (tmp_path / "l" / "filings.csv").stat().st_size > 3 * (tmp_path / "s" / "filings.csv").stat().st_size
