"""A metric of the rule's scope compared with values: `{field: own_mark_share, comparator: ">=", values: [0.5]}`."""

from __future__ import annotations

import numpy as np

from detector.metrics.catalogue import BY_SCOPE
from detector.rules.conditions.registry import OPS, OPS_TEXT, RowObjects, compare, located, unknown
from detector.rules.exceptions.registry import RuleException
from detector.rules.frame import ScopeFrame
from detector.text import Text
from detector.yaml_safe import LocDict

_LIST_OPS = ("in", "not_in", "between")


class MetricException(RuleException):
    """Exempts rows where the metric `field` compares true with `values` (one value, or a list for in/between)."""

    comparators = tuple(OPS)
    order = 10
    label = Text(
        en="a metric of the rule's scope compared with values, e.g. a defensive filer's own-mark share",
        zh="规则范围内的一个指标与 values 比较，例如防御性申请人的自有商标比例",
    )
    example = '{field: own_mark_share, comparator: ">=", values: [0.5]}'

    @classmethod
    def check(cls, item: LocDict, field: str, comparator: str, values: list, scope: str, lists: set[str]) -> None:
        known = BY_SCOPE.get(scope, {})
        if field not in known:
            where = Text(en="in exception", zh="（例外中）")
            raise located(item, "field", unknown(f"{scope} metric", f" {scope} 指标", field, list(known), where))
        if not values:
            raise located(
                item,
                "comparator",
                Text(en=f"comparator '{comparator}' needs values", zh=f"比较符 '{comparator}' 需要 values"),
            )

    def _target(self) -> object:
        return self.values if self.comparator in _LIST_OPS else self.values[0]

    def evaluate(self, frame: ScopeFrame) -> tuple[np.ndarray, RowObjects]:
        values = frame.metric(self.field)
        return compare(values, self.comparator, self._target()), RowObjects(values)

    def describe(self, lang: str) -> str:
        return f"{self.field} {OPS_TEXT[self.comparator]} {self._target()}"
