"""A rule with its parsed condition tree and exceptions, ready to evaluate."""

from __future__ import annotations

from dataclasses import dataclass

from detector.rules.conditions import AllCondition, Condition, MatchCondition, MatchSpec
from detector.rules.exceptions import RuleException
from detector.rules.model import Rule


@dataclass
class CompiledRule:
    rule: Rule
    condition: Condition
    exceptions: list[RuleException]

    @property
    def match(self) -> MatchCondition | None:
        """The rule's match condition (top level or directly under a top-level `all`), if any."""
        cond = self.condition
        if isinstance(cond, MatchCondition):
            return cond
        if isinstance(cond, AllCondition):
            return next((c for c in cond.items if isinstance(c, MatchCondition)), None)
        return None

    @property
    def match_spec(self) -> MatchSpec | None:
        m = self.match
        return m.spec if m else None
