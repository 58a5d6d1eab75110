"""`tmscreen fixtures generate`: write a realistic synthetic batch with planted ground truth."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def fixtures() -> None:
    """Synthetic test and demo data. 合成测试数据。"""


@fixtures.command("generate")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False, path_type=str), help="Folder to write.")
@click.option("--filings", "n_filings", default=4000, show_default=True, type=click.IntRange(100, 50_000_000))
@click.option("--seed", default=20221, show_default=True, type=int)
@click.option("--profile", type=click.Choice(["demo", "baseline"]), default="demo", show_default=True)
def generate(out, n_filings, seed, profile) -> None:
    """Write filings.csv, applicants.csv, register.csv and labels.csv (same seed, same bytes)."""
    from detector.synth import generate as run

    summary = run(Path(out), n_filings=n_filings, seed=seed, profile=profile)
    click.echo(f"wrote {out}: " + ", ".join(f"{k}={v}" for k, v in summary.items() if not isinstance(v, dict)))
