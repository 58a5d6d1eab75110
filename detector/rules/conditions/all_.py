"""all: every condition of a list holds."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from detector.rules.conditions.registry import CONDITION_REF, Condition, Outcome, ParseContext, parse_items
from detector.rules.frame import ScopeFrame
from detector.text import Text
from detector.yaml_safe import LocDict


class AllCondition(Condition):
    """`{all: [...]}`: true where every condition in the list is true."""

    key = "all"
    order = 10
    label = Text(en="every condition in the list holds", zh="列表中的条件全部满足")
    example = "all: [{metric: entity_type, op: '==', value: individual}, {metric: n_marks, op: '>=', value: 10}]"
    schema: ClassVar[dict] = {"type": "array", "minItems": 1, "items": CONDITION_REF}

    def __init__(self, items: list[Condition]) -> None:
        self.items = items

    @classmethod
    def parse(cls, node: LocDict, body: object, ctx: ParseContext) -> AllCondition:
        return cls(parse_items(node, body, ctx))

    def children(self) -> list[Condition]:
        return self.items

    def evaluate(self, frame: ScopeFrame) -> Outcome:
        outs = [c.evaluate(frame) for c in self.items]
        return Outcome(np.logical_and.reduce([o.mask for o in outs]), None, outs)

    def describe(self, lang: str) -> str:
        return "全部满足" if lang == "zh" else "all of"
