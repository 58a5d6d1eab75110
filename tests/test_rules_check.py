"""`tmscreen rules check`: every error class on real broken files, with the exact file:line:col; safety limits."""

from __future__ import annotations

import textwrap

import pytest

HEADER = """\
ruleset: t
version: "1"
description: {zh: 测试, en: test}
scoring:
  combine: noisy_or
  threshold: 40
  levels: {high: 70, medium: 55, low: 40}
rules:
"""

RULE = """\
  - id: T-001
    title: {zh: 测试, en: test}
    explain: {zh: "申请{n_filings}件", en: "{n_filings} filings"}
    category: hoarding
    scope: applicant
    when:
      all:
        - {metric: n_filings, op: ">=", value: 10}
    points: 40
    level: medium
    legal_basis: [商标法第四条]
    false_positives: [none]
    status: active
"""


def write(tmp_path, text, name="r.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def check(cli, path):
    code, out, err = cli(["rules", "check", str(path), "--lang", "en"])
    return code, out + err


def test_valid_file_passes(cli, tmp_path):
    code, text = check(cli, write(tmp_path, HEADER + RULE))
    assert code == 0, text
    assert "1 rules" in text


@pytest.mark.parametrize(
    "old,new,line,col,message",
    [
        (
            "metric: n_filings, op",
            "metric: n_filing, op",
            16,
            12,
            "unknown applicant metric 'n_filing'; did you mean 'n_filings'",
        ),
        ('op: ">="', 'op: "=>"', 16, 31, "unknown operator '=>'"),
        ("points: 40", "points: 400", 17, 5, "points: 400 is greater than the maximum of 100"),
        ("scope: applicant", "scope: applicants", 13, 5, "'applicants' is not one of"),
        ("    status: active\n", "", 9, 5, "'status' is a required property"),
        ("all:", "alll:", 15, 7, "unknown condition 'alll'; did you mean 'all'"),
        ('"{n_filings} filings"', '"{n_filingz} filings"', 11, 5, "explain.en uses '{n_filingz}'"),
        ("value: 10}", "value: ten}", 16, 41, "operator '>=' needs a number"),
    ],
)
def test_error_classes_point_at_the_line(cli, tmp_path, old, new, line, col, message):
    path = write(tmp_path, HEADER + RULE.replace(old, new))
    code, text = check(cli, path)
    assert code == 3, text
    assert f"{path}:{line}:{col}:" in text
    assert message in text


def test_duplicate_ids_name_both_places(cli, tmp_path):
    path = write(tmp_path, HEADER + RULE + RULE)
    code, text = check(cli, path)
    assert code == 3
    assert f"{path}:22:5: [TMS-L001] T-001: duplicate rule id (first defined at {path}:9)" in text


def test_unknown_list_gets_did_you_mean(cli, tmp_path):
    rule = (
        RULE.replace("scope: applicant", "scope: filing")
        .replace('        - {metric: n_filings, op: ">=", value: 10}', "        - match: {list: olympic_beijing_202}")
        .replace("{n_filings}", "{count}")
    )
    path = write(tmp_path, HEADER + rule)
    code, text = check(cli, path)
    assert code == 3
    assert f"{path}:16:19: unknown list 'olympic_beijing_202'; did you mean 'olympic_beijing_2022'" in text


def test_condition_outside_its_scope_is_a_located_error(cli, tmp_path):
    """A window condition counts filings per applicant, cluster or agent; in a filing rule it is refused on parse."""
    window = "        - window: {timespan: 90d, op: '>=', value: 30}"
    rule = (
        RULE.replace("scope: applicant", "scope: filing")
        .replace('        - {metric: n_filings, op: ">=", value: 10}', window)
        .replace("{n_filings}", "{count}")
    )
    path = write(tmp_path, HEADER + rule)
    code, text = check(cli, path)
    assert code == 3
    assert f"{path}:16:11: window conditions count filings per applicant, cluster or agent, not per filing" in text


def test_invalid_yaml_position(cli, tmp_path):
    path = write(tmp_path, HEADER + RULE.replace("    points: 40", "    points: [40"))
    code, text = check(cli, path)
    assert code == 3
    assert f"{path}:18:" in text and "invalid YAML" in text


def test_python_tag_refused(cli, tmp_path):
    path = write(
        tmp_path,
        HEADER
        + RULE.replace("points: 40", 'points: !!python/object/apply:os.system ["echo pwned > /tmp/tmscreen-pwned"]'),
    )
    code, text = check(cli, path)
    assert code == 3
    assert "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in text
    assert f"{path}:17:13:" in text


def test_yaml_bomb_refused_quickly(cli, tmp_path):
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    prev = "a"
    for name in "bcdefghijklmnopqrstu":
        bomb += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
        prev = name
    path = write(tmp_path, bomb)
    code, text = check(cli, path)
    assert code == 3
    assert "aliases" in text and "YAML bombs" in text


def test_deep_nesting_refused(cli, tmp_path):
    path = write(tmp_path, "a: " + "[" * 60 + "]" * 60 + "\n")
    code, text = check(cli, path)
    assert code == 3 and "nesting deeper than" in text


def test_oversized_file_refused(cli, tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("# " + "x" * 2_100_000 + "\n", encoding="utf-8")
    code, text = check(cli, path)
    assert code == 3 and "larger than the limit" in text


def test_shipped_rules_pass(cli):
    code, out, err = cli(["rules", "check"])
    assert code == 0, out + err


@pytest.mark.parametrize(
    "graph,line,message",
    [
        ("graph:\n  link_types:\n    phone: {strength: 1.5}\n", 3, "1.5 is greater than the maximum of 1"),
        ("graph:\n  link_types:\n    fax: {strength: 0.5}\n", 2, "'fax' was unexpected"),
        ("graph:\n  min_pair_weight: high\n", 2, "'high' is not of type 'number'"),
    ],
)
def test_bad_graph_settings_point_at_the_line(cli, tmp_path, graph, line, message):
    path = write(tmp_path, HEADER + RULE + graph)
    code, text = check(cli, path)
    assert code == 3, text
    start = len((HEADER + RULE).splitlines())
    assert f"{path}:{start + line}:" in text and message in text, text


def test_list_entry_distinctive_flag(tmp_path):
    """`distinctive: true` reaches the terms table for the term and its aliases; any other value is an error at
    file:line (the flag decides whether two-syllable homophones match, so a typo must not pass silently)."""
    from detector.errors import RuleFileError
    from detector.lists.load import load_list_file, terms_table

    text = """\
    list: brands
    title: {zh: 品牌, en: brands}
    category: famous_mark
    source: "a test list"
    source_date: "2026-11-27"
    entries:
    - id: B1
      term: 淘宝
      aliases: [Taobao]
      distinctive: true
    - id: B2
      term: 华为
    """
    terms = terms_table([load_list_file(write(tmp_path, text, "brands.yaml"))])
    assert dict(zip(terms["term"], terms["distinctive"])) == {"淘宝": True, "Taobao": True, "华为": False}
    path = write(tmp_path, text.replace("distinctive: true", "distinctive: yes please"), "brands.yaml")
    with pytest.raises(RuleFileError) as err:
        load_list_file(path)
    assert err.value.line == 10 and "distinctive must be true or false" in err.value.render()
