"""The one-screen summary printed at the end of `screen`."""

from __future__ import annotations

from pathlib import Path

import click

from detector.i18n import REPORT_MESSAGES, t
from detector.version import __version__


def _registry_t(key: str, lang: str, **values: object) -> str:
    """The registry lines' words (kept with the report's labels in detector.i18n.REPORT_MESSAGES)."""
    return REPORT_MESSAGES[key][lang].format(**values)


def print_summary(result, out: Path, lang: str, top: int = 10) -> None:
    flagged = result.flagged()
    levels = {lvl: int((flagged["level"] == lvl).sum()) for lvl in ("high", "medium", "low")}
    click.echo(f"tmscreen {__version__} — {t('finished', lang)}")
    click.echo(
        t(
            "batch",
            lang,
            filings=len(result.batch.filings),
            applicants=result.batch.n_apps,
            clusters=len(result.graph.cluster_ids),
        )
    )
    click.echo(t("flagged", lang, n=len(flagged), threshold=result.threshold, **levels))
    if result.n_batch_filings is not None:
        earlier = len(result.batch.filings) - result.n_batch_filings
        recorded = {True: "registry_recorded", False: "registry_known", None: "registry_read"}[result.recorded]
        click.echo(
            _registry_t("registry_history", lang, batch=result.n_batch_filings, earlier=earlier, id=result.batch_id)
            + _registry_t(recorded, lang)
        )
        repeat = int(flagged["repeat_offender"].sum())
        if repeat:
            click.echo(_registry_t("registry_repeat", lang, n=repeat))
    if result.inputs.skipped_rows:
        click.echo(t("skipped", lang, n=len(result.inputs.skipped_rows)))
    if len(flagged):
        click.echo(t("top", lang))
        for rank, (_, row) in enumerate(flagged.head(top).iterrows(), start=1):
            name = str(row["applicant_name"])[:28]
            click.echo(f"  {rank:>3}. {row['score']:5.1f} {row['level']:<6} {name}  [{row['rule_ids']}]")
    click.echo(t("outputs", lang, out=out))
    report = out / "report.html"
    if report.exists():
        click.echo(t("report", lang, path=report))
