"""rights_holder: the applicant holds the rights in the matched sign — known by identity, never by trade name.

The match stage decides it per hit (detector/pipeline/rights_holders.py): the applicant's id or exact name (company
forms and an organisation's city folded), a declared affiliate in the allowlist, or a shareholder or
legal-representative tie meets a rights holder of the entry, or the register names the applicant owner of the
matched sign or of the filed mark."""

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
    """`{field: applicant, comparator: rights_holder}`: the applicant is, by identity, a rights holder of the matched
    entry or the register owner of the sign (module docstring)."""

    comparators = ("rights_holder",)
    order = 20
    needs_match = True
    label = Text(
        en="the applicant is, by identity (id, exact name, declared affiliate, shareholder or legal-representative "
        "tie; never its trade name), a rights holder of the matched entry or the register owner of the sign",
        zh="按身份（编号、完整名称、声明的关联方、股东或法定代表人关联；不看字号）申请人是所匹配条目的权利人，"
        "或注册簿中该商标的注册人",
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
        if lang == "zh":
            return "申请人按身份是所匹配标志的权利人或注册人"
        return "the applicant is, by identity, a rights holder or registered owner of the matched sign"
