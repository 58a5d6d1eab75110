"""Rule conditions: one kind per module of this package, each a small class that registers itself by its YAML key,
carries its JSON-schema fragment and zh/en description, parses itself and evaluates vectorized over a table.

Importing the package imports every module in it, so a new kind is one new file (docs/rules.md, "Adding a
condition kind"). Only modules of this package are imported; nothing in a rule file is ever executed.
"""

from __future__ import annotations

import importlib
import pkgutil

from detector.rules.conditions.all_ import AllCondition
from detector.rules.conditions.match import PSEUDO_LISTS, MatchCondition, MatchSpec
from detector.rules.conditions.registry import (
    OPS,
    OPS_TEXT,
    Condition,
    Outcome,
    ParseContext,
    _plain,
    compare,
    condition_kind,
    condition_schema,
    did_you_mean,
    kinds,
    parse_condition,
)
from detector.rules.conditions.window import WindowCondition

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")

__all__ = [
    "OPS",
    "OPS_TEXT",
    "PSEUDO_LISTS",
    "AllCondition",
    "Condition",
    "MatchCondition",
    "MatchSpec",
    "Outcome",
    "ParseContext",
    "WindowCondition",
    "_plain",
    "compare",
    "condition_kind",
    "condition_schema",
    "did_you_mean",
    "kinds",
    "parse_condition",
]
