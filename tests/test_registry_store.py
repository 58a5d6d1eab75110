"""The registry's storage on real SQLite files and a real PostgreSQL server: recording, idempotence, history
lookups, decisions (clear, new evidence), offenders, labels, diff, users."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from pg_server import pg_admin_url_fixture, pg_database_fixture, registry_url_fixture  # noqa: F401
from registry_fixtures import batch

from detector.io import load_labels
from detector.registry import RegistryError, batch_id_of, open_registry


def _day(date: str) -> int:
    return int((pd.Timestamp(date) - pd.Timestamp("1970-01-01")).days)


B1 = [
    ("F1", "A", "星光", "2024-01-10"),
    ("F2", "A", "月光", "2024-01-11"),
    ("F3", "B", "星光", "2024-01-12"),
    ("F4", "C", "海浪", "2023-01-01"),
]
B2 = [
    ("F2", "A", "月光", "2024-01-11"),  # seen in B1 already: not stored twice
    ("F5", "A", "日光", "2024-02-01"),
    ("F6", "D", "星光", "2024-02-02"),
]


def test_batch_id_depends_only_on_the_input_hashes():
    assert batch_id_of({"filings": "h1", "applicants": "h2"}, "r1") == batch_id_of({"x": "h2", "y": "h1"}, "r2")
    assert batch_id_of({"filings": "h1"}, "r") != batch_id_of({"filings": "h3"}, "r")
    assert len(batch_id_of({"filings": "h1"}, "r")) == 16


def test_record_is_idempotent(registry_url):
    with open_registry(registry_url) as reg:
        assert reg.record_batch(batch("b1", B1, flagged={"A": 80.0}, hits=[("A", "R1", "F1")]))
        before = (reg.batches(), reg.entries(), reg.entry("A")["history"])
        assert reg.batch_recorded("b1") and not reg.batch_recorded("b2")
        # the same batch again changes nothing, even with other scores in it
        assert not reg.record_batch(batch("b1", B1, flagged={"A": 99.0, "B": 60.0}))
        after = (reg.batches(), reg.entries(), reg.entry("A")["history"])
        for x, y in zip(before, after, strict=True):
            pd.testing.assert_frame_equal(x, y)
        assert reg.record_batch(batch("b2", B2, flagged={"A": 90.0}))
        b = reg.batches().set_index("batch_id")
    assert b.loc["b1", ["n_filings", "n_new_filings", "n_applicants", "n_flagged"]].tolist() == [4, 4, 3, 1]
    assert b.loc["b2", ["n_filings", "n_new_filings", "n_applicants", "n_flagged"]].tolist() == [3, 2, 2, 1]


def test_entries_count_batches_and_keep_first_listed(registry_url):
    with open_registry(registry_url) as reg:
        reg.record_batch(batch("b1", B1, flagged={"A": 80.0}))
        reg.record_batch(batch("b2", B2, flagged={"A": 90.0, "D": 95.0}))
        e = reg.entries().set_index("applicant_id")
    assert list(e.index) == ["D", "A"]  # best first: score 95 before 90
    assert e.loc["A", "n_batches"] == 2 and e.loc["A", "first_batch"] == "b1" and e.loc["A", "last_batch"] == "b2"
    assert e.loc["A", "score"] == 90.0 and e.loc["A", "status"] == "suspected"
    assert e.loc["D", "n_batches"] == 1


def test_history_finds_earlier_filings_by_applicant_value_and_mark(registry_url):
    with open_registry(registry_url) as reg:
        reg.record_batch(batch("b1", B1, values=[("B", "phone", "p:123"), ("C", "phone", "p:999")]))
        reg.record_batch(batch("b2", B2))
        # A by id; C through its phone; mark 星光 (canonical key) brings F3 (B) and F6 (D) but F6 is in b2, excluded
        h = reg.history(
            applicant_ids=["A"],
            value_keys=["p:999"],
            mark_keys=["星光"],
            since_day=_day("2023-06-01"),
            exclude_batch="b2",
        )
        assert sorted(h.filings["filing_id"]) == ["F1", "F2", "F3"]  # F4 (C) is before since_day
        assert h.filings.set_index("filing_id").loc["F2", "batch_id"] == "b1"
        assert str(h.filings["filing_date"].dtype) == "datetime64[ns]"
        assert h.filings.set_index("filing_id").loc["F1", "day"] == _day("2024-01-10")
        # applicants of those filings, and C that holds the value key
        assert sorted(h.applicants["applicant_id"]) == ["A", "B", "C"]
        assert h.applicants["registered_capital"].tolist() == [1000000.0] * 3
        assert str(h.applicants["established_date"].dtype) == "datetime64[ns]"
        everything = reg.history(applicant_ids=["A", "D"])
        assert sorted(everything.filings["filing_id"]) == ["F1", "F2", "F5", "F6"]
        assert reg.history().filings.empty


def test_history_reads_the_marks_in_their_own_window_after_the_applicants(registry_url):
    with open_registry(registry_url) as reg:
        reg.record_batch(batch("b1", B1))
        reg.record_batch(batch("b2", B2))
        h = reg.history(
            applicant_ids=["C"],
            mark_keys=["星光"],
            since_day=_day("2023-01-01"),
            mark_since_day=_day("2024-01-11"),  # F1 (2024-01-10) is before the marks' window
            exclude_batch="b2",  # F6
        )
        assert h.filings["filing_id"].tolist() == ["F4", "F3"]  # the applicants' part first, then the marks'
        assert h.applicants["applicant_id"].tolist() == ["C", "B"]
        assert h.filings["day"].tolist() == [_day("2023-01-01"), _day("2024-01-12")]


def test_decide_clear_and_new_evidence(registry_url):
    with open_registry(registry_url) as reg:
        reg.record_batch(batch("b1", B1, flagged={"A": 80.0, "B": 70.0}, hits=[("A", "R1", "F1"), ("A", "R2", "F2")]))
        reg.decide("A", "cleared", "own brand, licence seen", "alice")
        assert reg.cleared() == {"A": {("R1", "F1"), ("R2", "F2")}}
        # flagged again without new evidence: stays cleared
        reg.record_batch(batch("b2", B2, flagged={"A": 80.0}, hits=[("A", "R1", "F1")]))
        assert reg.entries().set_index("applicant_id").loc["A", "status"] == "cleared"
        # new evidence: back to suspected, the history shows both
        reg.record_batch(
            batch(
                "b3",
                [("F7", "A", "晨光", "2024-03-01")],
                flagged={"A": 85.0},
                hits=[("A", "R3", "F7")],
                new_evidence=("A",),
            )
        )
        entry = reg.entry("A")
        assert entry["entry"]["status"] == "suspected"
        hist = entry["history"]
        assert hist["status"].tolist() == ["suspected", "cleared", "suspected"]
        assert hist["kind"].tolist() == ["screening", "decision", "new_evidence"]
        assert hist["decided_by"].tolist()[1] == "alice" and hist["reason"].tolist()[1] == "own brand, licence seen"
        assert hist["batch_id"].tolist()[2] == "b3"
        assert sorted(entry["batches"]["batch_id"]) == ["b1", "b2", "b3"]
        assert sorted(entry["filings"]["filing_id"]) == ["F1", "F2", "F5", "F7"]
        # confirmed stays confirmed through later screenings
        reg.decide("B", "confirmed", "case 2024-17", "bob")
        reg.record_batch(batch("b4", [("F8", "B", "X", "2024-04-01")], flagged={"B": 50.0}))
        assert reg.entries().set_index("applicant_id").loc["B", "status"] == "confirmed"


def test_decide_errors(registry_url):
    with open_registry(registry_url) as reg:
        reg.record_batch(batch("b1", B1, flagged={"A": 80.0}))
        for args, word in [
            (("nobody", "confirmed", "r", "me"), "nobody"),
            (("A", "guilty", "r", "me"), "guilty"),
            (("A", "confirmed", " ", "me"), "reason"),
            (("A", "confirmed", "r", ""), "reviewer"),
        ]:
            with pytest.raises(RegistryError) as err:
                reg.decide(*args)
            assert word in err.value.render("en") and err.value.exit_code == 2
        # a recorded applicant that was never flagged can still be decided on
        reg.decide("C", "confirmed", "found by hand", "carol")
        assert reg.entries(["confirmed"])["applicant_id"].tolist() == ["C"]


def test_offenders_by_id_name_variants_and_cluster(registry_url):
    with open_registry(registry_url) as reg:
        reg.record_batch(
            batch("b1", B1, flagged={"A": 80.0}, names={"A": "广州市星光贸易有限公司"}, clusters={"A": "K1", "B": "K1"})
        )
        reg.record_batch(batch("b2", B2, names={"A": "星光商贸（广州）有限公司"}))  # A renamed
        assert reg.offenders().ids == set()
        reg.decide("A", "confirmed", "case 9", "alice")
        off = reg.offenders()
        e = reg.entry("A")
    assert off.ids == {"A"} and off.cluster_members == {"B"}
    from detector.normalize.org_name import org_key

    assert {org_key("广州市星光贸易有限公司"), org_key("星光商贸（广州）有限公司")} <= off.name_keys
    assert e["applicant"]["name"] == "星光商贸（广州）有限公司"
    assert sorted(e["names"]["name"]) == ["广州市星光贸易有限公司", "星光商贸（广州）有限公司"]


def test_labels_follow_the_labels_contract(registry_url, tmp_path: Path):
    with open_registry(registry_url) as reg:
        reg.record_batch(batch("b1", B1, flagged={"A": 80.0, "B": 70.0, "C": 60.0}))
        reg.decide("A", "confirmed", "case", "x")
        reg.decide("B", "cleared", "ok", "x")
        frame = reg.labels()
    path = tmp_path / "labels.csv"
    frame.to_csv(path, index=False)
    labels, _meta = load_labels(path)
    assert labels["applicant_id"].tolist() == ["A", "B"]
    assert labels["label"].astype(int).tolist() == [1, 0]
    assert labels["category"].tolist() == ["hoarding", "hoarding"]


def test_diff_since_a_batch(registry_url):
    with open_registry(registry_url) as reg:
        reg.record_batch(batch("b1", B1, flagged={"A": 40.0}, levels={"A": "low"}, clusters={"A": "K", "B": "K"}))
        reg.record_batch(
            batch(
                "b2",
                B2,
                flagged={"A": 90.0, "D": 70.0},
                clusters={"A": "K2", "D": "K2", "E": "K2"},
                levels={"A": "high"},
            )
        )
        reg.decide("D", "confirmed", "case", "x")
        d = reg.diff("b1")
        default = reg.diff(None)
        everything = reg.diff("2000-01-01")
        with pytest.raises(RegistryError):
            reg.diff("not-a-batch")
    assert d["new_entries"]["applicant_id"].tolist() == ["D"]
    assert d["new_cluster_members"]["applicant_id"].tolist() == ["E"]
    esc = d["escalations"]
    assert sorted(zip(esc["applicant_id"], esc["change"], esc["after"], strict=True)) == [
        ("A", "level", "high"),
        ("D", "status", "confirmed"),
    ]
    assert default["new_entries"]["applicant_id"].tolist() == ["D"]  # default: since the batch before the last
    assert sorted(everything["new_entries"]["applicant_id"]) == ["A", "D"]


def test_users_passwords_and_tokens(registry_url):
    with open_registry(registry_url) as reg:
        password = reg.add_user("alice", "reviewer")
        token = reg.add_user("intake", "api")
        assert reg.check_password("alice", password) == "reviewer"
        assert reg.check_password("alice", password + "x") is None
        assert reg.check_password("intake", token) is None  # api users have no password
        assert reg.check_token(token) == ("intake", "api")
        assert reg.check_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
        assert reg.check_token("garbage") is None
        with pytest.raises(RegistryError):
            reg.add_user("alice", "auditor")
        with pytest.raises(RegistryError):
            reg.add_user("bob", "admin")
        users = reg.users()
    assert users["name"].tolist() == ["alice", "intake"]
    assert password not in users.to_string() and "secret_hash" not in users.columns
