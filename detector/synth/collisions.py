"""Innocent collisions: everyday words that are also famous marks or list terms, filed by ordinary businesses.

Without these the synthetic batch never measures false positives on everyday words: ordinary applicants would
never file 小米 or 苹果. Each entry was thought through: the word's ordinary meaning fits the filer's goods, the
classes are the filer's and not the famous owner's core classes, and nothing in the filing trades on the famous
sign — so an examiner would not call it bad faith (some are descriptive or generic in their class, a ground for
refusal under Art. 11, not for bad faith). Ordinary applicants that file one carry category `benign_collision`,
label 0.

Left out on purpose: words whose famous owner is protected across classes in practice (长城 for wine is
COFCO's well-known mark; 红旗 and 大白兔 are well-known beyond their classes), words that name a public sign
first and an everyday thing second (天和 as a new product name after the space-station module; 飞扬 on sports
goods after the Beijing 2022 torch), and any use that copies a famous mark's get-up or Latin form.

How often: `Options.collision_share` of the ordinary applicants whose line of business has a word (the demo
profile uses 1 %, about 0.8 % of all applicants; marks containing 苹果, 小米, 大众 or 美的 are a small share of
real filings too). A synthetic precision figure depends on that share: read it per category.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from detector.synth.industries import INDUSTRIES


@dataclass(frozen=True)
class Collision:
    """A word an ordinary business may file, the classes and lines of business it fits, and why it is innocent."""

    mark: str
    classes: tuple[int, ...]
    industries: tuple[str, ...]
    why: str


EVERYDAY: tuple[Collision, ...] = (
    Collision("小米", (30, 31), ("agri", "food"), "millet, the cereal; Xiaomi's marks are in classes 9 and 11"),
    Collision("黄小米", (30,), ("agri", "food"), "yellow millet sold as grain"),
    Collision("小米锅巴", (30,), ("food",), "millet crisps, a snack"),
    Collision("苹果", (31,), ("agri",), "the fruit itself in class 31 (generic there, not bad faith)"),
    Collision("苹果醋", (32,), ("food", "wine"), "apple-vinegar drink"),
    Collision("红苹果", (20, 24), ("home",), "red apple on children's furniture and bedding"),
    Collision("小苹果", (25, 41), ("apparel", "education"), "little apple: children's clothes, a kindergarten"),
    Collision("吉利", (30,), ("food",), "'auspicious', printed on festival pastries; Geely's marks are in class 12"),
    Collision("百事通", (35, 45, 37), ("mgmt", "trade"), "'knows everything': a household-service desk"),
    Collision("大众食堂", (43,), ("catering",), "a canteen for the public"),
    Collision("大众浴池", (44,), ("beauty",), "a public bathhouse"),
    Collision("美的时光", (41, 44), ("media", "beauty"), "'beautiful moments': a photo studio, a salon"),
    Collision("飞跃", (41,), ("education",), "'leap' for a tutoring school (also Beijing 2022's Paralympic emblem)"),
    Collision(
        "飞扬", (41,), ("education", "media"), "'soaring': a dance school, a youth theatre (also the 2022 torch)"
    ),
    Collision("玉兔", (30,), ("food",), "the jade rabbit of the moon legend on mooncakes (also the lunar rover)"),
    Collision("嫦娥奔月", (30,), ("food",), "mid-autumn idiom on mooncakes (嫦娥 is also the lunar programme)"),
    Collision("老成都", (43,), ("catering",), "'old Chengdu', a Sichuan restaurant (place name inside a longer mark)"),
    Collision("老北京涮肉", (43,), ("catering",), "Beijing-style hot pot (place name inside a longer mark)"),
)


@cache
def _by_industry() -> dict[str, tuple[int, ...]]:
    out: dict[str, list[int]] = {ind.key: [] for ind in INDUSTRIES}
    for i, c in enumerate(EVERYDAY):
        for key in c.industries:
            out[key].append(i)
    return {k: tuple(v) for k, v in out.items()}


def draw_collisions(rng: np.random.Generator, ind_keys: np.ndarray, share: float) -> np.ndarray:
    """Index into EVERYDAY per applicant (-1: none): about `share` of those whose line of business has a word."""
    n = len(ind_keys)
    out = np.full(n, -1, dtype=np.int64)
    hit = rng.random(n) < share
    pick = rng.random(n)
    for key, entries in _by_industry().items():
        m = hit & (ind_keys == key)
        if entries and m.any():
            out[m] = np.array(entries)[(pick[m] * len(entries)).astype(np.int64)]
    return out


@cache
def champion_given_names() -> tuple[str, ...]:
    """Two-character given names of listed champions (任子威 -> 子威): ordinary people carry them too."""
    from detector.synth.references import signs

    names = {s.term[1:] for s in signs("champions") if len(s.term) == 3 and not s.term.isascii()}
    return tuple(sorted(names))
