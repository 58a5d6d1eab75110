"""The synthetic batch generator: deterministic bytes, every category labelled, loads through the contract, scales;
labels follow the filings, a share of signs comes from outside the shipped lists, everyday words collide."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from detector.io import load_inputs, load_labels
from detector.synth import generate
from detector.synth.builder import Builder
from detector.synth.clusters import cluster
from detector.synth.heldout import pool_outside, reachable
from detector.synth.labelling import GREY, bulk_label, busiest_year, hoarding_label, selling_label
from detector.synth.planted import hoarder
from detector.synth.references import signs

FILES = ("filings.csv", "applicants.csv", "register.csv", "labels.csv", "unlabelled.csv")
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
    "control_product_line",
    "control_active_person",
}
# planted kinds labelled by volume lines (detector.synth.labelling): 0, 1 or no label
BY_VOLUME = {
    "hoarder",
    "hoarder_individual",
    "transfer_hoarder",
    "place_name_hoarder",
    "generic_term_hoarder",
    "cluster_member",
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
    grey = pd.read_csv(folder / "unlabelled.csv", dtype=str, keep_default_na=False)
    cats = set(labels["category"])
    assert (PLANTED - BY_VOLUME) | CONTROLS | {"benign"} <= cats and BY_VOLUME <= cats | set(grey["category"])
    assert set(labels.loc[labels["label"] == "1", "category"]) <= PLANTED
    assert set(labels.loc[labels["label"] == "0", "category"]) <= CONTROLS | {"benign", "benign_collision"} | BY_VOLUME
    assert set(grey["category"]) <= BY_VOLUME
    assert set(labels["source"]) <= {"from_list", "outside_list", "none"}
    apps = pd.read_csv(folder / "applicants.csv", dtype=str, keep_default_na=False)
    ids = pd.concat([labels["applicant_id"], grey["applicant_id"]])
    assert set(ids) == set(apps["applicant_id"]) and ids.is_unique
    assert summary["suspicious"] == int((labels["label"] == "1").sum())
    assert summary["unlabelled"] == len(grey)


def test_share_of_signs_from_outside_the_lists(demo):
    folder, summary = demo
    labels = pd.read_csv(folder / "labels.csv", dtype=str, keep_default_na=False)
    outside = labels[labels["source"] == "outside_list"]
    assert (outside["label"] == "1").all() and outside["category"].nunique() >= 3
    assert 0.2 < len(outside) / summary["suspicious"] < 0.6
    assert summary["suspicious_by_source"]["from_list"] > 0


def test_reachable_by_a_shipped_list():
    """A held-out sign counts as outside only when no shipped list can reach it."""
    assert reachable("冰墩墩") and reachable("冰 墩 墩")  # a list term, also spaced
    assert reachable("小苹果")  # contains a famous mark (matched inside marks)
    assert reachable("北京")  # a place-name alias, matched whole
    assert not reachable("淄博烧烤")  # a place name inside a longer mark: the place list matches whole marks only
    assert not reachable("澜沁") and not reachable("VELORA")  # invented marks
    for kind in ("brands", "trending", "people", "events"):
        assert pool_outside(kind) and not any(reachable(s.term) for s in pool_outside(kind))


def test_everyday_words_filed_innocently(demo):
    """Ordinary applicants file words that are famous marks elsewhere, in their own classes, labelled 0."""
    folder, _ = demo
    labels = pd.read_csv(folder / "labels.csv", dtype=str, keep_default_na=False)
    f = pd.read_csv(folder / "filings.csv", dtype=str, keep_default_na=False)
    innocent = labels[labels["category"] == "benign_collision"]
    assert len(innocent) >= 5 and (innocent["label"] == "0").all()
    famous = {s.term: set(s.classes) for s in signs("famous_marks") if len(s.term) >= 2 and not s.term.isascii()}
    rows = f[f["applicant_id"].isin(innocent["applicant_id"])]
    hits = [
        (t, int(c))
        for m, cell in zip(rows["mark_text"], rows["nice_class"])
        for c in cell.split(";")  # a filing may name several classes
        for t in famous
        if t in m
    ]
    assert hits and all(c not in famous[t] for t, c in hits)


def test_labelling_lines():
    """Lines from decided cases (29 for a person, 42 for a company), a band below each with no label."""
    assert busiest_year([0, 100, 364, 365, 800]) == 3  # 0..364, or 100..465 (365 is outside 0's year)
    assert busiest_year([0, 1, 2], ["甲", "甲", "乙"]) == 2  # distinct marks
    assert [hoarding_label(n, True) for n in (29, 28, 15, 14)] == [1, GREY, GREY, 0]
    assert [hoarding_label(n, False) for n in (42, 41, 21, 20)] == [1, GREY, GREY, 0]
    assert selling_label(20, 5, 3, False) == 1 and selling_label(25, 5, 2, False) == GREY
    assert selling_label(19, 9, 9, False) == GREY and selling_label(9, 9, 9, False) == 0
    assert [bulk_label(n, 10) for n in (10, 9, 5, 4)] == [1, GREY, GREY, 0]


def test_a_planted_hoarder_is_labelled_by_its_filings():
    """A hoarder filing few marks is not suspicious because it was planted; the label is the filings' verdict."""
    for seed in range(12):
        b = Builder(np.random.default_rng(seed), set())
        app = hoarder(b, "hoarder_individual", True, 5 if seed % 2 else 60, "代理")
        f = pd.DataFrame(b.filings)
        expect = hoarding_label(busiest_year(f["day"], f["mark_text"]), True)
        assert b.apps[app]["label"] == expect
        if seed % 2:
            assert expect == 0


def test_rings_grow_past_the_hub_caps():
    """Rings of 2-40 members; some share one phone among all members."""
    sizes, one_phone = [], []
    for seed in range(60):
        b = Builder(np.random.default_rng(seed), set())
        members = cluster(b, "hoarding", "代理")
        sizes.append(len(members))
        phones = {b.apps[m]["phone"] for m in members}
        if len(phones) == 1 and len(members) > 8:
            one_phone.append(len(members))
    assert min(sizes) == 2 and 25 <= max(sizes) <= 40 and one_phone


def test_scopes_are_written_like_registry_extracts(demo):
    folder, _ = demo
    apps = pd.read_csv(folder / "applicants.csv", dtype=str, keep_default_na=False)
    scopes = apps.loc[apps["entity_type"] == "company", "business_scope"]
    assert scopes.nunique() > 200 and (scopes == "").any() and scopes.str.startswith("一般项目：").any()


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
    assert len(labels) == summary["applicants"] - summary["unlabelled"]
    reg = pd.read_csv(folder / "register.csv", dtype=str, keep_default_na=False)
    assert (reg["famous"] == "1").sum() >= 100


def test_baseline_is_benign_only(tmp_path):
    summary = generate(tmp_path / "b", n_filings=1500, seed=5, profile="baseline")
    labels = pd.read_csv(tmp_path / "b" / "labels.csv", dtype=str, keep_default_na=False)
    assert set(labels["category"]) == {"benign"} and summary["suspicious"] == 0
    assert not (tmp_path / "b" / "unlabelled.csv").exists()
    assert list(pd.read_csv(tmp_path / "b" / "known_hits.csv").columns)[:2] == ["rule_id", "subject"]
    load_inputs(tmp_path / "b" / "filings.csv", tmp_path / "b" / "applicants.csv", tmp_path / "b" / "register.csv")


def test_size_scales_with_n_filings(tmp_path):
    small = generate(tmp_path / "s", n_filings=5000, seed=1, profile="demo")
    large = generate(tmp_path / "l", n_filings=20000, seed=1, profile="demo")
    assert small["filings"] == 5000 and large["filings"] == 20000
    assert 3 < large["applicants"] / small["applicants"] < 5.5
    assert (tmp_path / "l" / "filings.csv").stat().st_size > 3 * (tmp_path / "s" / "filings.csv").stat().st_size
