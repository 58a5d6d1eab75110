"""One partition's matching on two cores (detector/pipeline/match_split.py): the lists shared out between a forked
child and this process give the same hit tables and stats, in the same order, as asking for them one by one; each
list is taken by exactly one side; a screening with jobs writes the same files as one without."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from forked_work import assert_same_files, record_pids

import detector.pipeline.match_split as match_split
from detector.batch import prepare_batch
from detector.fork_map import fork_beside, in_turn
from detector.io import load_inputs
from detector.pipeline.match_split import Claims, by_list, match_side_by_side
from detector.pipeline.match_stage import LIST_FILING_CATEGORIES, MatchStage, stats_key
from detector.rules.conditions import MatchSpec
from detector.rules.load import load_ruleset

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"


@pytest.fixture(scope="module")
def demo():
    inputs = load_inputs(DEMO / "filings.csv", DEMO / "applicants.csv", DEMO / "register.csv")
    ruleset, compiled, _ = load_ruleset(None)
    return prepare_batch(inputs), ruleset, compiled


def _asked_one_by_one(batch, ruleset, compiled) -> MatchStage:
    """A stage asked for hits as a partition asks: its filing rules' specs, then list_filings."""
    stage = MatchStage(batch, ruleset)
    for c in compiled:
        if c.rule.active and c.rule.scope == "filing" and c.match_spec is not None:
            stage.hits(c.match_spec)
    for category in LIST_FILING_CATEGORIES:
        stage.list_filings(category)
    return stage


def _beside_in_a_child(task, here):
    return fork_beside(task, here, "matching")


def test_planned_specs_are_those_a_partition_asks_for_in_its_order(demo):
    batch, ruleset, compiled = demo
    asked = _asked_one_by_one(batch, ruleset, compiled)
    planned = MatchStage(batch, ruleset).planned_specs(compiled)
    assert planned == list(asked._hits)
    assert len(planned) > 10 and len({s.list_id for s in planned}) > 5


@pytest.mark.parametrize("beside", [_beside_in_a_child, in_turn], ids=["forked", "in turn"])
def test_split_matching_gives_the_tables_and_stats_asked_one_by_one(demo, beside):
    batch, ruleset, compiled = demo
    asked = _asked_one_by_one(batch, ruleset, compiled)
    split = MatchStage(batch, ruleset)
    assert match_side_by_side(split, compiled, beside, lambda: "metrics") == "metrics"
    assert list(split._hits) == list(asked._hits)
    for spec, hits in asked._hits.items():
        pd.testing.assert_frame_equal(split.hits(spec), hits)
    assert sum(len(h) for h in asked._hits.values()) > 100  # the demo's marks hit many lists
    assert list(split.stats.items()) == list(asked.stats.items())  # run.json keeps this order
    assert list(split.list_filings("place_name")) == list(asked.list_filings("place_name"))


def test_each_side_takes_lists_until_none_is_left(demo, tmp_path, monkeypatch):
    batch, ruleset, compiled = demo
    pids = tmp_path / "pids"
    record_pids(monkeypatch, MatchStage, "computed", pids)
    meanwhile = tmp_path / "meanwhile"
    match_side_by_side(MatchStage(batch, ruleset), compiled, _beside_in_a_child, lambda: meanwhile.write_text("x"))
    assert meanwhile.read_text() == "x"  # run in this process (the child's files would be there too: run once)
    sides = pids.read_text().split()
    assert str(os.getpid()) in sides and len(set(sides)) == 2  # this process and one child
    assert len(sides) == len(by_list(MatchStage(batch, ruleset).planned_specs(compiled), {}))  # one call a list


def test_claims_hand_out_each_number_once_across_a_fork():
    claims = Claims(200)

    def take_all() -> list[int]:
        taken = []
        while (i := claims.take()) is not None:
            taken.append(i)
        return taken

    theirs, mine = fork_beside(take_all, take_all, "matching")
    assert sorted(theirs + mine) == list(range(200))
    assert claims.take() is None


def test_lists_are_ordered_dearest_first_with_their_specs_together():
    a = MatchSpec("a", ("exact",), 100)
    b1, b2 = MatchSpec("b", ("exact", "contains", "pinyin"), 90), MatchSpec("b", ("given_name",), 90)
    c = MatchSpec("c", ("exact",), 100)
    groups = by_list([a, b1, c, b2], {"a": 5000, "b": 10, "c": 10})
    assert groups == [[a], [b1, b2], [c]]  # a: 1 method + 5 for its length; b: 4 methods; c: 1
    assert stats_key(b1) == "b:exact/contains/pinyin:90"


def test_small_batches_and_no_spare_core_only_run_meanwhile(demo):
    batch, ruleset, compiled = demo
    stage = MatchStage(batch, ruleset)
    assert match_side_by_side(stage, compiled, None, lambda: 7) == 7
    assert not stage._hits  # the rules ask for each spec's hits as they go
    small = prepare_batch(load_inputs(DEMO / "filings.csv", DEMO / "applicants.csv", DEMO / "register.csv"))
    small.filings = small.filings.head(match_split.SPLIT_MATCH_FILINGS - 1)
    stage = MatchStage(small, ruleset)
    assert match_side_by_side(stage, compiled, _beside_in_a_child, lambda: 8) == 8
    assert not stage._hits


def test_a_screening_with_jobs_splits_its_matching_and_writes_the_same_files(tmp_path, monkeypatch):
    from detector.api import run_screening

    pids = tmp_path / "pids"
    record_pids(monkeypatch, MatchStage, "computed", pids)
    kwargs = {"applicants": DEMO / "applicants.csv", "register": DEMO / "register.csv", "lang": "zh"}
    run_screening(DEMO / "filings.csv", out=tmp_path / "two", jobs=2, **kwargs)
    assert len(set(pids.read_text().split())) == 2
    pids.unlink()
    run_screening(DEMO / "filings.csv", out=tmp_path / "one", jobs=1, **kwargs)
    assert not pids.exists()  # one job: the rules ask for each spec's hits as they go
    assert_same_files(tmp_path / "one", tmp_path / "two")


def test_no_shared_memory_for_the_counter_matches_as_asked(demo, monkeypatch):
    batch, ruleset, compiled = demo

    def no_semaphores(*args, **kwargs):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(match_split.multiprocessing, "Value", no_semaphores)
    stage = MatchStage(batch, ruleset)
    assert match_side_by_side(stage, compiled, _beside_in_a_child, lambda: "metrics") == "metrics"
    assert not stage._hits
