"""Structured rule exceptions (`unless`): field, comparator, values — never free logic."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from detector.errors import RuleFileError
from detector.metrics.catalogue import BY_SCOPE
from detector.rules.conditions import OPS_TEXT, compare, did_you_mean
from detector.rules.frame import ScopeFrame
from detector.rules.yaml_safe import LocDict

IDENTITY = {"rights_holder", "owner_of_matched", "in_list"}
# Fields an exception may name besides the scope's metrics.
EXTRA_FIELDS = {"applicant"}


@dataclass
class Exception_:
    """One `unless` entry; `describe` says in words what it exempts."""

    field: str
    comparator: str
    values: list
    note: str = ""

    def evaluate(self, frame: ScopeFrame) -> tuple[np.ndarray, np.ndarray]:
        if self.comparator == "rights_holder":
            seen = frame.metric("is_rights_holder").astype(bool)
            return seen, seen.astype(object)
        if self.comparator == "owner_of_matched":
            seen = frame.metric("is_owner_of_matched").astype(bool)
            return seen, seen.astype(object)
        if self.comparator == "in_list":
            mask = frame.list_member([str(v) for v in self.values])
            return mask, mask.astype(object)
        values = frame.metric(self.field)
        target = self.values if self.comparator in ("in", "not_in", "between") else self.values[0]
        return compare(values, self.comparator, target), np.asarray(values, dtype=object)

    def describe(self, lang: str) -> str:
        if self.comparator == "rights_holder":
            return (
                "申请人是所匹配标志的权利人" if lang == "zh" else "the applicant is a rights holder of the matched sign"
            )
        if self.comparator == "owner_of_matched":
            return "申请人是所匹配商标的注册人" if lang == "zh" else "the applicant owns the matched registered mark"
        if self.comparator == "in_list":
            lists = ", ".join(str(v) for v in self.values)
            return f"申请人在名单 {lists} 中" if lang == "zh" else f"the applicant is on list {lists}"
        shown = self.values if self.comparator in ("in", "not_in", "between") else self.values[0]
        return f"{self.field} {OPS_TEXT[self.comparator]} {shown}"


def parse_exceptions(items: list, scope: str, lists: set[str]) -> list[Exception_]:
    """Parse a rule's `unless` list; errors point at the offending key."""
    out = []
    for item in items or []:
        if not isinstance(item, LocDict):
            raise RuleFileError(
                "an exception is a mapping {field, comparator, values}", file=getattr(items, "file", "")
            )
        field, comp = str(item.get("field", "")), item.get("comparator")
        values = list(item.get("values") or [])
        line, col = item.pos("field")
        file = item.file
        if comp in IDENTITY:
            if field != "applicant":
                raise RuleFileError(f"comparator '{comp}' takes field 'applicant'", file=file, line=line, column=col)
            if comp in ("rights_holder", "owner_of_matched") and scope != "filing":
                raise RuleFileError(
                    f"comparator '{comp}' needs a match, so a filing-scope rule", file=file, line=line, column=col
                )
            if comp == "in_list":
                if not values:
                    raise RuleFileError("in_list needs values: [list ids]", file=file, line=line, column=col)
                for v in values:
                    if str(v) not in lists:
                        hint = did_you_mean(str(v), sorted(lists))
                        line, col = item.pos("values")
                        raise RuleFileError(
                            f"unknown list '{v}'" + (f"; {hint}" if hint else ""), file=file, line=line, column=col
                        )
        else:
            known = BY_SCOPE.get(scope, {})
            if field not in known:
                hint = did_you_mean(field, sorted(known))
                raise RuleFileError(
                    f"unknown {scope} metric '{field}' in exception" + (f"; {hint}" if hint else ""),
                    file=file,
                    line=line,
                    column=col,
                )
            if not values:
                line, col = item.pos("comparator")
                raise RuleFileError(f"comparator '{comp}' needs values", file=file, line=line, column=col)
        out.append(Exception_(field, str(comp), values, str(item.get("note", ""))))
    return out
