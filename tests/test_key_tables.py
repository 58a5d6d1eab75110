"""The batch's key tables at scale (pyarrow and numpy paths, used above SMALL_ROWS applicants) against plain
Python references: normalize.identity.key_table and own_marks' register owners."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from detector.batch import batch_key_table, prepare_batch, register_owner_keys
from detector.io import load_inputs
from detector.metrics.applicant import own_marks
from detector.normalize import identity
from detector.normalize.identity import NAME, SEPARATOR, _key_rows
from detector.text_lists import TextLists

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"


@pytest.fixture(scope="module")
def batch():
    return prepare_batch(load_inputs(DEMO / "filings.csv", DEMO / "applicants.csv", DEMO / "register.csv"))


def _plain_key_table(idx, own, related) -> list[tuple[int, str]]:
    rows = []
    for code, mine, rel in zip(idx, own, related):
        rows += [(code, k) for k in dict.fromkeys([*mine, *(rel.split(SEPARATOR) if rel else [])])]
    return rows


def test_key_rows_equal_the_plain_loop_on_the_demo(batch):
    apps, own = batch.applicants, batch.memo["self_keys"]
    got = _key_rows(np.arange(len(apps)), own, apps["identity_keys"])
    related = [v if isinstance(v, str) else "" for v in apps["identity_keys"].tolist()]
    assert list(zip(got["app"].tolist(), got["key"].tolist())) == _plain_key_table(range(len(apps)), own, related)
    assert got["app"].dtype == np.int64 and got["key"].dtype == "str"
    assert len(got) > 2 * len(apps)


def test_key_rows_drop_a_related_key_that_is_an_own_key():
    """Own keys first; a related key repeating one of the row's own keys is left out, as is an empty cell; the
    same key under another row stays."""
    own = [[NAME + "甲", NAME + "乙"], [NAME + "丙"], [], [NAME + "丁"]]
    related = pd.Series(
        [SEPARATOR.join([NAME + "乙", NAME + "戊"]), SEPARATOR.join([NAME + "甲", NAME + "丙"]), NAME + "己", None],
        dtype="str",
    )
    idx = np.array([3, 5, 8, 9])
    got = _key_rows(idx, own, related)
    plain = _plain_key_table(idx.tolist(), own, [v if isinstance(v, str) else "" for v in related.tolist()])
    assert list(zip(got["app"].tolist(), got["key"].tolist())) == plain
    assert plain[:3] == [(3, NAME + "甲"), (3, NAME + "乙"), (3, NAME + "戊")]


def test_key_table_takes_the_array_path_above_small_rows(batch, monkeypatch):
    """Above SMALL_ROWS applicants key_table() is _key_rows(): the same frame as the loop gives."""
    apps, own = batch.applicants, batch.memo["self_keys"]
    loop = identity.key_table(apps, own=own)  # 1,072 applicants: the loop
    monkeypatch.setattr(identity, "SMALL_ROWS", 10)
    pd.testing.assert_frame_equal(identity.key_table(apps, own=own), loop)
    codes = [5, 900, 17, 300]
    monkeypatch.setattr(identity, "SMALL_ROWS", 2)
    arrays = identity.key_table(apps, codes, own=own)
    monkeypatch.setattr(identity, "SMALL_ROWS", 10_000)
    pd.testing.assert_frame_equal(arrays, identity.key_table(apps, codes, own=own))


def test_register_owners_equal_a_plain_join(batch):
    """Per applicant the register rows of the owners that share a key with it, ascending."""
    codes, keys = register_owner_keys(batch)
    table = batch_key_table(batch)
    apps_of: dict[str, set[int]] = {}
    for app, key in zip(table["app"].tolist(), table["key"].tolist()):
        apps_of.setdefault(key, set()).add(app)
    expected: list[list[int]] = [[] for _ in range(batch.n_apps)]
    for row, owner in enumerate(codes.tolist()):
        for app in sorted({a for k in keys[owner] for a in apps_of.get(k, ())}):
            expected[app].append(row)
    got = own_marks._register_owners(batch)
    assert [g.tolist() for g in got] == expected
    assert sum(len(e) for e in expected) > 0
    assert all(g.dtype == np.int64 for g in got)


def test_register_owners_of_several_owners_and_keys():
    """An applicant meeting two owners gets both owners' rows in register order, each once (owner 1 is met through
    two keys by applicant 3); an applicant meeting none gets none."""
    from detector.batch import Batch

    register = pd.DataFrame({"canon": ["甲", "乙", "丙", "丁", "戊"]})
    owner_of_row = np.array([1, 0, 1, 2, 0])
    owner_keys = [["K1"], ["K2", "K1"], ["K3"]]
    table = pd.DataFrame(
        {
            "app": np.array([0, 1, 1, 3, 3], dtype=np.int64),
            "key": pd.Series(["K1", "K2", "K3", "K1", "K2"], dtype="str"),
        }
    )
    apps = pd.DataFrame({"applicant_id": ["a0", "a1", "a2", "a3"]})
    memo = {"register_owner_keys": (owner_of_row, TextLists.of(owner_keys)), "key_table": table}
    batch = Batch(pd.DataFrame(), pd.DataFrame(), apps, register, memo=memo)
    got = [g.tolist() for g in own_marks._register_owners(batch)]
    assert got == [[0, 1, 2, 4], [0, 2, 3], [], [0, 1, 2, 4]]


def test_coded_related_keys_and_table_equal_the_plain_paths(batch, monkeypatch):
    """related_keys_and_table (coded pairs, above SMALL_ROWS rows) gives what related_keys' plain Python sets and
    key_table's loop give: the demo's applicants with the registry's parties that file nothing here, and without."""
    inputs = load_inputs(DEMO / "filings.csv", DEMO / "applicants.csv", DEMO / "register.csv")
    apps = inputs.applicants.reset_index(drop=True).assign(canon_name=batch.applicants["canon_name"].to_numpy())
    own = batch.memo["self_keys"]
    # Parties that file nothing here: each holds shares in one applicant and is a shareholder of another.
    parties = inputs.registry.iloc[:40].copy()
    parties["applicant_id"] = [f"ZZ-PARTY-{i}" for i in range(40)]
    parties["name"] = [f"远景{i}号控股有限公司" for i in range(40)]
    parties["shareholders"] = apps["name"].iloc[:40].to_numpy()
    apps.loc[100:139, "shareholders"] = parties["name"].to_numpy()
    with_parties = pd.concat([inputs.registry, parties], ignore_index=True)
    assert identity._registry_only(with_parties, apps).sum() == 40
    for registry in (with_parties, inputs.registry, None):
        plain = identity.related_keys(apps, registry, own)  # 1,072 applicants: sets in Python
        table = identity.key_table(pd.DataFrame({"identity_keys": plain.array}), own=own)
        monkeypatch.setattr(identity, "SMALL_ROWS", 10)
        coded, coded_table = identity.related_keys_and_table(apps, registry, own)
        assert identity.related_keys(apps, registry, own).tolist() == plain.tolist()
        monkeypatch.setattr(identity, "SMALL_ROWS", 10_000)
        assert list(coded) == plain.tolist() and coded.dtype == "str"
        pd.testing.assert_frame_equal(coded_table.frame(), table)
        assert sum(bool(k) for k in plain) > 100  # the demo ties many of its applicants
        if registry is with_parties:  # a party ties its subsidiary and the applicant it holds shares of
            assert "远景0号控股" in plain.iloc[0] and "远景0号控股" in plain.iloc[100]
