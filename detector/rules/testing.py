"""Inline rule tests (`tests: {hit: [...], no_hit: [...]}` in each rule) run through the real pipeline stages.

A case describes a small batch — `filings` (records, or {count, days} for one applicant's volume), an optional
`register` and `applicant` record — and `metrics` that override what the stages compute for the case's
applicant, cluster or agent. The rule under test is then evaluated alone on that batch.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from detector.batch import prepare_batch
from detector.io import inputs_from_records
from detector.metrics.applicant import compute_applicant_metrics
from detector.metrics.catalogue import BY_SCOPE
from detector.metrics.filing import compute_filing_metrics
from detector.metrics.windows import max_in_window
from detector.rules.compiled import CompiledRule
from detector.rules.evaluate import evaluate_rule
from detector.rules.frame import ScopeFrame
from detector.rules.model import RuleSet

TEST_APPLICANT = "测试申请人"
DEFAULT_FILING = {
    "mark_text": "测试商标",
    "nice_class": "35",
    "filing_date": "2022-02-10",
    "applicant_name": TEST_APPLICANT,
}


@dataclass
class CaseOutcome:
    rule_id: str
    expect_hit: bool
    name: str
    hit: bool
    error: str = ""

    @property
    def passed(self) -> bool:
        return not self.error and self.hit == self.expect_hit


def _filings(case: dict) -> list[dict]:
    spec = case.get("filings")
    if isinstance(spec, dict):
        count, days = int(spec["count"]), int(spec.get("days", 1))
        start = dt.date(2022, 1, 3)
        return [
            {
                **DEFAULT_FILING,
                "mark_text": f"测试{i:04d}",
                "filing_date": (start + dt.timedelta(days=(i * days) // count)).isoformat(),
            }
            for i in range(count)
        ]
    records = [{**DEFAULT_FILING, **{k: str(v) for k, v in r.items()}} for r in (spec or [DEFAULT_FILING])]
    for i, r in enumerate(records):
        r.setdefault("filing_id", f"T{i + 1:05d}")
    return records


def _default(kind: str) -> object:
    return {"number": 0, "text": "", "bool": False}[kind]


def _override(table: pd.DataFrame, row: int, scope: str, metrics: dict) -> None:
    for name, value in metrics.items():
        if name not in table.columns:
            table[name] = _default(BY_SCOPE.get(scope, {}).get(name).kind) if name in BY_SCOPE.get(scope, {}) else ""
        if isinstance(value, float) and pd.api.types.is_integer_dtype(table[name]):
            table[name] = table[name].astype("float64")
        elif (table[name].dtype == bool) != isinstance(value, bool) or isinstance(value, str):
            table[name] = table[name].astype(object)
        table.at[row, name] = value


def run_case(rule: CompiledRule, ruleset: RuleSet, case: dict) -> bool:
    """Whether `rule` fires on the case's batch for the case's applicant (or cluster, or agent)."""
    from detector.pipeline.match_stage import MatchStage
    from detector.pipeline.rule_stage import RuleStage

    records = _filings(case)
    for i, r in enumerate(records):
        r["filing_id"] = r.get("filing_id") or f"T{i + 1:05d}"
    applicant = case.get("applicant")
    applicants = [{"applicant_id": "", **applicant}] if applicant else None
    inputs = inputs_from_records(records, applicants, case.get("register"), source=f"rule test {rule.rule.id}")
    batch = prepare_batch(inputs)
    no_cluster = np.full(batch.n_apps, -1, dtype=np.int64)
    scope = rule.rule.scope
    metrics = dict(case.get("metrics") or {})
    if scope == "filing":
        stage = RuleStage(batch, ruleset, [rule], MatchStage(batch, ruleset), "en")
        fm = compute_filing_metrics(batch, no_cluster)
        for name, value in metrics.items():
            fm[name] = value
        return len(stage.run_filing_rules(fm).filing_hits) > 0
    f = batch.filings
    day = f["day"].to_numpy()
    if scope == "applicant":
        flags = pd.DataFrame(columns=["filing_idx", "group", "owner"])
        table = compute_applicant_metrics(
            batch,
            ruleset.reference.get("business_scope_classes", {}),
            flags,
            {},
            np.zeros(batch.n_apps, dtype=bool),
            set(),
            np.ones(batch.n_apps, dtype=np.int64),
        )
        table["anomaly_score"] = 0.0
        target = int(np.argmax(table["n_filings"].to_numpy()))
        _override(table, target, scope, metrics)
        app = f["app"].to_numpy()
        frame = ScopeFrame(
            "applicant",
            table,
            window_fn=lambda s: max_in_window(app, day, s, batch.n_apps),
            list_member_fn=lambda ids: np.zeros(batch.n_apps, dtype=bool),
        )
        return bool(evaluate_rule(rule, frame).fired[target])
    table = pd.DataFrame([{m.name: _default(m.kind) for m in BY_SCOPE.get(scope, {}).values()}])
    table["cluster_id" if scope == "cluster" else "agent"] = "TEST"
    _override(table, 0, scope, metrics)
    group = np.zeros(len(f), dtype=np.int64)
    frame = ScopeFrame(scope, table, window_fn=lambda s: max_in_window(group, day, s, 1))
    return bool(evaluate_rule(rule, frame).fired[0])


def run_inline_tests(ruleset: RuleSet, compiled: list[CompiledRule]) -> list[CaseOutcome]:
    """Every inline case of every rule, in rule-id order."""
    outcomes = []
    for rule in sorted(compiled, key=lambda r: r.rule.id):
        tests = rule.rule.tests or {}
        for expect, key in ((True, "hit"), (False, "no_hit")):
            for case in tests.get(key) or []:
                try:
                    hit = run_case(rule, ruleset, case)
                    outcomes.append(CaseOutcome(rule.rule.id, expect, str(case.get("name", "")), hit))
                except Exception as exc:  # noqa: BLE001 - a broken case is reported, not raised
                    outcomes.append(
                        CaseOutcome(
                            rule.rule.id, expect, str(case.get("name", "")), False, f"{type(exc).__name__}: {exc}"
                        )
                    )
    return outcomes
