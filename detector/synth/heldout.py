"""Held-out signs: plausible protected signs written into the generator, never read from the shipped lists.

Planted squatters draw a share of their signs from here, so that a score on synthetic data can show what the
list-based rules cannot see: recall on these applicants (labels.csv `source = outside_list`) measures only the
list-free evidence (register rows marked famous, herds of strangers, timing, volume, links).

Four kinds:
- invented brand-like marks with invented owners; the register input marks them famous (`famous=1`), as an
  office's register would, but no shipped list knows them;
- phrases that trended on the Chinese internet 2020-2024 and drew waves of filings (dates: when they spread);
- people who became famous overnight, real (as reported at the time) and invented local celebrities;
- signs of later events and projects (Games held in China after Beijing 2022, space and engineering projects,
  disaster slogans in the pattern of 武汉加油).

`outside(signs)` keeps only the signs no shipped list can reach (`pool_outside`), checked at generation time
against the lists as they are then: when a list later adopts a sign, the sign leaves the held-out pool instead of
being mislabelled. Dates and names of real events are as publicly reported; they are synthetic evidence, not
verified records.
"""

from __future__ import annotations

import re
from functools import cache

from detector.synth.references import Sign

# Invented marks and owners; classes are the owners' core classes. A register row marks each famous.
INVENTED_BRANDS: tuple[Sign, ...] = (
    Sign("HO-B01", "澜沁", ("LANQIN",), ("杭州澜沁饮品股份有限公司",), "", (32, 30), "brand"),
    Sign("HO-B02", "栖云里", (), ("成都栖云里文化旅游发展有限公司",), "", (43, 41), "brand"),
    Sign("HO-B03", "沐森堂", (), ("广州沐森堂生物科技股份有限公司",), "", (3, 5), "brand"),
    Sign("HO-B04", "曜岩", ("YAOYAN",), ("深圳曜岩智能科技股份有限公司",), "", (9, 42), "brand"),
    Sign("HO-B05", "糯米熊", (), ("福建糯米熊食品有限公司",), "", (30, 29), "brand"),
    Sign("HO-B06", "鹿岭", ("LULING",), ("吉林鹿岭健康产业集团有限公司",), "", (5, 29), "brand"),
    Sign("HO-B07", "青芒果果", (), ("上海青芒果果餐饮管理有限公司",), "", (43, 30), "brand"),
    Sign("HO-B08", "知竹", (), ("浙江知竹家居股份有限公司",), "", (20, 21), "brand"),
    Sign("HO-B09", "焰石", ("FLAMESTONE",), ("佛山焰石厨电股份有限公司",), "", (11, 21), "brand"),
    Sign("HO-B10", "小鲸灵", (), ("北京小鲸灵教育科技有限公司",), "", (41, 9), "brand"),
    Sign("HO-B11", "云朵棉", (), ("江苏云朵棉纺织品股份有限公司",), "", (24, 25), "brand"),
    Sign("HO-B12", "墨麒麟", (), ("贵州墨麒麟酒业股份有限公司",), "", (33,), "brand"),
    Sign("HO-B13", "橙未来", (), ("长沙橙未来电子商务有限公司",), "", (35, 9), "brand"),
    Sign("HO-B14", "蓝鳍湾", (), ("大连蓝鳍湾海洋食品股份有限公司",), "", (29, 31), "brand"),
    Sign("HO-B15", "极光兔", ("AURORABBIT",), ("深圳极光兔潮玩有限公司",), "", (28, 16), "brand"),
    Sign("HO-B16", "禾野", ("HEYE",), ("安徽禾野农业发展有限公司",), "", (30, 31), "brand"),
    Sign("HO-B17", "VELORA", (), ("Velora Beauty Holdings Ltd.",), "", (3, 44), "brand"),
    Sign("HO-B18", "QUANTIX", (), ("苏州量迪克斯半导体有限公司",), "", (9,), "brand"),
    Sign("HO-B19", "MIRAVO", (), ("Miravo Sportswear S.r.l.",), "", (25, 28), "brand"),
    Sign("HO-B20", "KAVIRELLA", (), ("厦门卡维瑞拉咖啡有限公司",), "", (30, 43), "brand"),
    Sign("HO-B21", "霁青", (), ("景德镇霁青陶瓷有限公司",), "", (21, 19), "brand"),
    Sign("HO-B22", "步云梯", (), ("温州步云梯鞋业股份有限公司",), "", (25,), "brand"),
)

# Internet phrases that drew waves of filings (date: when the phrase spread, as reported).
TRENDING: tuple[Sign, ...] = tuple(
    Sign(f"HO-T{i:02d}", term, (), (), day, (), "trending")
    for i, (term, day) in enumerate(
        (
            ("躺平", "2021-05-20"),
            ("内卷", "2020-10-10"),
            ("打工人", "2020-10-15"),
            ("干饭人", "2020-11-05"),
            ("凡尔赛文学", "2020-11-10"),
            ("绝绝子", "2021-06-01"),
            ("破防", "2021-09-01"),
            ("雪糕刺客", "2022-06-20"),
            ("电子榨菜", "2022-10-01"),
            ("围炉煮茶", "2022-11-15"),
            ("栓Q", "2022-09-05"),
            ("显眼包", "2023-03-01"),
            ("特种兵旅游", "2023-04-01"),
            ("淄博烧烤", "2023-03-15"),
            ("泰裤辣", "2023-05-10"),
            ("多巴胺穿搭", "2023-06-15"),
            ("尊嘟假嘟", "2023-06-01"),
            ("村超", "2023-06-05"),
            ("科目三", "2023-11-20"),
            ("南方小土豆", "2024-01-08"),
            ("泼天的富贵", "2024-01-10"),
            ("公主请上车", "2024-01-15"),
            ("City不City", "2024-07-01"),
        ),
        1,
    )
)

# People famous overnight: real names as reported at the time, and invented local celebrities and athletes (no
# real person meant).
PEOPLE: tuple[Sign, ...] = (
    Sign("HO-P01", "王冰冰", (), ("王冰冰",), "2021-01-05", (), "public_figure"),
    Sign("HO-P02", "张同学", (), (), "2021-11-20", (), "public_figure"),
    Sign("HO-P03", "刘畊宏", (), ("刘畊宏",), "2022-04-15", (), "public_figure"),
    Sign("HO-P04", "董宇辉", (), ("董宇辉",), "2022-06-12", (), "public_figure"),
    Sign("HO-P05", "苏炳添", (), ("苏炳添",), "2021-08-01", (), "athlete"),
    Sign("HO-P06", "宋小满", (), ("宋小满",), "2022-08-18", (), "local_celebrity"),
    Sign("HO-P07", "阿依古丽娜", (), ("阿依古丽娜",), "2023-02-11", (), "local_celebrity"),
    Sign("HO-P08", "冉秋禾", (), ("冉秋禾",), "2021-04-26", (), "local_celebrity"),
    Sign("HO-P09", "鹿佳宁", (), ("鹿佳宁",), "2023-09-30", (), "local_celebrity"),
    Sign("HO-P10", "郝满仓", (), ("郝满仓",), "2020-12-02", (), "local_celebrity"),
    Sign("HO-P11", "唐果果", (), ("唐果果",), "2024-03-14", (), "local_celebrity"),
    Sign("HO-P12", "陆星扬", (), ("陆星扬",), "2023-09-28", (), "athlete"),
    Sign("HO-P13", "韩雨萌", (), ("韩雨萌",), "2023-10-02", (), "athlete"),
    Sign("HO-P14", "欧阳启航", (), ("欧阳启航",), "2024-08-05", (), "athlete"),
)

# Events and projects after the shipped lists' core: later Games in China, projects, disaster slogans.
EVENTS: tuple[Sign, ...] = (
    Sign("HO-E01", "琮琮", (), ("杭州第19届亚运会组委会",), "2023-09-23", (), "games"),
    Sign("HO-E02", "莲莲", (), ("杭州第19届亚运会组委会",), "2023-09-23", (), "games"),
    Sign("HO-E03", "宸宸", (), ("杭州第19届亚运会组委会",), "2023-09-23", (), "games"),
    Sign("HO-E04", "江南忆", (), ("杭州第19届亚运会组委会",), "2023-09-23", (), "games"),
    Sign("HO-E05", "心心相融", (), ("杭州第19届亚运会组委会",), "2023-09-23", (), "games"),
    Sign("HO-E06", "蓉宝", (), ("成都第31届世界大学生夏季运动会执行委员会",), "2023-07-28", (), "games"),
    Sign("HO-E07", "问天", (), ("中国载人航天工程办公室",), "2022-07-24", (), "project"),
    Sign("HO-E08", "梦天", (), ("中国载人航天工程办公室",), "2022-10-31", (), "project"),
    Sign("HO-E09", "天舟", (), ("中国载人航天工程办公室",), "2021-05-29", (), "project"),
    Sign("HO-E10", "羲和号", (), (), "2021-10-14", (), "project"),
    Sign("HO-E11", "鲲龙", (), (), "2020-07-26", (), "project"),
    Sign("HO-E12", "福建舰", (), (), "2022-06-17", (), "project"),
    Sign("HO-E13", "郑州加油", (), (), "2021-07-21", (), "emergency"),
    Sign("HO-E14", "河南挺住", (), (), "2021-07-21", (), "emergency"),
    Sign("HO-E15", "涿州加油", (), (), "2023-08-02", (), "emergency"),
    Sign("HO-E16", "泸定挺住", (), (), "2022-09-06", (), "emergency"),
)


def _norm(text: str) -> str:
    return re.sub(r"[\s·.\-_　]", "", text).lower()


@cache
def _list_index() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """Terms and aliases of every shipped list: (exact forms, forms matched inside marks, their pinyin).

    A form is matched inside marks when its list matches beyond exact strings and it has two or more Han
    characters or four or more Latin letters (two-letter aliases such as MI are matched whole only).
    """
    from detector.synth.references import list_file, list_ids
    from detector.synth.text import pinyin_of

    exact: set[str] = set()
    inner: set[str] = set()
    for list_id in list_ids():
        ref = list_file(list_id)
        methods = set((ref.header.get("match") or {}).get("methods") or ["exact"])
        for e in ref.entries:
            forms = {_norm(str(e.get("term") or ""))} | {_norm(str(a)) for a in e.get("aliases") or []}
            forms.discard("")
            exact |= forms
            if methods - {"exact"}:
                inner |= {f for f in forms if len(f) >= (4 if f.isascii() else 2)}
    inner_sorted = tuple(sorted(inner))
    return frozenset(exact), inner_sorted, frozenset(pinyin_of(f) for f in inner_sorted if not f.isascii())


@cache
def reachable(term: str) -> bool:
    """True when a shipped list could reach `term`: it is a list form, contains or is contained in a form of a
    list matched beyond exact strings, or reads like one (same pinyin)."""
    from detector.synth.text import pinyin_of

    exact, inner, inner_py = _list_index()
    t = _norm(term)
    if t in exact:
        return True
    if any(f in t or t in f for f in inner):
        return True
    return not t.isascii() and pinyin_of(t) in inner_py


@cache
def pool_outside(kind: str) -> tuple[Sign, ...]:
    """The held-out signs of one kind ('brands', 'trending', 'people', 'events') no shipped list reaches."""
    pool = {"brands": INVENTED_BRANDS, "trending": TRENDING, "people": PEOPLE, "events": EVENTS}[kind]
    return tuple(s for s in pool if not reachable(s.term) and not any(reachable(a) for a in s.latin))
