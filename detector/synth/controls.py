"""Hard controls (label 0, category control_*): legitimate applicants that look like bad-faith ones at first sight."""

from __future__ import annotations

import numpy as np

from detector.synth.builder import Builder
from detector.synth.industries import INDUSTRIES
from detector.synth.marks import coined_words
from detector.synth.part import Part
from detector.synth.planted import log_uniform
from detector.synth.pools import COMMON_WORDS
from detector.synth.population import Options, population
from detector.synth.references import signs
from detector.synth.registry import iso_to_days
from detector.synth.text import pinyin_of

INCUBATOR_ADDRESSES = (
    "广东省深圳市南山区粤海街道科技园社区科苑路15号科兴科学园B栋4单元",
    "浙江省杭州市余杭区仓前街道文一西路1500号未来科技城创业孵化中心",
    "上海市浦东新区张江镇祖冲之路887弄创业孵化基地",
    "北京市海淀区中关村大街27号创业大厦众创空间",
)


def defensive_brand(b: Builder, agent: str) -> tuple[int, list[tuple[str, int]]]:
    """A large company filing its own mark in 30-45 classes, plus its pinyin and a few sub-brands."""
    rng = b.rng
    app = b.company(
        "control_defensive_brand",
        0,
        industry=str(rng.choice(["tech", "home", "appliance"])),
        est_day=iso_to_days("2009-05-01") + int(rng.integers(0, 900)),
        capital="80000000",
    )
    trade = b.trade_of(app)
    latin = pinyin_of(trade).upper()
    classes = rng.permutation(np.arange(1, 46))[: int(rng.integers(32, 46))]
    waves = iso_to_days("2019-03-01") + np.sort(rng.integers(0, 1800, size=3))
    for c in classes:
        for mark, p in (
            (trade, 1.0),
            (latin, 0.35),
            (trade + str(rng.choice(["智能", "家居", "生活", "优选"])), 0.25),
            ("", 0.1),
        ):
            if rng.random() < p:
                b.file(app, mark, int(c), int(rng.choice(waves)), agent)
    return app, [(trade, int(c)) for c in classes[:10]] + [(latin, int(c)) for c in classes[:3]]


# What a product line is called after its brand: per line of business.
PRODUCT_WORDS = {
    "food": (
        "脆片",
        "坚果",
        "肉脯",
        "果干",
        "饼干",
        "米饼",
        "麻花",
        "豆干",
        "辣条",
        "酥",
        "卤味",
        "蛋卷",
        "锅巴",
        "海苔",
    ),
    "cosmetics": ("精华", "面霜", "水乳", "洁面", "防晒", "眼霜", "面膜", "身体乳", "护手霜", "唇膏"),
    "toys": ("积木", "拼图", "遥控车", "毛绒", "盲盒", "手办", "滑板车", "泡泡机"),
    "apparel": ("童装", "卫衣", "羽绒", "衬衫", "运动", "家居服", "牛仔", "针织"),
    "home": ("床垫", "枕", "四件套", "沙发", "餐桌", "收纳", "地毯", "窗帘"),
}
DISHES = ("酸菜鱼", "烤鸭", "卤味", "米线", "凉皮", "麻辣烫", "牛肉面", "包子", "锅贴", "烧饼", "馄饨", "粥铺", "炸鸡",
          "烧烤", "奶茶", "糖水", "小炒", "饺子")  # fmt: skip


def product_line(b: Builder, agent: str) -> int:
    """A manufacturer naming 40-300 products of its own lines in its own classes (label 0: filings for its planned
    business within a necessary scope, Examination Guidelines on Art. 4). Volumes straddle HOARD-001's 100."""
    rng = b.rng
    industry = str(rng.choice(sorted(PRODUCT_WORDS)))
    app = b.company(
        "control_product_line",
        0,
        industry=industry,
        est_day=iso_to_days("2004-01-01") + int(rng.integers(0, 3000)),
        capital=str(int(rng.integers(20, 300)) * 10**6),
    )
    trade = b.trade_of(app)
    lines = [trade, *coined_words(rng, int(rng.integers(1, 4)))]  # the house brand and its sub-brands
    words = PRODUCT_WORDS[industry]
    ind = next(i for i in INDUSTRIES if i.key == industry)
    classes = np.array(ind.core + ind.adjacent[:1])
    start = iso_to_days("2019-01-01") + int(rng.integers(0, 1500))
    n = log_uniform(rng, 40, 300)
    for _ in range(n):
        brand = lines[0] if rng.random() < 0.5 else lines[int(rng.integers(len(lines)))]
        mark = brand + str(rng.choice(words)) if rng.random() < 0.85 else brand
        b.file(app, mark, int(rng.choice(classes)), start + int(rng.integers(0, 500)), agent)
    return app


def active_shopkeeper(b: Builder, agent: str) -> int:
    """A natural person filing 10-45 names of one shop and its dishes (label 0: its own business; around
    HOARD-002's 30)."""
    rng = b.rng
    app = b.person("control_active_person", 0)
    shop = b.apps[app]["name"][0] + str(rng.choice(["记", "家", "氏"]))
    start = iso_to_days("2019-01-01") + int(rng.integers(0, 1500))
    for _ in range(log_uniform(rng, 10, 45)):
        mark = shop + str(rng.choice(DISHES)) if rng.random() < 0.8 else "老" + shop
        b.file(app, mark, int(rng.choice((43, 30, 29, 35))), start + int(rng.integers(0, 300)), agent)
    return app


def rights_holders(b: Builder, agent: str) -> list[tuple[str, str, int]]:
    """Rights holders filing their own protected signs; returns register rows (mark, owner, class) they hold."""
    rng = b.rng
    reg: list[tuple[str, str, int]] = []
    oly = {s.term: s for s in signs("olympic_beijing_2022")}
    boc = "北京2022年冬奥会和冬残奥会组织委员会"
    app = b.company(
        "control_rights_holder",
        0,
        industry="mgmt",
        name=boc,
        est_day=iso_to_days("2015-12-15"),
        capital="",
        business_scope="筹备、组织北京2022年冬奥会和冬残奥会；标志与知识产权的管理与许可",
        address="北京市石景山区石景山路68号首钢园",
    )
    for term in ("冰墩墩", "雪容融", "北京2022", "一起向未来"):
        if term not in oly:
            continue
        for c in rng.choice(np.arange(1, 46), size=int(rng.integers(6, 12)), replace=False):
            b.file(app, term, int(c), iso_to_days("2019-09-17") + int(rng.integers(-30, 400)), agent)
        reg.append((term, boc, 28))
    hospitals = {s.term: s for s in signs("public_emergencies") if s.kind == "hospital"}
    for term, s in hospitals.items():
        if not s.holders:
            continue
        app = b.company(
            "control_rights_holder",
            0,
            industry="medical",
            name=s.holders[0],
            capital="",
            business_scope="医疗服务；传染病救治",
        )
        for c in (44, 5, 10)[: int(rng.integers(1, 4))]:
            b.file(app, term, c, iso_to_days("2020-02-20") + int(rng.integers(0, 40)), "")
    projects = [s for s in signs("national_projects") if s.holders]
    if projects:
        s = projects[int(rng.integers(len(projects)))]
        app = b.company(
            "control_rights_holder",
            0,
            industry="tech",
            name=s.holders[0],
            capital="",
            business_scope="航天技术研究与开发；科学普及",
        )
        for c in (9, 12, 16, 28, 41, 42)[: int(rng.integers(2, 6))]:
            b.file(app, s.term, c, iso_to_days(s.event_day or "2021-01-01") + int(rng.integers(5, 200)), agent)
    famous = [s for s in signs("famous_marks") if s.holders and s.classes and not s.term.isascii()]
    s = famous[int(rng.integers(len(famous)))]
    app = b.company(
        "control_rights_holder",
        0,
        industry="tech",
        name=s.holders[0],
        capital="500000000",
        est_day=iso_to_days("1998-01-01"),
    )
    for c in sorted(set(rng.choice(np.arange(1, 46), size=int(rng.integers(8, 20))).tolist()) | set(s.classes)):
        b.file(app, s.term, int(c), iso_to_days("2020-01-01") + int(rng.integers(0, 1500)), agent)
    champs = [s for s in signs("champions") if s.holders and s.event_day]
    s = champs[int(rng.integers(len(champs)))]
    if len(s.holders[0]) <= 4:
        app = b.person("control_rights_holder", 0, name=s.holders[0])
        for c in (25, 28, 41)[: int(rng.integers(1, 4))]:
            b.file(app, s.term, c, iso_to_days(s.event_day) + int(rng.integers(30, 300)), agent)
    return reg


def common_word(b: Builder, agencies: list[str]) -> list[str]:
    """Strangers independently filing the same ordinary word over the years; returns the words used."""
    rng = b.rng
    words = list(rng.choice(np.array(COMMON_WORDS, dtype=object), size=2, replace=False))
    for w in words:
        for _ in range(int(rng.integers(5, 9))):
            app = (
                b.person("control_common_word", 0)
                if rng.random() < 0.5
                else b.company(
                    "control_common_word", 0, industry=str(rng.choice(["food", "apparel", "home", "catering", "trade"]))
                )
            )
            ag = agencies[int(rng.integers(len(agencies)))] if rng.random() < 0.7 else ""
            day = int(rng.integers(iso_to_days("2019-01-01"), iso_to_days("2024-10-01")))
            b.file(app, w, int(rng.integers(1, 46)), day, ag)
            if rng.random() < 0.5:
                b.file(
                    app,
                    b.trade_of(app) if b.apps[app]["entity_type"] == "company" else w + "之家",
                    int(rng.integers(1, 46)),
                    day,
                    ag,
                )
    return words


def busy_agency_clients(rng: np.random.Generator, agency: str, n_filings: int, taken: set[str]) -> Part:
    """Ordinary clients of one agency serving hundreds of clients."""
    return population(
        rng,
        n_filings,
        [agency],
        np.array([1.0]),
        taken,
        Options(category="control_busy_agency_client", agent=agency, big_share=0.01, mid_share=0.02),
    )


def incubator_firms(
    rng: np.random.Generator, address: str, n_filings: int, taken: set[str], agencies: list[str], agency_p: np.ndarray
) -> Part:
    """Many unrelated small firms registered at one incubator address, half with its front-desk phone."""
    desk = [
        f"0755-8{int(rng.integers(1000000, 9999999))}",
        f"400-{int(rng.integers(100, 999))}-{int(rng.integers(1000, 9999))}",
    ]
    return population(
        rng,
        n_filings,
        agencies,
        agency_p,
        taken,
        Options(
            category="control_incubator",
            company_share=1.0,
            address=address,
            phone_pool=desk,
            big_share=0.0,
            mid_share=0.0,
        ),
    )
