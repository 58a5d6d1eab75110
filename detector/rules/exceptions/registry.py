"""Exception kinds (`unless`): structured tuples {field, comparator, values} — never free logic.

A kind is one small class in its own module of this package. Subclassing `RuleException` with `comparators`
registers it under those comparator names; the class carries its zh/en description (`label`), how it checks one
entry (`check`, errors at file:line:col), how it evaluates over the rows of a scope frame (`evaluate`) and how one
parsed exception reads in a trace (`describe`). The schema's comparator enum is assembled from the registry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from detector.errors import RuleFileError
from detector.rules.conditions.registry import SCALAR_SCHEMA, located, unknown
from detector.rules.frame import ScopeFrame
from detector.text import Text
from detector.yaml_safe import LocDict

_KINDS: dict[str, type[RuleException]] = {}


@dataclass
class RuleException:
    """One `unless` entry. Class attributes a kind sets: `comparators` (the names that register it), `label` (what
    it exempts, zh/en), `example` (one YAML line), `needs_match` (it reads the rule's match) and `order` (its
    place in docs and schema)."""

    field: str
    comparator: str
    values: list
    note: str = ""

    comparators: ClassVar[tuple[str, ...]] = ()
    label: ClassVar[Text]
    example: ClassVar[str] = ""
    needs_match: ClassVar[bool] = False
    order: ClassVar[int] = 100

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        for name in cls.comparators:
            if name in _KINDS and _KINDS[name].__qualname__ != cls.__qualname__:
                raise ValueError(f"exception comparator '{name}' is registered twice")
            _KINDS[name] = cls

    @classmethod
    def check(cls, item: LocDict, field: str, comparator: str, values: list, scope: str, lists: set[str]) -> None:
        """Raise a located RuleFileError if this entry cannot apply to a rule of `scope`."""

    def evaluate(self, frame: ScopeFrame) -> tuple[np.ndarray, np.ndarray]:
        """(exempt mask, value seen) per row."""
        raise NotImplementedError

    def describe(self, lang: str) -> str:
        """This exception, with its settings, in words ('zh' or 'en'): the `if` of a trace's unless entry."""
        raise NotImplementedError


def exception_kinds() -> list[type[RuleException]]:
    """The registered exception kinds in their documented order."""
    return sorted(set(_KINDS.values()), key=lambda k: (k.order, k.comparators))


def comparators() -> list[str]:
    """Every comparator name, in documented order: the schema's enum."""
    return [name for kind in exception_kinds() for name in kind.comparators]


def exception_schema() -> dict:
    """JSON Schema of one `unless` entry; the comparator enum comes from the registered kinds."""
    return {
        "type": "object",
        "required": ["field", "comparator"],
        "properties": {
            "field": {"type": "string"},
            "comparator": {"enum": comparators()},
            "values": {"type": "array", "items": SCALAR_SCHEMA},
            "note": {"type": "string"},
        },
        "additionalProperties": False,
    }


def parse_exceptions(items: list, scope: str, lists: set[str]) -> list[RuleException]:
    """Parse a rule's `unless` list; errors point at the offending key."""
    out = []
    for item in items or []:
        if not isinstance(item, LocDict):
            raise RuleFileError(
                Text(
                    en="an exception is a mapping {field, comparator, values}",
                    zh="例外须为映射 {field, comparator, values}",
                ),
                file=getattr(items, "file", ""),
            )
        field, comp = str(item.get("field", "")), item.get("comparator")
        values = list(item.get("values") or [])
        kind = _KINDS.get(comp) if isinstance(comp, str) else None
        if kind is None:
            raise located(item, "comparator", unknown("comparator", "比较符", str(comp), comparators()))
        kind.check(item, field, comp, values, scope, lists)
        out.append(kind(field, comp, values, str(item.get("note", ""))))
    return out


def applicant_field(item: LocDict, field: str, comparator: str) -> None:
    """Identity comparators take `field: applicant`."""
    if field != "applicant":
        raise located(
            item,
            "field",
            Text(
                en=f"comparator '{comparator}' takes field 'applicant'",
                zh=f"比较符 '{comparator}' 的 field 须为 'applicant'",
            ),
        )
