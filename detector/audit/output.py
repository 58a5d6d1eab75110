"""The audit commands as Python calls: screen, measure or tune, and write the output folder atomically."""

from __future__ import annotations

import json
from pathlib import Path

from detector.audit.evaluate import Evaluation, evaluate
from detector.audit.plots import plot_pr_curve
from detector.audit.staging import staged_files
from detector.audit.tune import SEED, TuneReport, tune
from detector.audit.tuned_ruleset import write_tuned_ruleset
from detector.io import load_labels
from detector.pipeline.progress import Progress
from detector.report.write import write_csv

EVAL_FILES = ("metrics.json", "pr_curve.csv", "pr_curve.png", "false_positives.csv", "false_negatives.csv")


def _screen(
    filings: Path,
    applicants: Path | None,
    register: Path | None,
    rules: list[Path] | None,
    threshold,
    lang: str,
    skip_bad_rows: bool,
    quiet: bool,
    registry: str | None = None,
):
    """The screening an audit command measures; with `registry`, against its history, read only (an evaluation
    never records a batch)."""
    from detector.pipeline.run import screen

    return screen(
        filings,
        applicants,
        register,
        rules,
        threshold,
        lang,
        skip_bad_rows,
        Progress(quiet=quiet),
        registry=registry,
        record=False,
    )


def write_evaluation(
    filings: Path,
    labels: Path,
    out: Path,
    applicants: Path | None = None,
    register: Path | None = None,
    rules: list[Path] | None = None,
    threshold: float | None = None,
    lang: str = "en",
    skip_bad_rows: bool = False,
    unlabelled: str = "ignore",
    quiet: bool = True,
    registry: str | None = None,
) -> Evaluation:
    """Screen, compare with the labels and write the evaluation files into `out` (`registry`: screen against its
    history, read only)."""
    table, described = load_labels(labels)
    result = _screen(filings, applicants, register, rules, threshold, lang, skip_bad_rows, quiet, registry)
    ev = evaluate(result, table, unlabelled, str(labels))
    ev.metrics["run"] = {
        "inputs": result.inputs.files,
        "labels": described,
        "rules": [str(r) for r in rules] if rules else None,
        "ruleset_sha256": result.ruleset.sha256,
        "threshold": float(result.threshold),
        "combine": result.ruleset.scoring.combine,
        "unlabelled": unlabelled,
        "lang": lang,
    }
    if registry is not None:
        ev.metrics["run"]["registry"] = {"target": result.registry.target, "batch_id": result.batch_id}
    with staged_files(out) as staging:
        text = json.dumps(ev.metrics, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        (staging / "metrics.json").write_text(text, encoding="utf-8")
        write_csv(ev.curve, staging / "pr_curve.csv", excel=False)
        write_csv(ev.false_positives, staging / "false_positives.csv", excel=False)
        write_csv(ev.false_negatives, staging / "false_negatives.csv", excel=False)
        plot_pr_curve(ev.curve, float(result.threshold), staging / "pr_curve.png", lang)
    return ev


def write_tuning(
    filings: Path,
    labels: Path,
    out: Path,
    applicants: Path | None = None,
    register: Path | None = None,
    rules: list[Path] | None = None,
    lang: str = "en",
    skip_bad_rows: bool = False,
    unlabelled: str = "ignore",
    quiet: bool = True,
    seed: int | None = None,
    folds: int = 5,
    c: float = 1.0,
    min_support: int = 3,
) -> TuneReport:
    """Screen, fit suggested points and threshold, and write them as a new rule-set folder `out`."""
    table, _ = load_labels(labels)
    result = _screen(filings, applicants, register, rules, None, lang, skip_bad_rows, quiet)
    report = tune(result, table, SEED if seed is None else seed, folds, c, min_support, unlabelled, str(labels))
    write_tuned_ruleset(report, result.ruleset, rules, out)
    return report
