"""Inline rule tests (`tests: {hit: [...], no_hit: [...]}` in each rule) run through the screening plan.

A case describes a small batch — `filings` (records, or {count, days} for one applicant's volume), an optional
`register` and `applicant` record — and `metrics` that state what the case is about for its applicant, cluster or
agent. The rule under test alone is then run through the same stages as any screening (detector.pipeline.plan),
with the stated metric values put in place of the computed ones. A cluster case is about one linked cluster: its
batch's applicants form it (the graph stage is replaced by one that says so); an agent case's filings are all
filed through one agency.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from detector.engines.executor import Executor
from detector.pipeline.graph_stage import GraphOutcome, run_graph
from detector.pipeline.match_cache import MatchCache
from detector.pipeline.plan import PLAN, Stage, run_plan
from detector.pipeline.progress import Progress
from detector.pipeline.request import ScreenRequest
from detector.pipeline.result import ScreenResult
from detector.rules.compiled import CompiledRule
from detector.rules.model import RuleSet

TEST_APPLICANT = "测试申请人"
TEST_AGENT = "测试代理机构"
TEST_CLUSTER = "C-TEST"
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


def _filings(case: dict, scope: str) -> list[dict]:
    spec = case.get("filings")
    if isinstance(spec, dict):
        count, days = int(spec["count"]), int(spec.get("days", 1))
        start = dt.date(2022, 1, 3)
        records = [
            {
                **DEFAULT_FILING,
                "mark_text": f"测试{i:04d}",
                "filing_date": (start + dt.timedelta(days=(i * days) // count)).isoformat(),
            }
            for i in range(count)
        ]
    else:
        records = [{**DEFAULT_FILING, **{k: str(v) for k, v in r.items()}} for r in (spec or [DEFAULT_FILING])]
    for i, r in enumerate(records):
        r["filing_id"] = r.get("filing_id") or f"T{i + 1:05d}"
        if scope == "agent":
            r.setdefault("agent", TEST_AGENT)
    return records


def _one_cluster(s: ScreenResult) -> None:
    """The case's applicants are one linked cluster (what a cluster case states)."""
    graph = run_graph(s.batch, s.ruleset.graph, None)
    s.graph = GraphOutcome(
        np.zeros(s.batch.n_apps, dtype=np.int64),
        [TEST_CLUSTER],
        graph.links,
        graph.pairs,
        graph.bridges,
        graph.hubs,
        {},
        graph.split_components,
    )


def case_plan(scope: str) -> tuple[Stage, ...]:
    """The screening plan for a case of `scope`: the same stages, the graph stating the cluster of a cluster case."""
    if scope != "cluster":
        return PLAN
    return tuple(Stage(st.name, _one_cluster) if st.name == "graph" else st for st in PLAN)


def run_case(rule: CompiledRule, ruleset: RuleSet, case: dict, cache: MatchCache | None = None) -> bool:
    """Whether `rule` fires on the case's batch for the case's applicant (or cluster, or agent)."""
    scope = rule.rule.scope
    applicant = case.get("applicant")
    records = {
        "filings": _filings(case, scope),
        "applicants": [{"applicant_id": "", **applicant}] if applicant else None,
        "register": case.get("register"),
        "source": f"rule test {rule.rule.id}",
    }
    metrics = dict(case.get("metrics") or {})
    request = ScreenRequest(records=records, lang="en", metric_overrides={scope: metrics} if metrics else {})
    s = ScreenResult(request, Executor(jobs=1), Progress(quiet=True), ruleset=ruleset, compiled=[rule])
    s.match_cache = cache
    run_plan(s, case_plan(scope))
    hits = s.hits
    if scope == "filing":
        return len(hits.filing_hits) > 0
    if scope == "agent":
        return any(h["rule_id"] == rule.rule.id for h in hits.agent_hits)
    if scope == "applicant":
        target = int(np.argmax(s.applicant_metrics["n_filings"].to_numpy()))
        return any(c.rule_id == rule.rule.id and c.app == target for c in hits.contributions)
    return any(c.rule_id == rule.rule.id for c in hits.contributions)


def run_inline_tests(ruleset: RuleSet, compiled: list[CompiledRule]) -> list[CaseOutcome]:
    """Every inline case of every rule, in rule-id order."""
    outcomes = []
    cache = MatchCache()
    for rule in sorted(compiled, key=lambda r: r.rule.id):
        tests = rule.rule.tests or {}
        for expect, key in ((True, "hit"), (False, "no_hit")):
            for case in tests.get(key) or []:
                name = str(case.get("name", ""))
                try:
                    outcomes.append(CaseOutcome(rule.rule.id, expect, name, run_case(rule, ruleset, case, cache)))
                except Exception as exc:  # noqa: BLE001 - a broken case is reported, not raised
                    outcomes.append(CaseOutcome(rule.rule.id, expect, name, False, f"{type(exc).__name__}: {exc}"))
    return outcomes
