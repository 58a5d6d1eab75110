"""Trademark agencies of a batch: unique names and a heavy-tailed share of the filings."""

from __future__ import annotations

import numpy as np

from detector.synth.pools import AGENCY_ROOTS, TRADE_CHARS

_CITIES = (
    "北京",
    "上海",
    "深圳",
    "广州",
    "杭州",
    "南京",
    "苏州",
    "厦门",
    "成都",
    "武汉",
    "郑州",
    "济南",
    "义乌",
    "东莞",
    "青岛",
    "长沙",
)
_FORMS = ("知识产权代理有限公司", "商标代理有限公司", "知识产权服务有限公司", "知识产权代理事务所（普通合伙）")


def agency_names(rng: np.random.Generator, n: int) -> list[str]:
    """`n` distinct plausible agency names (city + root + form), shuffled with `rng`."""
    roots = list(AGENCY_ROOTS)
    names = [c + r + f for c in _CITIES for r in roots for f in _FORMS]
    chars = list(TRADE_CHARS)
    while len(names) < n:  # very large batches: more roots from trade-name characters
        extra = {a + b for a, b in zip(rng.choice(chars, 4 * n), rng.choice(chars, 4 * n)) if a != b} - set(roots)
        roots = sorted(extra)
        names += [c + r + f for c in _CITIES for r in roots for f in _FORMS]
        names = list(dict.fromkeys(names))
    order = rng.permutation(len(names))[:n]
    return [names[i] for i in order]


def agency_weights(n: int) -> np.ndarray:
    """Zipf-like market shares: a few large agencies, a long tail of small ones."""
    w = 1.0 / np.arange(1, n + 1) ** 0.9
    return w / w.sum()
