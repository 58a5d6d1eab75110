"""Evaluate compiled rules over a scope frame: which rows fire, with evidence and a condition trace."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detector.rules.compiled import CompiledRule
from detector.rules.conditions import Outcome, _plain
from detector.rules.frame import ScopeFrame


@dataclass
class RuleResult:
    """The outcome of one rule over one frame."""

    rule: CompiledRule
    frame: ScopeFrame
    outcome: Outcome
    exceptions: list[tuple[np.ndarray, np.ndarray]]
    fired: np.ndarray

    def fired_rows(self) -> np.ndarray:
        return np.flatnonzero(self.fired)

    def evidence_many(self, rows: np.ndarray, context_columns: list[str]) -> list[dict]:
        """Evidence for explain templates, per row: the row's context values plus what the conditions saw. Each
        context column is read once for all the rows."""
        rows = np.asarray(rows, dtype=np.int64)
        if not len(rows):  # most rules fire nowhere: no column is read
            return []
        context = self.frame.context(rows, context_columns, _plain)
        out = []
        for row in rows.tolist():
            ev = dict(context[row])
            ev.update(self.rule.condition.evidence(self.outcome, row))
            out.append(ev)
        return out

    def trace(self, row: int, lang: str) -> dict:
        """Which conditions were true or false at `row`, with the values they saw; then the exceptions."""
        out = {"when": self.rule.condition.trace(self.outcome, row, lang)}
        if self.rule.exceptions:
            out["unless"] = [
                {"if": e.describe(lang), "saw": _plain(seen[row]), "result": bool(mask[row])}
                for e, (mask, seen) in zip(self.rule.exceptions, self.exceptions)
            ]
        return out


def evaluate_rule(rule: CompiledRule, frame: ScopeFrame) -> RuleResult:
    """Evaluate `when` and `unless` vectorized; a row fires when `when` holds and no exception applies."""
    outcome = rule.condition.evaluate(frame)
    exceptions = [e.evaluate(frame) for e in rule.exceptions]
    exempt = np.zeros(len(frame), dtype=bool)
    for mask, _ in exceptions:
        exempt |= mask
    return RuleResult(rule, frame, outcome, exceptions, outcome.mask & ~exempt)
