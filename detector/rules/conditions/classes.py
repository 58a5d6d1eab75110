"""classes: a Nice-class filter on a filing."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from detector.rules.conditions.registry import Condition, Outcome, ParseContext, RowObjects, _plain, fmt, located
from detector.rules.frame import ScopeFrame
from detector.text import Text
from detector.yaml_safe import LocDict

_CLASS_LIST = {"type": "array", "items": {"type": "integer", "minimum": 1, "maximum": 45}}


class ClassesCondition(Condition):
    """`{classes: {any_of: [...], none_of: [...]}}`: the filing designates any of / none of these classes."""

    key = "classes"
    order = 60
    label = Text(
        en="the filing designates any of the classes any_of and none of the classes none_of",
        zh="该申请指定了 any_of 中任一类别，且不含 none_of 中的类别",
    )
    example = "classes: {any_of: [25, 28], none_of: [45]}"
    schema: ClassVar[dict] = {
        "type": "object",
        "properties": {"any_of": _CLASS_LIST, "none_of": _CLASS_LIST},
        "minProperties": 1,
        "additionalProperties": False,
    }
    scopes = ("filing",)
    scope_error = Text(en="classes filters apply to filing-scope rules", zh="classes 过滤只用于 filing 范围的规则")

    def __init__(self, any_of: list[int], none_of: list[int]) -> None:
        self.any_of, self.none_of = any_of, none_of
        self.any_bits = sum(1 << c for c in any_of)
        self.none_bits = sum(1 << c for c in none_of)

    @classmethod
    def parse(cls, node: LocDict, body: object, ctx: ParseContext) -> ClassesCondition:
        if not isinstance(body, LocDict) or not set(body) <= {"any_of", "none_of"} or not body:
            raise located(
                node, cls.key, Text(en="classes needs any_of and/or none_of", zh="classes 需要 any_of 和/或 none_of")
            )
        lists = {}
        for k in ("any_of", "none_of"):
            vals = body.get(k) or []
            if not isinstance(vals, list) or not all(isinstance(v, int) and 1 <= v <= 45 for v in vals):
                raise located(body, k, Text(en=f"{k} must list Nice classes 1-45", zh=f"{k} 须列出 1-45 的尼斯类别"))
            lists[k] = [int(v) for v in vals]
        return cls(lists["any_of"], lists["none_of"])

    def evaluate(self, frame: ScopeFrame) -> Outcome:
        bits = frame.class_bits()
        mask = np.ones(len(bits), dtype=bool)
        if self.any_of:
            mask &= (bits & self.any_bits) != 0
        if self.none_of:
            mask &= (bits & self.none_bits) == 0
        return Outcome(mask, RowObjects(frame.metric("nice_class")))

    def describe(self, lang: str) -> str:
        parts = []
        if self.any_of:
            parts.append(("类别属于 " if lang == "zh" else "classes include any of ") + fmt(self.any_of))
        if self.none_of:
            parts.append(("类别不含 " if lang == "zh" else "classes include none of ") + fmt(self.none_of))
        return "; ".join(parts)

    def evidence(self, outcome: Outcome, row: int) -> dict:
        return {"nice_class": _plain(outcome.seen[row])}

    def evidence_keys(self) -> set[str]:
        return {"nice_class"}
