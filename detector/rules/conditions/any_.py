"""any: at least one condition of a list holds."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from detector.rules.conditions.registry import CONDITION_REF, Condition, Outcome, ParseContext, parse_items
from detector.rules.frame import ScopeFrame
from detector.text import Text
from detector.yaml_safe import LocDict


class AnyCondition(Condition):
    """`{any: [...]}`: true where at least one condition in the list is true; evidence from the true ones."""

    key = "any"
    order = 20
    label = Text(en="at least one condition in the list holds", zh="列表中的条件至少满足一项")
    example = (
        "any: [{metric: short_mark_share, op: '>=', value: 0.5}, {metric: out_of_scope_share, op: '>=', value: 0.5}]"
    )
    schema: ClassVar[dict] = {"type": "array", "minItems": 1, "items": CONDITION_REF}

    def __init__(self, items: list[Condition]) -> None:
        self.items = items

    @classmethod
    def parse(cls, node: LocDict, body: object, ctx: ParseContext) -> AnyCondition:
        return cls(parse_items(node, body, ctx))

    def children(self) -> list[Condition]:
        return self.items

    def evaluate(self, frame: ScopeFrame) -> Outcome:
        outs = [c.evaluate(frame) for c in self.items]
        return Outcome(np.logical_or.reduce([o.mask for o in outs]), None, outs)

    def describe(self, lang: str) -> str:
        return "任一满足" if lang == "zh" else "any of"

    def evidence(self, outcome: Outcome, row: int) -> dict:
        out: dict = {}
        for c, o in zip(self.items, outcome.children):
            if o.mask[row]:
                out.update(c.evidence(o, row))
        return out
