"""Metrics as registered functions: each computes one metric, or a cohesive group computed together, and declares
the catalogue entry (name, kind, unit, zh/en description) of every column it returns.

A metric lives in one small module of its scope's package (`detector/metrics/<scope>/`) and decorates its function
with `@computes(scope, order, metrics)`. Importing the package imports every module in it, so a new metric is one
new file plus its test (docs/metrics-howto.md). The catalogue (`detector.metrics.catalogue`) and docs/metrics.md are
built from these declarations; `compute_table` runs a scope's functions in declared order and checks that each
returns exactly the columns it declared.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from detector.errors import TmscreenError
from detector.text import Text

SCOPES = ("filing", "applicant", "cluster", "agent")
KINDS = ("number", "text", "bool")

Columns = dict[str, Any]  # column name -> one value per row (array) or one value for all rows (scalar)


@dataclass(frozen=True)
class Metric:
    """A named, documented measurement of a filing, applicant, cluster or agent (one column of its scope's table)."""

    name: str
    kind: str  # number | text | bool
    unit: str
    description: Text
    scope: str = ""  # set by @computes

    @property
    def en(self) -> str:
        return self.description.en

    @property
    def zh(self) -> str:
        return self.description.zh


@dataclass(frozen=True)
class MetricGroup:
    """One registered function and what it returns: its metrics, then any context columns that are not metrics.

    `over_batch`: computed once over the finished table of the whole batch (after the partitions are merged),
    from that table instead of the scope's inputs; such groups come after every other group of the scope."""

    scope: str
    order: int
    metrics: tuple[Metric, ...]
    compute: Callable[[Any], Columns]
    context: tuple[str, ...] = ()
    over_batch: bool = False

    @property
    def name(self) -> str:
        return f"{self.compute.__module__}.{self.compute.__name__}"

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(m.name for m in self.metrics) + self.context

    @property
    def source(self) -> str:
        """The module that computes the group, as a path below detector/metrics/ (for docs)."""
        module = self.compute.__module__
        prefix = "detector.metrics."
        return (module[len(prefix) :] if module.startswith(prefix) else module).replace(".", "/") + ".py"


@dataclass
class MetricDeclarationError(TmscreenError):
    """A metric function declares its metrics wrongly, or returns columns other than those it declared."""


_GROUPS: dict[str, dict[str, MetricGroup]] = {scope: {} for scope in SCOPES}


def computes(
    scope: str,
    order: int,
    metrics: list[Metric] | tuple[Metric, ...],
    context: tuple[str, ...] = (),
    over_batch: bool = False,
) -> Callable[[Callable[[Any], Columns]], Callable[[Any], Columns]]:
    """Register the decorated function as computing `metrics` (catalogue entries, in column order) of `scope`.

    `order` places its columns in the scope's table and docs (unique per scope; gaps leave room for new metrics).
    `context`: further columns it returns that are not metrics. `over_batch=True`: see MetricGroup."""

    def register(fn: Callable[[Any], Columns]) -> Callable[[Any], Columns]:
        entries = tuple(replace(m, scope=scope) for m in metrics)
        group = MetricGroup(scope, order, entries, fn, tuple(context), over_batch)
        _check(group)
        _GROUPS[scope][group.name] = group
        return fn

    return register


def _error(fn: Callable, en: str, zh: str) -> MetricDeclarationError:
    code = fn.__code__
    return MetricDeclarationError(Text(en=en, zh=zh), file=code.co_filename, line=code.co_firstlineno)


def _check(group: MetricGroup) -> None:
    fn = group.compute
    if group.scope not in SCOPES:
        known = ", ".join(SCOPES)
        raise _error(
            fn,
            f"unknown metric scope '{group.scope}' (known: {known})",
            f"未知的指标范围 '{group.scope}'（可用：{known}）",
        )
    if not group.metrics:
        raise _error(fn, "a metric function declares at least one metric", "指标函数至少声明一个指标")
    for m in group.metrics:
        if m.kind not in KINDS:
            kinds = ", ".join(KINDS)
            raise _error(
                fn, f"metric '{m.name}': kind must be one of {kinds}", f"指标 '{m.name}' 的类型须为 {kinds} 之一"
            )
        if not (m.name and isinstance(m.description, Text) and m.description.en and m.description.zh):
            raise _error(fn, f"metric '{m.name}' needs a description in en and zh", f"指标 '{m.name}' 需要中英文说明")
    if len(set(group.columns)) != len(group.columns):
        columns = ", ".join(group.columns)
        raise _error(fn, f"columns declared twice: {columns}", f"列重复声明：{columns}")
    for other in _GROUPS[group.scope].values():
        if other.name == group.name:
            continue  # the same function registered again (module reloaded): it replaces itself
        if other.order == group.order:
            raise _error(
                fn,
                f"order {group.order} of {group.scope} metrics is taken by {other.name}",
                f"{group.scope} 指标的顺序号 {group.order} 已被 {other.name} 使用",
            )
        taken = set(group.columns) & set(other.columns)
        if taken:
            raise _error(
                fn,
                f"{group.scope} column(s) {', '.join(sorted(taken))} already computed by {other.name}",
                f"{group.scope} 列 {', '.join(sorted(taken))} 已由 {other.name} 计算",
            )


def groups(scope: str) -> list[MetricGroup]:
    """The registered groups of `scope` in declared order (batch-wide groups last); imports the scope's package."""
    importlib.import_module(f"detector.metrics.{scope}")
    return sorted(_GROUPS[scope].values(), key=lambda g: (g.over_batch, g.order))


def metrics_of(scope: str) -> list[Metric]:
    """The catalogue entries of `scope` in column order."""
    return [m for g in groups(scope) for m in g.metrics]


def _columns(group: MetricGroup, values: Columns) -> Columns:
    if not isinstance(values, dict) or list(values) != list(group.columns):
        got = ", ".join(values) if isinstance(values, dict) else type(values).__name__
        raise _error(
            group.compute,
            f"{group.name} returned columns ({got}), not the ones it declares ({', '.join(group.columns)})",
            f"{group.name} 返回的列（{got}）与其声明的列（{', '.join(group.columns)}）不符",
        )
    return values


def compute_table(scope: str, inputs: object, keys: dict[str, Any]) -> pd.DataFrame:
    """The scope's table: the identifying `keys` columns, then every registered metric (not batch-wide) computed
    from `inputs`, in declared order."""
    columns: Columns = {}
    for group in groups(scope):
        if not group.over_batch:
            columns.update(_columns(group, group.compute(inputs)))
    index = _index_of(keys)
    if index is None or set(keys) & set(columns):
        out = pd.DataFrame(keys)
        return pd.concat([out, pd.DataFrame(columns, index=out.index)], axis=1)
    # One constructor: it aligns a Series on the index and broadcasts a scalar, as `out[name] = value` does
    # (inserting some 70 columns one by one cost ~0.4 ms each). copy=False keeps each column as its own block
    # instead of copying the columns into blocks by dtype (~1 ms a table of a few rows); the arrays are copied
    # first, so the table owns its values as a copying constructor's would (a Series is shared copy-on-write).
    owned = {name: _owned(value) for name, value in {**keys, **columns}.items()}
    return pd.DataFrame(owned, index=index, copy=False)


def _index_of(keys: dict[str, Any]) -> pd.Index | None:
    """The index `pd.DataFrame(keys)` has: that of its Series (None when they differ), else 0..n-1."""
    series = [v for v in keys.values() if isinstance(v, pd.Series)]
    if series:
        first = series[0].index
        return first if all(s.index.equals(first) for s in series[1:]) else None
    return pd.RangeIndex(len(next(iter(keys.values())))) if keys else None


def column_values(series: pd.Series) -> object:
    """A column's values for a metric table: a `str` column's own (pyarrow) array, which the table keeps as it is,
    any other column as a numpy array. Turning a text column into Python strings and the table turning them back
    cost ~50 ms a column of 250,000 rows."""
    return series.array if series.dtype == "str" else series.to_numpy()


def _owned(value: object) -> object:
    """An array copied (the constructor, told not to copy, would keep the caller's array); anything else as is."""
    if isinstance(value, (np.ndarray, pd.api.extensions.ExtensionArray)):
        return value.copy()
    return value


def add_batch_metrics(scope: str, table: pd.DataFrame) -> pd.DataFrame:
    """Add the batch-wide metrics of `scope` (e.g. applicant anomaly_score) to the finished table of the whole
    batch, in place; returns it."""
    for group in groups(scope):
        if group.over_batch:
            for name, value in _columns(group, group.compute(table)).items():
                table[name] = value
    return table
