"""`tmscreen rules ...`: check, list and describe rule files."""

from __future__ import annotations

import json
from pathlib import Path

import click

from detector.errors import RuleFileErrors


@click.group()
def rules() -> None:
    """Check, test, list and describe rule files. 规则文件的检查、测试与列表。"""


@rules.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
def check(paths) -> None:  # noqa: ANN001
    """Validate rule files; errors as file:line:col: message (exit 3 on any error)."""
    from detector.rules.load import load_ruleset

    try:
        ruleset, compiled, warnings = load_ruleset([Path(p) for p in paths] or None)
    except RuleFileErrors as exc:
        for err in exc.errors:
            click.echo(err.render(), err=True)
        click.echo(f"{len(exc.errors)} error(s)", err=True)
        raise SystemExit(3) from None
    for w in warnings:
        click.echo("warning: " + w.render(), err=True)
    click.echo(
        f"ok: {len(ruleset.files)} rule file(s), {len(compiled)} rules ({len(ruleset.active_rules())} active), "
        f"{len(ruleset.lists)} list(s), {len(warnings)} warning(s); rule-set sha256 {ruleset.sha256[:16]}"
    )


@rules.command("list")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en")
def list_rules(paths, lang) -> None:  # noqa: ANN001
    """Table of rules: id, scope, points, status, legal basis, title."""
    from detector.rules.load import load_ruleset

    ruleset, _, _ = load_ruleset([Path(p) for p in paths] or None)
    rows = [("id", "scope", "points", "status", "legal basis", "title")]
    for r in sorted(ruleset.rules, key=lambda r: r.id):
        rows.append((r.id, r.scope, f"{r.points:g}", r.status, "; ".join(r.legal_basis), r.title[lang]))
    widths = [max(len(str(row[i])) for row in rows) for i in range(5)]
    for row in rows:
        click.echo("  ".join(str(c).ljust(w) for c, w in zip(row[:5], widths)) + "  " + row[5])


@rules.command("schema")
def schema() -> None:
    """Print the JSON Schema of rule files (for editor autocompletion)."""
    from detector.rules.schema import RULESET

    click.echo(json.dumps(RULESET, ensure_ascii=False, indent=2))
