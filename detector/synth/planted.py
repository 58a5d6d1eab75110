"""Planted applicants: hoarders and squatters built the way decided cases describe them, labelled by their filings.

Volumes are drawn from wide ranges around the rule thresholds (log-uniform, about 0.3-3x), so planted hoarders
fall on both sides of the rules' lines and of the legal lines; detector.synth.labelling decides each label from
the filings made, not from being planted. Signs come from the shipped lists or, for about 40 % of the sign
squatters, from the held-out pool (detector.synth.heldout); labels.csv records which (`source`). Hoarders' marks
mix the short 2-3 character marks of decided cases with four-character phrases, long Latin words and marks with
digits, in a share drawn per hoarder.
"""

from __future__ import annotations

import numpy as np

from detector.synth.builder import Builder
from detector.synth.disguise import disguise, pick_kinds
from detector.synth.heldout import pool_outside, reachable
from detector.synth.industries import INDUSTRIES
from detector.synth.labelling import (
    GENERIC_LINE,
    PLACE_LINE,
    bulk_label,
    busiest_year,
    hoarding_label,
    selling_label,
)
from detector.synth.marks import coined_words, latin_words
from detector.synth.pools import BRAND_TAILS, HOARD_FIRST, HOARD_SECOND, TRADE_CHARS
from detector.synth.references import REGISTER_ONLY_FAMOUS, Sign, signs
from detector.synth.registry import iso_to_days

_HF = np.array(list(HOARD_FIRST), dtype=object)
_HS = np.array(list(HOARD_SECOND), dtype=object)
_TC = np.array(list(TRADE_CHARS), dtype=object)
_TAIL2 = np.array([t for t in BRAND_TAILS if len(t) == 2], dtype=object)
_INDUSTRY = {i.key: i for i in INDUSTRIES}
OUTSIDE_SHARE = 0.4  # share of sign squatters whose signs come from the held-out pool
HERD_TAILS = ("青年", "星球", "小店", "优选", "家族", "工坊", "日记", "生活")
HERD_WORDS = ("LIFE", "CLUB", "SHOP", "TIME", "HOME")


def log_uniform(rng: np.random.Generator, lo: float, hi: float) -> int:
    """An integer drawn log-uniformly from [lo, hi]: as many draws just past a line as far beyond it."""
    return int(round(np.exp(rng.uniform(np.log(lo), np.log(hi)))))


def hoard_marks(rng: np.random.Generator, n: int, short_share: float = 0.8) -> np.ndarray:
    """Arbitrary marks of a hoarder: about `short_share` short ones (御鼎, 金尊府, KALO), the rest longer
    (御鼎优选, 金鼎玉阁, KALOVENOVA, 雪韵1988)."""
    a, b = rng.choice(_HF, size=n), rng.choice(_HS, size=n)
    c, d = rng.choice(_TC, size=n), rng.choice(_HS, size=n)
    short = np.where(rng.random(n) < 0.3, a + b, np.where(rng.random(n) < 0.5, a + c + b, c + a + b))
    r = rng.random(n)
    short = np.where(r < 0.82, short, np.where(r < 0.92, coined_words(rng, n), latin_words(rng, n)))
    digits = np.array([str(v) for v in rng.integers(1, 2025, size=n)], dtype=object)
    longer_latin = np.array([w.upper() for w in latin_words(rng, n)], dtype=object) + latin_words(rng, n)
    s = rng.random(n)
    longer = np.where(
        s < 0.4,
        a + b + rng.choice(_TAIL2, size=n),
        np.where(s < 0.65, a + b + c + d, np.where(s < 0.85, longer_latin, a + b + digits)),
    )
    return np.where(rng.random(n) < short_share, short, longer)


def _days(rng: np.random.Generator, n: int, start: int) -> np.ndarray:
    """Filing days of a hoarder: bursts on a few days, an even spread over a year, or over two years."""
    mode = rng.random()
    if mode < 0.4:
        burst = start + np.sort(rng.integers(0, int(rng.integers(20, 330)), size=int(rng.integers(2, 10))))
        return rng.choice(burst, size=n) + rng.integers(0, 3, size=n)
    span = int(rng.integers(60, 360)) if mode < 0.8 else int(rng.integers(400, 800))
    return start + rng.integers(0, span, size=n)


def _classes(rng: np.random.Generator, n: int, industry: str) -> np.ndarray:
    """Classes of a hoarder's filings: a spread of 2-35 classes, sometimes mostly its own line of business."""
    k = int(rng.integers(2, 36))
    ind = _INDUSTRY.get(industry)
    if ind is not None and rng.random() < 0.3:
        own = np.array(ind.core + ind.adjacent)
        pool = np.unique(np.concatenate([own, rng.choice(np.arange(1, 46), size=max(0, k - len(own)), replace=False)]))
    else:
        pool = rng.choice(np.arange(1, 46), size=k, replace=False)
    return rng.choice(pool, size=n)


def _start(rng: np.random.Generator) -> int:
    return int(rng.integers(iso_to_days("2019-03-01"), iso_to_days("2023-10-01")))


def _cover(b: Builder, app: int, k: int, day: int, agent: str) -> None:
    """A few ordinary filings squatters also make."""
    rng = b.rng
    for m in coined_words(rng, k):
        b.file(app, m, int(rng.integers(1, 46)), day + int(rng.integers(-200, 200)), agent)


def hoarder(b: Builder, category: str, person: bool, n: int, agent: str, **company: str) -> int:
    """A hoarder filing `n` arbitrary marks; labelled by the busiest year's distinct marks."""
    rng = b.rng
    start = _start(rng)
    if person:
        app, industry = b.person(category, 0), ""
    else:
        industry = str(rng.choice(["trade", "mgmt", "net", "food", "apparel"]))
        thin = rng.random() < 0.5
        app = b.company(
            category,
            0,
            industry=industry,
            est_day=start - int(rng.integers(30, 400) if thin else rng.integers(800, 4000)),
            capital=str(int(rng.choice([10, 30, 50, 100])) * 10_000) if thin else str(int(rng.integers(1, 50)) * 10**6),
            **company,
        )
    marks = hoard_marks(rng, n, rng.uniform(0.15, 0.95))
    days = _days(rng, n, start)
    for m, c, d in zip(marks, _classes(rng, n, industry), days):
        b.file(app, m, int(c), int(d), agent)
    b.relabel(app, hoarding_label(busiest_year(days, marks), person))
    return app


def seller(b: Builder, agent: str) -> int:
    """Files marks and assigns a share of them to buyers (Guidelines situation 8); labelled by the selling line."""
    rng = b.rng
    app = b.company("transfer_hoarder", 0, industry="mgmt", capital=str(int(rng.choice([10, 30, 100])) * 10_000))
    k = int(rng.integers(1, 15))
    buyers = list(
        rng.choice(np.array(["杭州", "广州", "泉州", "温州", "成都", "合肥", "济南"], dtype=object), k)
        + coined_words(rng, k)
        + "商贸有限公司"
    )
    n = log_uniform(rng, 12, 90)
    sold_share = rng.uniform(0.05, 0.7)
    start = _start(rng)
    marks, days = hoard_marks(rng, n, rng.uniform(0.3, 0.95)), start + rng.integers(0, 300, size=n)
    sold_to = [buyers[int(rng.integers(k))] if rng.random() < sold_share else "" for _ in range(n)]
    for m, d, s in zip(marks, days, sold_to):
        b.file(app, m, int(rng.integers(1, 46)), int(d), agent, assignee=s)
    assigned = sum(1 for s in sold_to if s)
    b.relabel(app, selling_label(busiest_year(days, marks), assigned, len(set(s for s in sold_to if s)), False))
    return app


# Sign squatters: category, shipped lists, held-out pool (kind, sign kinds), classes, names of people?,
# filings (lo, hi), days after the event (lo, hi), company share, company line of business.
SIGN_CASES = (
    ("olympic_squatter", ("olympic_beijing_2022",), ("events", ("games",)), (25, 28, 16, 9, 30, 41), False,
     (1, 8), (0, 30), 0.4, "toys"),
    ("champion_squatter", ("champions",), ("people", ("athlete",)), (25, 28, 41, 32, 30), True,
     (1, 7), (1, 20), 0.5, "apparel"),
    ("emergency_squatter", ("public_emergencies",), ("events", ("emergency",)), (5, 10, 44, 32, 35, 3), False,
     (1, 6), (1, 25), 0.5, "medical"),
    ("public_figure_squatter", ("public_figures",), ("people", ("public_figure", "local_celebrity")),
     (5, 30, 33, 41, 35, 25), True, (1, 6), (1, 30), 0.3, "food"),
    ("national_project_squatter", ("national_projects",), ("events", ("project",)), (9, 12, 28, 33), False,
     (1, 6), (1, 60), 0.7, "tech"),
    ("martyr_squatter", ("martyrs_patriotic",), None, (33, 30, 41, 25), True, (1, 4), (1, 40), 0.2, "wine"),
)  # fmt: skip
_FALLBACK_EVENT = {"olympic_squatter": "2022-02-04", "martyr_squatter": "2021-10-01"}


def sign_squatter(b: Builder, case: tuple, agent: str, copies: int) -> int:
    """An applicant filing disguised copies of a few protected signs soon after their event (label 1)."""
    rng = b.rng
    category, lists, held, classes, people, (lo_n, hi_n), (lo_d, hi_d), co_share, industry = case
    pool: tuple[Sign, ...] = ()
    if held is not None and rng.random() < OUTSIDE_SHARE:
        pool = tuple(s for s in pool_outside(held[0]) if s.kind in held[1])
    source = "outside_list" if pool else "from_list"
    if not pool:
        pool = tuple(s for lid in lists for s in signs(lid) if s.event_day or category != "champion_squatter")
    if rng.random() < co_share:
        app = b.company(category, 1, industry=industry, source=source)
    else:
        app = b.person(category, 1, source=source)
    chosen = [pool[i] for i in rng.choice(len(pool), size=min(copies, len(pool)), replace=False)]
    n = int(rng.integers(lo_n, hi_n + 1))
    for j, kind in enumerate(pick_kinds(rng, n)):
        s = chosen[j % len(chosen)]
        partner = chosen[(j + 1) % len(chosen)].term if len(chosen) > 1 else ""
        mark = disguise(s.term, kind, rng, partner=partner, is_person=people)
        day = iso_to_days(s.event_day or _FALLBACK_EVENT.get(category, "2021-01-01")) + int(rng.integers(lo_d, hi_d))
        b.file(app, mark, int(rng.choice(classes)), day, agent)
    _cover(b, app, int(rng.integers(0, 3)), iso_to_days("2021-06-01"), agent)
    return app


def _famous_outside() -> tuple[Sign, ...]:
    return pool_outside("brands") + tuple(s for s in REGISTER_ONLY_FAMOUS if not reachable(s.term))


def famous_copier(b: Builder, agent: str) -> int:
    """Copies 1-6 famous marks of different owners, mostly in and around the owners' classes (label 1)."""
    rng = b.rng
    outside = rng.random() < OUTSIDE_SHARE
    fam = _famous_outside() if outside else signs("famous_marks")
    app = b.company(
        "famous_mark_copier",
        1,
        industry=str(rng.choice(["trade", "food", "apparel", "cosmetics"])),
        source="outside_list" if outside else "from_list",
    )
    for i in rng.choice(len(fam), size=min(len(fam), log_uniform(rng, 1, 6)), replace=False):
        s = fam[i]
        latin = bool(s.latin) and rng.random() < 0.3
        term = s.latin[0] if latin else s.term
        kind = pick_kinds(rng, 1, latin=latin or term.isascii())[0]
        cls = int(rng.choice(s.classes)) if s.classes and rng.random() < 0.7 else int(rng.integers(1, 46))
        day = int(rng.integers(iso_to_days("2019-01-01"), iso_to_days("2024-10-01")))
        b.file(app, disguise(term, kind, rng), cls, day, agent)
    _cover(b, app, int(rng.integers(0, 5)), iso_to_days("2021-06-01"), agent)
    return app


def repeat_owner_squatter(b: Builder, agent: str) -> int:
    """Files several marks of one owner (Guidelines situation 3; label 1)."""
    rng = b.rng
    by_owner: dict[str, list[Sign]] = {}
    for s in signs("famous_marks"):
        if s.holders:
            by_owner.setdefault(s.holders[0], []).append(s)
    owners = sorted(o for o, v in by_owner.items() if len(v) >= 2)
    owner = owners[int(rng.integers(len(owners)))]
    app = b.company("repeat_owner_squatter", 1, industry="trade", source="from_list")
    for j in range(int(rng.integers(2, 8))):
        s = by_owner[owner][j % len(by_owner[owner])]
        day = int(rng.integers(iso_to_days("2019-01-01"), iso_to_days("2024-10-01")))
        b.file(app, disguise(s.term, pick_kinds(rng, 1)[0], rng), int(rng.choice(s.classes or (35,))), day, agent)
    return app


def place_name_filer(b: Builder, agent: str) -> int:
    """Files 3-60 county and prefecture names, some with a tail; suspicious from PLACE_LINE names."""
    rng = b.rng
    places = [s for s in signs("place_names") if s.kind in ("county", "prefecture")]
    app = b.company("place_name_hoarder", 0, industry="food", source="from_list")
    start = _start(rng)
    chosen = rng.choice(len(places), size=min(len(places), log_uniform(rng, 3, 60)), replace=False)
    for i in chosen:
        t = places[i].term
        short = t[:-1] if len(t) >= 3 and t[-1] in "县市区" and rng.random() < 0.3 else t
        mark = short + str(rng.choice(["人家", "印象", "味道"])) if rng.random() < 0.15 else short
        b.file(app, mark, int(rng.choice((29, 30, 31, 32, 33, 35))), start + int(rng.integers(0, 200)), agent)
    b.relabel(app, bulk_label(len(chosen), PLACE_LINE))
    return app


def generic_name_filer(b: Builder, agent: str) -> int:
    """Files 2-25 generic names of the designated goods; suspicious from GENERIC_LINE names."""
    rng = b.rng
    generic = [s for s in signs("generic_terms") if s.classes and s.kind == "generic_name"]
    app = b.person("generic_term_hoarder", 0, source="from_list")
    start = _start(rng)
    chosen = rng.choice(len(generic), size=min(len(generic), log_uniform(rng, 2, 25)), replace=False)
    for i in chosen:
        b.file(app, generic[i].term, int(rng.choice(generic[i].classes)), start + int(rng.integers(0, 120)), agent)
    b.relabel(app, bulk_label(len(chosen), GENERIC_LINE))
    return app


def herd_variant(rng: np.random.Generator, phrase: str) -> str:
    """The phrase as a herd files it: as is, with a tail or prefix, or inside a longer mark with a Latin word."""
    r = rng.random()
    if r < 0.5:
        return phrase
    if r < 0.75:
        return phrase + str(rng.choice(HERD_TAILS))
    if r < 0.85:
        return str(rng.choice(["小", "新", "大", "老"])) + phrase
    return phrase + " " + str(rng.choice(HERD_WORDS))


def herd(b: Builder, agencies: list[str]) -> list[int]:
    """2-16 strangers filing variants of one trending phrase within weeks of it spreading (each label 1)."""
    rng = b.rng
    pool = pool_outside("trending")
    if not pool:
        return []
    s = pool[int(rng.integers(len(pool)))]
    members = []
    for _ in range(log_uniform(rng, 2, 16)):
        if rng.random() < 0.6:
            app = b.person("herd_squatter", 1, source="outside_list")
        else:
            app = b.company(
                "herd_squatter", 1, industry=str(rng.choice(["food", "apparel", "media"])), source="outside_list"
            )
        ag = agencies[int(rng.integers(len(agencies)))] if rng.random() < 0.8 else ""
        late = 60 if rng.random() < 0.2 else 21
        for c in rng.choice((29, 30, 32, 33, 35, 25, 41, 43), size=int(rng.integers(1, 4)), replace=False):
            b.file(app, herd_variant(rng, s.term), int(c), iso_to_days(s.event_day) + int(rng.integers(0, late)), ag)
        members.append(app)
    return members


def agency_own_filing(b: Builder, own_agency: str) -> int:
    """An agency filing goods marks in its own name (Art. 19(4); label 1)."""
    rng = b.rng
    app = b.company(
        "agency_own_filing",
        1,
        industry="mgmt",
        name=own_agency,
        business_scope="商标代理；专利代理；知识产权咨询；企业管理咨询",
    )
    start = _start(rng)
    b.file(app, own_agency[2:4], 45, start, own_agency)
    for m in hoard_marks(rng, int(rng.integers(1, 11))):
        b.file(app, m, int(rng.integers(1, 45)), start + int(rng.integers(0, 200)), own_agency)
    return app


def plant(b: Builder, bad_agent: str, agencies: list[str], own_agency: str) -> None:
    """One set of planted applicants."""
    rng = b.rng

    def agent() -> str:
        return bad_agent if rng.random() < 0.6 else agencies[int(rng.integers(len(agencies)))]

    for _ in range(3):  # companies around HOARD-001's 100 filings a year and the legal line of 42: 15-300
        hoarder(
            b,
            "hoarder",
            False,
            log_uniform(rng, 30, 300),
            agent(),
            registry_status=str(rng.choice(["存续", "吊销"], p=[0.85, 0.15])),
        )
    for _ in range(3):  # natural persons around HOARD-002's 30 and the legal line of 29: 8-90
        hoarder(b, "hoarder_individual", True, log_uniform(rng, 8, 90), agent())
    seller(b, agent())
    for case, k in zip(SIGN_CASES, (3, 3, 2, 3, 2, 1)):
        for _ in range(k):
            sign_squatter(b, case, agent(), int(rng.integers(1, 4)))
    for _ in range(4):
        famous_copier(b, agent())
    repeat_owner_squatter(b, agent())
    place_name_filer(b, agent())
    generic_name_filer(b, agent())
    for _ in range(2):
        herd(b, agencies)
    agency_own_filing(b, own_agency)
