"""The one catalogue of metrics a rule may name, per scope, with unit and description (docs/metrics.md).

Built from the metric functions' registrations (detector/metrics/registry.py): every entry has the code that
computes it, and every computed metric an entry."""

from __future__ import annotations

from detector.metrics.registry import SCOPES, Metric, metrics_of

METRICS: tuple[Metric, ...] = tuple(m for scope in SCOPES for m in metrics_of(scope))

BY_SCOPE: dict[str, dict[str, Metric]] = {scope: {m.name: m for m in metrics_of(scope)} for scope in SCOPES}


def metric(scope: str, name: str) -> Metric | None:
    """The catalogue entry for `name` in `scope`, or None."""
    return BY_SCOPE.get(scope, {}).get(name)
