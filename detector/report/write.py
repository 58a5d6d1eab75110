"""Write a run folder atomically: every file is completed in a staging folder before any replaces the old."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from functools import partial
from pathlib import Path

import pandas as pd

from detector.json_scalar import json_scalar
from detector.report.cluster_files import write_cluster_files
from detector.report.run_record import run_record
from detector.report.tables import (
    agents_table,
    cluster_evidence_table,
    clusters_table,
    filing_hits_table,
    reasons_by_app,
    suspicious_table,
)
from detector.staging import new_staging

OUTPUT_FILES = (
    "suspicious_applicants.csv",
    "filing_hits.csv",
    "clusters.csv",
    "cluster_evidence.csv",
    "agents.csv",
    "cluster_members.csv",
    "cluster_filings.csv",
    "network.graphml",
    "applicant_hits.jsonl",
    "report.html",
    "suspicious_applicants.xlsx",
    "run.json",
)


def write_report(result, folder: Path) -> None:
    """report.html (detector/report/html_report.py, imported here: a forked writer imports it on its own core)."""
    from detector.report.html_report import write_report as write

    write(result, folder)


def write_xlsx(result, folder: Path) -> None:
    """suspicious_applicants.xlsx (detector/report/xlsx.py; openpyxl takes ~0.25 s to import)."""
    from detector.report.xlsx import write_xlsx as write

    write(result, folder)


# Written by every run unless write_outputs(..., reports=False): the offline HTML report and the workbook.
REPORT_WRITERS = (write_report, write_xlsx)
PARALLEL_WRITE_MIN_FILINGS = 1_000
ALL_WRITERS_FILINGS = 50_000  # below this every writer gets its own process at once (see writer_jobs)
STAGING_PREFIX = ".tmscreen-staging-"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: object) -> object:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_csv(frame: pd.DataFrame, path: Path, excel: bool) -> None:
    if excel:
        frame = frame.apply(lambda s: s.map(neutralize) if s.dtype == object or str(s.dtype) == "str" else s)
    frame.to_csv(path, index=False, encoding="utf-8-sig" if excel else "utf-8", lineterminator="\n")


def _hits_lines(result, lang: str) -> list[str]:
    """One JSON line per applicant that any rule reached: its score, metrics and every contribution."""
    by_app = reasons_by_app(result, lang)
    scores = result.scores
    # The score columns as lists, read by position (scores.at per value: 46,641 lookups, ~0.25 s at 1,000,000 filings).
    apps = list(by_app)
    where = dict(zip(apps, scores.index.get_indexer(apps).tolist()))
    names = ("applicant_id", "applicant_name", "score", "level", "flagged", "cluster_id")
    column = {c: scores[c].tolist() for c in names}
    order = sorted(apps, key=lambda a: column["applicant_id"][where[a]])
    # Metrics to 6 decimals, rounded column-wise by numpy (scaled, half to even), as hits.jsonl has always had them.
    metrics = result.applicant_metrics.iloc[order].round(6).to_dict("records")
    lines = []
    for i, app in enumerate(order):
        row = metrics[i]
        at = where[app]
        record = {
            "applicant_id": column["applicant_id"][at],
            "applicant_name": column["applicant_name"][at],
            "score": float(column["score"][at]),
            "level": column["level"][at],
            "flagged": bool(column["flagged"][at]),
            "cluster_id": column["cluster_id"][at],
            "metrics": {k: json_scalar(v) for k, v in row.items() if k not in ("applicant_id", "applicant_name")},
            "contributions": [
                {
                    "rule_id": c.rule_id,
                    "points": c.points,
                    "scope": c.scope,
                    "category": c.category,
                    "count": c.count,
                    "via_cluster": c.via_cluster,
                    "reason": c.reason,
                    "evidence": {k: json_scalar(v) for k, v in c.evidence.items()},
                    "trace": c.trace,
                }
                for c in by_app[app]
            ],
        }
        lines.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
    return lines


def _staging_dirs(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}{STAGING_PREFIX}*"))


def _clean_stale(out: Path) -> None:
    """Remove staging folders left by runs that were killed before their switch."""
    for stale in _staging_dirs(out):
        pid = stale.name.rsplit("-", 1)[-1]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            shutil.rmtree(stale, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _write_tables(result, staging: Path, excel_csv: bool) -> None:
    """The CSV tables and the cluster files."""
    lang = result.lang
    write_csv(suspicious_table(result, lang), staging / "suspicious_applicants.csv", excel_csv)
    write_csv(filing_hits_table(result), staging / "filing_hits.csv", excel_csv)
    write_csv(clusters_table(result), staging / "clusters.csv", excel_csv)
    evidence = cluster_evidence_table(result)
    write_csv(evidence, staging / "cluster_evidence.csv", excel_csv)
    write_cluster_files(result, staging, evidence, lambda frame, path: write_csv(frame, path, excel_csv))
    write_csv(agents_table(result, lang), staging / "agents.csv", excel_csv)


def _write_hits(result, staging: Path) -> None:
    """applicant_hits.jsonl."""
    (staging / "applicant_hits.jsonl").write_text(
        "".join(line + "\n" for line in _hits_lines(result, result.lang)), encoding="utf-8"
    )


def _writers(result, staging: Path, excel_csv: bool, others: list, hits_last: bool = False) -> list:
    """The writers of every file, each file written by one: the tables; applicant_hits.jsonl with the first other
    writer (report.html), else with the tables; then the others. At 1,000,000 filings the tables took 2.9 s and
    report.html 1.5 s, the hits 0.85 s of the tables' share: with the report's, two forked writers end together.

    `hits_last` (forked writers taking the next file as each ends): the tables, then the others, the hits last, to
    whichever writer ends first. 250,000 filings: the tables 0.43 s, report.html 0.35, the workbook 0.16, the hits
    0.11: 0.54 s for two writers, against 0.59 with the hits after report.html (the workbook after the tables)."""
    tables = partial(_write_tables, result, staging, excel_csv)
    hits = partial(_write_hits, result, staging)
    if not others:
        return [lambda: (tables(), hits())]
    if hits_last:
        return [tables, *others, hits]
    first = others[0]
    return [tables, lambda: (first(), hits()), *others[1:]]


def writer_jobs(n_writers: int, jobs: int, n_filings: int) -> int:
    """How many forked writers run at a time: `jobs`, or every writer at once for a batch below ALL_WRITERS_FILINGS.
    There the writers are short and the report writers' imports dominate (demo: tables 0.24 s, report 0.13-0.17 s,
    workbook 0.16-0.29 s): three sharing two cores end sooner than two then one (0.42-0.47 s against 0.53-0.58 s).
    A larger batch keeps `jobs` at a time: each writer holds its own copy of what it writes."""
    return max(jobs, n_writers) if n_filings < ALL_WRITERS_FILINGS else jobs


def write_outputs(
    result, out: Path, parameters: dict, excel_csv: bool = False, extra_writers=(), reports: bool = True, jobs: int = 1
) -> dict[str, str]:
    """Write every output into `out`; returns {file name: sha256}. `extra_writers` add files (graphs ...).

    report.html and suspicious_applicants.xlsx (REPORT_WRITERS) are written too unless `reports` is False. With
    `jobs` > 1 and a batch of PARALLEL_WRITE_MIN_FILINGS+ filings the writers run side by side in forked processes (same
    files); the report writers import their modules (openpyxl: ~0.25 s) in their own process then. Below
    ALL_WRITERS_FILINGS filings every writer starts at once (writer_jobs).
    """
    out = Path(out).absolute()
    # Staging is a hidden sibling of the output folder: a run killed while writing leaves `out` untouched.
    staging = new_staging(out, STAGING_PREFIX)
    _clean_stale(out)
    try:
        others = [partial(w, result, staging) for w in (*(REPORT_WRITERS if reports else ()), *extra_writers)]
        n_filings = len(result.batch.filings)
        forked = jobs > 1 and n_filings >= PARALLEL_WRITE_MIN_FILINGS
        # Below ALL_WRITERS_FILINGS every writer has a process of its own at once (writer_jobs): the hits stay with
        # report.html there, which is one process fewer.
        writers = _writers(result, staging, excel_csv, others, hits_last=forked and n_filings >= ALL_WRITERS_FILINGS)
        if forked:
            from detector.fork_map import fork_map

            # Each file has one writer: the tables in one child, each report in its own.
            n_jobs = writer_jobs(len(writers), jobs, n_filings)
            fork_map(lambda i: writers[i](), len(writers), n_jobs, "output writer")
        else:
            for write in writers:
                write()
        names = sorted(p.name for p in staging.iterdir())
        hashes = {n: hashlib.sha256((staging / n).read_bytes()).hexdigest() for n in names}
        record = run_record(result, parameters, hashes)
        (staging / "run.json").write_text(
            json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
        if not out.exists():
            os.rename(staging, out)  # a new folder appears complete, in one step
            return hashes
        # An existing folder: replace old files one by one (milliseconds), run.json last as the commit marker.
        old_run = out / "run.json"
        previous: list[str] = []
        if old_run.exists():
            try:
                previous = list(json.loads(old_run.read_text(encoding="utf-8")).get("outputs", {}))
            except (ValueError, OSError):
                previous = []
            old_run.unlink()
        for name in previous:
            if name not in names and name != "run.json" and (out / name).is_file():
                (out / name).unlink()
        for name in names:
            os.replace(staging / name, out / name)
        os.replace(staging / "run.json", out / "run.json")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return hashes
