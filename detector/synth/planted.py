"""Planted bad-faith applicants (label 1): hoarders and squatters built the way decided cases describe them."""

from __future__ import annotations

import numpy as np

from detector.synth.builder import Builder
from detector.synth.disguise import disguise, pick_kinds
from detector.synth.marks import coined_words, latin_words
from detector.synth.pools import HOARD_FIRST, HOARD_SECOND, TRADE_CHARS
from detector.synth.references import Sign, famous_pool, signs
from detector.synth.registry import iso_to_days

_HF = np.array(list(HOARD_FIRST), dtype=object)
_HS = np.array(list(HOARD_SECOND), dtype=object)
_TC = np.array(list(TRADE_CHARS), dtype=object)
# Hot words squatted by crowds before any list knew them (2022-2023 internet slang).
HOT_WORDS = (("雪糕刺客", "2022-06-20"), ("泰裤辣", "2023-05-10"), ("栓Q", "2022-09-05"), ("显眼包", "2023-03-01"))


def hoard_marks(rng: np.random.Generator, n: int) -> np.ndarray:
    """Short arbitrary marks of a hoarder: 御鼎, 金尊府, 雪韵 ... plus some coined and Latin words."""
    a, b = rng.choice(_HF, size=n), rng.choice(_HS, size=n)
    c = rng.choice(_TC, size=n)
    base = np.where(rng.random(n) < 0.25, a + b, np.where(rng.random(n) < 0.5, a + c + b, c + a + b))
    r = rng.random(n)
    return np.where(r < 0.8, base, np.where(r < 0.92, coined_words(rng, n), latin_words(rng, n)))


def _days_after(rng: np.random.Generator, event: str, lo: int, hi: int) -> int:
    return iso_to_days(event) + int(rng.integers(lo, hi))


def _cover(b: Builder, app: int, k: int, day: int, agent: str) -> None:
    """A few ordinary filings squatters also make."""
    rng = b.rng
    for m in coined_words(rng, k):
        b.file(app, m, int(rng.integers(1, 46)), day + int(rng.integers(-200, 200)), agent)


def _squat(
    b: Builder,
    app: int,
    pool: tuple[Sign, ...],
    n_signs: int,
    n_filings: int,
    lo: int,
    hi: int,
    classes: tuple[int, ...],
    agent: str,
    person_list: bool = False,
    fallback_event: str = "2021-01-01",
) -> None:
    """File disguised copies of `n_signs` signs of `pool`, each soon after its event."""
    rng = b.rng
    chosen = [pool[i] for i in rng.choice(len(pool), size=min(n_signs, len(pool)), replace=False)]
    kinds = pick_kinds(rng, n_filings)
    for j, kind in enumerate(kinds):
        s = chosen[j % len(chosen)]
        partner = chosen[(j + 1) % len(chosen)].term if len(chosen) > 1 else ""
        mark = disguise(s.term, kind, rng, partner=partner, is_person=person_list)
        day = _days_after(rng, s.event_day or fallback_event, lo, hi)
        b.file(app, mark, int(rng.choice(classes)), day, agent)


def plant(b: Builder, bad_agent: str, agencies: list[str], own_agency: str) -> None:
    """One set of planted suspicious applicants."""
    rng = b.rng

    def agent() -> str:
        return bad_agent if rng.random() < 0.6 else agencies[int(rng.integers(len(agencies)))]

    # 1. company hoarders: 110-240 short unrelated marks within a year, many classes, bursts of filing days
    for i in range(2):
        thin = i == 0
        start = int(rng.integers(iso_to_days("2019-06-01"), iso_to_days("2023-06-01")))
        app = b.company(
            "hoarder",
            1,
            industry="mgmt" if thin else "trade",
            est_day=start - int(rng.integers(60, 400) if thin else 2200),
            capital="100000" if thin else "5000000",
            registry_status="存续" if i == 0 else "吊销",
        )
        n = int(rng.integers(110, 240))
        burst_days = start + np.sort(rng.integers(0, 330, size=6))
        classes = rng.choice(np.arange(1, 46), size=int(rng.integers(15, 32)), replace=False)
        ag = agent()
        for m in hoard_marks(rng, n):
            b.file(app, m, int(rng.choice(classes)), int(rng.choice(burst_days)) + int(rng.integers(0, 3)), ag)

    # 2. natural persons hoarding: 35-90 marks in under a year
    for _ in range(2):
        app = b.person("hoarder_individual", 1)
        start = int(rng.integers(iso_to_days("2019-03-01"), iso_to_days("2023-12-01")))
        n = int(rng.integers(35, 90))
        classes = rng.choice(np.arange(1, 46), size=int(rng.integers(8, 25)), replace=False)
        ag = agent()
        for m in hoard_marks(rng, n):
            b.file(app, m, int(rng.choice(classes)), start + int(rng.integers(0, 300)), ag)

    # 3. file and sell: a trading company assigns about half its marks to a dozen unrelated buyers
    app = b.company("transfer_hoarder", 1, industry="mgmt", capital="300000")
    buyers = [
        f"{c}有限公司"
        for c in b.rng.choice(np.array(["杭州", "广州", "泉州", "温州", "成都"], dtype=object), 14)
        + coined_words(rng, 14)
        + "商贸"
    ]
    buyers += list(rng.choice(np.array(["王", "李", "陈", "刘"], dtype=object), 4) + coined_words(rng, 4, 0.0))
    start = int(rng.integers(iso_to_days("2019-06-01"), iso_to_days("2023-06-01")))
    ag = agent()
    for m in hoard_marks(rng, int(rng.integers(30, 60))):
        sold = rng.random() < 0.55
        b.file(
            app,
            m,
            int(rng.integers(1, 46)),
            start + int(rng.integers(0, 300)),
            ag,
            assignee=buyers[int(rng.integers(len(buyers)))] if sold else "",
        )

    # 4. Beijing 2022 signs in the weeks of the Games
    for k in range(3):
        app = b.person("olympic_squatter", 1) if k != 1 else b.company("olympic_squatter", 1, industry="toys")
        ag = agent()
        _squat(
            b,
            app,
            signs("olympic_beijing_2022"),
            int(rng.integers(2, 5)),
            int(rng.integers(3, 8)),
            0,
            1,
            (25, 28, 16, 9, 30, 41),
            ag,
        )
        for f in b.filings[-8:]:
            if f["_app"] == app:
                f["day"] = iso_to_days("2022-02-01") + int(rng.integers(0, 30))
        _cover(b, app, int(rng.integers(0, 3)), iso_to_days("2022-02-10"), ag)

    # 5. champions' names within days of the win
    champs = tuple(s for s in signs("champions") if s.event_day)
    for _ in range(2):
        app = (
            b.person("champion_squatter", 1)
            if rng.random() < 0.5
            else b.company("champion_squatter", 1, industry="apparel")
        )
        ag = agent()
        _squat(
            b,
            app,
            champs,
            int(rng.integers(1, 3)),
            int(rng.integers(3, 7)),
            1,
            20,
            (25, 28, 41, 32, 30),
            ag,
            person_list=True,
        )
        _cover(b, app, int(rng.integers(0, 3)), iso_to_days("2022-01-01"), ag)

    # 6. public emergency signs days after the event
    for _ in range(2):
        app = (
            b.person("emergency_squatter", 1)
            if rng.random() < 0.5
            else b.company("emergency_squatter", 1, industry="medical")
        )
        ag = agent()
        _squat(
            b,
            app,
            signs("public_emergencies"),
            int(rng.integers(1, 4)),
            int(rng.integers(2, 6)),
            1,
            25,
            (5, 10, 44, 32, 35, 3),
            ag,
        )

    # 7. public figures who became famous overnight
    for _ in range(2):
        app = b.person("public_figure_squatter", 1)
        ag = agent()
        _squat(
            b,
            app,
            signs("public_figures"),
            int(rng.integers(1, 3)),
            int(rng.integers(2, 6)),
            1,
            30,
            (5, 30, 33, 41, 35),
            ag,
            person_list=True,
            fallback_event="2020-02-10",
        )
        _cover(b, app, int(rng.integers(0, 2)), iso_to_days("2020-03-01"), ag)

    # 8. national projects and patriotic works
    app = b.company("national_project_squatter", 1, industry="tech")
    _squat(b, app, signs("national_projects"), 2, int(rng.integers(3, 6)), 1, 60, (9, 12, 28, 33), agent())
    app = b.person("martyr_squatter", 1)
    _squat(
        b,
        app,
        signs("martyrs_patriotic"),
        1,
        int(rng.integers(2, 4)),
        1,
        40,
        (33, 30, 41, 25),
        agent(),
        person_list=True,
    )

    # 9. copies of several owners' famous marks, in and around the owners' classes
    fam = famous_pool()
    for _ in range(3):
        app = b.company("famous_mark_copier", 1, industry=str(rng.choice(["trade", "food", "apparel", "cosmetics"])))
        ag = agent()
        chosen = [fam[i] for i in rng.choice(len(fam), size=int(rng.integers(3, 6)), replace=False)]
        for s in chosen:
            latin = bool(s.latin) and rng.random() < 0.3
            term = s.latin[0] if latin else s.term
            kind = pick_kinds(rng, 1, latin=latin)[0]
            cls = int(rng.choice(s.classes)) if s.classes and rng.random() < 0.7 else int(rng.integers(1, 46))
            b.file(
                app,
                disguise(term, kind, rng),
                cls,
                int(rng.integers(iso_to_days("2019-01-01"), iso_to_days("2024-10-01"))),
                ag,
            )
        _cover(b, app, int(rng.integers(1, 4)), iso_to_days("2021-06-01"), ag)

    # 10. repeated filing against one owner (several marks of the same owner)
    by_owner: dict[str, list[Sign]] = {}
    for s in fam:
        if s.holders:
            by_owner.setdefault(s.holders[0], []).append(s)
    owners = sorted(o for o, v in by_owner.items() if len(v) >= 2)
    owner = owners[int(rng.integers(len(owners)))]
    app = b.company("repeat_owner_squatter", 1, industry="trade")
    ag = agent()
    for j in range(int(rng.integers(4, 7))):
        s = by_owner[owner][j % len(by_owner[owner])]
        b.file(
            app,
            disguise(s.term, pick_kinds(rng, 1)[0], rng),
            int(rng.choice(s.classes or (35,))),
            int(rng.integers(iso_to_days("2019-01-01"), iso_to_days("2024-10-01"))),
            ag,
        )

    # 11. place names in bulk (counties and prefectures), some with a tail
    places = [s for s in signs("place_names") if s.kind in ("county", "prefecture")]
    app = b.company("place_name_hoarder", 1, industry="food")
    ag = agent()
    start = int(rng.integers(iso_to_days("2019-06-01"), iso_to_days("2023-06-01")))
    for i in rng.choice(len(places), size=int(rng.integers(15, 40)), replace=False):
        t = places[i].term
        short = t[:-1] if len(t) >= 3 and t[-1] in "县市区" and rng.random() < 0.3 else t
        mark = short + str(rng.choice(["人家", "印象", "味道"])) if rng.random() < 0.15 else short
        b.file(app, mark, int(rng.choice((29, 30, 31, 32, 33, 35))), start + int(rng.integers(0, 200)), ag)

    # 12. generic names of the designated goods
    generic = [s for s in signs("generic_terms") if s.classes and s.kind == "generic_name"]
    app = b.person("generic_term_hoarder", 1)
    ag = agent()
    start = int(rng.integers(iso_to_days("2019-06-01"), iso_to_days("2023-06-01")))
    for i in rng.choice(len(generic), size=int(rng.integers(8, 15)), replace=False):
        b.file(app, generic[i].term, int(rng.choice(generic[i].classes)), start + int(rng.integers(0, 120)), ag)

    # 13. a herd of strangers filing the same new hot word within days
    word, day = HOT_WORDS[int(rng.integers(len(HOT_WORDS)))]
    for _ in range(int(rng.integers(5, 8))):
        app = b.person("herd_squatter", 1) if rng.random() < 0.6 else b.company("herd_squatter", 1, industry="food")
        ag = agencies[int(rng.integers(len(agencies)))] if rng.random() < 0.8 else ""
        for c in rng.choice((29, 30, 32, 33, 35, 25, 41), size=int(rng.integers(1, 4)), replace=False):
            b.file(app, word, int(c), _days_after(rng, day, 0, 14), ag)

    # 14. an agency filing goods marks in its own name (Art. 19(4))
    app = b.company(
        "agency_own_filing",
        1,
        industry="mgmt",
        name=own_agency,
        business_scope="商标代理；专利代理；知识产权咨询；企业管理咨询",
    )
    start = int(rng.integers(iso_to_days("2019-06-01"), iso_to_days("2023-06-01")))
    b.file(app, own_agency[2:4], 45, start, own_agency)
    for m in hoard_marks(rng, int(rng.integers(4, 10))):
        b.file(app, m, int(rng.integers(1, 45)), start + int(rng.integers(0, 200)), own_agency)
