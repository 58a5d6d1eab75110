"""A rule's `points`: a number, or graded points that grow with how far past a line the rule's subject is.

    points: {base: 20, max: 45, scale: {window: 365d, line: 100, step: 50, add: 5, label: {zh: ..., en: ...}}}

reads "20 points at 100 filings within any 365 days, 5 more for every 50 past it, at most 45" (docs/scoring.md).
The scale reads a metric of the rule's scope (`metric: n_classes`) or, in the applicant, cluster and agent scopes,
the most filings within any window of a time span (`window: 365d`, as the window condition counts them).
"""

from __future__ import annotations

import re

from detector.metrics.catalogue import BY_SCOPE
from detector.rules.conditions.registry import located, unknown
from detector.rules.model import PointScale
from detector.text import Text
from detector.yaml_safe import LocDict

WINDOW_SCOPES = ("applicant", "cluster", "agent")
# Numeric columns a filing-scope rule with a match condition also sees (detector/pipeline/rule_stage.py).
MATCH_COLUMNS = ("similarity", "days_after_event")


def base_points(node: object) -> float:
    """The points a rule gives at its line: the number itself, or a graded mapping's `base`."""
    return float(node["base"]) if isinstance(node, dict) else float(node)


def parse_scale(rule: LocDict, scope: str) -> PointScale | None:
    """The rule's PointScale (None for plain points); RuleFileError located at the offending key."""
    node = rule["points"]
    if not isinstance(node, LocDict):
        return None
    body = node["scale"]
    base, top = float(node["base"]), float(node["max"])
    if top < base:
        raise located(
            node,
            "max",
            Text(en=f"max ({top:g}) is below base ({base:g})", zh=f"max（{top:g}）小于 base（{base:g}）"),
            Text(en="max >= base", zh="max 不小于 base"),
        )
    metric, days = "", 0
    if "window" in body:
        if scope not in WINDOW_SCOPES:
            raise located(
                body,
                "window",
                Text(
                    en="a window scale counts filings per applicant, cluster or agent, not per filing",
                    zh="window 计分按申请人、集群或代理机构计数，不按单件申请",
                ),
                Text(en="scale on a filing metric: metric: NAME", zh="改用单件申请指标：metric: 名称"),
            )
        days = int(re.fullmatch(r"([1-9][0-9]*)d", str(body["window"])).group(1))
    else:
        metric = str(body["metric"])
        known = [*BY_SCOPE.get(scope, {}), *(MATCH_COLUMNS if scope == "filing" else ())]
        if metric not in known:
            raise located(body, "metric", unknown(f"{scope} metric", f" {scope} 指标", metric, known))
        entry = BY_SCOPE.get(scope, {}).get(metric)
        if entry is not None and entry.kind != "number":
            raise located(
                body,
                "metric",
                Text(en=f"'{metric}' is not a number", zh=f"“{metric}”不是数值指标"),
            )
    label = dict(body["label"]) if "label" in body else {}
    return PointScale(
        base=base,
        max=top,
        line=float(body["line"]),
        step=float(body["step"]),
        add=float(body["add"]),
        metric=metric,
        window_days=days,
        label=label,
    )


__all__ = ["base_points", "parse_scale"]
