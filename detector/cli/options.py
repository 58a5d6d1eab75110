"""Reusable click options so commands stay short and consistent."""

from __future__ import annotations

import click

from detector.i18n import default_lang


def lang_option(f):
    return click.option(
        "--lang",
        type=click.Choice(["zh", "en"]),
        default=default_lang,
        show_default="zh, or $TMSCREEN_LANG",
        help="Language of reasons, summaries and reports (中文 zh / English en).",
    )(f)


def rules_option(f):
    return click.option(
        "--rules",
        "rules",
        multiple=True,
        type=click.Path(path_type=str),
        help="Rule file or folder (repeatable). Default: the bundled rules/.",
    )(f)


def input_options(f):
    f = click.option("--register", type=click.Path(dir_okay=False, path_type=str), help="Register of prior marks.")(f)
    f = click.option("--applicants", type=click.Path(dir_okay=False, path_type=str), help="Applicant registry data.")(f)
    f = click.option(
        "--skip-bad-rows", is_flag=True, help="Skip rows with bad cells (each reported in run.json) instead of failing."
    )(f)
    return f
