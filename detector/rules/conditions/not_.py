"""not: a condition does not hold (the module name avoids the Python keyword)."""

from __future__ import annotations

from typing import ClassVar

from detector.rules.conditions.registry import CONDITION_REF, Condition, Outcome, ParseContext
from detector.rules.frame import ScopeFrame
from detector.text import Text
from detector.yaml_safe import LocDict


class NotCondition(Condition):
    """`{not: {...}}`: true where the condition is false."""

    key = "not"
    order = 30
    label = Text(en="the condition does not hold", zh="条件不成立")
    example = "not: {metric: watchlist, op: '==', value: true}"
    schema: ClassVar[dict] = CONDITION_REF

    def __init__(self, item: Condition) -> None:
        self.item = item

    @classmethod
    def parse(cls, node: LocDict, body: object, ctx: ParseContext) -> NotCondition:
        return cls(ctx.condition(body, node, cls.key))

    def children(self) -> list[Condition]:
        return [self.item]

    def evaluate(self, frame: ScopeFrame) -> Outcome:
        out = self.item.evaluate(frame)
        return Outcome(~out.mask, None, [out])

    def describe(self, lang: str) -> str:
        return "并非" if lang == "zh" else "not"
