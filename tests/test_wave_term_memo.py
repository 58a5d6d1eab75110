"""The herd's term pairs made beforehand, in the identity keys' child (herd.wave_term_memo): the same herd and wave
columns as made in place, and a memo made under other lists is not used."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from detector.batch import prepare_batch, settle_identity
from detector.engines import make_executor
from detector.io import load_inputs
from detector.metrics.filing import batch_herd, wave_term_memo
from detector.metrics.filing.herd import WAVE_TERM_PAIRS
from detector.rules.load import load_ruleset

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"


@pytest.fixture(scope="module")
def lists():
    return load_ruleset()[0].lists


def _batch(lists, forked: bool):
    inputs = load_inputs(DEMO / "filings.csv", DEMO / "applicants.csv", DEMO / "register.csv")
    with make_executor("pandas", None, 2, None) as executor:
        later = partial(executor.later, what="identity keys", worth=forked)
        batch = prepare_batch(inputs, later=later, meanwhile=partial(wave_term_memo, lists=lists))
        settle_identity(batch)
    return batch


def test_the_child_s_term_pairs_give_the_same_waves(lists):
    forked = _batch(lists, forked=True)
    made = forked.memo[WAVE_TERM_PAIRS]
    assert made[0] == id(lists) and len(made[2]) > 100  # made in the child, for these lists
    here = _batch(lists, forked=False)
    assert WAVE_TERM_PAIRS not in here.memo  # no child: the herd makes them itself
    clusters = np.full(forked.n_apps, -1, dtype=np.int64)
    got, expected = batch_herd(forked, clusters, lists), batch_herd(here, clusters, lists)
    pd.testing.assert_frame_equal(got, expected)
    assert (got["wave_term"] != "").sum() > 50


def test_a_memo_of_other_lists_or_marks_is_not_used(lists):
    batch = _batch(lists, forked=False)
    clusters = np.full(batch.n_apps, -1, dtype=np.int64)
    expected = batch_herd(batch, clusters, lists)
    n_marks = batch.filings["canon"].nunique()
    nothing = pd.DataFrame({"mark": pd.Series(dtype="int64"), "term": pd.Series(dtype="str")})
    batch.memo[WAVE_TERM_PAIRS] = (id(dict(lists)), n_marks, nothing)  # other lists
    pd.testing.assert_frame_equal(batch_herd(batch, clusters, lists), expected)
    batch.memo[WAVE_TERM_PAIRS] = (id(lists), n_marks + 1, nothing)  # other marks
    pd.testing.assert_frame_equal(batch_herd(batch, clusters, lists), expected)
    batch.memo[WAVE_TERM_PAIRS] = (id(lists), n_marks, nothing)  # taken as it is: no term, no wave
    assert (batch_herd(batch, clusters, lists)["wave_term"] == "").all()
