"""The disk cache of fixed costs (detector/disk_cache.py): parsed rule and list files and the pinyin tables are
stored in the user cache folder, a changed file rebuilds, a corrupt or foreign cache file is ignored and rebuilt,
and a cached value is the value the builder makes."""

from __future__ import annotations

import shutil

import pytest
from conftest import ROOT

from detector.disk_cache import cache_dir, cached
from detector.rules.load import load_ruleset
from detector.yaml_safe import load_yaml_file


@pytest.fixture
def rules_copy(tmp_path):
    return shutil.copytree(ROOT / "rules", tmp_path / "rules")


def _tree(value):
    """A YAML tree with every position (LocDict/LocList) as plain comparable data."""
    if isinstance(value, dict):
        return ("map", value.file, value.line, value.col, [(k, value.pos(k), _tree(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("seq", value.file, value.line, value.col, [(value.pos(i), _tree(v)) for i, v in enumerate(value)])
    return (type(value).__name__, value)


def test_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv("TMSCREEN_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "tmscreen"
    monkeypatch.setenv("TMSCREEN_CACHE_DIR", "off")
    assert cache_dir() is None


def test_cached_yaml_tree_equals_the_parsed_one_with_every_position(cache_folder, rules_copy, monkeypatch):
    files = sorted(rules_copy.rglob("*.yaml"))
    monkeypatch.setenv("TMSCREEN_CACHE_DIR", "off")
    parsed = [_tree(load_yaml_file(f)) for f in files]
    monkeypatch.setenv("TMSCREEN_CACHE_DIR", str(cache_folder))
    first = [_tree(load_yaml_file(f)) for f in files]  # parsed and stored
    assert len(list(cache_folder.glob("yaml-*.marshal"))) == len(files)
    second = [_tree(load_yaml_file(f)) for f in files]  # read back from the cache
    assert first == parsed
    assert second == parsed


def test_a_changed_rule_or_list_file_is_read_anew(cache_folder, rules_copy):
    ruleset, _, _ = load_ruleset([rules_copy])
    assert ruleset.scoring.threshold == 40
    scoring = rules_copy / "scoring.yaml"
    scoring.write_text(scoring.read_text(encoding="utf-8").replace("threshold: 40", "threshold: 45"), encoding="utf-8")
    famous = rules_copy / "lists" / "famous_marks.yaml"
    first_term = ruleset.lists["famous_marks"].entries[0]["term"]
    famous.write_text(
        famous.read_text(encoding="utf-8").replace(f"term: {first_term}", "term: 新名字测试", 1), encoding="utf-8"
    )
    changed, _, _ = load_ruleset([rules_copy])
    assert changed.scoring.threshold == 45
    assert changed.lists["famous_marks"].entries[0]["term"] == "新名字测试"
    assert changed.sha256 != ruleset.sha256


def test_a_broken_file_is_never_cached(cache_folder, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [1, 2\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(Exception, match="invalid YAML"):
            load_yaml_file(bad)
    assert not list(cache_folder.glob("yaml-*"))


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "other shape"])
def test_a_corrupt_cache_file_is_ignored_and_rebuilt(cache_folder, rules_copy, damage):
    expected, _, _ = load_ruleset([rules_copy])
    entries = sorted(cache_folder.glob("*.marshal"))
    assert entries
    for entry in entries:
        data = entry.read_bytes()
        if damage == "garbage":
            entry.write_bytes(bytes(range(256)) * 8)
        elif damage == "truncated":
            entry.write_bytes(data[: len(data) // 2])
        elif damage == "empty":
            entry.write_bytes(b"")
        else:  # a well-formed entry holding something else (checksum right, shape wrong)
            import hashlib
            import marshal

            other = marshal.dumps(("x", 1, 2, 3))
            entry.write_bytes(hashlib.sha256(other).digest() + other)
    again, _, _ = load_ruleset([rules_copy])
    assert [r.id for r in again.rules] == [r.id for r in expected.rules]
    assert again.lists["famous_marks"].entries == expected.lists["famous_marks"].entries
    assert again.sha256 == expected.sha256
    # rebuilt entries were written back and read fine
    third, _, _ = load_ruleset([rules_copy])
    assert third.lists["famous_marks"].entries == expected.lists["famous_marks"].entries


def test_pinyin_tables_from_the_cache_equal_the_built_ones(cache_folder, monkeypatch):
    from detector.normalize import pinyin, syllables

    built = (pinyin._build_char_tables(), pinyin._override_phrases(), syllables._build_syllables())
    for _ in range(2):  # stored, then read back
        got = (
            pinyin.cached_table("pinyin-chars", pinyin._build_char_tables, pinyin._two_dicts),
            pinyin.cached_table("pinyin-phrases", pinyin._override_phrases, pinyin._phrase_list),
            pinyin.cached_table(
                "pinyin-syllables", syllables._build_syllables, syllables._frozenset, syllables.__file__
            ),
        )
        assert got == built
    assert len(list(cache_folder.glob("pinyin-*.marshal"))) == 3


def test_an_unwritable_cache_folder_only_costs_the_rebuild(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("TMSCREEN_CACHE_DIR", str(blocker / "cache"))
    calls = []
    for _ in range(2):
        assert cached("probe", ["k"], lambda: calls.append(1) or {"a": (1, 2.5, None)}) == {"a": (1, 2.5, None)}
    assert len(calls) == 2


def test_copies_of_a_file_share_one_entry_and_keep_their_own_path(cache_folder, rules_copy, tmp_path):
    second = shutil.copytree(rules_copy, tmp_path / "elsewhere")
    first_tree = load_yaml_file(rules_copy / "scoring.yaml")
    entries = sorted(cache_folder.glob("yaml-*.marshal"))
    second_tree = load_yaml_file(second / "scoring.yaml")
    assert sorted(cache_folder.glob("yaml-*.marshal")) == entries
    assert first_tree.file == str(rules_copy / "scoring.yaml")
    assert second_tree.file == str(second / "scoring.yaml")
    assert second_tree.pos("scoring") == first_tree.pos("scoring")


def test_the_folder_is_pruned_least_recently_used_first(cache_folder, monkeypatch):
    import os

    monkeypatch.setenv("TMSCREEN_CACHE_MAX_MB", str(2.5 * 100_000 / 2**20))  # room for two entries of 100 kB
    for i, name in enumerate(["a", "b"]):
        cached(name, ["k"], lambda: "x" * 100_000)
        os.utime(next(cache_folder.glob(f"{name}-*")), (1_000_000 + i, 1_000_000 + i))
    assert cached("a", ["k"], lambda: "rebuilt") == "x" * 100_000  # a hit: "a" is now the most recently used
    cached("c", ["k"], lambda: "x" * 100_000)  # a third entry: "b", the least recently used, goes
    assert sorted(p.name[0] for p in cache_folder.glob("*.marshal")) == ["a", "c"]


def test_checked_lists_from_the_cache_equal_the_checked_ones(cache_folder, rules_copy, monkeypatch):
    """A list file is kept checked (entries as plain dicts and lists, the header's nodes with their locations): read
    back, it is the list the checks made, with the path it was asked for."""
    from detector.lists.load import load_list_file

    files = sorted((rules_copy / "lists").glob("*.yaml"))
    monkeypatch.setenv("TMSCREEN_CACHE_DIR", "off")
    checked = [load_list_file(f) for f in files]
    monkeypatch.setenv("TMSCREEN_CACHE_DIR", str(cache_folder))
    for _ in range(2):  # stored, then read back
        got = [load_list_file(f) for f in files]
        assert len(list(cache_folder.glob("list-*.marshal"))) == len(files)
        for mine, want in zip(got, checked):
            assert (mine.list_id, mine.path, mine.category, mine.entries) == (
                want.list_id,
                want.path,
                want.category,
                want.entries,
            )
            assert mine.header == want.header
            assert {k: _tree(v) for k, v in mine.header.items() if k != "entries"} == {
                k: _tree(v) for k, v in want.header.items() if k != "entries"
            }


def test_a_list_failing_its_checks_is_never_cached(cache_folder, tmp_path):
    from detector.errors import RuleFileError
    from detector.lists.load import load_list_file

    bad = tmp_path / "twice.yaml"
    bad.write_text(
        "list: twice\ntitle: t\ncategory: famous_mark\nsource: s\nsource_date: 2024-01-01\nentries:\n"
        "  - {id: A, term: 甲}\n  - {id: A, term: 乙}\n",
        encoding="utf-8",
    )
    for _ in range(2):
        with pytest.raises(RuleFileError, match="duplicate entry id") as err:
            load_list_file(bad)
        assert err.value.line == 8
    assert not list(cache_folder.glob("list-*"))


def test_a_valid_rule_file_is_not_validated_again_and_an_invalid_one_always(cache_folder, rules_copy):
    """A fresh process loading rules already found valid does not import jsonschema; a file made invalid (new
    bytes) is validated and its error given every time."""
    import subprocess
    import sys

    from detector.errors import RuleFileErrors

    probe = (
        "import sys; from detector.rules.load import load_ruleset; "
        f"load_ruleset([{str(rules_copy)!r}]); print('jsonschema' in sys.modules)"
    )
    env = {**__import__("os").environ, "TMSCREEN_CACHE_DIR": str(cache_folder)}

    def imports_jsonschema() -> bool:
        done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, cwd=ROOT)
        assert done.returncode == 0, done.stderr
        return done.stdout.strip() == "True"

    assert imports_jsonschema()  # first load: validated
    assert len(list(cache_folder.glob("rule-schema-*"))) == len(list(rules_copy.glob("*.yaml")))
    assert not imports_jsonschema()  # known valid: no validator needed
    scoring = rules_copy / "scoring.yaml"
    scoring.write_text(scoring.read_text(encoding="utf-8").replace("threshold: 40", "threshold: high"), "utf-8")
    for _ in range(2):
        with pytest.raises(RuleFileErrors) as raised:
            load_ruleset([rules_copy])
        assert any("scoring.yaml" in str(e.file) and "threshold" in e.render() for e in raised.value.errors)


def test_reference_list_forms_from_the_cache_equal_the_derived_ones(cache_folder, monkeypatch):
    from detector.lists.load import terms_table
    from detector.normalize import forms_cache
    from detector.normalize.forms import form_lists

    ruleset, _, _ = load_ruleset(None)
    texts = terms_table([ruleset.lists["famous_marks"]])["term"].tolist()
    assert forms_cache.cached_form_lists(texts) == form_lists(texts)  # derived and stored
    assert forms_cache.cached_form_lists(texts) == form_lists(texts)  # read back
    assert len(list(cache_folder.glob("forms-*"))) == 1
    assert forms_cache.cached_form_lists(["a\nb", "c"]) != forms_cache.cached_form_lists(["a", "b\nc"])
    monkeypatch.setattr(forms_cache, "normalization_stamp", lambda: "another normalization")
    assert forms_cache.cached_form_lists(texts) == form_lists(texts)
    assert len(list(cache_folder.glob("forms-*"))) == 4  # another normalization: a new entry
