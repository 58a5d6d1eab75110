"""List provenance (every entry has a source and a source_date, checked at file:line) and `tmscreen lists import`
(an office's own entries from CSV, bad rows located, nothing half-written, never into the installed rules)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from detector.errors import RuleFileError
from detector.lists.load import load_list_file
from detector.package_data import bundled_rules_dir

HEADER = """\
list: office
title: {zh: 名单, en: list}
category: public_figure
"""


def write(tmp_path: Path, text: str, name: str = "office.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_every_shipped_entry_has_a_source_and_a_date():
    for path in sorted((bundled_rules_dir() / "lists").glob("*.yaml")):
        for entry in load_list_file(path).entries:
            assert entry["source"] and entry["source_date"][:2] in ("19", "20"), (path.name, entry["id"])


def test_source_and_date_resolve_from_entry_source_table_or_list(tmp_path):
    text = (
        HEADER
        + """\
source: office register
source_date: '2024-01-02'
sources:
- {id: S1, title: notice, url: 'https://example.org', date: '2021-08-19'}
- {id: S2, title: register, url: 'https://example.org/r', accessed: '2026-11-27'}
entries:
- {id: A1, term: 甲, source: S1}
- {id: A2, term: 乙, source: S2}
- {id: A3, term: 丙}
- {id: A4, term: 丁, source: S1, source_date: '2021-08-20'}
- {id: A5, term: 戊, source: a court judgment of 2019}
"""
    )
    entries = {e["id"]: e for e in load_list_file(write(tmp_path, text)).entries}
    assert [(e["source"], e["source_date"]) for e in entries.values()] == [
        ("S1", "2021-08-19"),
        ("S2", "2026-11-27"),
        ("office register", "2024-01-02"),
        ("S1", "2021-08-20"),
        ("a court judgment of 2019", "2024-01-02"),
    ]


@pytest.mark.parametrize(
    "entries, line, message",
    [
        ("- {id: A1, term: 甲}\n", 7, "has no source"),
        ("- {id: A1, term: 甲, source: somewhere}\n", 7, "has no source_date"),
        ("- {id: A1, term: 甲, source: S9, source_date: '2020-01-01'}\n", 7, "is not among this file's sources"),
        ("- {id: A1, term: 甲, source: x, source_date: '2020-13-01'}\n", 7, "is not an ISO date"),
        ("- {id: A1, term: 甲, source: x, source_date: '2020-01-01', event_date: 'last week'}\n", 7, "event_date"),
        ("- {id: A1, term: 甲, source: x, source_date: '2020-01-01', former_names: 乙}\n", 7, "must be a list"),
    ],
)
def test_missing_or_bad_provenance_is_a_located_error(tmp_path, entries, line, message):
    text = HEADER + "sources:\n- {id: S1, title: t, url: u, date: '2020-01-01'}\nentries:\n" + entries
    path = write(tmp_path, text)
    with pytest.raises(RuleFileError) as err:
        load_list_file(path)
    assert err.value.line == line and message in err.value.render(), err.value.render()


def run(cli_args: list[str], capsys) -> tuple[int, str]:
    from detector.cli.main import main

    with pytest.raises(SystemExit) as exit_info:
        main([*cli_args, "--lang", "en"])
    captured = capsys.readouterr()
    return exit_info.value.code or 0, captured.out + captured.err


def test_import_extends_a_shipped_list_and_is_loaded_by_a_run(tmp_path, capsys):
    csv = tmp_path / "wl.csv"
    csv.write_text(
        "term,former_names,ids,source,source_date,note\n"
        "广州市某某商贸有限公司,广州某某贸易有限公司,91440101MA00000001,(2022)粤73民终1号判决,2022-06-30,bad faith\n"
        "深圳某某科技有限公司,,,(2023)京73行初2号判决,2023-03-01,\n",
        encoding="utf-8",
    )
    out = tmp_path / "rules-local" / "lists"
    code, text = run(["lists", "import", str(csv), "--list", "watchlist", "--out", str(out)], capsys)
    assert code == 0 and "imported 2 entries" in text and "shipped list" in text, text
    ref = load_list_file(out / "watchlist.yaml")
    assert [e["id"] for e in ref.entries] == ["WATCHLIST-L001", "WATCHLIST-L002"]
    assert ref.entries[0]["former_names"] == ["广州某某贸易有限公司"] and ref.entries[0]["source_date"] == "2022-06-30"
    # a second import appends, numbering on
    csv.write_text("term,source,source_date\n某某咨询有限公司,判决,2024-01-01\n", encoding="utf-8")
    code, text = run(["lists", "import", str(csv), "--list", "watchlist", "--out", str(out)], capsys)
    assert code == 0 and [e["id"] for e in load_list_file(out / "watchlist.yaml").entries][-1] == "WATCHLIST-L003"
    # the local list is the run's watchlist when its folder comes first
    from detector.lists.watchlist import watch_keys
    from detector.rules.load import load_ruleset

    ruleset, _, _ = load_ruleset([out.parent, bundled_rules_dir()])
    assert "广州某某贸易" in watch_keys(ruleset.lists.values())


@pytest.mark.parametrize(
    "csv_text, code, where",
    [
        ("term,source,source_date\n张三,x,2022-13-01\n", 2, "row 1, column 'source_date'"),
        ("term,source\n张三,x\n", 2, "column 'source_date'"),
        ("term,source,source_date,colour\n张三,x,2022-01-01,red\n", 2, "column 'colour'"),
        ("term,source,source_date\n张三,x,2022-01-01\n李四,,2022-01-01\n", 2, "row 2, column 'source'"),
        ("term,source,source_date,classes\n张三,x,2022-01-01,25;99\n", 2, "row 1, column 'classes'"),
        ("term,source,source_date\n张三,S99,2022-01-01\n", 2, "row 1"),  # S99 is not among public_figures' sources
    ],
)
def test_bad_rows_are_located_and_nothing_is_written(tmp_path, capsys, csv_text, code, where):
    csv = tmp_path / "in.csv"
    csv.write_text(csv_text, encoding="utf-8")
    out = tmp_path / "lists"
    got, text = run(["lists", "import", str(csv), "--list", "public_figures", "--out", str(out)], capsys)
    assert got == code and where in text, text
    assert not (out / "public_figures.yaml").exists()
    assert not list(out.glob(".import-*")) if out.exists() else True


def test_a_new_list_needs_a_category_and_the_installed_rules_are_never_written(tmp_path, capsys):
    csv = tmp_path / "in.csv"
    csv.write_text("term,source,source_date\n某网红,news report,2024-05-01\n", encoding="utf-8")
    code, text = run(["lists", "import", str(csv), "--list", "office_figures", "--out", str(tmp_path)], capsys)
    assert code == 2 and "--category" in text, text
    code, text = run(
        [
            "lists",
            "import",
            str(csv),
            "--list",
            "office_figures",
            "--out",
            str(tmp_path),
            "--category",
            "public_figure",
        ],
        capsys,
    )
    assert code == 0 and load_list_file(tmp_path / "office_figures.yaml").category == "public_figure"
    bundled = bundled_rules_dir() / "lists"
    before = {p.name: p.read_bytes() for p in bundled.glob("*.yaml")}
    code, text = run(["lists", "import", str(csv), "--list", "watchlist", "--out", str(bundled)], capsys)
    assert code == 2 and "installed rule set" in text, text
    assert {p.name: p.read_bytes() for p in bundled.glob("*.yaml")} == before
