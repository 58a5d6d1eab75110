"""Condition kinds: the base class every kind subclasses, the registry it joins, and the parser that looks kinds up.

A kind is one small class in its own module of this package. Subclassing `Condition` with a `key` registers it; the
class carries its JSON-schema fragment (`schema`, assembled by `condition_schema()` into the editors' schema), its
zh/en description (`label`, for docs), how it parses from YAML (`parse`, errors at file:line:col), how it evaluates
over the rows of a scope frame (`evaluate`, vectorized) and how one parsed condition reads in a trace (`describe`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
import pandas as pd

from detector.errors import RuleFileError
from detector.json_scalar import json_scalar
from detector.rules.frame import ScopeFrame
from detector.text import Text
from detector.yaml_safe import LocDict, LocList

OPS_TEXT = {"==": "=", "!=": "≠", ">": ">", ">=": "≥", "<": "<", "<=": "≤", "in": "∈", "not_in": "∉", "between": "∈"}
OPS = list(OPS_TEXT)

# Schema fragments kinds share: a scalar, a scalar or list of scalars, and a nested condition.
SCALAR_SCHEMA = {"type": ["string", "number", "boolean"]}
VALUE_SCHEMA = {"oneOf": [SCALAR_SCHEMA, {"type": "array", "items": SCALAR_SCHEMA}]}
CONDITION_REF = {"$ref": "#/$defs/condition"}

_KINDS: dict[str, type[Condition]] = {}


class RowObjects:
    """A column as a condition saw it, each row given as `np.asarray(column, dtype=object)` would give it, but
    converted only for the rows read: evidence and traces read fired rows, and converting a whole column to
    Python objects cost ~10 ms a condition at a million rows."""

    __slots__ = ("values",)

    def __init__(self, values: np.ndarray) -> None:
        self.values = values

    def __getitem__(self, row: int) -> object:
        return np.asarray(self.values[row : row + 1], dtype=object)[0]

    def __len__(self) -> int:
        return len(self.values)


@dataclass
class Outcome:
    """What a condition saw and decided for every row."""

    mask: np.ndarray
    seen: np.ndarray | RowObjects | None = None
    children: list[Outcome] = field(default_factory=list)


@dataclass(frozen=True)
class ParseContext:
    """What parsing a rule's conditions needs to know: its scope, the list ids available, each list's defaults."""

    scope: str
    lists: set[str]
    list_defaults: dict

    def condition(self, node: object, parent: LocDict | LocList | None = None, key: object = None) -> Condition:
        """Parse one condition mapping by looking its key up in the registry; `parent[key]` locates a non-mapping."""
        if not isinstance(node, LocDict):
            where = parent if parent is not None else node
            raise located(
                where,
                key,
                Text(
                    en="a condition must be a mapping such as {metric: n_filings, op: '>=', value: 50}",
                    zh="条件须为映射，例如 {metric: n_filings, op: '>=', value: 50}",
                ),
            )
        for kind in kinds():
            if kind.beside and kind.key in node:
                return kind.parse_node(node, self)
        if len(node) != 1:
            names = [k.key for k in kinds()]
            listing = ", ".join(names[:-1]) + " or " + names[-1]
            raise located(
                node,
                None,
                Text(en=f"a condition has one key: {listing}", zh=f"一个条件只有一个键：{'、'.join(names)}"),
            )
        ((name, _),) = node.items()
        kind = _KINDS.get(name) if isinstance(name, str) else None
        if kind is None:
            raise located(node, name, unknown("condition", "条件", str(name), [k.key for k in kinds()]))
        return kind.parse_node(node, self)


class Condition:
    """Base class of condition kinds: evaluate over a ScopeFrame, describe in zh/en, trace one row.

    Class attributes a kind sets: `key` (its YAML key, which registers it), `label` (what the kind does, zh/en),
    `example` (one YAML line), `schema` (JSON Schema of the value under `key`), `beside` (schemas of keys that stand
    beside `key` in the same mapping, as `op` and `value` beside `metric`), `scopes` (the rule scopes it applies to,
    with `scope_error` saying why not; empty: every scope) and `order` (its place in docs, schema and messages).
    """

    key: ClassVar[str] = ""
    label: ClassVar[Text]
    example: ClassVar[str] = ""
    schema: ClassVar[dict] = {}
    beside: ClassVar[dict[str, dict]] = {}
    scopes: ClassVar[tuple[str, ...]] = ()
    scope_error: ClassVar[Text | None] = None
    order: ClassVar[int] = 100

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if cls.key:
            if cls.key in _KINDS and _KINDS[cls.key].__qualname__ != cls.__qualname__:
                raise ValueError(f"condition kind '{cls.key}' is registered twice")
            _KINDS[cls.key] = cls

    @classmethod
    def parse_node(cls, node: LocDict, ctx: ParseContext) -> Condition:
        """Check the rule's scope, then parse `node` (the mapping holding `key`)."""
        if cls.scopes and ctx.scope not in cls.scopes:
            message = cls.scope_error or Text(
                en=f"{cls.key} conditions apply to {' or '.join(cls.scopes)} rules",
                zh=f"{cls.key} 条件只用于 {'、'.join(cls.scopes)} 范围的规则",
            )
            raise located(node, cls.key, message)
        return cls.parse(node, node[cls.key], ctx)

    @classmethod
    def parse(cls, node: LocDict, body: object, ctx: ParseContext) -> Condition:
        """Build the condition from `body` (the value under `key`); raise `located(...)` errors."""
        raise NotImplementedError

    def evaluate(self, frame: ScopeFrame) -> Outcome:
        raise NotImplementedError

    def describe(self, lang: str) -> str:
        """This condition, with its settings, in words ('zh' or 'en'): the `if` of a trace node."""
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

    def evidence_keys(self) -> set[str]:
        """The keys `evidence` can produce: the placeholders an explain template may use."""
        return set().union(*(c.evidence_keys() for c in self.children()))


def kinds() -> list[type[Condition]]:
    """The registered condition kinds in their documented order."""
    return sorted(_KINDS.values(), key=lambda k: (k.order, k.key))


def condition_kind(key: str) -> type[Condition]:
    """The registered kind for a YAML key; KeyError if there is none."""
    return _KINDS[key]


def condition_schema() -> dict:
    """JSON Schema of one condition, assembled from the registered kinds: a kind with keys beside its own is a
    mapping of exactly those keys; every other kind is the single key of a one-key mapping."""
    flat = [
        {
            "type": "object",
            "required": [k.key, *k.beside],
            "properties": {k.key: k.schema, **k.beside},
            "additionalProperties": False,
        }
        for k in kinds()
        if k.beside
    ]
    nested = {
        "type": "object",
        "minProperties": 1,
        "maxProperties": 1,
        "properties": {k.key: k.schema for k in kinds() if not k.beside},
        "additionalProperties": False,
    }
    return {"oneOf": [*flat, nested]}


def parse_condition(node: object, scope: str, lists: set[str], list_defaults: dict, parent=None, key=None):
    """Build a Condition tree from YAML; every error names the file:line:col of the offending key."""
    return ParseContext(scope, lists, list_defaults).condition(node, parent, key)


def parse_items(node: LocDict, body: object, ctx: ParseContext) -> list[Condition]:
    """The conditions of a combining kind (`all`, `any`): a non-empty list under `node[key]`."""
    ((key, _),) = node.items()
    if not isinstance(body, LocList) or not body:
        raise located(
            node, key, Text(en=f"'{key}' needs a non-empty list of conditions", zh=f"'{key}' 需要非空的条件列表")
        )
    return [ctx.condition(item, body, i) for i, item in enumerate(body)]


# ---------------------------------------------------------------- helpers kinds share


def located(node: LocDict | LocList, key: object, message: Text, fix: str = "") -> RuleFileError:
    """A rule-file error at the position of `node[key]` (of `node` itself when key is None)."""
    line, col = node.pos(key) if hasattr(node, "pos") else (0, 0)
    return RuleFileError(message, file=getattr(node, "file", ""), line=line, column=col, fix=fix)


def did_you_mean(name: str, options: list[str]) -> str:
    close = difflib.get_close_matches(name, options, n=3, cutoff=0.6)
    return ("did you mean " + " or ".join(f"'{c}'" for c in close) + "?") if close else ""


def unknown(what_en: str, what_zh: str, name: str, options: list[str], where: Text | None = None) -> Text:
    """ "unknown <what> 'name' [where]; did you mean ...?" in both languages."""
    close = difflib.get_close_matches(name, sorted(options), n=3, cutoff=0.6)
    en, zh = f"unknown {what_en} '{name}'", f"未知的{what_zh} '{name}'"
    if where is not None:
        en, zh = f"{en} {where.en}", f"{zh}{where.zh}"
    if close:
        en += "; did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
        zh += "；是否想用 " + " 或 ".join(f"'{c}'" for c in close) + "？"
    return Text(en=en, zh=zh)


def check_op_value(node: LocDict, op: object, value: object, kind: str) -> None:
    """`op` is a known operator and `value` fits it; ordering operators need numbers and a numeric metric."""
    if op not in OPS_TEXT:
        raise located(
            node, "op", Text(en=f"unknown operator '{op}'", zh=f"未知的运算符 '{op}'"), " ".join(sorted(OPS_TEXT))
        )
    if op in ("in", "not_in") and not isinstance(value, list):
        raise located(node, "value", Text(en=f"operator '{op}' needs a list value", zh=f"运算符 '{op}' 需要列表值"))
    if op == "between" and not (isinstance(value, list) and len(value) == 2):
        raise located(
            node, "value", Text(en="operator 'between' needs [low, high]", zh="运算符 'between' 需要 [下限, 上限]")
        )
    if op in (">", ">=", "<", "<=", "between"):
        vals = value if isinstance(value, list) else [value]
        if kind != "number" or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in vals):
            raise located(
                node,
                "value",
                Text(
                    en=f"operator '{op}' needs a number and a numeric metric",
                    zh=f"运算符 '{op}' 需要数值，且指标须为数值型",
                ),
            )


NUMPY_OPS = {"==": np.equal, ">": np.greater, ">=": np.greater_equal, "<": np.less, "<=": np.less_equal}


def _numeric_target(target: object) -> bool:
    return isinstance(target, (int, float, np.integer, np.floating)) and not isinstance(target, bool)


def compare(values: pd.Series | np.ndarray, op: str, target: object) -> np.ndarray:
    """Vectorized comparison; missing values (NaN/None) never satisfy a comparison.

    A numpy number column against a number is compared by numpy directly (NaN compares false, as in pandas); a
    rule set makes dozens of these per batch, and wrapping each in a Series costs more than a small batch's
    comparison itself. Other columns (text, nullable, lists) and operators go through pandas."""
    raw = values.to_numpy() if isinstance(values, pd.Series) and isinstance(values.dtype, np.dtype) else values
    numeric = isinstance(raw, np.ndarray) and raw.dtype.kind in "fiub"
    if numeric and op == "between" and all(_numeric_target(t) for t in target):
        return np.greater_equal(raw, target[0]) & np.less_equal(raw, target[1])
    if numeric and _numeric_target(target):
        if op in NUMPY_OPS:
            return NUMPY_OPS[op](raw, target)
        if op == "!=":
            return np.not_equal(raw, target) & ~np.isnan(raw) if raw.dtype.kind == "f" else np.not_equal(raw, target)
    if op in ("==", "!=") and isinstance(raw, np.ndarray):
        if raw.dtype.kind == "b" and isinstance(target, (bool, np.bool_)):  # a flag column against true/false
            return np.equal(raw, target) if op == "==" else np.not_equal(raw, target)
        if raw.dtype.kind == "O" and isinstance(target, str):  # a text column (missing: NaN, None) against a text
            return _text_equal(raw, target) if op == "==" else _text_equal(raw, target, negate=True)
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


def _text_equal(raw: np.ndarray, target: str, negate: bool = False) -> np.ndarray:
    """Per cell of an object array: equal to `target` (or, negated, present and not equal), as pandas compares an
    object column with a scalar (a missing cell is never equal; Python's == on the others), without a Series: numpy
    compares the present cells element by element."""
    present = ~pd.isna(raw)
    out = np.zeros(len(raw), dtype=bool)
    cells = raw[present]
    out[present] = np.not_equal(cells, target) if negate else np.equal(cells, target)
    return out


def fmt(value: object) -> str:
    """A condition's setting as shown in a description: lists as [a, b]."""
    if isinstance(value, list):
        return "[" + ", ".join(str(v) for v in value) + "]"
    return str(value)


def _plain(value: object) -> object:
    """What a condition saw, as evidence and trace carry it: a JSON scalar, floats to 4 decimals."""
    return json_scalar(value, 4)
