"""rights_holder: the applicant holds the rights in the matched list entry."""

from __future__ import annotations

import numpy as np

from detector.rules.conditions.registry import located
from detector.rules.exceptions.registry import RuleException, applicant_field
from detector.rules.frame import ScopeFrame
from detector.text import Text
from detector.yaml_safe import LocDict


def needs_filing_scope(item: LocDict, comparator: str, scope: str) -> None:
    """Comparators that read the rule's match need a filing-scope rule (only those have a match)."""
    if scope != "filing":
        raise located(
            item,
            "field",
            Text(
                en=f"comparator '{comparator}' needs a match, so a filing-scope rule",
                zh=f"比较符 '{comparator}' 需要匹配结果，只用于 filing 范围的规则",
            ),
        )


class RightsHolderException(RuleException):
    """`{field: applicant, comparator: rights_holder}`: the applicant (canonical name) is a rights holder of the
    matched list entry."""

    comparators = ("rights_holder",)
    order = 20
    needs_match = True
    label = Text(
        en="the applicant (canonical name) is a rights holder of the matched list entry",
        zh="申请人（规范化名称）是所匹配名单条目的权利人",
    )
    example = "{field: applicant, comparator: rights_holder}"

    @classmethod
    def check(cls, item: LocDict, field: str, comparator: str, values: list, scope: str, lists: set[str]) -> None:
        applicant_field(item, field, comparator)
        needs_filing_scope(item, comparator, scope)

    def evaluate(self, frame: ScopeFrame) -> tuple[np.ndarray, np.ndarray]:
        seen = frame.metric("is_rights_holder").astype(bool)
        return seen, seen.astype(object)

    def describe(self, lang: str) -> str:
        return "申请人是所匹配标志的权利人" if lang == "zh" else "the applicant is a rights holder of the matched sign"
