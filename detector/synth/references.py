"""Protected signs from the shipped reference lists (rules/lists/*.yaml); held-out signs are detector.synth.heldout."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from detector.lists.load import ReferenceList, load_list_file
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
def list_file(list_id: str) -> ReferenceList:
    """One shipped list, read once per process (the place-name list takes seconds to parse)."""
    return load_list_file(bundled_rules_dir() / "lists" / f"{list_id}.yaml")


def list_ids() -> tuple[str, ...]:
    """Ids of the shipped lists, sorted."""
    return tuple(sorted(p.stem for p in (bundled_rules_dir() / "lists").glob("*.yaml")))


@cache
def signs(list_id: str) -> tuple[Sign, ...]:
    """Entries of one shipped list, in file order."""
    ref = list_file(list_id)
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
