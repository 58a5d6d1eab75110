"""The one typed context of a screening run: every stage reads what earlier stages filled in and adds its part.

At the end of the plan it is the run's result, which the report package turns into files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from detector.pipeline.progress import Progress
from detector.pipeline.request import ScreenRequest

if TYPE_CHECKING:
    from detector.batch import Batch
    from detector.engines.executor import Executor
    from detector.io import Inputs
    from detector.pipeline.graph_stage import GraphOutcome
    from detector.pipeline.match_cache import MatchCache
    from detector.pipeline.partitions import PartitionContext, PartitionPlan
    from detector.pipeline.rule_stage import RuleHits, RuleStage
    from detector.rules.compiled import CompiledRule
    from detector.rules.model import RuleSet


@dataclass
class ScreenResult:
    """Everything a screening run found (and, while it runs, the state its stages hand on)."""

    request: ScreenRequest
    executor: Executor
    progress: Progress = field(default_factory=Progress)
    ruleset: RuleSet | None = None
    compiled: list[CompiledRule] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    inputs: Inputs | None = None
    batch: Batch | None = None
    graph: GraphOutcome | None = None
    n_partitions: int = 1
    partition_context: PartitionContext | None = None
    plan: PartitionPlan | None = None
    watch: set[str] = field(default_factory=set)
    filing_metrics: pd.DataFrame | None = None
    applicant_metrics: pd.DataFrame | None = None
    cluster_metrics: pd.DataFrame | None = None
    agent_metrics: pd.DataFrame | None = None
    hits: RuleHits | None = None
    rule_stage: RuleStage | None = None
    scores: pd.DataFrame | None = None
    threshold: float = 0.0
    match_stats: dict[str, Any] = field(default_factory=dict)
    match_cache: MatchCache | None = None  # warm list matchers across runs of one rule set (tests, casebook)
    # With a registry (issue 16; detector/pipeline/history.py): the open registry, this batch's id, how many of the
    # filings are this batch's (the first n; the history's follow), the batch id of every filing, the registry's
    # confirmed (Offenders) and cleared entries, the repeat offenders per applicant code, and whether it was recorded.
    registry: Any = None
    batch_id: str = ""
    n_batch_filings: int | None = None
    filing_batch: Any = None
    offenders: Any = None
    cleared: dict = field(default_factory=dict)
    repeat_apps: Any = None
    recorded: bool | None = None
    owns_registry: bool = False  # opened by this run (closed at its end), not handed in by a server
    # Tables the report package derives from the finished run and reads more than once (cluster evidence): made once
    # per process (a forked writer fills its own copy). detector/report/tables.py keys each by what it is made of.
    report_memo: dict = field(default_factory=dict)

    @property
    def lang(self) -> str:
        return self.request.lang

    @property
    def timings(self) -> dict[str, float]:
        return self.progress.timings

    def flagged(self) -> pd.DataFrame:
        """Flagged applicants (score >= threshold; with a registry, only this batch's and not cleared on the same
        evidence), best first: repeat offenders (with a registry), then score desc, filings desc, id asc."""
        s = self.scores
        flagged = s[s["flagged"]]
        keys, ascending = ["score", "n_filings", "applicant_id"], [False, False, True]
        if "repeat_offender" in flagged.columns:
            keys, ascending = ["repeat_offender", *keys], [False, *ascending]
        return flagged.sort_values(keys, ascending=ascending, kind="stable")
