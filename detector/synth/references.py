"""Protected signs the planted squatters draw from: the shipped reference lists (rules/lists/*.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from detector.lists.load import load_list_file
from detector.package_data import bundled_rules_dir


@dataclass(frozen=True)
class Sign:
    """One protected sign: its term, Latin aliases, who may file it, when it entered the news, its classes."""

    entry_id: str
    term: str
    latin: tuple[str, ...]
    holders: tuple[str, ...]
    event_day: str
    classes: tuple[int, ...]
    kind: str


@cache
def signs(list_id: str) -> tuple[Sign, ...]:
    """Entries of one shipped list, in file order."""
    ref = load_list_file(bundled_rules_dir() / "lists" / f"{list_id}.yaml")
    out = []
    for e in ref.entries:
        aliases = [str(a) for a in e.get("aliases") or []]
        out.append(
            Sign(
                str(e["id"]),
                str(e["term"]),
                tuple(a for a in aliases if a.isascii()),
                tuple(str(h) for h in e.get("rights_holders") or []),
                str(e.get("event_date") or ""),
                tuple(int(c) for c in e.get("classes") or []),
                str(e.get("kind") or ""),
            )
        )
    return tuple(out)


# Well-known marks present only in the register input (famous=1), not in the shipped list: the matcher must
# learn them from the register. Owners as commonly reported; synthetic register rows, not verified records.
REGISTER_ONLY_FAMOUS: tuple[Sign, ...] = (
    Sign("REG-1", "六个核桃", (), ("河北养元智汇饮品股份有限公司",), "", (32,), "brand"),
    Sign("REG-2", "雪碧", ("SPRITE",), ("可口可乐公司",), "", (32,), "brand"),
    Sign("REG-3", "良品铺子", (), ("良品铺子股份有限公司",), "", (29, 30, 35), "brand"),
    Sign("REG-4", "来伊份", (), ("上海来伊份股份有限公司",), "", (29, 30, 35), "brand"),
    Sign("REG-5", "周黑鸭", (), ("湖北周黑鸭企业发展有限公司",), "", (29, 43), "brand"),
    Sign("REG-6", "绝味", (), ("绝味食品股份有限公司",), "", (29, 43), "brand"),
    Sign("REG-7", "老板电器", ("ROBAM",), ("杭州老板电器股份有限公司",), "", (11,), "brand"),
    Sign("REG-8", "九阳", ("JOYOUNG",), ("九阳股份有限公司",), "", (7, 11, 21), "brand"),
    Sign("REG-9", "脉动", ("MIZONE",), ("达能（中国）食品饮料有限公司",), "", (32,), "brand"),
    Sign("REG-10", "白象", (), ("白象食品股份有限公司",), "", (30,), "brand"),
)


def famous_pool() -> tuple[Sign, ...]:
    """Famous marks a copier draws from: the shipped list plus the register-only ones."""
    return signs("famous_marks") + REGISTER_ONLY_FAMOUS


@lru_cache(maxsize=1)
def famous_forms() -> tuple[frozenset[str], re.Pattern[str]]:
    """Lower-case Latin forms (aliases and pinyin) of famous marks, and a pattern finding their Chinese terms.

    Ordinary applicants in the synthetic data do not file famous marks: their coined words are re-drawn when
    they hit one by chance (a benign 华威 filing HUAWEI would not be benign).
    """
    from detector.synth.text import pinyin_of

    latin: set[str] = set()
    han: set[str] = set()
    for s in famous_pool():
        latin.update(a.lower().replace(" ", "") for a in s.latin)
        if s.term.isascii():
            latin.add(s.term.lower())
        else:
            han.add(s.term)
            latin.add(pinyin_of(s.term))
    return frozenset(latin), re.compile("|".join(sorted(han, key=len, reverse=True)))
