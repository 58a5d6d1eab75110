"""metric: compare a catalogue metric of the rule's scope (docs/metrics.md) with a value."""

from __future__ import annotations

from typing import ClassVar

from detector.metrics.catalogue import BY_SCOPE, metric
from detector.rules.conditions.registry import (
    OPS,
    OPS_TEXT,
    VALUE_SCHEMA,
    Condition,
    Outcome,
    ParseContext,
    RowObjects,
    _plain,
    check_op_value,
    compare,
    fmt,
    located,
    unknown,
)
from detector.rules.frame import ScopeFrame
from detector.text import Text
from detector.yaml_safe import LocDict


class MetricCondition(Condition):
    """`{metric: NAME, op: OP, value: X}`: `op` and `value` stand beside `metric` in the same mapping."""

    key = "metric"
    order = 40
    label = Text(
        en="a metric of the rule's scope compared with op and value; a missing value never satisfies a comparison",
        zh="规则范围内的一个指标与取值比较（op、value）；缺失值不满足任何比较",
    )
    example = "{metric: n_filings, op: '>=', value: 50}"
    schema: ClassVar[dict] = {"type": "string"}
    beside: ClassVar[dict[str, dict]] = {"op": {"enum": OPS}, "value": VALUE_SCHEMA}

    def __init__(self, scope: str, name: str, op: str, value: object) -> None:
        self.scope, self.name, self.op, self.value = scope, name, op, value

    @classmethod
    def parse(cls, node: LocDict, body: object, ctx: ParseContext) -> MetricCondition:
        extra = set(node) - {"metric", "op", "value"}
        if extra or "op" not in node or "value" not in node:
            raise located(
                node,
                "metric",
                Text(
                    en="a metric condition has exactly: metric, op, value",
                    zh="指标条件恰好包含：metric、op、value",
                ),
            )
        known = BY_SCOPE.get(ctx.scope, {})
        if not isinstance(body, str) or body not in known:
            raise located(node, "metric", unknown(f"{ctx.scope} metric", f" {ctx.scope} 指标", str(body), list(known)))
        check_op_value(node, node["op"], node["value"], known[body].kind)
        return cls(ctx.scope, body, node["op"], node["value"])

    def evaluate(self, frame: ScopeFrame) -> Outcome:
        values = frame.metric(self.name)
        return Outcome(compare(values, self.op, self.value), RowObjects(values))

    def describe(self, lang: str) -> str:
        m = metric(self.scope, self.name)
        label = (m.zh if lang == "zh" else m.en) if m else self.name
        return f"{self.name} {OPS_TEXT[self.op]} {fmt(self.value)} ({label})"

    def evidence(self, outcome: Outcome, row: int) -> dict:
        return {self.name: _plain(outcome.seen[row])}

    def evidence_keys(self) -> set[str]:
        return {self.name}
