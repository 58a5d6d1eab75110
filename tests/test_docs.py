"""Docs that are generated must match the code; every check and rule is documented (sqlfluff-style)."""

from __future__ import annotations

from conftest import ROOT


def test_metrics_doc_is_current():
    from detector.metrics.docs import render_markdown

    assert (ROOT / "docs" / "metrics.md").read_text(encoding="utf-8") == render_markdown(), "run `make docs`"


def test_cli_reference_is_current():
    from detector.cli.main import cli
    from detector.cli.reference import render_cli_reference

    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == render_cli_reference(cli), "run `make docs`"


def test_every_lint_check_is_documented():
    from detector.rules.lint import CHECKS

    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for check in CHECKS:
        assert check.id in doc and check.description, check.__name__


def test_every_metric_has_both_languages():
    from detector.metrics.catalogue import METRICS

    for m in METRICS:
        assert m.en and m.zh and m.unit is not None, m.name


def test_every_shipped_rule_is_documented_and_tested():
    from detector.rules.load import load_ruleset

    _, compiled, warnings = load_ruleset(None)
    assert not warnings, [w.render() for w in warnings]
    for c in compiled:
        r = c.rule
        assert r.title["zh"] and r.title["en"] and r.explain["zh"] and r.explain["en"], r.id
        assert r.legal_basis and r.false_positives, r.id
        assert r.tests.get("hit") and r.tests.get("no_hit"), r.id
