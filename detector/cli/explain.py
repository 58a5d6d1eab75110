"""`tmscreen explain APPLICANT_ID --run OUT`: the full case for one applicant of a finished run."""

from __future__ import annotations

import json
from pathlib import Path

import click

from detector.cli.options import lang_option
from detector.errors import InputDataError
from detector.text import Text


@click.command()
@click.argument("applicant_id")
@click.option(
    "--run",
    "run_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=str),
    help="A screening output folder.",
)
@lang_option
@click.option("--json", "as_json", is_flag=True, help="Print the case as JSON.")
def explain(applicant_id, run_dir, lang, as_json) -> None:
    """Every rule that fired for APPLICANT_ID, its evidence, points, trace, score and cluster.

    解释某申请人的全部命中规则、证据、分值构成及所在集群。
    """
    from detector.explain import load_case, render_case

    case = load_case(Path(run_dir), applicant_id)
    if case is None:
        raise InputDataError(
            Text(
                en=f"applicant '{applicant_id}' reached no rule in this run",
                zh=f"本次运行中申请人“{applicant_id}”没有命中任何规则",
            ),
            file=str(Path(run_dir) / "applicant_hits.jsonl"),
            fix=Text(
                en="an applicant id from suspicious_applicants.csv or applicant_hits.jsonl",
                zh="suspicious_applicants.csv 或 applicant_hits.jsonl 中的申请人编号",
            ),
        )
    if as_json:
        click.echo(json.dumps(case, ensure_ascii=False, indent=2))
    else:
        click.echo(render_case(case, lang))
