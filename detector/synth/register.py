"""The prior-register input: famous marks with their owners, marks the batch's own applicants hold, common words
held by several owners, and a background of other owners' registrations."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.synth.famous import famous_pool
from detector.synth.marks import coined_words, latin_words
from detector.synth.pools import COMMON_WORDS

_OWNER_CITIES = np.array(
    ["深圳市", "广州市", "杭州市", "上海", "北京", "苏州市", "泉州市", "成都市", "温州市", "青岛市"], dtype=object
)
_OWNER_WORDS = np.array(["科技", "食品", "服饰", "贸易", "实业", "文化传媒", "电子", "家居用品"], dtype=object)


def _owners(rng: np.random.Generator, n: int) -> np.ndarray:
    return rng.choice(_OWNER_CITIES, size=n) + coined_words(rng, n, 0.3) + rng.choice(_OWNER_WORDS, size=n) + "有限公司"


def build_register(
    rng: np.random.Generator,
    apps: pd.DataFrame,
    filings: pd.DataFrame,
    own_rows: list[tuple[str, str, int]],
    n_background: int,
) -> pd.DataFrame:
    """Register rows; `own_rows` are (mark, owner name, class) held by batch applicants (controls)."""
    rows: list[dict] = []
    for s in famous_pool():
        owner = s.holders[0] if s.holders else ""
        for mark in (s.term, *s.latin[:1]):
            rows.append(
                {
                    "mark_text": mark,
                    "nice_class": ";".join(str(c) for c in s.classes) or "35",
                    "owner_name": owner,
                    "famous": 1,
                }
            )
    id_of = dict(zip(apps["name"], apps["applicant_id"]))
    for mark, owner, cls in own_rows:
        rows.append(
            {
                "mark_text": mark,
                "nice_class": str(cls),
                "owner_name": owner,
                "owner_id": id_of.get(owner, ""),
                "famous": 0,
            }
        )
    # ordinary companies that already hold their trade name in one of their classes
    first = filings.drop_duplicates("_app")
    first = first[first["mark_text"] != ""]
    co = apps.loc[first["_app"].to_numpy()]
    keep = ((co["entity_type"] == "company") & (co["label"] == 0)).to_numpy() & (rng.random(len(co)) < 0.25)
    own = pd.DataFrame(
        {
            "mark_text": first["mark_text"].to_numpy()[keep],
            "nice_class": first["nice_class"].str.split(";").str[0].to_numpy()[keep],
            "owner_name": co["name"].to_numpy()[keep],
            "owner_id": co["applicant_id"].to_numpy()[keep],
            "famous": 0,
        }
    )
    for w in COMMON_WORDS:
        k = int(rng.integers(2, 6))
        for owner, cls in zip(_owners(rng, k), rng.choice(np.arange(1, 46), size=k, replace=False)):
            rows.append({"mark_text": w, "nice_class": str(cls), "owner_name": owner, "famous": 0})
    marks = np.where(
        rng.random(n_background) < 0.85, coined_words(rng, n_background, 0.4), latin_words(rng, n_background)
    )
    bg = pd.DataFrame(
        {
            "mark_text": marks,
            "nice_class": rng.integers(1, 46, size=n_background).astype(str),
            "owner_name": _owners(rng, n_background),
            "famous": 0,
        }
    )
    reg = pd.concat([pd.DataFrame(rows), own, bg], ignore_index=True).fillna("")
    reg["owner_id"] = reg["owner_id"].where(reg["owner_id"] != "", "") if "owner_id" in reg else ""
    reg["status"] = np.where(rng.random(len(reg)) < 0.93, "已注册", "无效")
    reg.loc[reg["famous"] == 1, "status"] = "已注册"
    reg["registration_no"] = [f"{n}" for n in 10_000_000 + np.cumsum(rng.integers(1, 400, size=len(reg)))]
    reg["famous"] = reg["famous"].astype(int)
    return reg[["registration_no", "mark_text", "nice_class", "owner_name", "owner_id", "famous", "status"]]
