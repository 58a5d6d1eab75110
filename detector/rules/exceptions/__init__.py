"""Rule exceptions (`unless`): one kind per module of this package, each a small class registered under its
comparator names that describes itself in zh and en, checks itself and evaluates vectorized over a table.

Importing the package imports every module in it, so a new kind is one new file. Only modules of this package are
imported; nothing in a rule file is ever executed.
"""

from __future__ import annotations

import importlib
import pkgutil

from detector.rules.exceptions.registry import (
    RuleException,
    comparators,
    exception_kinds,
    exception_schema,
    parse_exceptions,
)

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["RuleException", "comparators", "exception_kinds", "exception_schema", "parse_exceptions"]
