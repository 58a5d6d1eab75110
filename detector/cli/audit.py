"""`tmscreen eval`, `tmscreen rules diff` and `tmscreen rules tune`: the auditor's commands."""

from __future__ import annotations

import json
from pathlib import Path

import click

from detector.cli.options import input_options, lang_option, rules_option

_labels_option = click.option(
    "--labels",
    required=True,
    type=click.Path(dir_okay=False, path_type=str),
    help="Labels file: applicant_id,label(1 suspicious / 0 not),category.",
)
_unlabelled_option = click.option(
    "--unlabelled",
    type=click.Choice(["ignore", "negative"]),
    default="ignore",
    show_default=True,
    help="Applicants of the batch without a label: leave them out, or count them as not suspicious.",
)


def _paths(values) -> list[Path] | None:
    return [Path(v) for v in values] or None


def _opt(value: str | None) -> Path | None:
    return Path(value) if value else None


@click.command("eval")
@click.argument("filings", type=click.Path(path_type=str))
@_labels_option
@input_options
@rules_option
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=str), help="Output folder.")
@click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    default=None,
    help="Evaluate at this threshold (default: the rule set's).",
)
@_unlabelled_option
@lang_option
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
@click.option(
    "--registry",
    default=None,
    metavar="PATH_OR_URL",
    help="Screen against the applicant registry's history (read only: nothing is recorded). "
    "对照主体名录的历史记录评估（只读，不写入名录）。",
)
def eval_command(
    filings, labels, applicants, register, skip_bad_rows, rules, out, threshold, unlabelled, lang, quiet, registry
) -> None:
    """Measure the rules against LABELS: precision, recall and F1 overall, per rule and per category.

    Writes metrics.json, pr_curve.csv, pr_curve.png, false_positives.csv and false_negatives.csv.
    用标注数据评估规则：整体、逐条规则、逐类别的精确率、召回率与F1，以及PR曲线。
    """
    from detector.audit.output import write_evaluation
    from detector.audit.summary import eval_summary

    ev = write_evaluation(
        Path(filings),
        Path(labels),
        Path(out),
        _opt(applicants),
        _opt(register),
        _paths(rules),
        threshold,
        lang,
        skip_bad_rows,
        unlabelled,
        quiet,
        registry,
    )
    click.echo(eval_summary(ev, Path(out)))


@click.command("diff")
@click.argument("old", type=click.Path(path_type=str))
@click.argument("new", type=click.Path(path_type=str))
@click.option(
    "--filings",
    required=True,
    type=click.Path(dir_okay=False, path_type=str),
    help="Filings to screen with both rule sets.",
)
@input_options
@click.option("--json", "as_json", is_flag=True, help="Print the full difference as JSON.")
@click.option(
    "--limit", type=click.IntRange(1), default=20, show_default=True, help="Applicants listed per kind of change."
)
@lang_option
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
def rules_diff(old, new, filings, applicants, register, skip_bad_rows, as_json, limit, lang, quiet) -> None:
    """Screen the same filings with rule sets OLD and NEW (files or folders) and show what changes.

    Lists applicants newly flagged, no longer flagged, or rescored, with the rules responsible, and the per-rule
    hit counts. 比较两版规则在同一批数据上的结果差异。
    """
    from detector.audit.diff import diff_rulesets
    from detector.audit.summary import diff_summary
    from detector.pipeline.progress import Progress

    diff = diff_rulesets(
        [Path(old)],
        [Path(new)],
        Path(filings),
        _opt(applicants),
        _opt(register),
        lang,
        skip_bad_rows,
        Progress(quiet=quiet),
    )
    if as_json:
        click.echo(json.dumps(diff.to_dict(), ensure_ascii=False, indent=2, sort_keys=True))
    else:
        click.echo(diff_summary(diff, limit))


@click.command("tune")
@_labels_option
@click.option(
    "--filings", required=True, type=click.Path(dir_okay=False, path_type=str), help="Filings of the labelled batch."
)
@input_options
@rules_option
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(file_okay=False, path_type=str),
    help="New folder for the suggested rule set.",
)
@click.option("--seed", type=int, default=None, help="Seed of the cross-validation folds (default: fixed).")
@click.option(
    "--folds",
    type=click.IntRange(2, 20),
    default=5,
    show_default=True,
    help="Cross-validation folds (fewer when labels are few).",
)
@click.option(
    "--c",
    "c",
    type=click.FloatRange(min=0, min_open=True),
    default=1.0,
    show_default=True,
    help="Inverse L2 regularization strength.",
)
@click.option(
    "--min-support",
    type=click.IntRange(1),
    default=3,
    show_default=True,
    help="Rules reaching fewer labelled applicants keep their points.",
)
@_unlabelled_option
@lang_option
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
def rules_tune(
    labels,
    filings,
    applicants,
    register,
    skip_bad_rows,
    rules,
    out,
    seed,
    folds,
    c,
    min_support,
    unlabelled,
    lang,
    quiet,
) -> None:
    """Suggest points per rule and a threshold from LABELS; write them as a NEW rule-set folder.

    Fits a regularized logistic regression on the applicant x rule hits, prints cross-validated precision and
    recall of the current and suggested settings side by side, and writes OUT (rule files + tune.patch +
    tune.json). Input rule files are never edited. 根据标注数据建议规则分值与阈值，输出为新的规则目录。
    """
    from detector.audit.output import write_tuning
    from detector.audit.summary import tune_summary

    report = write_tuning(
        Path(filings),
        Path(labels),
        Path(out),
        _opt(applicants),
        _opt(register),
        _paths(rules),
        lang,
        skip_bad_rows,
        unlabelled,
        quiet,
        seed,
        folds,
        c,
        min_support,
    )
    click.echo(tune_summary(report, Path(out)))


__all__ = ["eval_command", "rules_diff", "rules_tune"]
