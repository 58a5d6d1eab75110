"""owner_of_matched: the applicant owns the matched register mark."""

from __future__ import annotations

import numpy as np

from detector.rules.exceptions.registry import RuleException, applicant_field
from detector.rules.exceptions.rights_holder import needs_filing_scope
from detector.rules.frame import ScopeFrame
from detector.text import Text
from detector.yaml_safe import LocDict


class OwnerOfMatchedException(RuleException):
    """`{field: applicant, comparator: owner_of_matched}`: the applicant owns the matched register mark (same id or
    canonical name) or is a rights holder of the matched list entry."""

    comparators = ("owner_of_matched",)
    order = 30
    needs_match = True
    label = Text(
        en="the applicant owns the matched register mark (same id or canonical name) or is its rights holder",
        zh="申请人拥有所匹配的注册商标（同一编号或规范化名称），或是其权利人",
    )
    example = "{field: applicant, comparator: owner_of_matched}"

    @classmethod
    def check(cls, item: LocDict, field: str, comparator: str, values: list, scope: str, lists: set[str]) -> None:
        applicant_field(item, field, comparator)
        needs_filing_scope(item, comparator, scope)

    def evaluate(self, frame: ScopeFrame) -> tuple[np.ndarray, np.ndarray]:
        seen = frame.metric("is_owner_of_matched").astype(bool)
        return seen, seen.astype(object)

    def describe(self, lang: str) -> str:
        return "申请人是所匹配商标的注册人" if lang == "zh" else "the applicant owns the matched registered mark"
