"""window: the correlation-rule shape, filings of the rule's subject within any window of a time span."""

from __future__ import annotations

import re
from typing import ClassVar

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
)
from detector.rules.frame import ScopeFrame
from detector.text import Text
from detector.yaml_safe import LocDict


class WindowCondition(Condition):
    """`{window: {timespan: 90d, count: filings, op, value}}`: most filings within any window of that span."""

    key = "window"
    order = 50
    label = Text(
        en="the most filings of the rule's subject (applicant, cluster or agent) within any window of the time span, "
        "compared with op and value",
        zh="规则对象（申请人、集群或代理机构）在任意该时长窗口内的最多申请件数，与 op、value 比较",
    )
    example = "window: {timespan: 90d, count: filings, op: '>=', value: 30}"
    schema: ClassVar[dict] = {
        "type": "object",
        "required": ["timespan", "op", "value"],
        "properties": {
            "timespan": {"type": "string", "pattern": "^[1-9][0-9]*d$"},
            "count": {"enum": ["filings"]},
            "op": {"enum": OPS},
            "value": VALUE_SCHEMA,
        },
        "additionalProperties": False,
    }
    scopes = ("applicant", "cluster", "agent")
    scope_error = Text(
        en="window conditions count filings per applicant, cluster or agent, not per filing",
        zh="window 条件按申请人、集群或代理机构计数，不按单件申请",
    )

    def __init__(self, span_days: int, op: str, value: object) -> None:
        self.span_days, self.op, self.value = span_days, op, value

    @classmethod
    def parse(cls, node: LocDict, body: object, ctx: ParseContext) -> WindowCondition:
        if not isinstance(body, LocDict) or not {"timespan", "op", "value"} <= set(body):
            raise located(
                node, cls.key, Text(en="window needs timespan, op and value", zh="window 需要 timespan、op 和 value")
            )
        m = re.fullmatch(r"([1-9][0-9]*)d", str(body["timespan"]))
        if not m:
            raise located(
                body,
                "timespan",
                Text(en=f"bad timespan '{body['timespan']}'", zh=f"时长 '{body['timespan']}' 无效"),
                Text(en="a number of days such as 90d", zh="天数，如 90d"),
            )
        if body.get("count", "filings") != "filings":
            raise located(body, "count", Text(en="window counts 'filings'", zh="window 只计数 'filings'"))
        check_op_value(body, body["op"], body["value"], "number")
        return cls(int(m.group(1)), body["op"], body["value"])

    def evaluate(self, frame: ScopeFrame) -> Outcome:
        counts = frame.window_counts(self.span_days)
        return Outcome(compare(counts, self.op, self.value), RowObjects(counts))

    def describe(self, lang: str) -> str:
        if lang == "zh":
            return f"任意{self.span_days}天内申请件数 {OPS_TEXT[self.op]} {fmt(self.value)}"
        return f"filings within any {self.span_days} days {OPS_TEXT[self.op]} {fmt(self.value)}"

    def evidence(self, outcome: Outcome, row: int) -> dict:
        return {f"window_{self.span_days}d": _plain(outcome.seen[row]), "window_days": self.span_days}

    def evidence_keys(self) -> set[str]:
        return {f"window_{self.span_days}d", "window_days"}
