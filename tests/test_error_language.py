"""Error messages speak the user's language: with --lang zh (the default) the whole message is Chinese, file, line,
row and column wording included; with --lang en it is all English. Exit codes stay 2 (input), 3 (rules)."""

from __future__ import annotations

import re
import textwrap

import pytest
from conftest import DATA

INPUTS = DATA / "inputs"

# Words of the English messages that must never show in a Chinese one.
ENGLISH_WORDS = {
    "row", "line", "column", "expected", "fix", "header", "file", "sheet", "not", "is", "the", "of", "a", "or",
    "cannot", "missing", "empty", "duplicate", "invalid", "unsupported", "bad", "class", "date", "outside",
    "required", "property", "unknown", "must", "needs", "error", "where", "fields", "found", "decode", "byte",
    "additional", "properties", "allowed", "greater", "maximum", "minimum", "type", "one", "unexpected",
}  # fmt: skip


def english_words(message: str, *values: str) -> set[str]:
    """ASCII words of `message` once file names, options (--skip-bad-rows), quoted values, byte literals and the
    given values are taken out: what is left is wording."""
    for value in sorted(values, key=len, reverse=True):
        message = message.replace(value, " ")
    message = re.sub(r"--[a-z-]+|b'[^']*'|'[^']*'|“[^”]*”|\S+\.(?:csv|tsv|txt|xls|xlsx|jsonl|yaml)\b", " ", message)
    return {w.lower() for w in re.findall(r"[A-Za-z]+", message)}


CASES = [
    # file, words of the zh message, words of the en message
    ("bad_class_46.csv", ["第 5 行", "“nice_class”列", "类别 46 超出 1-45"], ["line 5", "column 'nice_class'"]),
    ("bad_class.xls", ["工作表“申请”第 5 行", "“nice_class”列"], ["sheet '申请' row 5", "column 'nice_class'"]),
    ("bad_utf16_class.txt", ["第 5 行", "“nice_class”列"], ["line 5", "column 'nice_class'"]),
    ("bad_date.csv", ["第 5 行", "“filing_date”列", "不是真实存在的日期"], ["line 5", "is not a real date"]),
    ("bad_duplicate_id.csv", ["第 5 行", "首次出现在第 3 行"], ["line 5", "(first at line 3)"]),
    ("bad_missing_column.csv", ["表头", "缺少必需的列 nice_class"], ["header", "missing required column(s)"]),
    ("bad_latin1.csv", ["第 5 行", "无法按 utf-8 或 gb18030 解码"], ["at line 5", "cannot decode"]),
    ("bad_fields.tsv", ["第 3 行", "表头只有 6 个", "制表符"], ["line 3", "fields where the header has 6"]),
    ("bad_broken.jsonl", ["第 2 行", "JSON 无效"], ["line 2", "invalid JSON"]),
    ("bad_html.xls", ["HTML 网页", "另存为 .xlsx"], ["an HTML page", "save it as .xlsx"]),
    ("bad_truncated.xls", ["无法读取的 Excel 97-2003"], ["not a readable Excel 97-2003"]),
    ("bad_empty.csv", ["文件是空的"], ["the file is empty"]),
]


@pytest.mark.parametrize(("name", "zh_words", "en_words"), CASES, ids=[c[0] for c in CASES])
def test_input_errors_in_chinese_and_english(cli, tmp_path, name, zh_words, en_words):
    values = ("nice_class", "filing_date", "filing_id", "mark_text", "applicant_name", "utf-8", "gb18030", "JSON")
    code, _, zh = cli(["screen", INPUTS / name, "--out", tmp_path / "zh", "--lang", "zh", "--quiet"])
    assert code == 2 and name in zh and "Traceback" not in zh
    assert zh.startswith("tmscreen: 输入数据错误：")
    for word in zh_words:
        assert word in zh, zh
    assert "应为：" in zh or "（" in zh
    leftover = english_words(zh, str(INPUTS / name), *values, "HTML", "Excel", "WPS", "YYYY", "MM", "DD")
    assert not leftover & ENGLISH_WORDS, (leftover, zh)
    assert not leftover - {"tmscreen", "xlsx", "xls", "txt", "utf", "gb", "bom", "unicode", "e", "g"}, (leftover, zh)

    code, _, en = cli(["screen", INPUTS / name, "--out", tmp_path / "en", "--lang", "en", "--quiet"])
    assert code == 2 and name in en
    assert en.startswith("tmscreen: bad input data:")
    for word in en_words:
        assert word in en, en
    assert not re.search("[行列表应为无法文件]", en.replace("申请", "")), en
    assert not (tmp_path / "zh").exists() and not (tmp_path / "en").exists()


def test_default_language_is_chinese(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("TMSCREEN_LANG", raising=False)
    code, _, err = cli(["screen", INPUTS / "bad_class_46.csv", "--out", tmp_path / "o", "--quiet"])
    assert code == 2 and "第 5 行，“nice_class”列：类别错误：类别 46 超出 1-45 的范围" in err
    assert "or pass --skip-bad-rows" not in err and "；或使用 --skip-bad-rows 跳过并报告这些行" in err


RULES = """\
ruleset: t
version: "1"
description: {zh: 测试, en: test}
scoring:
  combine: noisy_or
  threshold: 40
  levels: {high: 70, medium: 55, low: 40}
rules:
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


REQUIRED = ("    status: active\n", "")
EXTRA_KEY = ("    status: active\n", "    status: active\n    colour: red\n")
RULE_CASES = [
    # jsonschema's English messages, said in Chinese by validator kind with the path and values
    (*REQUIRED, ["第 9 行，第 5 列", "rules/0：缺少必填项 'status'"], ["'status' is a required property"]),
    ("scope: applicant", "scope: applicants", ["'applicants' 不是允许的值，应为以下之一"], ["is not one of"]),
    ("points: 40", "points: 400", ["rules/0/points：400 大于最大值 100"], ["400 is greater than the maximum"]),
    ("threshold: 40", "threshold: forty", ["'forty' 的类型不对，应为数字"], ["'forty' is not of type 'number'"]),
    (*EXTRA_KEY, ["不允许的键 'colour'"], ["Additional properties"]),
    ("id: T-001", "id: t 1", ["不符合格式"], ["does not match"]),
    # the parser's and the linter's own messages
    ("metric: n_filings, op", "metric: n_filing, op", ["未知的 applicant 指标 'n_filing'"], ["unknown applicant"]),
    ('"{n_filings} filings"', '"{n_filingz} filings"', ["T-001：explain.en 用到了 '{n_filingz}'"], ["explain.en"]),
    ("    when:\n", "    when:\n\t", ["YAML 语法错误"], ["invalid YAML"]),
]


@pytest.mark.parametrize(("old", "new", "zh_words", "en_words"), RULE_CASES)
def test_rule_errors_in_chinese_and_english(cli, tmp_path, old, new, zh_words, en_words):
    path = tmp_path / "r.yaml"
    path.write_text(textwrap.dedent(RULES.replace(old, new)), encoding="utf-8")
    code, _, zh = cli(["rules", "check", str(path), "--lang", "zh"])
    assert code == 3, zh
    assert str(path) in zh and "第 " in zh and " 行" in zh and "个错误" in zh
    for word in zh_words:
        assert word in zh, zh
    leftover = english_words(zh, str(path), "rules", "status", "points", "scope", "colour", "explain", "YAML")
    assert not leftover & ENGLISH_WORDS, (leftover, zh)

    code, _, en = cli(["rules", "check", str(path), "--lang", "en"])
    assert code == 3 and f"{path}:" in en and "error(s)" in en
    for word in en_words:
        assert word in en, en
    assert "行" not in en and "列" not in en


def test_rule_warnings_and_screen_errors_follow_the_language(cli, tmp_path):
    path = tmp_path / "r.yaml"
    path.write_text(RULES, encoding="utf-8")  # a rule without inline tests: a warning (TMS-L005)
    code, _, zh = cli(["rules", "check", str(path), "--lang", "zh"])
    assert code == 0 and "警告：" in zh and "[TMS-L005] T-001：没有同时包含 hit 和 no_hit 用例的内联测试" in zh
    code, _, en = cli(["rules", "check", str(path), "--lang", "en"])
    assert code == 0 and "warning: " in en and "[TMS-L005] T-001: no inline tests" in en
    # a rule-file error met by `screen` is printed by the CLI's one error handler, in --lang
    bad = tmp_path / "bad.yaml"
    bad.write_text(RULES.replace("scope: applicant", "scope: applicants"), encoding="utf-8")
    code, _, zh = cli(["screen", INPUTS / "good_utf8.csv", "--rules", bad, "--out", tmp_path / "o", "--quiet"])
    assert code == 3 and zh.startswith("tmscreen: 规则文件错误：") and "不是允许的值" in zh
    code, _, en = cli(
        ["screen", INPUTS / "good_utf8.csv", "--rules", bad, "--out", tmp_path / "o", "--lang", "en", "-q"]
    )
    assert code == 3 and en.startswith("tmscreen: bad rule file:") and "is not one of" in en


def test_other_errors_follow_the_language(cli, tmp_path):
    (tmp_path / "out").write_text("x", encoding="utf-8")
    code, _, zh = cli(["screen", INPUTS / "good_utf8.csv", "--out", tmp_path / "out", "--quiet", "--lang", "zh"])
    assert code == 1 and "已经存在，且不是文件夹" in zh and "exists" not in zh
    code, _, en = cli(["screen", INPUTS / "good_utf8.csv", "--out", tmp_path / "out", "--quiet", "--lang", "en"])
    assert code == 1 and "exists and is not a folder" in en
