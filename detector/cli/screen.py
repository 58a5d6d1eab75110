"""`tmscreen screen`: screen a batch and write the run folder."""

from __future__ import annotations

from pathlib import Path

import click

from detector.cli.options import input_options, lang_option, rules_option
from detector.cli.summary import print_summary


@click.command()
@click.argument("filings", type=click.Path(path_type=str))
@input_options
@rules_option
@click.option("--out", "out", default="out", show_default=True, type=click.Path(path_type=str), help="Output folder.")
@click.option(
    "--threshold",
    type=click.FloatRange(0, 100),
    default=None,
    help="Flag applicants with score >= N (default: the rule set's).",
)
@lang_option
@click.option(
    "--excel-csv", is_flag=True, help="Write CSVs as UTF-8 with BOM and neutralize formula-like cells, for Excel."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress on stderr.")
@click.option(
    "--engine",
    type=click.Choice(["pandas", "dask"]),
    default="pandas",
    show_default=True,
    help=(
        "pandas: this machine (in memory, or actor partitions in forked processes for large batches); "
        "dask: actor partitions on Dask workers. Same output files."
    ),
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="With --engine dask: a running Dask scheduler (tcp://host:port) instead of a local 2-worker cluster.",
)
@click.option(
    "--jobs",
    type=click.IntRange(1, 256),
    default=None,
    metavar="N",
    help=(
        "Worker processes. pandas: partitions of batches of 50,000+ filings run in up to N forked processes "
        "(default: the usable CPUs, at most 4); dask: a local cluster of N workers (default 2). "
        "Same output files for any N."
    ),
)
@click.option(
    "--partition-filings",
    type=click.IntRange(1000, None),
    default=None,
    metavar="N",
    help=(
        "Filings per partition (default 250,000): a batch above it is screened partition by partition, "
        "which bounds memory."
    ),
)
@click.option(
    "--registry",
    default=None,
    metavar="PATH_OR_URL",
    help=(
        "Screen against the applicant registry's history (a SQLite file, created on first use, or a "
        "postgresql:// URL) and record this batch in it. 对照主体名录的历史记录筛查，并把本批次写入名录。"
    ),
)
def screen(
    filings,
    applicants,
    register,
    skip_bad_rows,
    rules,
    out,
    threshold,
    lang,
    excel_csv,
    quiet,
    engine,
    scheduler,
    jobs,
    partition_filings,
    registry,
) -> None:
    """Screen FILINGS (CSV or tab-separated text, XLSX, XLS, Parquet or JSON Lines) and write the ranked
    suspicious-applicant list.

    筛查一批商标申请，输出可疑申请人排名及理由。
    """
    from detector.metrics import anomaly_helper

    anomaly_helper.start_for_file(filings)  # before the run's imports: scikit-learn is imported beside them
    from detector.api import run_screening

    result, _ = run_screening(
        Path(filings),
        applicants=Path(applicants) if applicants else None,
        register=Path(register) if register else None,
        rules=[Path(r) for r in rules] or None,
        out=Path(out),
        threshold=threshold,
        lang=lang,
        skip_bad_rows=skip_bad_rows,
        excel_csv=excel_csv,
        quiet=quiet,
        engine=engine,
        scheduler=scheduler,
        jobs=jobs,
        partition_filings=partition_filings,
        registry=registry,
    )
    print_summary(result, Path(out), lang)
