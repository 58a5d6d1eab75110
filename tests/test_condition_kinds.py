"""Condition and exception kinds are self-describing parts: one class each, registered by name, with a schema
fragment, a zh/en description, a parser with located errors and a vectorized evaluation."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path
from typing import ClassVar

import jsonschema
import numpy as np
import pandas as pd
import pytest
from conftest import ROOT
from test_rules_check import HEADER, RULE

from detector.errors import RuleFileError, RuleFileErrors
from detector.rules.conditions import Condition, Outcome, ParseContext, condition_schema, kinds, registry
from detector.rules.conditions.registry import located
from detector.rules.exceptions import exception_kinds, exception_schema, parse_exceptions
from detector.rules.frame import ScopeFrame
from detector.rules.load import load_ruleset
from detector.rules.schema import RULESET
from detector.text import Text
from detector.yaml_safe import LocDict, load_yaml_file, load_yaml_text

FILING_RULE = (
    RULE.replace("scope: applicant", "scope: filing")
    .replace("{n_filings}", "{mark_text}")
    .replace('        - {metric: n_filings, op: ">=", value: 10}', "        - CONDITION")
)


def rule_file(tmp_path, condition: str, scope_rule: str = FILING_RULE):
    path = tmp_path / "r.yaml"
    path.write_text(textwrap.dedent(HEADER + scope_rule.replace("CONDITION", condition)), encoding="utf-8")
    return path


def schema_validator() -> jsonschema.Draft202012Validator:
    """The editors' rule-set schema with the condition kinds registered right now."""
    return jsonschema.Draft202012Validator({**RULESET, "$defs": {"condition": condition_schema()}})


@pytest.fixture
def own_registry(monkeypatch):
    """Kinds defined in a test register into a copy of the registry that is dropped afterwards."""
    monkeypatch.setattr(registry, "_KINDS", dict(registry._KINDS))


def test_a_new_condition_kind_is_one_class(own_registry, tmp_path):
    """The worked example of docs/rules.md ("Adding a condition kind"): parsed from YAML, validated by the schema,
    evaluated over a table, described in zh and en; a malformed body is a located error."""

    class FiledBetween(Condition):
        """`{filed_between: {from: "2022-02-04", to: "2022-02-20"}}`: the filing date lies in [from, to]."""

        key = "filed_between"
        label = Text(en="the filing date lies between from and to (inclusive)", zh="申请日期在 from 与 to 之间（含）")
        example = 'filed_between: {from: "2022-02-04", to: "2022-02-20"}'
        schema: ClassVar[dict] = {
            "type": "object",
            "required": ["from", "to"],
            "properties": {k: {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"} for k in ("from", "to")},
            "additionalProperties": False,
        }
        scopes = ("filing",)

        def __init__(self, start: dt.date, end: dt.date) -> None:
            self.start, self.end = start, end

        @classmethod
        def parse(cls, node: LocDict, body: object, ctx: ParseContext) -> Condition:
            if not isinstance(body, LocDict) or set(body) != {"from", "to"}:
                message = Text(en="filed_between needs from and to", zh="filed_between 需要 from 和 to")
                raise located(node, cls.key, message)
            dates = []
            for k in ("from", "to"):
                try:
                    dates.append(dt.date.fromisoformat(str(body[k])))
                except ValueError:
                    message = Text(en=f"{k} must be a date such as 2022-02-04", zh=f"{k} 须为日期")
                    raise located(body, k, message) from None
            return cls(*dates)

        def evaluate(self, frame: ScopeFrame) -> Outcome:
            dates = pd.to_datetime(pd.Series(frame.metric("filing_date")), errors="coerce")
            mask = dates.between(pd.Timestamp(self.start), pd.Timestamp(self.end)).to_numpy()
            return Outcome(mask, dates.dt.strftime("%Y-%m-%d").to_numpy(dtype=object))

        def describe(self, lang: str) -> str:
            if lang == "zh":
                return f"申请日期在 {self.start} 至 {self.end} 之间"
            return f"filed between {self.start} and {self.end}"

        def evidence(self, outcome: Outcome, row: int) -> dict:
            return {"filing_date": outcome.seen[row]}

        def evidence_keys(self) -> set[str]:
            return {"filing_date"}

    # registered by name, in the assembled schema, with its description
    assert registry.condition_kind("filed_between") is FiledBetween
    assert condition_schema()["oneOf"][-1]["properties"]["filed_between"] == FiledBetween.schema

    # parsed from YAML through the real loader, and the same file validated by the editors' schema
    when = (
        '{filed_between: {from: "2022-02-04", to: "2022-02-20"}}\n        - {metric: mark_length, op: "<=", value: 4}'
    )
    path = rule_file(tmp_path, when)
    schema_validator().validate(load_yaml_file(path))
    _, compiled, _ = load_ruleset([path])
    cond = compiled[0].condition
    assert [type(c).__name__ for c in cond.walk()] == ["AllCondition", "FiledBetween", "MetricCondition"]

    # evaluated over a table: vectorized mask, the values seen, a trace and the evidence
    frame = ScopeFrame(
        "filing",
        pd.DataFrame({"filing_date": ["2022-02-03", "2022-02-04", "2022-02-20", None], "mark_length": [2, 2, 9, 2]}),
    )
    outcome = cond.evaluate(frame)
    assert outcome.mask.tolist() == [False, True, False, False]
    assert cond.trace(outcome, 1, "en") == {
        "if": "all of",
        "result": True,
        "children": [
            {"if": "filed between 2022-02-04 and 2022-02-20", "result": True, "saw": "2022-02-04"},
            {"if": "mark_length ≤ 4 (Length of the canonical mark text)", "result": True, "saw": 2},
        ],
    }
    assert cond.evidence(outcome, 1) == {"filing_date": "2022-02-04", "mark_length": 2}

    # described in both languages, and listed in the docs table
    assert cond.items[0].describe("zh") == "申请日期在 2022-02-04 至 2022-02-20 之间"
    from detector.rules.docs import render_conditions

    assert any(line.startswith("| `filed_between` | filing |") for line in render_conditions())

    # a malformed body fails the schema and the parser, which names file:line:col
    bad = rule_file(tmp_path, 'filed_between: {from: "2022-02-31", to: "2022-03-01"}')
    assert list(schema_validator().iter_errors(load_yaml_file(bad))) == []  # the pattern cannot know February
    with pytest.raises(RuleFileErrors) as err:
        load_ruleset([bad])
    assert f"{bad}:16:27: from must be a date such as 2022-02-04" in err.value.render()
    bad = rule_file(tmp_path, 'filed_between: {from: "2022-02-04"}')
    assert not schema_validator().is_valid(load_yaml_file(bad))
    with pytest.raises(RuleFileErrors) as err:
        load_ruleset([bad])
    assert f"{bad}:16:11: filed_between needs from and to" in err.value.render()


def test_the_worked_example_in_the_docs_is_the_tested_class():
    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    example = doc.split("class FiledBetween(Condition):", 1)[1].split("```", 1)[0]
    source = Path(__file__).read_text(encoding="utf-8")
    assert textwrap.indent("class FiledBetween(Condition):" + example, "    ").rstrip() in source


def test_the_toy_kind_is_gone_after_its_test():
    assert "filed_between" not in {k.key for k in kinds()}


def test_every_condition_kind_describes_itself():
    """zh/en description, an example that the assembled schema accepts, a valid schema fragment, a parser and an
    evaluation of its own, and a row in docs/rules.md."""
    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    validator = jsonschema.Draft202012Validator(
        {"$defs": {"condition": condition_schema()}, "$ref": "#/$defs/condition"}
    )
    assert {"all", "any", "not", "metric", "window", "classes", "match"} <= {k.key for k in kinds()}
    for kind in kinds():
        assert kind.label.en and kind.label.zh, kind.key
        assert kind.schema, kind.key
        jsonschema.Draft202012Validator.check_schema(kind.schema)
        assert "parse" in vars(kind) and "evaluate" in vars(kind) and "describe" in vars(kind), kind.key
        example = load_yaml_text(kind.example, "<example>")
        assert validator.is_valid(example), (kind.key, kind.example)
        assert f"| `{kind.key}` |" in doc, kind.key


def test_every_exception_kind_describes_itself():
    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    validator = jsonschema.Draft202012Validator(exception_schema())
    for kind in exception_kinds():
        assert kind.comparators and kind.label.en and kind.label.zh, kind.__name__
        assert "check" in vars(kind) and "evaluate" in vars(kind) and "describe" in vars(kind), kind.__name__
        assert validator.is_valid(load_yaml_text(kind.example, "<example>")), kind.example
        assert f"`{kind.comparators[0]}`" in doc, kind.__name__


def test_rules_doc_tables_are_current():
    from detector.rules.docs import with_kinds

    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert doc == with_kinds(doc), "run `make docs`"


def test_shipped_conditions_agree_with_the_schema():
    """Every condition and exception of the bundled rules passes the editors' schema too."""
    validator = schema_validator()
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        assert not [e.message for e in validator.iter_errors(load_yaml_file(path))], path


def test_unknown_condition_kind_is_a_located_error(cli, tmp_path):
    path = rule_file(tmp_path, "{weekday: [6, 7]}")
    code, out, err = cli(["rules", "check", str(path), "--lang", "en"])
    assert code == 3, out + err
    assert f"{path}:16:12: unknown condition 'weekday'" in out + err


def test_unknown_exception_kind_is_a_located_error(tmp_path):
    """The schema's enum stops an unknown comparator first; the parser still names its place."""
    path = tmp_path / "u.yaml"
    path.write_text("unless:\n  - {field: applicant, comparator: rights_holdr}\n", encoding="utf-8")
    items = load_yaml_file(path)["unless"]
    with pytest.raises(RuleFileError) as err:
        parse_exceptions(items, "filing", set())
    assert err.value.render() == (f"{path}:2:24: unknown comparator 'rights_holdr'; did you mean 'rights_holder'?")


def test_exceptions_evaluate_and_describe():
    items = load_yaml_text(
        "- {field: own_mark_share, comparator: '>=', values: [0.5]}\n"
        "- {field: n_filings, comparator: between, values: [1, 3]}\n",
        "<t>",
    )
    low, between = parse_exceptions(items, "applicant", set())
    frame = ScopeFrame("applicant", pd.DataFrame({"own_mark_share": [0.6, 0.2, np.nan], "n_filings": [1, 5, 3]}))
    assert low.evaluate(frame)[0].tolist() == [True, False, False]
    assert between.evaluate(frame)[0].tolist() == [True, False, True]
    assert low.describe("en") == "own_mark_share ≥ 0.5"
    assert between.describe("zh") == "n_filings ∈ [1, 3]"
