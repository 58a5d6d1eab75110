"""match: the mark matches an entry of a reference list or of the register (the matching engine, docs/matching.md)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pandas as pd

from detector.match.registry import METHOD_ORDER
from detector.rules.conditions.registry import Condition, Outcome, ParseContext, _plain, located, unknown
from detector.rules.frame import ScopeFrame
from detector.text import Text
from detector.yaml_safe import LocDict

# Lists that are the run's register input rather than files: all its marks, or the famous ones.
PSEUDO_LISTS = ("register", "register_famous")


@dataclass(frozen=True)
class MatchSpec:
    """What to match the marks against, and how: the cache key of one matching-engine call.

    `same_class`: keep only hits whose entry shares a Nice class with the filing (or has no classes). Set when the
    rule's match condition asks for the same class, so hits that cannot fire are never expanded."""

    list_id: str
    methods: tuple[str, ...]
    min_similarity: int
    same_class: bool = False


class MatchSeen:
    """What a match condition saw: 'entry ~ matched (method similarity)', formatted only for the rows asked for
    (evidence and traces read a few fired rows; a register match can have millions)."""

    COLUMNS = ("entry_term", "matched", "method", "similarity")

    def __init__(self, hits: pd.DataFrame) -> None:
        self.hits = hits
        self._columns: list | None = None  # the four columns' arrays, looked up once on the first row asked for

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, row: int) -> object:
        if self._columns is None:
            self._columns = [self.hits[c].array for c in self.COLUMNS]
        values = [column[row] for column in self._columns]
        if any(v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) for v in values):
            return np.nan
        term, matched, method, similarity = (str(v) for v in values)
        return f"{term} ~ {matched} ({method} {similarity})"


def _days(body: LocDict, key: str) -> int | None:
    days = body.get(key)
    if days is not None and (not isinstance(days, int) or isinstance(days, bool) or days < 0):
        raise located(body, key, Text(en=f"{key} must be a whole number of days", zh=f"{key} 须为非负整数天数"))
    return days


class MatchCondition(Condition):
    """`{match: {list, methods, min_similarity, event_within_days, not_before_event_days, same_class}}`.

    `event_within_days: N` keeps filings made 0..N days after the entry's event; `not_before_event_days: N` drops
    filings made more than N days before it (a name that became famous through the event was no sign to squat
    before it). Entries without an event date pass both.
    """

    key = "match"
    order = 70
    label = Text(
        en="the mark matches an entry of a list (rules/lists/*.yaml), of register_famous or of register with the "
        "given methods and similarity (defaults from the list); optionally within days of the entry's event or "
        "in the same class",
        zh="商标以指定方法和相似度（默认取名单设置）与名单（rules/lists/*.yaml）、register_famous 或 register 中的条目"
        "近似；可限定在条目事件前后的天数内或相同类别",
    )
    example = "match: {list: olympic_beijing_2022, event_within_days: 30, same_class: true}"
    schema: ClassVar[dict] = {
        "type": "object",
        "required": ["list"],
        "properties": {
            "field": {"enum": ["mark_text"]},
            "list": {"type": "string"},
            "methods": {"type": "array", "items": {"enum": METHOD_ORDER}, "minItems": 1},
            "min_similarity": {"type": "integer", "minimum": 1, "maximum": 100},
            "event_within_days": {"type": "integer", "minimum": 0},
            "not_before_event_days": {"type": "integer", "minimum": 0},
            "same_class": {"type": "boolean"},
        },
        "additionalProperties": False,
    }
    scopes = ("filing",)
    scope_error = Text(en="match conditions apply to filing-scope rules", zh="match 条件只用于 filing 范围的规则")

    def __init__(
        self, spec: MatchSpec, event_within_days: int | None, same_class: bool, not_before_event_days: int | None = None
    ) -> None:
        self.spec, self.event_within_days, self.same_class = spec, event_within_days, same_class
        self.not_before_event_days = not_before_event_days

    @classmethod
    def parse(cls, node: LocDict, body: object, ctx: ParseContext) -> MatchCondition:
        if not isinstance(body, LocDict) or "list" not in body:
            raise located(node, cls.key, Text(en="match needs at least a list", zh="match 至少需要 list"))
        extra = set(body) - set(cls.schema["properties"])
        if extra:
            name = min(extra, key=str)
            raise located(body, name, Text(en=f"unknown match key '{name}'", zh=f"未知的 match 键 '{name}'"))
        list_id = str(body["list"])
        if list_id not in ctx.lists:
            raise located(body, "list", unknown("list", "名单", list_id, sorted(ctx.lists)))
        defaults = ctx.list_defaults.get(list_id, {})
        methods = body.get("methods") or defaults.get("methods") or ["exact"]
        if not isinstance(methods, list):
            raise located(
                body,
                "methods",
                Text(en="methods must be a list such as [exact, pinyin]", zh="methods 须为列表，例如 [exact, pinyin]"),
            )
        bad = [m for m in methods if m not in METHOD_ORDER]
        if bad:
            raise located(
                body,
                "methods",
                Text(en=f"unknown match method '{bad[0]}'", zh=f"未知的匹配方法 '{bad[0]}'"),
                ", ".join(METHOD_ORDER),
            )
        min_sim = body.get("min_similarity", defaults.get("min_similarity", 90))
        if not isinstance(min_sim, int) or not 1 <= min_sim <= 100:
            raise located(
                body,
                "min_similarity",
                Text(en="min_similarity must be an integer 1-100", zh="min_similarity 须为 1-100 的整数"),
            )
        days = _days(body, "event_within_days")
        before = _days(body, "not_before_event_days")
        same_class = bool(body.get("same_class", False))
        return cls(MatchSpec(list_id, tuple(methods), int(min_sim), same_class), days, same_class, before)

    def evaluate(self, frame: ScopeFrame) -> Outcome:
        hits = frame.hits()
        mask = np.ones(len(hits), dtype=bool)
        if self.event_within_days is not None:
            days = frame.metric("days_after_event")
            mask &= pd.Series(days).between(0, self.event_within_days).to_numpy()
        if self.not_before_event_days is not None:
            days = pd.Series(frame.metric("days_after_event"), dtype="float64")
            mask &= (days.isna() | (days >= -self.not_before_event_days)).to_numpy()
        if self.same_class:
            mask &= frame.metric("same_class").astype(bool)
        return Outcome(mask, MatchSeen(hits))

    def describe(self, lang: str) -> str:
        methods = "/".join(self.spec.methods)
        extra = ""
        if self.event_within_days is not None:
            extra += f"; ≤{self.event_within_days}" + ("天（事件后）" if lang == "zh" else " days after the event")
        if self.not_before_event_days is not None:
            n = self.not_before_event_days
            extra += f"; 不早于事件前{n}天" if lang == "zh" else f"; not more than {n} days before the event"
        if self.same_class:
            extra += "; " + ("相同类别" if lang == "zh" else "same class")
        if lang == "zh":
            return f"商标与名单 {self.spec.list_id} 近似（{methods}，相似度≥{self.spec.min_similarity}{extra}）"
        return f"mark matches list {self.spec.list_id} ({methods}, similarity ≥ {self.spec.min_similarity}{extra})"

    def evidence(self, outcome: Outcome, row: int) -> dict:
        return {"match": _plain(outcome.seen[row])}

    def evidence_keys(self) -> set[str]:
        return {"match"}
