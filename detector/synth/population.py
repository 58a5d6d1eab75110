"""Ordinary applicants: companies and natural persons with realistic volumes, coherent scope and classes."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from detector.synth.collisions import EVERYDAY, champion_given_names, draw_collisions
from detector.synth.heldout import reachable
from detector.synth.industries import CLASS_GOODS, INDUSTRIES
from detector.synth.marks import (
    coined_words,
    filing_variants,
    individual_stems,
    product_stems,
)
from detector.synth.part import Part
from detector.synth.people import person_names
from detector.synth.references import signs
from detector.synth.registry import (
    company_registry,
    division_columns,
    draw_divisions,
    individual_registry,
    iso_to_days,
)
from detector.synth.scopes import draw_scopes

START = iso_to_days("2019-01-01")
END = iso_to_days("2024-12-31")
_IND_P = np.array([i.weight for i in INDUSTRIES])
_IND_P /= _IND_P.sum()
_GOODS = np.array([""] + [CLASS_GOODS[c] for c in range(1, 46)], dtype=object)
_FORMS = np.array(["有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司"], dtype=object)
# industries a natural person's shop typically belongs to
_PERSON_IND = [
    i
    for i, ind in enumerate(INDUSTRIES)
    if ind.key in {"food", "tea", "apparel", "catering", "trade", "agri", "beauty", "wine", "home", "toys"}
]


@dataclass
class Options:
    """Overrides for a population (used by the hard controls)."""

    category: str = "benign"
    company_share: float = 0.62
    agent: str | None = None  # every applicant uses this agency
    address: str | None = None  # every company registers at this address (room numbers appended)
    phone_pool: list[str] = field(default_factory=list)  # shared contact numbers (incubator front desk)
    big_share: float = 0.02  # companies with 20-60 filings around their own brand
    mid_share: float = 0.04  # companies with 10-20 filings
    collision_share: float = 0.0  # applicants filing an everyday word that is also a famous mark or list term
    given_name_share: float = 0.0  # natural persons sharing a listed champion's given name, filing it for a shop


def filing_counts(rng: np.random.Generator, is_company: np.ndarray, big_share: float, mid_share: float) -> np.ndarray:
    """Filings per applicant: mostly 1-10, some 10-20, a few businesses 20-60; sums to about n_filings."""
    n = len(is_company)
    small = 1 + np.minimum(rng.geometric(0.42, size=n) - 1, 9)
    mid = rng.integers(10, 21, size=n)
    big = rng.integers(20, 61, size=n)
    r = rng.random(n)
    counts = np.where(is_company & (r < big_share), big, np.where(is_company & (r < big_share + mid_share), mid, small))
    return counts


def draw_classes(rng: np.random.Generator, ind_idx: np.ndarray) -> np.ndarray:
    """One class per filing: core of the industry (70%), adjacent (25%), any (5%)."""
    n = len(ind_idx)
    out = np.empty(n, dtype=np.int64)
    r = rng.random(n)
    for k, ind in enumerate(INDUSTRIES):
        m = ind_idx == k
        cnt = int(m.sum())
        if not cnt:
            continue
        core = rng.choice(np.array(ind.core), size=cnt)
        adj = rng.choice(np.array(ind.adjacent), size=cnt)
        anyc = rng.integers(1, 46, size=cnt)
        rr = r[m]
        out[m] = np.where(rr < 0.7, core, np.where(rr < 0.95, adj, anyc))
    return out


def statuses(rng: np.random.Generator, day: np.ndarray) -> np.ndarray:
    """Status by age of the filing: old ones mostly registered, recent ones pending."""
    n = len(day)
    old = day < END - 540
    a = rng.choice(np.array(["已注册", "驳回", "无效", "已注册"], dtype=object), size=n, p=[0.72, 0.17, 0.03, 0.08])
    b = rng.choice(
        np.array(["等待实质审查", "初审公告", "已注册", "驳回"], dtype=object), size=n, p=[0.5, 0.2, 0.2, 0.1]
    )
    return np.where(old, a, b)


def _given_name_collisions(
    rng: np.random.Generator, names: np.ndarray, persons: np.ndarray, share: float
) -> np.ndarray:
    """Give about `share` of the natural persons a listed champion's given name (another surname); returns the mask.

    People named 子威 or 梦桃 long before anyone won a medal file their own name for their shop: a collision with a
    champion list that is no squatting.
    """
    if share <= 0:
        return np.zeros(len(names), dtype=bool)
    pool = champion_given_names()
    hit = persons & (rng.random(len(names)) < share)
    if not pool or not hit.any():
        return np.zeros(len(names), dtype=bool)
    champs = {s.term for s in signs("champions")}
    given = rng.choice(np.array(pool, dtype=object), size=int(hit.sum()))
    full = np.array([n[0] for n in names[hit]], dtype=object) + given
    for i in np.flatnonzero([f in champs for f in full]):  # never the champion's own full name
        full[i] = ("王" if full[i][0] != "王" else "李") + given[i]
    names[hit] = full
    return hit


def unique_trades(
    rng: np.random.Generator, n: int, cities: np.ndarray, words: np.ndarray, taken: set[str]
) -> tuple[np.ndarray, np.ndarray]:
    """Trade names and full company names, re-drawing trade names until every full name is new."""
    trades = coined_words(rng, n, 0.2)
    forms = rng.choice(_FORMS, size=n)
    for _ in range(20):
        names = cities + trades + words + forms
        dup = pd.Series(names).duplicated().to_numpy() | np.fromiter((x in taken for x in names), bool, n)
        if not dup.any():
            break
        trades[dup] = coined_words(rng, int(dup.sum()), 0.6)
    taken.update(names)
    return trades, names


def population(
    rng: np.random.Generator,
    n_filings: int,
    agencies: list[str],
    agency_p: np.ndarray,
    taken: set[str],
    opt: Options | None = None,
) -> Part:
    """Ordinary applicants and their filings, about `n_filings` in total."""
    opt = opt or Options()
    est = max(8, int(n_filings / 2.3 * 1.1) + 8)
    is_co = rng.random(est) < opt.company_share
    counts = filing_counts(rng, is_co, opt.big_share, opt.mid_share)
    csum = np.cumsum(counts)
    n_apps = int(np.searchsorted(csum, n_filings) + 1)
    while n_apps > est:  # rare: draw more
        extra_co = rng.random(est) < opt.company_share
        is_co = np.concatenate([is_co, extra_co])
        counts = np.concatenate([counts, filing_counts(rng, extra_co, opt.big_share, opt.mid_share)])
        est *= 2
        csum = np.cumsum(counts)
        n_apps = int(np.searchsorted(csum, n_filings) + 1)
    is_co, counts = is_co[:n_apps], counts[:n_apps].copy()
    counts[-1] -= int(csum[n_apps - 1] - n_filings)
    counts = np.maximum(counts, 1)

    div = division_columns(draw_divisions(rng, n_apps))
    ind = np.where(is_co, rng.choice(len(INDUSTRIES), size=n_apps, p=_IND_P), rng.choice(_PERSON_IND, size=n_apps))
    words = np.array([INDUSTRIES[i].name_word for i in ind], dtype=object)
    keys = np.array([INDUSTRIES[i].key for i in ind], dtype=object)
    scopes = draw_scopes(rng, keys)
    person = person_names(rng, n_apps)
    given = _given_name_collisions(rng, person, ~is_co, opt.given_name_share)
    trades = person.copy()
    names = person.copy()
    co = np.flatnonzero(is_co)
    trades[co], names[co] = unique_trades(rng, len(co), div["city"][co], words[co], taken)

    first = rng.integers(START, END - 30, size=n_apps)
    apps = pd.DataFrame(index=range(n_apps))
    reg_co = company_registry(rng, names[co], trades[co], scopes[co], {k: v[co] for k, v in div.items()}, first[co])
    pi = np.flatnonzero(~is_co)
    reg_in = individual_registry(rng, names[pi], {k: v[pi] for k, v in div.items()})
    apps = pd.concat([reg_co.set_index(co), reg_in.set_index(pi)]).sort_index()
    apps["adcode"] = div["adcode"]
    if opt.address:
        rooms = np.array([f"{v}" for v in rng.integers(101, 2999, size=n_apps)], dtype=object)
        apps.loc[is_co, "address"] = opt.address + rooms[is_co] + "室"
    if opt.phone_pool:
        shared = is_co & (rng.random(n_apps) < 0.5)
        apps.loc[shared, "phone"] = rng.choice(np.array(opt.phone_pool, dtype=object), size=int(shared.sum()))
    apps["label"] = 0
    apps["category"] = opt.category
    apps["source"] = "none"

    # stems: 0 = trade name / shop name, 1-2 = product brands
    stem0 = np.where(is_co, trades, individual_stems(rng, person))
    stem1 = product_stems(rng, trades)
    stem2 = product_stems(rng, trades)
    col = draw_collisions(rng, keys, opt.collision_share)
    has_col = col >= 0
    col_marks = np.array([c.mark for c in EVERYDAY], dtype=object)
    stem1[has_col] = col_marks[col[has_col]]
    if given.any():
        tails = np.array(["", "", "小馆", "烘焙", "鲜果", "手作", "花艺"], dtype=object)
        stem0[given] = np.array([x[1:] for x in person[given]], dtype=object) + rng.choice(tails, int(given.sum()))
    innocent = has_col | given
    apps.loc[innocent, "category"] = "benign_collision" if opt.category == "benign" else opt.category
    stems_of_innocent = np.where(has_col, stem1, stem0)[innocent]
    apps.loc[innocent, "source"] = [("from_list" if reachable(m) else "none") for m in stems_of_innocent]
    app = np.repeat(np.arange(n_apps), counts)
    n = len(app)
    big = counts[app] >= 20
    r = rng.random(n)
    p0 = np.where(big, 0.78, np.where(is_co[app], 0.6, 0.7))
    which = np.where(r < p0, 0, np.where(r < p0 + (1 - p0) * 0.75, 1, 2))
    first_of_app = np.r_[True, app[1:] != app[:-1]]
    which[first_of_app & has_col[app]] = 1  # an applicant with an everyday word files it at least once
    stems = np.where(which == 0, stem0[app], np.where(which == 1, stem1[app], stem2[app]))
    marks = filing_variants(rng, stems)
    cls = draw_classes(rng, ind[app])
    plain = (which == 1) & has_col[app]  # the everyday word as is, in a class it fits
    if plain.any():
        marks[plain] = stems[plain]
        fit = [EVERYDAY[i].classes for i in col[app[plain]]]
        cls[plain] = [c[int(k * len(c))] for c, k in zip(fit, rng.random(int(plain.sum())))]
    given_f = (which == 0) & given[app]
    marks[given_f] = stems[given_f]
    multi = rng.random(n) < 0.04
    second = draw_classes(rng, ind[app])
    cls_txt = np.array([str(c) for c in cls], dtype=object)
    cls_txt[multi & (second != cls)] = [
        f"{a};{b}" for a, b in zip(cls[multi & (second != cls)], second[multi & (second != cls)])
    ]
    same_day = rng.random(n) < 0.55
    offset = np.where(same_day, 0, np.minimum(rng.exponential(220, size=n).astype(np.int64), 1500))
    day = np.minimum(first[app] + offset, END)
    if opt.agent:
        agent = np.full(n_apps, opt.agent, dtype=object)
    else:
        agent = np.where(
            rng.random(n_apps) < 0.72, rng.choice(np.array(agencies, dtype=object), size=n_apps, p=agency_p), ""
        )
    filings = pd.DataFrame(
        {
            "_app": app,
            "mark_text": marks,
            "nice_class": cls_txt,
            "day": day,
            "agent": agent[app],
            "goods": _GOODS[cls],
            "status": statuses(rng, day),
            "assignee": "",
        }
    )
    return Part(apps, filings)
