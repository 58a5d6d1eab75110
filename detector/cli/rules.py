"""`tmscreen rules ...`: check, list and describe rule files."""

from __future__ import annotations

import json
from pathlib import Path

import click

from detector.cli.options import lang_option
from detector.errors import RuleFileErrors
from detector.i18n import t


@click.group()
def rules() -> None:
    """Check, test, list and describe rule files. 规则文件的检查、测试与列表。"""


@rules.command("check")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@lang_option
def check(paths, lang) -> None:
    """Validate rule files; errors as file:line:col: message (exit 3 on any error)."""
    from detector.rules.load import load_ruleset

    try:
        ruleset, compiled, warnings = load_ruleset([Path(p) for p in paths] or None)
    except RuleFileErrors as exc:
        for err in exc.errors:
            click.echo(err.render(lang), err=True)
        click.echo(f"{len(exc.errors)} 个错误" if lang == "zh" else f"{len(exc.errors)} error(s)", err=True)
        raise SystemExit(3) from None
    colon = "：" if lang == "zh" else ": "
    for w in warnings:
        click.echo(t("warning", lang) + colon + w.render(lang), err=True)
    click.echo(
        f"ok: {len(ruleset.files)} rule file(s), {len(compiled)} rules ({len(ruleset.active_rules())} active), "
        f"{len(ruleset.lists)} list(s), {len(warnings)} warning(s); rule-set sha256 {ruleset.sha256[:16]}"
    )


@rules.command("list")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en")
def list_rules(paths, lang) -> None:
    """Table of rules: id, scope, points, status, legal basis, title."""
    from detector.rules.load import load_ruleset

    ruleset, _, _ = load_ruleset([Path(p) for p in paths] or None)
    rows = [("id", "scope", "points", "status", "legal basis", "title")]
    for r in sorted(ruleset.rules, key=lambda r: r.id):
        points = f"{r.points:g}" if r.scale is None else f"{r.points:g}-{r.scale.max:g}"  # graded: base to max
        rows.append((r.id, r.scope, points, r.status, "; ".join(r.legal_basis), r.title[lang]))
    widths = [max(len(str(row[i])) for row in rows) for i in range(5)]
    for row in rows:
        click.echo("  ".join(str(c).ljust(w) for c, w in zip(row[:5], widths)) + "  " + row[5])


@rules.command("schema")
def schema() -> None:
    """Print the JSON Schema of rule files (for editor autocompletion)."""
    from detector.rules.schema import RULESET

    click.echo(json.dumps(RULESET, ensure_ascii=False, indent=2))


@rules.command("test")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--baseline",
    type=click.Path(file_okay=False, path_type=str),
    help="Benign baseline batch folder (default: fixtures/baseline).",
)
@click.option("--no-baseline", is_flag=True, help="Run only the inline tests.")
@lang_option
def test(paths, baseline, no_baseline, lang) -> None:
    """Run every rule's inline tests, then every rule over the benign baseline batch (exit 1 on a failure)."""
    from detector.audit.baseline import baseline_dir, run_baseline
    from detector.audit.rule_tests import run_inline_tests
    from detector.rules.load import load_ruleset

    rule_paths = [Path(p) for p in paths] or None
    ruleset, compiled, _ = load_ruleset(rule_paths)
    outcomes = run_inline_tests(ruleset, compiled)
    failed = 0
    by_rule: dict[str, list] = {}
    for o in outcomes:
        by_rule.setdefault(o.rule_id, []).append(o)
    for rule_id, items in by_rule.items():
        bad = [o for o in items if not o.passed]
        failed += len(bad)
        click.echo(f"{'PASS' if not bad else 'FAIL'} {rule_id} ({len(items) - len(bad)}/{len(items)})")
        for o in bad:
            want = "hit" if o.expect_hit else "no hit"
            click.echo(
                f"     case '{o.name}': expected {want}, got {'hit' if o.hit else 'no hit'}"
                f"{(' — ' + o.error) if o.error else ''}"
            )
    untested = sorted(c.rule.id for c in compiled if c.rule.id not in by_rule)
    for rule_id in untested:
        click.echo(f"FAIL {rule_id} (no inline tests)")
    failed += len(untested)
    if not no_baseline:
        folder = Path(baseline) if baseline else baseline_dir()
        if folder is None:
            click.echo("baseline: no fixtures/baseline folder found (pass --baseline DIR)", err=True)
            failed += 1
        else:
            hits = run_baseline(rule_paths, folder)
            unknown = [h for h in hits if not h.known]
            click.echo(f"baseline {folder}: {len(hits)} hit(s), {len(unknown)} not listed as known false positives")
            for h in unknown[:50]:
                click.echo(f"     {h.rule_id} {h.scope} {h.subject}")
            failed += len(unknown)
    click.echo(f"{len(outcomes)} cases, {failed} failure(s)")
    if failed:
        raise SystemExit(1)
