"""Graded points (issue 15, part 4): points that grow with how far past its line a rule's subject is, on a scale
stated in the rule file and explained in one sentence (docs/scoring.md).

Expected numbers are derived by hand from the rule files: points = base + round(add x (value - line) / step), at
most max, never below base. HOARD-002 (natural persons): base 30 at 20 filings within 365 days, 10 more per 10,
at most 55 — 25 filings give 35, 30 give 40 (the 29-filing case: enough alone), 45 and more give 55.
"""

from __future__ import annotations

import numpy as np
import pytest

from detector.audit.rule_edit import apply_edits, points_edits
from detector.engines import make_executor
from detector.errors import RuleFileErrors
from detector.explain import render_case
from detector.pipeline.plan import run_plan
from detector.pipeline.progress import Progress
from detector.pipeline.request import ScreenRequest
from detector.pipeline.result import ScreenResult
from detector.rules.load import load_ruleset
from detector.rules.model import PointScale
from detector.scoring.graded import graded_points, scale_sentence

SCALE = PointScale(base=20, max=45, line=100, step=50, add=5, window_days=365)


def test_points_by_hand():
    values = np.array([100, 120, 150, 300, 99, np.nan, 1000])
    # 20 + 5*0/50, 20 + 5*20/50 = 22, 20 + 5 = 25, 20 + 20 = 40, below the line: 20, missing: 20, capped: 45
    assert graded_points(SCALE, values).tolist() == [20, 22, 25, 40, 20, 20, 45]


def test_points_never_exceed_max_nor_fall_below_base():
    values = np.linspace(0, 5000, 101)
    got = graded_points(SCALE, values)
    assert got.min() == 20 and got.max() == 45 and (np.diff(got) >= 0).all()


def test_the_sentence_states_the_scale_and_where_the_applicant_sits():
    en = scale_sentence(SCALE, 120.0, 22.0, "en")
    assert (
        en == "points: filings within any 365 days 120 is 1.2x the line of 100: 20 + 5 per 50 past it = 22 of up to 45"
    )
    zh = scale_sentence(SCALE, 120.0, 22.0, "zh")
    assert "任意365天内申请件数120" in zh and "基准线100的1.2倍" in zh and "得22分" in zh and "最高45分" in zh


RULE = """ruleset: t
version: "1"
description: {{zh: 测试, en: test}}
scoring: {{combine: noisy_or, threshold: 40, levels: {{high: 70, medium: 55, low: 40}}}}
rules:
  - id: T-001
    title: {{zh: 测试, en: test}}
    explain: {{zh: "{{n_filings}}件", en: "{{n_filings}} filings"}}
    category: hoarding
    scope: {scope}
    when: {{metric: n_filings, op: ">=", value: 10}}
    points: {points}
    level: low
    legal_basis: [商标法第四条]
    false_positives: [none]
    status: active
    tests:
      hit:
        - name: many
          metrics: {{n_filings: 40}}
      no_hit:
        - name: few
          metrics: {{n_filings: 5}}
"""


def _load(tmp_path, points: str, scope: str = "applicant"):
    path = tmp_path / "r.yaml"
    path.write_text(RULE.format(points=points, scope=scope), encoding="utf-8")
    return load_ruleset([path])


def test_a_graded_rule_loads(tmp_path):
    ruleset, _, _ = _load(tmp_path, "{base: 15, max: 35, scale: {metric: n_filings, line: 10, step: 10, add: 5}}")
    rule = ruleset.rule("T-001")
    assert rule.points == 15 and rule.scale == PointScale(15, 35, 10, 10, 5, metric="n_filings")


@pytest.mark.parametrize(
    "points, message",
    [
        ("{base: 40, max: 30, scale: {metric: n_filings, line: 10, step: 10, add: 5}}", "max (30) is below base (40)"),
        ("{base: 10, max: 30, scale: {metric: n_filing, line: 10, step: 10, add: 5}}", "did you mean 'n_filings'"),
        (
            "{base: 10, max: 30, scale: {metric: entity_type, line: 10, step: 10, add: 5}}",
            "'entity_type' is not a number",
        ),
        ("{base: 10, max: 30, scale: {metric: n_filings, line: 10, step: 0, add: 5}}", "step"),
        ("{base: 10, max: 30, scale: {line: 10, step: 10, add: 5}}", "scale"),
    ],
)
def test_bad_scales_are_located_errors(tmp_path, points, message):
    with pytest.raises(RuleFileErrors) as err:
        _load(tmp_path, points)
    text = err.value.render("en") if hasattr(err.value, "render") else str(err.value)
    assert "r.yaml:" in text and message in text, text


def test_a_window_scale_needs_a_scope_that_counts_filings(tmp_path):
    points = "{base: 10, max: 30, scale: {window: 365d, line: 10, step: 10, add: 5}}"
    with pytest.raises(RuleFileErrors) as err:
        _load(tmp_path, points.replace("n_filings", "n_filings"), scope="filing")
    text = err.value.render("en") if hasattr(err.value, "render") else str(err.value)
    assert "window" in text


def _person(n: int, name: str) -> list[dict]:
    return [
        {"filing_id": f"{name}-{i}",
         "mark_text": f"{'云海星河山川日月风雷'[i % 10]}{'甲乙丙丁戊己庚辛壬癸'[(i // 10) % 10]}{i:03d}",
         "nice_class": str(1 + i % 5), "filing_date": f"2022-0{1 + i % 9}-1{i % 9}", "applicant_name": name}
        for i in range(n)
    ]  # fmt: skip


def _screen(filings: list[dict]) -> ScreenResult:
    result = ScreenResult(
        ScreenRequest(records={"filings": filings, "source": "test"}, lang="en"),
        make_executor("pandas", jobs=1),
        Progress(quiet=True),
    )
    run_plan(result)
    return result


@pytest.mark.parametrize(
    "n, points, flagged",
    [(19, None, False), (20, 30.0, False), (25, 35.0, False), (30, 40.0, True), (60, 55.0, True)],
)
def test_points_grow_with_volume_and_the_reason_says_why(n, points, flagged):
    """One natural person alone in the batch, 5 classes (no class-spread points), no burst."""
    result = _screen(_person(n, "赵一"))
    got = [c for c in result.hits.contributions if c.rule_id == "HOARD-002"]
    assert [c.points for c in got] == ([points] if points else [])
    assert bool(result.scores["flagged"].iloc[0]) is flagged
    if points:
        ratio = f"{n / 20:.1f}"
        assert f"{n} is {ratio}x the line of 20: 30 + 10 per 10 past it = {points:g} of up to 55" in got[0].reason["en"]
        assert got[0].trace["points"]["saw"] == n and got[0].trace["points"]["points"] == points


def test_explain_prints_the_formula():
    result = _screen(_person(25, "赵一"))
    c = next(c for c in result.hits.contributions if c.rule_id == "HOARD-002")
    case = {
        "applicant_name": "赵一", "applicant_id": "X", "score": 35.0, "level": "", "flagged": False, "threshold": 40,
        "scoring": {"combine": "noisy_or"}, "metrics": {},
        "contributions": [{"rule_id": c.rule_id, "points": c.points, "scope": c.scope, "count": c.count,
                           "via_cluster": "", "reason": c.reason, "trace": c.trace}],
    }  # fmt: skip
    text = render_case(case, "en")
    assert "[HOARD-002] +35" in text
    assert "points [window_365d] = min(55, 30 + 10 × max(0, 25 − 20) / 10) = 35" in text
    assert "计分 [window_365d]" in render_case(case, "zh")


def test_tuning_a_graded_rule_moves_base_and_max_only():
    ruleset, _, _ = load_ruleset()
    rule = ruleset.rule("HOARD-005")
    edits = points_edits(ruleset, {"HOARD-005": 25.0})
    assert [(e.key, e.value) for e in sorted(edits, key=lambda e: e.col)] == [("base", 25.0), ("max", 45.0)]
    lines = open(rule.file, encoding="utf-8").read().split("\n")
    line = lines[edits[0].line - 1]
    new = apply_edits(line, [type(e)(e.file, 1, e.col, e.key, e.value) for e in edits])
    assert new == line.replace("base: 15, max: 35", "base: 25, max: 45")
