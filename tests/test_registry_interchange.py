"""Export / import between two registries (SQLite and PostgreSQL): provenance per entry, a conflicting decision kept
local and recorded, re-import changes nothing, and a bad file is refused with its line number."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT
from pg_server import pg_admin_url_fixture, pg_database_fixture, registry_url_fixture  # noqa: F401
from registry_fixtures import batch

from detector.registry import RegistryError, open_registry
from detector.registry.interchange import load_schema

B1 = [("F1", "A", "星光", "2024-01-10"), ("F2", "B", "月光", "2024-01-11"), ("F3", "C", "海浪", "2024-01-12")]


def test_docs_schema_is_the_shipped_schema():
    assert json.loads((ROOT / "docs" / "registry-interchange.schema.json").read_text("utf-8")) == load_schema()


def test_round_trip_with_provenance_and_a_conflict(registry_url, tmp_path: Path):
    office_a = tmp_path / "office-a.db"
    with open_registry(office_a) as a:
        a.record_batch(
            batch(
                "a1",
                B1,
                flagged={"A": 80.0, "B": 70.0, "C": 60.0},
                names={"A": "星光贸易有限公司"},
                hits=[("B", "R1", "F2")],
            )
        )
        a.record_batch(batch("a2", [("F9", "A", "日光", "2024-02-01")], names={"A": "新星光贸易有限公司"}))
        a.decide("A", "confirmed", "case A-1", "alice")
        a.decide("B", "cleared", "own brand", "alice")
        a.decide("C", "confirmed", "case A-3", "alice")
        out = tmp_path / "a.jsonl"
        assert a.export(out) == {"entries": 3, "history": 6}
    lines = out.read_text("utf-8").splitlines()
    assert json.loads(lines[0])["format"] == "tmscreen-registry-interchange" and len(lines) == 4

    with open_registry(registry_url) as b:
        # office B listed C itself and cleared it: a local decision the import must not overwrite
        b.record_batch(batch("b1", [("G1", "C", "海浪", "2024-01-12")], flagged={"C": 60.0}))
        b.decide("C", "cleared", "checked locally", "bob")
        summary = b.import_(out, "office-a")
        assert summary == {"entries": 3, "new": 2, "updated": 1, "conflicts": 1, "history": summary["history"]}
        e = b.entries().set_index("applicant_id")
        assert e.loc["A", "status"] == "confirmed" and e.loc["A", "source"] == "office-a"
        assert e.loc["B", "status"] == "cleared" and e.loc["C", "status"] == "cleared"  # local decision kept
        assert json.loads(e.loc["C", "sources"]) == ["local", "office-a:local"]
        assert e.loc["A", "former_names"] == "星光贸易有限公司"
        c_hist = b.entry("C")["history"]
        conflict = c_hist[c_hist["kind"] == "conflict"].iloc[0]
        assert (conflict["status"], conflict["previous"], bool(conflict["applied"]), conflict["source"]) == (
            "confirmed",
            "cleared",
            False,
            "office-a",
        )
        # office A's own history rows came along, with their source
        assert "office-a:local" in set(c_hist["source"]) and "case A-3" in set(c_hist["reason"])
        assert b.cleared()["B"] == {("R1", "F2")}
        # imported offenders match by id and by name variants
        off = b.offenders()
        assert "A" in off.ids
        from detector.normalize.org_name import org_key

        assert org_key("星光贸易有限公司") in off.name_keys
        # the same file again: nothing new, no duplicated history
        n_hist = sum(len(b.entry(x)["history"]) for x in "ABC")
        again = b.import_(out, "office-a")
        assert again["new"] == 0 and again["conflicts"] == 1
        assert sum(len(b.entry(x)["history"]) for x in "ABC") == n_hist + again["history"]
        # agreeing entries add nothing; the conflict is recorded again for this import; their history not repeated
        assert again["history"] == 1


def test_bad_lines_are_refused_with_their_number(tmp_path: Path):
    header = json.dumps(
        {
            "format": "tmscreen-registry-interchange",
            "version": 1,
            "exported_at": "x",
            "tool_version": "t",
            "n_entries": 1,
        }
    )
    good = {"type": "entry", "applicant_id": "A", "name": "n", "status": "confirmed", "history": []}
    cases = [
        ("", 1, "empty"),
        ('{"format": "other", "version": 1}', 1, "header field"),
        (header + "\n{not json", 2, "not JSON"),
        (header + "\n" + json.dumps({**good, "status": "guilty"}), 2, "status"),
        (header + "\n" + json.dumps(good) + "\n" + json.dumps({**good, "applicant_id": ""}), 3, "applicant_id"),
    ]
    reg_path = tmp_path / "r.db"
    for text, line, word in cases:
        path = tmp_path / "bad.jsonl"
        path.write_text(text, encoding="utf-8")
        with open_registry(reg_path) as reg, pytest.raises(RegistryError) as err:
            reg.import_(path, "x")
        message = err.value.render("en")
        assert f"bad.jsonl:{line}" in message and word in message, message
        assert err.value.exit_code == 2
    with open_registry(reg_path) as reg:
        assert reg.entries().empty
