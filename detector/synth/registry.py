"""Registry attributes of applicants (the applicants table): address, contacts, people, capital, dates, scope."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.synth.divisions import DIVISIONS, place_prefix
from detector.synth.people import (
    company_emails,
    emails,
    landlines,
    mobiles,
    person_names,
)
from detector.synth.pools import BUILDINGS, ESTATES, STREETS

AREA_CODES = {
    "深圳市": "0755",
    "广州市": "020",
    "东莞市": "0769",
    "佛山市": "0757",
    "汕头市": "0754",
    "中山市": "0760",
    "杭州市": "0571",
    "金华市": "0579",
    "宁波市": "0574",
    "温州市": "0577",
    "台州市": "0576",
    "南京市": "025",
    "苏州市": "0512",
    "无锡市": "0510",
    "常州市": "0519",
    "上海市": "021",
    "北京市": "010",
    "天津市": "022",
    "重庆市": "023",
    "济南市": "0531",
    "青岛市": "0532",
    "临沂市": "0539",
    "潍坊市": "0536",
    "厦门市": "0592",
    "泉州市": "0595",
    "福州市": "0591",
    "成都市": "028",
    "武汉市": "027",
    "长沙市": "0731",
    "郑州市": "0371",
    "石家庄市": "0311",
    "西安市": "029",
    "合肥市": "0551",
    "南昌市": "0791",
    "南宁市": "0771",
    "昆明市": "0871",
    "沈阳市": "024",
    "哈尔滨市": "0451",
    "长春市": "0431",
}

_DIV = np.array([d[:4] for d in DIVISIONS], dtype=object)
_DIV_P = np.array([d[4] for d in DIVISIONS], dtype=float)
_DIV_P /= _DIV_P.sum()


def draw_divisions(rng: np.random.Generator, n: int) -> np.ndarray:
    """Row indices into DIVISIONS, weighted by where applicants come from."""
    return rng.choice(len(DIVISIONS), size=n, p=_DIV_P)


def division_columns(idx: np.ndarray) -> dict[str, np.ndarray]:
    """province, city, district, adcode, prefix (address prefix) per drawn division index."""
    rows = _DIV[idx]
    prov = np.array([r[0] for r in rows], dtype=object)
    city = np.array([r[1] for r in rows], dtype=object)
    dist = np.array([r[2] for r in rows], dtype=object)
    ad = np.array([r[3] for r in rows], dtype=object)
    prefix = np.array([place_prefix(p, c, d) for p, c, d in zip(prov, city, dist)], dtype=object)
    return {"province": prov, "city": city, "district": dist, "adcode": ad, "prefix": prefix}


def _nums(rng: np.random.Generator, lo: int, hi: int, n: int) -> np.ndarray:
    return np.array([str(v) for v in rng.integers(lo, hi, size=n)], dtype=object)


def company_addresses(rng: np.random.Generator, prefix: np.ndarray) -> np.ndarray:
    """广东省深圳市南山区科技路88号鑫隆大厦1205室-style addresses."""
    n = len(prefix)
    street = rng.choice(np.array(STREETS, dtype=object), size=n)
    bld = rng.choice(np.array(["", *BUILDINGS], dtype=object), size=n)
    tower = rng.choice(np.array(["A座", "B座", "1栋", "2栋", "3号楼", ""], dtype=object), size=n)
    room = _nums(rng, 1, 33, n) + np.array([f"{v:02d}" for v in rng.integers(1, 30, size=n)], dtype=object) + "室"
    named = np.where(
        bld == "",
        "",
        rng.choice(np.array(list("华创科星金汇新中东银"), dtype=object), size=n)
        + rng.choice(np.array(list("达泰兴源盛联谷城港海"), dtype=object), size=n)
        + bld,
    )
    return prefix + street + _nums(rng, 1, 999, n) + "号" + named + tower + room


def home_addresses(rng: np.random.Generator, prefix: np.ndarray) -> np.ndarray:
    """Residential addresses: street + number + estate + building/unit/room."""
    n = len(prefix)
    street = rng.choice(np.array(STREETS, dtype=object), size=n)
    estate = rng.choice(np.array(ESTATES, dtype=object), size=n)
    return (
        prefix
        + street
        + _nums(rng, 1, 600, n)
        + "号"
        + estate
        + _nums(rng, 1, 30, n)
        + "栋"
        + _nums(rng, 1, 5, n)
        + "单元"
        + _nums(rng, 1, 28, n)
        + np.array([f"{v:02d}" for v in rng.integers(1, 6, size=n)], dtype=object)
        + "室"
    )


def capitals(rng: np.random.Generator, n: int) -> np.ndarray:
    """Registered capital in CNY: log-normal around 1 million, rounded to 10k; 10% written as 'N万'."""
    wan = np.clip(np.round(np.exp(rng.normal(np.log(100), 1.3, size=n)) / 10) * 10, 10, 50_000).astype(np.int64)
    as_wan = rng.random(n) < 0.1
    return np.where(
        as_wan, np.array([f"{w}万" for w in wan], dtype=object), np.array([str(w * 10_000) for w in wan], dtype=object)
    )


def company_registry(
    rng: np.random.Generator,
    names: np.ndarray,
    trades: np.ndarray,
    scopes: np.ndarray,
    div: dict[str, np.ndarray],
    first_day: np.ndarray,
) -> pd.DataFrame:
    """Registry rows of companies; established 1-20 years before the first filing."""
    n = len(names)
    rep = person_names(rng, n)
    other = person_names(rng, n)
    third = person_names(rng, n)
    k = rng.choice([1, 2, 3], size=n, p=[0.45, 0.4, 0.15])
    holders = np.where(k == 1, rep, np.where(k == 2, rep + ";" + other, rep + ";" + other + ";" + third))
    area = np.array([AREA_CODES.get(c, "010") for c in div["city"]], dtype=object)
    phone = np.where(rng.random(n) < 0.5, landlines(rng, area), mobiles(rng, n))
    est = first_day - rng.integers(200, 7300, size=n)
    return pd.DataFrame(
        {
            "name": names,
            "entity_type": "company",
            "address": company_addresses(rng, div["prefix"]),
            "phone": phone,
            "email": company_emails(rng, trades, rep),
            "legal_representative": rep,
            "contact_person": np.where(rng.random(n) < 0.5, rep, other),
            "shareholders": holders,
            "registered_capital": capitals(rng, n),
            "established_date": days_to_iso(est),
            "business_scope": scopes,
            "registry_status": rng.choice(
                np.array(["存续", "在业", "注销"], dtype=object), size=n, p=[0.96, 0.035, 0.005]
            ),
        }
    )


def individual_registry(rng: np.random.Generator, names: np.ndarray, div: dict[str, np.ndarray]) -> pd.DataFrame:
    """Registry rows of natural persons: address, phone, e-mail; company fields empty."""
    n = len(names)
    return pd.DataFrame(
        {
            "name": names,
            "entity_type": "individual",
            "address": home_addresses(rng, div["prefix"]),
            "phone": mobiles(rng, n),
            "email": emails(rng, names),
            "legal_representative": "",
            "contact_person": names,
            "shareholders": "",
            "registered_capital": "",
            "established_date": "",
            "business_scope": "",
            "registry_status": "",
        }
    )


EPOCH = np.datetime64("1970-01-01", "D")


def days_to_iso(days: np.ndarray) -> np.ndarray:
    """Day numbers since 1970-01-01 -> 'YYYY-MM-DD' strings."""
    return np.datetime_as_string(EPOCH + np.asarray(days, dtype=np.int64).astype("timedelta64[D]"), unit="D").astype(
        object
    )


def iso_to_days(text: str) -> int:
    """'YYYY-MM-DD' -> day number since 1970-01-01."""
    return int((np.datetime64(text, "D") - EPOCH).astype(np.int64))
