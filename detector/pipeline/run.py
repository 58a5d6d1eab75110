"""The screening pipeline: load -> normalize -> graph -> match -> metrics -> rules -> score (no file output)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from detector.batch import Batch, prepare_batch
from detector.engines.partitions import DEFAULT_PARTITION_FILINGS
from detector.io import Inputs, load_inputs
from detector.metrics.agent import compute_agent_metrics
from detector.metrics.anomaly import anomaly_score
from detector.metrics.applicant import compute_applicant_metrics
from detector.metrics.cluster import compute_cluster_metrics
from detector.metrics.filing import compute_filing_metrics
from detector.normalize import canonical
from detector.pipeline.graph_stage import GraphOutcome, run_graph
from detector.pipeline.match_stage import LIST_FILING_CATEGORIES, MatchStage
from detector.pipeline.progress import Progress
from detector.pipeline.rule_stage import RuleHits, RuleStage
from detector.rules.compiled import CompiledRule
from detector.rules.load import load_ruleset
from detector.rules.model import RuleSet
from detector.scoring import level_of, score_applicants


@dataclass
class ScreenResult:
    """Everything a screening run found; the report package turns it into files."""

    inputs: Inputs
    batch: Batch
    ruleset: RuleSet
    compiled: list[CompiledRule]
    graph: GraphOutcome
    filing_metrics: pd.DataFrame
    applicant_metrics: pd.DataFrame
    cluster_metrics: pd.DataFrame
    agent_metrics: pd.DataFrame
    hits: RuleHits
    scores: pd.DataFrame
    threshold: float
    lang: str
    timings: dict[str, float] = field(default_factory=dict)
    match_stats: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def flagged(self) -> pd.DataFrame:
        """Flagged applicants (score >= threshold), best first: score desc, filings desc, id asc."""
        s = self.scores
        flagged = s[s["score"] >= self.threshold]
        return flagged.sort_values(
            ["score", "n_filings", "applicant_id"], ascending=[False, False, True], kind="stable"
        )


def watch_sets(ruleset: RuleSet) -> set[str]:
    """Canonical names and ids on lists of category watchlist."""
    out: set[str] = set()
    for ref in ruleset.lists.values():
        if ref.category == "watchlist":
            for e in ref.entries:
                out |= {canonical(str(t)) for t in [e["term"], *(e.get("aliases") or [])]}
    return out


def screen(
    filings: Path,
    applicants: Path | None = None,
    register: Path | None = None,
    rules: list[Path] | None = None,
    threshold: float | None = None,
    lang: str = "zh",
    skip_bad_rows: bool = False,
    progress: Progress | None = None,
    jobs: int | None = None,
    partition_filings: int | None = None,
) -> ScreenResult:
    """Run the whole screening pipeline on this machine; raises InputDataError / RuleFileErrors on bad input.

    A batch of more than `partition_filings` filings (default 250,000), or of at least 50,000 when `jobs` > 1
    (default: the usable CPUs, at most 4), is screened in partitions by actor (detector.engines.partitioned),
    in `jobs` forked processes at a time: memory stays bounded by the partition size and the output is the same."""
    progress = progress or Progress(quiet=True)
    with progress.stage("rules", "loading and checking rule files"):
        ruleset, compiled, warnings = load_ruleset(rules)
    with progress.stage("load", f"reading {filings}"):
        inputs = load_inputs(filings, applicants, register, skip_bad_rows)
    progress.say(f"{len(inputs.filings):,} filings, {len(inputs.applicants):,} applicants")
    n_parts, jobs = local_partitions(len(inputs.filings), jobs, partition_filings)
    with progress.stage("normalize"):
        batch = prepare_batch(inputs, jobs if n_parts > 1 else 1)
    with progress.stage("graph", "linking applicants"):
        graph = run_graph(batch, ruleset.graph)
    progress.say(f"{len(graph.cluster_ids):,} linked clusters")
    if n_parts > 1:
        from detector.engines.local_pool import run_local
        from detector.engines.partitioned import screen_partitioned

        return screen_partitioned(
            inputs,
            batch,
            graph,
            ruleset,
            compiled,
            warnings,
            threshold,
            lang,
            progress,
            lambda context, plan: run_local(context, plan, jobs),
            n_parts,
            f"in {min(jobs, n_parts)} processes",
        )
    match_stage = MatchStage(batch, ruleset)
    engine = RuleStage(batch, ruleset, compiled, match_stage, lang)
    with progress.stage("match+filing rules", "matching marks against lists and register"):
        filing_metrics = compute_filing_metrics(batch, graph.cluster_code)
        hits = engine.run_filing_rules(filing_metrics)
    with progress.stage("applicant metrics+rules"):
        ctx = applicant_context(batch, graph, ruleset)
        list_filings = {k: match_stage.list_filings(k) for k in LIST_FILING_CATEGORIES}
        app_metrics = compute_applicant_metrics(
            batch,
            ruleset.reference.get("business_scope_classes", {}),
            hits.flags,
            list_filings,
            ctx.watch_apps,
            ctx.agency_names,
            ctx.cluster_size,
        )
        app_metrics["anomaly_score"] = anomaly_score(app_metrics)
        engine.run_applicant_rules(app_metrics, hits)
    with progress.stage("cluster metrics+rules"):
        cl_metrics = compute_cluster_metrics(
            batch, graph.cluster_code, graph.cluster_ids, app_metrics, hits.flags, graph.link_types
        )
        engine.run_cluster_rules(cl_metrics, graph.cluster_code, hits)
    return finish_screen(
        inputs,
        batch,
        ruleset,
        compiled,
        graph,
        engine,
        filing_metrics,
        app_metrics,
        cl_metrics,
        hits,
        ctx.watch,
        threshold,
        lang,
        progress,
        match_stage.stats,
        warnings,
    )


MIN_PARALLEL_FILINGS = 50_000


def local_partitions(n_filings: int, jobs: int | None, partition_filings: int | None) -> tuple[int, int]:
    """(partitions, worker processes) for the pandas engine; 1 partition means the whole batch in memory."""
    from detector.engines.local_pool import default_jobs

    jobs = default_jobs() if jobs is None else max(1, int(jobs))
    size = DEFAULT_PARTITION_FILINGS if partition_filings is None else max(1, int(partition_filings))
    n_parts = -(-n_filings // size)
    if jobs > 1 and n_filings >= MIN_PARALLEL_FILINGS:
        n_parts = max(n_parts, jobs)
    return max(1, n_parts), jobs


@dataclass
class ApplicantContext:
    """Batch-wide facts the applicant metrics read: watchlist names and members, agency names, cluster sizes."""

    watch: set[str]
    watch_apps: np.ndarray
    agency_names: set[str]
    cluster_size: np.ndarray


def applicant_context(batch: Batch, graph: GraphOutcome, ruleset: RuleSet) -> ApplicantContext:
    watch = watch_sets(ruleset)
    apps = batch.applicants
    watch_apps = (apps["canon_name"].isin(watch) | apps["applicant_id"].map(canonical).isin(watch)).to_numpy()
    agency_names = {canonical(a) for a in batch.filings["agent"].unique() if a}
    cluster_size = np.ones(batch.n_apps, dtype=np.int64)
    in_cluster = graph.cluster_code >= 0
    sizes = np.bincount(graph.cluster_code[in_cluster], minlength=len(graph.cluster_ids))
    cluster_size[in_cluster] = sizes[graph.cluster_code[in_cluster]]
    return ApplicantContext(watch, watch_apps, agency_names, cluster_size)


def finish_screen(
    inputs: Inputs,
    batch: Batch,
    ruleset: RuleSet,
    compiled: list[CompiledRule],
    graph: GraphOutcome,
    engine: RuleStage,
    filing_metrics: pd.DataFrame,
    app_metrics: pd.DataFrame,
    cl_metrics: pd.DataFrame,
    hits: RuleHits,
    watch: set[str],
    threshold: float | None,
    lang: str,
    progress: Progress,
    match_stats: dict,
    warnings: list,
) -> ScreenResult:
    """Score applicants and clusters, then the agent metrics and rules: the stages every engine shares."""
    with progress.stage("score"):
        scored = score_applicants(batch.n_apps, hits.contributions, ruleset.scoring)
        thr = ruleset.scoring.threshold if threshold is None else float(threshold)
        scores = pd.concat([app_metrics[["applicant_id", "applicant_name", "n_filings", "n_classes"]], scored], axis=1)
        scores["cluster_id"] = [graph.cluster_ids[c] if c >= 0 else "" for c in graph.cluster_code]
        scores["flagged"] = scores["score"] >= thr
        scores["level"] = [
            (level_of(s, ruleset.scoring) or "low") if f else "" for s, f in zip(scores["score"], scores["flagged"])
        ]
        # Per cluster the best member score (0.0 for a cluster without members), in one pass over applicants.
        cl_scores = np.full(len(graph.cluster_ids), -np.inf)
        member = graph.cluster_code >= 0
        np.maximum.at(cl_scores, graph.cluster_code[member], scores["score"].to_numpy(dtype=np.float64)[member])
        cl_metrics["score"] = np.where(np.isinf(cl_scores), 0.0, cl_scores)
    with progress.stage("agent metrics+rules"):
        ag_metrics = compute_agent_metrics(batch, scores["flagged"].to_numpy(), watch)
        engine.run_agent_rules(ag_metrics, hits)
    return ScreenResult(
        inputs,
        batch,
        ruleset,
        compiled,
        graph,
        filing_metrics,
        app_metrics,
        cl_metrics,
        ag_metrics,
        hits,
        scores,
        thr,
        lang,
        progress.timings,
        match_stats,
        [w.render() for w in warnings],
    )
