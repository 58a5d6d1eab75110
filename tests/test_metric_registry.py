"""Metrics register against their catalogue entry: every entry has code, every computed column an entry, and a
new metric is one function in one file (docs/metrics-howto.md), shown here with a toy metric."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from conftest import DEMO, ROOT

from detector.batch import prepare_batch
from detector.io import inputs_from_records
from detector.metrics import registry
from detector.metrics.applicant import ApplicantMetricInputs, compute_applicant_metrics
from detector.metrics.registry import SCOPES, Metric, MetricDeclarationError, computes, groups
from detector.text import Text


@pytest.fixture
def isolated(monkeypatch):
    """A copy of the registry for the test to add to; the real one is untouched afterwards."""
    for scope in SCOPES:
        groups(scope)
    monkeypatch.setattr(registry, "_GROUPS", {scope: dict(g) for scope, g in registry._GROUPS.items()})


@pytest.fixture(scope="module")
def demo():
    from detector.api import screen

    return screen(DEMO / "filings.csv", DEMO / "applicants.csv", DEMO / "register.csv", jobs=1)


def _batch():
    # 2024-06-01 is a Saturday, 2024-06-02 a Sunday, 2024-06-03 a Monday.
    rows = [("A", "2024-06-01"), ("A", "2024-06-02"), ("A", "2024-06-03"), ("B", "2024-06-03")]
    filings = [
        {
            "filing_id": f"F{i}",
            "mark_text": f"商标{i}",
            "nice_class": "9",
            "filing_date": day,
            "applicant_id": who,
            "applicant_name": f"申请人{who}",
        }
        for i, (who, day) in enumerate(rows)
    ]
    return prepare_batch(inputs_from_records(filings))


def test_catalogue_is_generated_from_the_registered_functions():
    from detector.metrics.catalogue import BY_SCOPE, METRICS

    registered = [m for scope in SCOPES for g in groups(scope) for m in g.metrics]
    assert list(METRICS) == registered
    for m in METRICS:
        assert BY_SCOPE[m.scope][m.name] is m
    for scope in SCOPES:
        for g in groups(scope):
            assert callable(g.compute), g.name
            assert (ROOT / "detector" / "metrics" / g.source).is_file(), g.name
            assert g.source.startswith(f"{scope}/"), g.name
            for m in g.metrics:
                assert m.scope == scope and m.kind in registry.KINDS, m.name
                assert m.en and m.zh and isinstance(m.unit, str), m.name


def test_orders_and_names_are_unique_per_scope():
    for scope in SCOPES:
        gs = groups(scope)
        assert len({g.order for g in gs}) == len(gs), scope
        columns = [c for g in gs for c in g.columns]
        assert len(set(columns)) == len(columns), scope


def test_screened_tables_hold_exactly_the_declared_columns(demo):
    """Every column of the four tables of a real run is a key column or declared by the function computing it."""
    keys = {
        "filing": ["filing_idx", "filing_id", "app", "applicant_id", "applicant_name", "mark_text"]
        + ["filing_date", "nice_class"],
        "applicant": ["applicant_id", "applicant_name"],
        "cluster": ["cluster_id"],
        "agent": ["agent"],
    }
    added_later = {"cluster": ["score"]}  # the best member score, added by the scoring stage
    tables = {
        "filing": demo.filing_metrics,
        "applicant": demo.applicant_metrics,
        "cluster": demo.cluster_metrics,
        "agent": demo.agent_metrics,
    }
    for scope, table in tables.items():
        declared = [c for g in groups(scope) for c in g.columns]
        assert list(table.columns) == keys[scope] + declared + added_later.get(scope, []), scope
        assert len(table), scope


def test_a_registered_metric_needs_both_descriptions(isolated):
    with pytest.raises(MetricDeclarationError, match="needs a description in en and zh") as err:

        @computes("applicant", order=9001, metrics=[Metric("toy", "number", "", Text(en="A toy", zh=""))])
        def toy(x):
            return {"toy": 0}

    assert err.value.file.endswith("test_metric_registry.py") and err.value.line


def test_a_metric_name_or_order_is_taken_once(isolated):
    entry = Metric("n_filings", "number", "filings", Text(en="again", zh="再次"))
    with pytest.raises(MetricDeclarationError, match="already computed by detector.metrics.applicant.volume"):
        computes("applicant", order=9002, metrics=[entry])(lambda x: {"n_filings": 0})
    entry = Metric("toy", "number", "", Text(en="A toy", zh="玩具"))
    with pytest.raises(MetricDeclarationError, match="order 10 of applicant metrics is taken"):
        computes("applicant", order=10, metrics=[entry])(lambda x: {"toy": 0})


def test_a_computed_column_must_be_declared(isolated):
    @computes("applicant", order=9003, metrics=[Metric("toy", "number", "", Text(en="A toy", zh="玩具"))])
    def toy(x):
        return {"toy": 0, "undeclared": 1}

    with pytest.raises(MetricDeclarationError, match=r"returned columns \(toy, undeclared\), not the ones it declares"):
        compute_applicant_metrics(ApplicantMetricInputs.standalone(_batch()))


def test_a_metric_series_is_aligned_on_the_rows_and_a_scalar_broadcast(isolated):
    """compute_table joins all metric columns at once: a Series given in another row order lands on its own rows."""
    metrics = [Metric(n, "number", "", Text(en=n, zh=n)) for n in ("reversed_code", "constant")]

    @computes("applicant", order=9004, metrics=metrics)
    def toy(x: ApplicantMetricInputs):
        codes = pd.Series(np.arange(x.n_apps), index=np.arange(x.n_apps))
        return {"reversed_code": codes.iloc[::-1], "constant": 7}

    table = compute_applicant_metrics(ApplicantMetricInputs.standalone(_batch()))
    assert table["reversed_code"].tolist() == list(range(len(table)))
    assert table["constant"].tolist() == [7] * len(table)
    assert table.columns.is_unique and list(table.columns[:2]) == ["applicant_id", "applicant_name"]


def test_a_toy_metric_is_computed_and_documented(isolated):
    """Adding a metric: one function registered with its entry; the table and docs/metrics.md pick it up."""
    from detector.metrics.docs import render_markdown

    @computes(
        "applicant",
        order=160,
        metrics=[
            Metric(
                "weekend_share",
                "number",
                "share 0-1",
                Text(en="Share of filings made on a Saturday or Sunday", zh="在周六或周日提交的申请比例"),
            )
        ],
    )
    def weekend_share(x: ApplicantMetricInputs):
        weekend = (x.day + 3) % 7 >= 5
        return {"weekend_share": np.bincount(x.app, weights=weekend, minlength=x.n_apps) / np.maximum(x.n_filings, 1)}

    table = compute_applicant_metrics(ApplicantMetricInputs.standalone(_batch())).set_index("applicant_id")
    assert list(table.columns)[-2:] == ["cluster_size", "weekend_share"]
    assert np.allclose(table.loc[["A", "B"], "weekend_share"], [2 / 3, 0.0])  # A: Sat, Sun of 3; B: a Monday
    row = (
        "| `weekend_share` | number | share 0-1 | Share of filings made on a Saturday or Sunday |"
        " 在周六或周日提交的申请比例 | `test_metric_registry.py` |"
    )
    assert row in render_markdown().splitlines()


def test_the_howto_example_and_its_test_run(isolated):
    """The worked example of docs/metrics-howto.md, file and test, as written there."""
    from detector.metrics.docs import render_markdown

    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "docs" / "metrics-howto.md").read_text(encoding="utf-8"), re.S)
    metric_file, test_code = blocks
    exec(compile(metric_file, "weekend_share.py", "exec"), {"__name__": "detector.metrics.applicant.weekend_share"})
    namespace: dict = {"__name__": "test_weekend_share"}
    exec(compile(test_code, "test_weekend_share.py", "exec"), namespace)
    namespace["test_weekend_share"]()
    assert "| `weekend_share` |" in render_markdown()
    assert "`applicant/weekend_share.py`" in render_markdown()


def test_batch_wide_metrics_come_last_and_match_the_pipeline(demo):
    from detector.metrics.registry import add_batch_metrics

    table = demo.applicant_metrics
    batch_wide = [c for g in groups("applicant") if g.over_batch for c in g.columns]
    assert batch_wide == ["anomaly_score"] and list(table.columns)[-1:] == batch_wide
    again = add_batch_metrics("applicant", table.drop(columns=batch_wide))
    pd.testing.assert_frame_equal(again, table)
