"""in_list: the applicant is an entry of an allowlist."""

from __future__ import annotations

import numpy as np

from detector.rules.conditions.registry import located, unknown
from detector.rules.exceptions.registry import RuleException, applicant_field
from detector.rules.frame import ScopeFrame
from detector.text import Text
from detector.yaml_safe import LocDict


class InListException(RuleException):
    """`{field: applicant, comparator: in_list, values: [list ids]}`: the applicant's name or id is an entry of one
    of the lists."""

    comparators = ("in_list",)
    order = 40
    label = Text(
        en="the applicant's name or id is an entry of one of the lists in values (an allowlist)",
        zh="申请人名称或编号是 values 所列名单（白名单）中的条目",
    )
    example = "{field: applicant, comparator: in_list, values: [allowlist]}"

    @classmethod
    def check(cls, item: LocDict, field: str, comparator: str, values: list, scope: str, lists: set[str]) -> None:
        applicant_field(item, field, comparator)
        if not values:
            raise located(
                item, "field", Text(en="in_list needs values: [list ids]", zh="in_list 需要 values：[名单编号]")
            )
        for v in values:
            if str(v) not in lists:
                raise located(item, "values", unknown("list", "名单", str(v), sorted(lists)))

    def evaluate(self, frame: ScopeFrame) -> tuple[np.ndarray, np.ndarray]:
        mask = frame.list_member([str(v) for v in self.values])
        return mask, mask.astype(object)

    def describe(self, lang: str) -> str:
        lists = ", ".join(str(v) for v in self.values)
        return f"申请人在名单 {lists} 中" if lang == "zh" else f"the applicant is on list {lists}"
