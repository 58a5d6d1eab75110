"""Partitions screened in forked worker processes on this machine: the pandas engine above one partition.

    run_local(context, plan, jobs) -> [PartitionResult, ...]

The parent builds every Matcher once (`prebuild_matchers`), then forks one child per partition, at most `jobs` at a
time. A forked child inherits the batch, the plan and the matchers without copying or pickling them; it builds its
own partition, screens it, sends the result back through a pipe and exits, so its memory goes back to the system
when it is done. With `jobs` 1 the partitions run one after another in this process (no fork).

A child that dies (killed for memory, say) or raises ends the run with a clear error; the other children are
stopped first. Platforms without fork run the partitions in this process.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from dataclasses import fields
from multiprocessing.connection import wait

from detector.engines.partitions import (
    PartitionContext,
    PartitionPlan,
    PartitionResult,
    screen_partition,
)
from detector.errors import TmscreenError

_JOB: tuple[PartitionContext, PartitionPlan] | None = None  # what forked children read (set only while forking)


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def default_jobs() -> int:
    """Worker processes when none are asked for: the usable CPUs, at most 4 (each holds one partition)."""
    return max(1, min(4, usable_cpus()))


def prebuild_matchers(context: PartitionContext, plan: PartitionPlan) -> None:
    """Term tables and Matchers of every list the rules match against, built once into context.shared."""
    from detector.pipeline.match_stage import build_matchers

    build_matchers(plan.batch, context.ruleset, context.compiled, context.shared)


def _child(i: int, conn) -> None:
    """In a forked child: screen partition i and send ("ok", result) or ("error", message)."""
    try:
        context, plan = _JOB  # type: ignore[misc]
        payload = ("ok", screen_partition(context, plan.build(i)))
    except TmscreenError as exc:  # re-raised in the parent as the same error (same exit code)
        payload = ("tmscreen", (type(exc), {f.name: getattr(exc, f.name) for f in fields(exc)}))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises
        payload = ("error", f"{type(exc).__name__}: {exc}")
    try:
        conn.send_bytes(pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL))
    finally:
        conn.close()


def run_local(context: PartitionContext, plan: PartitionPlan, jobs: int) -> list[PartitionResult]:
    prebuild_matchers(context, plan)
    if jobs <= 1 or len(plan) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [screen_partition(context, plan.build(i)) for i in range(len(plan))]
    global _JOB
    _JOB = (context, plan)
    mp = multiprocessing.get_context("fork")
    # Largest partitions first, so the last ones to finish are small.
    pending = sorted(range(len(plan)), key=lambda i: -len(plan.filing_rows[i]))
    running: dict = {}  # reading end of the pipe -> (process, partition)
    results: list[PartitionResult] = []
    try:
        while pending or running:
            while pending and len(running) < jobs:
                i = pending.pop(0)
                reader, writer = mp.Pipe(duplex=False)
                proc = mp.Process(target=_child, args=(i, writer), name=f"tmscreen-partition-{i}", daemon=True)
                proc.start()
                writer.close()
                running[reader] = (proc, i)
            for reader in wait(list(running)):
                proc, i = running.pop(reader)
                try:
                    status, value = pickle.loads(reader.recv_bytes())
                except EOFError:
                    proc.join()
                    raise TmscreenError(
                        f"the worker process screening partition {i + 1} of {len(plan)} died (exit code {proc.exitcode})",
                        fix="if the machine ran out of memory, use fewer --jobs or smaller partitions (--partition-filings)",
                    ) from None
                finally:
                    reader.close()
                proc.join()
                if status == "tmscreen":
                    cls, values = value
                    raise cls(**values)
                if status != "ok":
                    raise TmscreenError(f"screening partition {i + 1} of {len(plan)} failed: {value}")
                results.append(value)
    finally:
        _JOB = None
        for proc, _ in running.values():
            proc.kill()
            proc.join()
    return results
