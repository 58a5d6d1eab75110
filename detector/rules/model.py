"""Rule-set data model: what a loaded rule file holds, independent of how it is evaluated."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from detector.yaml_safe import LocDict


@dataclass(frozen=True)
class PointScale:
    """Graded points (docs/scoring.md): `base` points at the `line`, `add` more for every `step` past it, never
    more than `max`. The value is a metric of the rule's scope (`metric`) or its most filings within any window of
    `window_days` days; `label` names that value in zh and en for the sentence that explains the points."""

    base: float
    max: float
    line: float
    step: float
    add: float
    metric: str = ""
    window_days: int = 0
    label: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        """The evidence key of the value: the metric's name or `window_<n>d`."""
        return self.metric or f"window_{self.window_days}d"


@dataclass
class Rule:
    """One rule as written in its YAML file (`source` keeps the located mapping for error positions)."""

    id: str
    title: dict
    explain: dict
    category: str
    scope: str
    when: dict
    points: float
    level: str
    legal_basis: list[str]
    status: str
    unless: list[dict] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    tests: dict = field(default_factory=dict)
    scale: PointScale | None = None  # graded points; `points` is then the scale's base
    file: str = ""
    ruleset: str = ""
    source: LocDict | None = None

    @property
    def active(self) -> bool:
        """Active and experimental rules run (experimental ones are marked in outputs); deprecated ones do not."""
        return self.status in ("active", "experimental")


@dataclass
class Scoring:
    """How points combine into a 0-100 applicant score (set in a rule file, never in code)."""

    combine: str = "noisy_or"
    threshold: float = 40.0
    high: float = 70.0
    medium: float = 55.0
    low: float = 40.0
    cluster_propagation: float = 1.0
    filing_rule_repeat: float = 0.0
    filing_rule_repeat_cap: float = 0.0


@dataclass
class RuleSet:
    """All rule files of a run, the lists they use, and the scoring and graph settings."""

    files: list[Path]
    rules: list[Rule]
    scoring: Scoring
    graph: dict
    lists: dict  # list_id -> ReferenceList
    sha256: str
    headers: list[dict] = field(default_factory=list)
    data_files: list[Path] = field(default_factory=list)
    reference: dict = field(default_factory=dict)  # table name -> data (rules/reference/*.yaml)

    def active_rules(self, scope: str | None = None) -> list[Rule]:
        return [r for r in self.rules if r.active and (scope is None or r.scope == scope)]

    def rule(self, rule_id: str) -> Rule:
        return next(r for r in self.rules if r.id == rule_id)
