"""Matching engine: find protected terms in marks through every disguise (see docs/matching.md).

`Matcher(terms).match(texts, methods, min_similarity)`; each method is a small class in `methods/` that describes
itself (`describe_method(name, lang)`) for explanations.
"""

from detector.match.matcher import RESULT_COLUMNS, Matcher, PreparedTexts
from detector.match.registry import (
    METHOD_ORDER,
    MatchMethod,
    describe_method,
    method_class,
)

METHODS = tuple(METHOD_ORDER)

__all__ = [
    "METHODS",
    "METHOD_ORDER",
    "RESULT_COLUMNS",
    "MatchMethod",
    "Matcher",
    "PreparedTexts",
    "describe_method",
    "method_class",
]
