"""The screening plan: the one list of stages every run executes, whatever the engine.

The in-memory run is a plan with one partition; the forked and Dask engines differ only in their executor
(detector.engines), which decides the partition count and where partitions, normalization and link groups run;
`tmscreen rules test` runs each inline case through the same stages. A new stage is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from detector.pipeline import stages
from detector.pipeline.history import read_history
from detector.pipeline.record import record_batch
from detector.pipeline.repeat_offenders import mark_repeat_offenders
from detector.pipeline.result import ScreenResult
from detector.pipeline.verdicts import apply_verdicts


@dataclass(frozen=True)
class Stage:
    """One step: its name (progress lines and run.json timings), what it does, and whether this run needs it."""

    name: str
    run: Callable[[ScreenResult], None]
    detail: Callable[[ScreenResult], str] = lambda s: ""
    when: Callable[[ScreenResult], bool] = lambda s: True


def _registry(s: ScreenResult) -> bool:
    return s.request.registry is not None


PLAN: tuple[Stage, ...] = (
    Stage("rules", stages.load_rules, lambda s: "loading and checking rule files"),
    Stage("engine start", stages.start_engine, lambda s: s.executor.describe(), lambda s: s.executor.starts),
    Stage("load", stages.load, lambda s: s.request.describe()),
    Stage("history", read_history, lambda s: f"reading {s.request.registry}", _registry),
    Stage("normalize", stages.normalize),
    Stage("graph", stages.link_applicants, lambda s: "linking applicants"),
    Stage("repeat offenders", mark_repeat_offenders, when=_registry),
    Stage("partition", stages.partition),
    Stage("match+filing rules", stages.screen_partitions, lambda s: _partitions(s)),
    Stage("applicant metrics+rules", stages.applicant_rules),
    Stage("cluster metrics+rules", stages.cluster_rules),
    Stage("score", stages.score),
    Stage("registry verdicts", apply_verdicts, when=_registry),
    Stage("agent metrics+rules", stages.agent_rules),
    Stage(
        "record",
        record_batch,
        lambda s: f"recording into {s.registry.target}",
        lambda s: _registry(s) and s.request.record,
    ),
)


def _partitions(s: ScreenResult) -> str:
    n = len(s.plan)
    return f"{n} partition{'s' if n != 1 else ''} {s.executor.where(n)}"


def stage_names() -> list[str]:
    """The stages in the order they run (docs/architecture.md shows this list)."""
    return [stage.name for stage in PLAN]


def plan_diagram() -> str:
    """The plan as docs/architecture.md shows it: one line a stage, with the function that runs it and what it does."""
    lines = ["```", "ScreenRequest (files or records, rule paths, options) + Executor (pandas | dask)", "  |"]
    for stage in PLAN:
        doc = (stage.run.__doc__ or "").strip().split("\n")[0]
        lines.append(f"  v  {stage.name:<24} {stage.run.__module__}.{stage.run.__name__}")
        lines.append(f"  |    {doc}")
    lines += ["  v", "ScreenResult -> detector.report.write_outputs (files) / detector.audit (eval, diff, tune)", "```"]
    return "\n".join(lines)


def run_plan(s: ScreenResult, plan: tuple[Stage, ...] = PLAN) -> ScreenResult:
    """Run every stage of `plan` on `s` in order, timed; the executor is closed at the end, also on error."""
    try:
        with s.executor:
            for stage in plan:
                if stage.when(s):
                    with s.progress.stage(stage.name, stage.detail(s)):
                        stage.run(s)
    finally:
        if s.registry is not None and s.owns_registry:
            s.registry.close()
    return s


def write_diagram(path: str) -> None:
    """Put the current plan_diagram() between the plan markers of `path` (docs/architecture.md)."""
    import re
    from pathlib import Path

    doc = Path(path)
    text = doc.read_text(encoding="utf-8")
    block = f"<!-- plan:start -->\n{plan_diagram()}\n<!-- plan:end -->"
    doc.write_text(re.sub(r"<!-- plan:start -->.*?<!-- plan:end -->", lambda _: block, text, flags=re.S), "utf-8")


if __name__ == "__main__":
    import sys

    write_diagram(sys.argv[1])
