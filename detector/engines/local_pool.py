"""Partitions screened in forked worker processes on this machine: the pandas engine above one partition.

    run_local(context, plan, jobs) -> [PartitionResult, ...]

The parent builds every Matcher and its key indexes once (`build_matchers`); each forked child (fork_map) inherits
the batch, the plan and the matchers, builds its own partition, screens it and sends the result back. Largest
partitions start first, so the last ones to finish are small.
"""

from __future__ import annotations

from detector.engines.partitions import (
    PartitionContext,
    PartitionPlan,
    PartitionResult,
    screen_partition,
)
from detector.fork_map import fork_map, usable_cpus


def default_jobs() -> int:
    """Worker processes when none are asked for: the usable CPUs, at most 4 (each holds one partition)."""
    return max(1, min(4, usable_cpus()))


def run_local(context: PartitionContext, plan: PartitionPlan, jobs: int) -> list[PartitionResult]:
    from detector.pipeline.match_stage import build_matchers

    build_matchers(plan.batch, context.ruleset, context.compiled, context.shared)
    order = sorted(range(len(plan)), key=lambda i: -len(plan.filing_rows[i]))
    return fork_map(lambda i: screen_partition(context, plan.build(i)), len(plan), jobs, "partition", order)
