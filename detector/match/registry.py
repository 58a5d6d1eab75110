"""Match methods as small self-describing classes, registered by name when their module is imported."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from detector.match.context import MatchContext

METHOD_ORDER = ["exact", "contains", "pinyin", "pinyin_contains", "edit", "visual", "latin", "given_name"]
_REGISTRY: dict[str, type[MatchMethod]] = {}
CANDIDATE_COLUMNS = ["text", "term", "similarity", "matched"]


class MatchMethod:
    """One way a mark can match a term. Subclasses set `name` and `label` and implement `find`."""

    name: ClassVar[str] = ""
    label: ClassVar[dict[str, str]] = {}
    # Whether find() reads the call's min_similarity (MatchContext.min_similarity); a method that does not finds the
    # same candidates at every threshold (the threshold is applied to them afterwards, in Matcher._best).
    reads_threshold: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.name:
            if cls.name not in METHOD_ORDER:
                raise ValueError(f"match method '{cls.name}' is not in METHOD_ORDER")
            _REGISTRY[cls.name] = cls

    @classmethod
    def describe(cls, lang: str = "en") -> str:
        """One sentence for explanations, in `lang` ('en' or 'zh')."""
        return cls.label.get(lang) or cls.label["en"]

    def find(self, ctx: MatchContext) -> pd.DataFrame:
        """Candidate rows (text, term, similarity, matched) over distinct texts; guards already applied."""
        raise NotImplementedError


def method_class(name: str) -> type[MatchMethod]:
    """The registered class for a method name; ValueError names the known methods."""
    if name not in _REGISTRY:
        raise ValueError(f"unknown match method '{name}' (known: {', '.join(METHOD_ORDER)})")
    return _REGISTRY[name]


def describe_method(name: str, lang: str = "en") -> str:
    """How method `name` matches, in words ('en' or 'zh')."""
    return method_class(name).describe(lang)


def empty_candidates() -> pd.DataFrame:
    """A candidate table with no rows and the right dtypes: one table built once and shared, never to be modified
    (Matcher.match and the methods only test its length or concatenate it). Most methods find nothing for most
    texts: an intake check asks for some seventy empty tables, and a copy each cost ~40 µs."""
    return _EMPTY_CANDIDATES


_EMPTY_CANDIDATES = pd.DataFrame(
    {
        "text": pd.Series(dtype="int64"),
        "term": pd.Series(dtype="int64"),
        "similarity": pd.Series(dtype="int64"),
        "matched": pd.Series(dtype="object"),
    }
)


def candidates(text, term, similarity, matched) -> pd.DataFrame:
    """A candidate table from parallel arrays (similarity may be one number for all rows)."""
    text = np.asarray(text, dtype=np.int64)
    if not len(text):  # most methods find nothing for most texts: the prebuilt empty table
        return empty_candidates()
    return pd.DataFrame(
        {
            "text": text,
            "term": np.asarray(term, dtype=np.int64),
            "similarity": np.broadcast_to(np.asarray(similarity, dtype=np.int64), text.shape).copy(),
            "matched": pd.Series(list(matched), dtype="object"),
        }
    )
