"""The partitioned screening driver both partition engines share (local process pool and Dask).

    screen_partitioned(inputs, batch, graph, ruleset, compiled, warnings, threshold, lang, progress, runner,
                       n_parts, where)

After load, normalization and the applicant graph (run by the caller on the whole batch): the filings are split
by actor into `n_parts` partitions, `runner(context, plan)` screens them (matching, filing rules, applicant and
cluster metrics of their actors) and returns one PartitionResult each, in any order; then the results are merged
in the in-memory pipeline's order and applicant, cluster and agent rules and scoring run through the same code as
the in-memory engine. Memory per partition is bounded by the partition's size, not the batch's.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from detector.batch import Batch
from detector.engines.partitions import (
    PartitionContext,
    PartitionPlan,
    PartitionResult,
    actor_partitions,
    merge_partitions,
    plan_partitions,
)
from detector.io import Inputs
from detector.metrics.anomaly import anomaly_score
from detector.metrics.applicant import own_forms_of, owns_famous
from detector.metrics.cluster import compute_cluster_metrics
from detector.metrics.filing import batch_herd, filing_actor
from detector.pipeline.graph_stage import GraphOutcome
from detector.pipeline.progress import Progress
from detector.pipeline.rule_stage import RuleStage
from detector.pipeline.run import ScreenResult, applicant_context, finish_screen

Runner = Callable[[PartitionContext, PartitionPlan], list[PartitionResult]]


def partition_count(n_filings: int, partition_filings: int, min_parts: int = 1) -> int:
    """At least `min_parts`, and enough partitions that none holds (much) more than `partition_filings` filings."""
    return max(1, min_parts, math.ceil(n_filings / max(1, partition_filings)))


def screen_partitioned(
    inputs: Inputs,
    batch: Batch,
    graph: GraphOutcome,
    ruleset,
    compiled,
    warnings: list,
    threshold: float | None,
    lang: str,
    progress: Progress,
    runner: Runner,
    n_parts: int,
    where: str,
) -> ScreenResult:
    with progress.stage("partition"):
        ctx = applicant_context(batch, graph, ruleset)
        herd = batch_herd(batch, graph.cluster_code)
        app = batch.filings["app"].to_numpy()
        part_of_app = actor_partitions(app, filing_actor(app, graph.cluster_code, batch.n_apps), batch.n_apps, n_parts)
        plan = plan_partitions(batch, part_of_app, herd, n_parts)
        context = PartitionContext(
            ruleset,
            compiled,
            lang,
            batch.applicants,
            batch.register,
            graph.cluster_code,
            graph.cluster_ids,
            graph.link_types,
            ctx.watch_apps,
            ctx.agency_names,
            ctx.cluster_size,
            own_forms_of(batch),
            owns_famous(batch),
        )
        del herd, part_of_app
    with progress.stage("match+filing rules", f"{len(plan)} partitions {where}"):
        results = runner(context, plan)
        del plan
        filing_metrics, hits, app_metrics, cl_metrics, match_stats = merge_partitions(
            results, len(batch.filings), batch.n_apps, len(graph.cluster_ids), compiled
        )
        del results
    engine = RuleStage(batch, ruleset, compiled, None, lang)
    with progress.stage("applicant metrics+rules"):
        app_metrics["anomaly_score"] = anomaly_score(app_metrics)
        engine.run_applicant_rules(app_metrics, hits)
    with progress.stage("cluster metrics+rules"):
        if cl_metrics is None:
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
        match_stats,
        warnings,
    )
