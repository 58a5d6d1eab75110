"""Rule conditions: parsed from YAML into small classes that evaluate over a table and describe themselves.

Each condition evaluates vectorized over the rows of a scope frame and returns an Outcome (a boolean mask, the
values it saw, its children) from which a per-row condition trace is built for explanations.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from detector.errors import RuleFileError
from detector.metrics.catalogue import BY_SCOPE, metric
from detector.rules.frame import ScopeFrame
from detector.rules.yaml_safe import LocDict, LocList

OPS_TEXT = {"==": "=", "!=": "≠", ">": ">", ">=": "≥", "<": "<", "<=": "≤", "in": "∈", "not_in": "∉", "between": "∈"}


@dataclass
class Outcome:
    """What a condition saw and decided for every row."""

    mask: np.ndarray
    seen: np.ndarray | None = None
    children: list[Outcome] = field(default_factory=list)


class Condition:
    """Base class: evaluate over a ScopeFrame, describe in zh/en, trace one row."""

    key = ""

    def evaluate(self, frame: ScopeFrame) -> Outcome:
        raise NotImplementedError

    def describe(self, lang: str) -> str:
        raise NotImplementedError

    def children(self) -> list[Condition]:
        return []

    def walk(self):
        yield self
        for child in self.children():
            yield from child.walk()

    def trace(self, outcome: Outcome, row: int, lang: str) -> dict:
        node = {"if": self.describe(lang), "result": bool(outcome.mask[row])}
        if outcome.seen is not None:
            node["saw"] = _plain(outcome.seen[row])
        if outcome.children:
            node["children"] = [c.trace(o, row, lang) for c, o in zip(self.children(), outcome.children)]
        return node

    def evidence(self, outcome: Outcome, row: int) -> dict:
        """Values this condition (and its children) saw at `row`, keyed for explain templates."""
        out: dict = {}
        for c, o in zip(self.children(), outcome.children):
            out.update(c.evidence(o, row))
        return out


def _plain(value: object) -> object:
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        if np.isnan(value):
            return None
        return round(float(value), 4)
    if value is pd.NaT or value is None:
        return None
    return value if isinstance(value, (int, str)) else str(value)


def compare(values: pd.Series | np.ndarray, op: str, target: object) -> np.ndarray:
    """Vectorized comparison; missing values (NaN/None) never satisfy a comparison."""
    s = pd.Series(values)
    if op == "in":
        return s.isin(list(target)).to_numpy()
    if op == "not_in":
        return (~s.isin(list(target)) & s.notna()).to_numpy()
    if op == "between":
        lo, hi = target
        return ((s >= lo) & (s <= hi)).fillna(False).to_numpy(dtype=bool)
    result = {
        "==": lambda: s == target,
        "!=": lambda: (s != target) & s.notna(),
        ">": lambda: s > target,
        ">=": lambda: s >= target,
        "<": lambda: s < target,
        "<=": lambda: s <= target,
    }[op]()
    return result.fillna(False).to_numpy(dtype=bool)


class MetricCondition(Condition):
    """`{metric: NAME, op: OP, value: X}`: compare a catalogue metric of the rule's scope."""

    key = "metric"

    def __init__(self, scope: str, name: str, op: str, value: object) -> None:
        self.scope, self.name, self.op, self.value = scope, name, op, value

    def evaluate(self, frame: ScopeFrame) -> Outcome:
        values = frame.metric(self.name)
        return Outcome(compare(values, self.op, self.value), np.asarray(values, dtype=object))

    def describe(self, lang: str) -> str:
        m = metric(self.scope, self.name)
        label = (m.zh if lang == "zh" else m.en) if m else self.name
        return f"{self.name} {OPS_TEXT[self.op]} {_fmt(self.value)} ({label})"

    def evidence(self, outcome: Outcome, row: int) -> dict:
        return {self.name: _plain(outcome.seen[row])}


def _fmt(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


class WindowCondition(Condition):
    """`{window: {timespan: 90d, count: filings, op, value}}`: most filings within any window of that span."""

    key = "window"

    def __init__(self, span_days: int, op: str, value: object) -> None:
        self.span_days, self.op, self.value = span_days, op, value

    def evaluate(self, frame: ScopeFrame) -> Outcome:
        counts = frame.window_counts(self.span_days)
        return Outcome(compare(counts, self.op, self.value), counts.astype(object))

    def describe(self, lang: str) -> str:
        if lang == "zh":
            return f"任意{self.span_days}天内申请件数 {OPS_TEXT[self.op]} {_fmt(self.value)}"
        return f"filings within any {self.span_days} days {OPS_TEXT[self.op]} {_fmt(self.value)}"

    def evidence(self, outcome: Outcome, row: int) -> dict:
        return {f"window_{self.span_days}d": _plain(outcome.seen[row]), "window_days": self.span_days}


class ClassesCondition(Condition):
    """`{classes: {any_of: [...], none_of: [...]}}`: Nice-class filter on a filing."""

    key = "classes"

    def __init__(self, any_of: list[int], none_of: list[int]) -> None:
        self.any_of, self.none_of = any_of, none_of
        self.any_bits = sum(1 << c for c in any_of)
        self.none_bits = sum(1 << c for c in none_of)

    def evaluate(self, frame: ScopeFrame) -> Outcome:
        bits = frame.class_bits()
        mask = np.ones(len(bits), dtype=bool)
        if self.any_of:
            mask &= (bits & self.any_bits) != 0
        if self.none_of:
            mask &= (bits & self.none_bits) == 0
        return Outcome(mask, frame.metric("nice_class").astype(object))

    def describe(self, lang: str) -> str:
        parts = []
        if self.any_of:
            parts.append(("类别属于 " if lang == "zh" else "classes include any of ") + _fmt(self.any_of))
        if self.none_of:
            parts.append(("类别不含 " if lang == "zh" else "classes include none of ") + _fmt(self.none_of))
        return "; ".join(parts)

    def evidence(self, outcome: Outcome, row: int) -> dict:
        return {"nice_class": _plain(outcome.seen[row])}


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

    def __len__(self) -> int:
        return len(self.hits)

    def __getitem__(self, row: int) -> object:
        values = [self.hits[c].iat[row] for c in self.COLUMNS]
        if any(v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)) for v in values):
            return np.nan
        term, matched, method, similarity = (str(v) for v in values)
        return f"{term} ~ {matched} ({method} {similarity})"


class MatchCondition(Condition):
    """`{match: {list, methods, min_similarity, event_within_days, not_before_event_days, same_class}}`.

    `event_within_days: N` keeps filings made 0..N days after the entry's event; `not_before_event_days: N` drops
    filings made more than N days before it (a name that became famous through the event was no sign to squat
    before it). Entries without an event date pass both.
    """

    key = "match"

    def __init__(
        self, spec: MatchSpec, event_within_days: int | None, same_class: bool, not_before_event_days: int | None = None
    ) -> None:
        self.spec, self.event_within_days, self.same_class = spec, event_within_days, same_class
        self.not_before_event_days = not_before_event_days

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


class AllCondition(Condition):
    key = "all"

    def __init__(self, items: list[Condition]) -> None:
        self.items = items

    def children(self) -> list[Condition]:
        return self.items

    def evaluate(self, frame: ScopeFrame) -> Outcome:
        outs = [c.evaluate(frame) for c in self.items]
        return Outcome(np.logical_and.reduce([o.mask for o in outs]), None, outs)

    def describe(self, lang: str) -> str:
        return "全部满足" if lang == "zh" else "all of"


class AnyCondition(Condition):
    key = "any"

    def __init__(self, items: list[Condition]) -> None:
        self.items = items

    def children(self) -> list[Condition]:
        return self.items

    def evaluate(self, frame: ScopeFrame) -> Outcome:
        outs = [c.evaluate(frame) for c in self.items]
        return Outcome(np.logical_or.reduce([o.mask for o in outs]), None, outs)

    def describe(self, lang: str) -> str:
        return "任一满足" if lang == "zh" else "any of"

    def evidence(self, outcome: Outcome, row: int) -> dict:
        out: dict = {}
        for c, o in zip(self.items, outcome.children):
            if o.mask[row]:
                out.update(c.evidence(o, row))
        return out


class NotCondition(Condition):
    key = "not"

    def __init__(self, item: Condition) -> None:
        self.item = item

    def children(self) -> list[Condition]:
        return [self.item]

    def evaluate(self, frame: ScopeFrame) -> Outcome:
        out = self.item.evaluate(frame)
        return Outcome(~out.mask, None, [out])

    def describe(self, lang: str) -> str:
        return "并非" if lang == "zh" else "not"


# ---------------------------------------------------------------- parsing


def _err(node: LocDict | LocList, key: object, message: str, fix: str = "") -> RuleFileError:
    line, col = node.pos(key) if hasattr(node, "pos") else (0, 0)
    return RuleFileError(message, file=getattr(node, "file", ""), line=line, column=col, fix=fix)


def did_you_mean(name: str, options: list[str]) -> str:
    close = difflib.get_close_matches(name, options, n=3, cutoff=0.6)
    return ("did you mean " + " or ".join(f"'{c}'" for c in close) + "?") if close else ""


_OPS = set(OPS_TEXT)


def _check_op_value(node: LocDict, op: object, value: object, kind: str) -> None:
    if op not in _OPS:
        raise _err(node, "op", f"unknown operator '{op}'", " ".join(sorted(_OPS)))
    if op in ("in", "not_in") and not isinstance(value, list):
        raise _err(node, "value", f"operator '{op}' needs a list value")
    if op == "between" and not (isinstance(value, list) and len(value) == 2):
        raise _err(node, "value", "operator 'between' needs [low, high]")
    if op in (">", ">=", "<", "<=", "between"):
        vals = value if isinstance(value, list) else [value]
        if kind != "number" or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
            raise _err(node, "value", f"operator '{op}' needs a number and a numeric metric")


def parse_condition(node: object, scope: str, lists: set[str], list_defaults: dict, parent=None, key=None):
    """Build a Condition tree from YAML; every error names the file:line:col of the offending key."""
    if not isinstance(node, LocDict):
        where = parent if parent is not None else node
        raise _err(where, key, "a condition must be a mapping such as {metric: n_filings, op: '>=', value: 50}")
    if "metric" in node:
        extra = set(node) - {"metric", "op", "value"}
        if extra or "op" not in node or "value" not in node:
            raise _err(node, "metric", "a metric condition has exactly: metric, op, value")
        name = node["metric"]
        known = BY_SCOPE.get(scope, {})
        if name not in known:
            hint = did_you_mean(str(name), sorted(known))
            raise _err(node, "metric", f"unknown {scope} metric '{name}'" + (f"; {hint}" if hint else ""))
        _check_op_value(node, node["op"], node["value"], known[name].kind)
        return MetricCondition(scope, name, node["op"], node["value"])
    if len(node) != 1:
        raise _err(node, None, "a condition has one key: all, any, not, metric, window, classes or match")
    ((kind, body),) = node.items()
    if kind in ("all", "any"):
        if not isinstance(body, LocList) or not body:
            raise _err(node, kind, f"'{kind}' needs a non-empty list of conditions")
        items = [parse_condition(item, scope, lists, list_defaults, body, i) for i, item in enumerate(body)]
        return AllCondition(items) if kind == "all" else AnyCondition(items)
    if kind == "not":
        return NotCondition(parse_condition(body, scope, lists, list_defaults, node, kind))
    if kind == "window":
        if scope == "filing":
            raise _err(node, kind, "window conditions count filings per applicant, cluster or agent, not per filing")
        if not isinstance(body, LocDict) or not {"timespan", "op", "value"} <= set(body):
            raise _err(node, kind, "window needs timespan, op and value")
        m = re.fullmatch(r"([1-9][0-9]*)d", str(body["timespan"]))
        if not m:
            raise _err(body, "timespan", f"bad timespan '{body['timespan']}'", "a number of days such as 90d")
        if body.get("count", "filings") != "filings":
            raise _err(body, "count", "window counts 'filings'")
        _check_op_value(body, body["op"], body["value"], "number")
        return WindowCondition(int(m.group(1)), body["op"], body["value"])
    if kind == "classes":
        if scope != "filing":
            raise _err(node, kind, "classes filters apply to filing-scope rules")
        if not isinstance(body, LocDict) or not set(body) <= {"any_of", "none_of"} or not body:
            raise _err(node, kind, "classes needs any_of and/or none_of")
        lists_ = {}
        for k in ("any_of", "none_of"):
            vals = body.get(k) or []
            if not all(isinstance(v, int) and 1 <= v <= 45 for v in vals):
                raise _err(body, k, f"{k} must list Nice classes 1-45")
            lists_[k] = [int(v) for v in vals]
        return ClassesCondition(lists_["any_of"], lists_["none_of"])
    if kind == "match":
        if scope != "filing":
            raise _err(node, kind, "match conditions apply to filing-scope rules")
        if not isinstance(body, LocDict) or "list" not in body:
            raise _err(node, kind, "match needs at least a list")
        unknown = set(body) - {
            "field",
            "list",
            "methods",
            "min_similarity",
            "event_within_days",
            "not_before_event_days",
            "same_class",
        }
        if unknown:
            raise _err(body, min(unknown), f"unknown match key '{min(unknown)}'")
        list_id = str(body["list"])
        if list_id not in lists:
            hint = did_you_mean(list_id, sorted(lists))
            raise _err(body, "list", f"unknown list '{list_id}'" + (f"; {hint}" if hint else ""))
        defaults = list_defaults.get(list_id, {})
        methods = body.get("methods") or defaults.get("methods") or ["exact"]
        from detector.rules.schema import METHODS

        bad = [m for m in methods if m not in METHODS]
        if bad:
            raise _err(body, "methods", f"unknown match method '{bad[0]}'", ", ".join(METHODS))
        min_sim = body.get("min_similarity", defaults.get("min_similarity", 90))
        if not isinstance(min_sim, int) or not 1 <= min_sim <= 100:
            raise _err(body, "min_similarity", "min_similarity must be an integer 1-100")
        days = body.get("event_within_days")
        if days is not None and (not isinstance(days, int) or days < 0):
            raise _err(body, "event_within_days", "event_within_days must be a whole number of days")
        before = body.get("not_before_event_days")
        if before is not None and (not isinstance(before, int) or isinstance(before, bool) or before < 0):
            raise _err(body, "not_before_event_days", "not_before_event_days must be a whole number of days")
        spec = MatchSpec(list_id, tuple(methods), int(min_sim), bool(body.get("same_class", False)))
        return MatchCondition(spec, days, bool(body.get("same_class", False)), before)
    hint = did_you_mean(str(kind), ["all", "any", "not", "metric", "window", "classes", "match"])
    raise _err(node, kind, f"unknown condition '{kind}'" + (f"; {hint}" if hint else ""))
