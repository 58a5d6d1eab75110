"""owner_of_matched: the applicant owns the matched register mark — known by identity, never by trade name.

Decided per hit with rights_holder (detector/pipeline/rights_holders.py): the register entry's owner_id or owner
name, an owner of the same mark elsewhere in the register, a declared affiliate or a tie in the applicants table."""

from __future__ import annotations

import numpy as np

from detector.rules.exceptions.registry import RuleException, applicant_field
from detector.rules.exceptions.rights_holder import needs_filing_scope
from detector.rules.frame import ScopeFrame
from detector.text import Text
from detector.yaml_safe import LocDict


class OwnerOfMatchedException(RuleException):
    """`{field: applicant, comparator: owner_of_matched}`: the applicant owns the matched register mark, or the
    register names it owner of the same mark or of the filed mark, by identity (module docstring)."""

    comparators = ("owner_of_matched",)
    order = 30
    needs_match = True
    label = Text(
        en="the applicant owns the matched register mark, or the register names it owner of that mark or of the "
        "filed mark, by identity (id, exact name, declared affiliate, shareholder or legal-representative tie)",
        zh="申请人按身份（编号、完整名称、声明的关联方、股东或法定代表人关联）拥有所匹配的注册商标，"
        "或注册簿载明其为该商标或所申请商标的注册人",
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
        if lang == "zh":
            return "申请人按身份是所匹配商标的注册人"
        return "the applicant owns the matched registered mark, by identity"
