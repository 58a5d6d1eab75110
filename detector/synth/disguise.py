"""How squatters disguise a protected sign (domain.md section 3), one function per trick.

The tables here are the generator's own (homophones from pypinyin over a pool of common characters, a small
hand-written table of visually similar characters); they deliberately do not reuse the matcher's data.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

import numpy as np

from detector.synth.pools import (
    GIVEN_CHARS,
    HOARD_FIRST,
    HOARD_SECOND,
    SQUAT_PREFIXES,
    SQUAT_SUFFIXES,
    TRADE_CHARS,
)
from detector.synth.text import full_width, pinyin_of, syllables_of, traditional

_COMMON = (
    "敦蹲吨顿盾荣蓉溶绒熔艾碍玲灵铃零龄伶深申身绅珊杉衫删闪楠男难率蕾垒泪虹洪宁凝柠冬东董洞懂栋动梦孟蒙萌"
    "飞非菲妃肥凤丰峰锋蜂枫奉谷古股骨鼓故顾固雨语宇羽玉育欲域遇御裕韵运云允孕蕴匀芸耘钟忠终众种仲中重"
    "南难男楠喃山衫删扇善陈晨沉辰臣尘趁衬称文闻纹蚊稳问吻亮量两良粮梁凉谅辆兰蓝篮澜拦栏览懒烂滥娟捐卷倦"
    "华花化画话滑划桦哗为维伟位围委唯味卫未慰腾疼藤誊滕讯迅训逊巡询寻旬循米迷密蜜秘觅眯弥谜泌幂京经精"
    "惊晶睛井景静境敬竞镜东冬董懂动洞栋咚阿啊锅国果过郭裹帼淘桃逃陶涛讨套掏滔宝保报抱饱堡豹葆褒度杜肚渡"
    "妒镀都督毒读独堵赌屠途涂徒图团抖斗豆逗陡窦美每妹媚梅煤眉玫枚霉莓酶团湍拼品聘贫频平凭评苹瓶屏萍多"
    "朵夺躲舵堕剁跺驮惰滴敌迪笛狄嫡涤翟邸抵底地弟帝递第缔蒂网往王望旺忘妄汪枉罔者这哲浙遮折辙赭蔗荣容"
    "绒溶熔蓉融冗柔揉肉如儒乳辱入汝蠕孺凌陵菱绫羚翎聆零龄铃伶领岭另令天添田甜填恬舔腆问温文闻纹稳吻"
)
_VISUAL = {
    "师": "帅",
    "帅": "师",
    "未": "末",
    "末": "未",
    "己": "已",
    "已": "己",
    "王": "玉",
    "玉": "王",
    "日": "曰",
    "士": "土",
    "土": "士",
    "人": "入",
    "入": "人",
    "天": "夭",
    "木": "本",
    "贝": "见",
    "见": "贝",
    "免": "兔",
    "兔": "免",
    "鸟": "乌",
    "乌": "鸟",
    "折": "拆",
    "候": "侯",
    "侯": "候",
    "戊": "戌",
    "大": "太",
    "太": "大",
    "田": "由",
    "由": "田",
    "白": "自",
    "自": "白",
    "奥": "粤",
    "动": "劫",
    "伊": "依",
    "依": "伊",
    "腾": "滕",
    "滕": "腾",
    "讯": "迅",
    "旺": "汪",
    "汪": "旺",
    "特": "持",
    "持": "特",
    "乐": "东",
    "东": "乐",
    "京": "凉",
    "米": "来",
    "来": "米",
    "宝": "宇",
    "迪": "廸",
    "康": "庚",
    "度": "渡",
    "海": "悔",
    "红": "江",
    "美": "羡",
    "华": "毕",
    "山": "仙",
    "牛": "午",
    "午": "牛",
    "千": "干",
    "干": "千",
    "子": "孑",
    "雪": "雷",
    "冰": "水",
    "容": "蓉",
    "爱": "受",
    "凌": "淩",
    "鸣": "呜",
    "泉": "帛",
    "茅": "矛",
    "台": "合",
    "老": "考",
    "酒": "洒",
}
_LATIN_LOOK = (("I", "l"), ("l", "I"), ("O", "0"), ("o", "0"), ("m", "rn"), ("M", "RN"), ("i", "1"), ("E", "3"))

KINDS = (
    "exact",
    "homophone",
    "traditional",
    "pinyin",
    "pinyin_typo",
    "cn_pinyin",
    "suffix",
    "prefix",
    "spaced",
    "visual",
    "given_name",
    "fused",
)
LATIN_KINDS = ("exact", "latin_lookalike", "full_width", "spaced", "lower", "suffix")


@lru_cache(maxsize=1)
def _homophones() -> dict[str, list[str]]:
    pool = dict.fromkeys(_COMMON + TRADE_CHARS + GIVEN_CHARS + HOARD_FIRST + HOARD_SECOND)
    by_sound: dict[str, list[str]] = defaultdict(list)
    for ch in pool:
        if "\u4e00" <= ch <= "\u9fff":
            by_sound[syllables_of(ch)[0]].append(ch)
    return by_sound


def _pick(rng: np.random.Generator, items: list[str] | tuple[str, ...]) -> str:
    return items[int(rng.integers(len(items)))]


def homophone(term: str, rng: np.random.Generator) -> str | None:
    """Swap one Han character for another with the same toneless reading (冰墩墩 -> 冰敦墩)."""
    han = [i for i, c in enumerate(term) if "\u4e00" <= c <= "\u9fff"]
    order = [han[j] for j in rng.permutation(len(han))]
    for i in order:
        options = [c for c in _homophones().get(syllables_of(term[i])[0], []) if c != term[i]]
        if options:
            return term[:i] + _pick(rng, options) + term[i + 1 :]
    return None


def visual(term: str, rng: np.random.Generator) -> str | None:
    """Swap one character for a visually similar one (康师傅 -> 康帅傅)."""
    spots = [i for i, c in enumerate(term) if c in _VISUAL]
    if not spots:
        return None
    i = _pick(rng, spots)
    return term[:i] + _VISUAL[term[i]] + term[i + 1 :]


def pinyin(term: str, rng: np.random.Generator, typo: bool = False) -> str:
    """The reading in Latin letters: bingdundun, BINGDUNDUN, Bing Dun Dun; with a letter dropped if `typo`."""
    syl = list(syllables_of(term))
    if typo:
        long = [i for i, s in enumerate(syl) if len(s) >= 3]
        if long:
            i = _pick(rng, long)
            k = int(rng.integers(1, len(syl[i])))
            syl[i] = syl[i][:k] + syl[i][k + 1 :]
    style = int(rng.integers(3))
    if style == 0:
        return "".join(syl)
    if style == 1:
        return "".join(syl).upper()
    return " ".join(s.capitalize() for s in syl)


def latin_lookalike(term: str, rng: np.random.Generator) -> str | None:
    """Replace letters by look-alikes (NIKE -> NlKE, OPPO -> 0PPO, mi -> rni)."""
    options = [(a, b) for a, b in _LATIN_LOOK if a in term]
    if not options:
        return None
    a, b = _pick(rng, options)
    i = term.index(a)
    return term[:i] + b + term[i + len(a) :]


def spaced(term: str, rng: np.random.Generator) -> str:
    """Separators inside the sign: 冰 墩 墩, 冰·墩·墩, 冰-墩墩, Ｈ Ｕ..."""
    sep = _pick(rng, (" ", "·", ".", "-", "　"))
    if len(term) <= 4:
        return sep.join(term)
    cut = int(rng.integers(1, len(term)))
    return term[:cut] + sep + term[cut:]


def disguise(term: str, kind: str, rng: np.random.Generator, partner: str = "", is_person: bool = False) -> str:
    """Apply one trick to `term`; falls back to a suffix when the trick does not apply."""
    out: str | None = None
    if kind == "exact":
        out = term
    elif kind == "homophone" and len(term) >= 3:
        out = homophone(term, rng)
    elif kind == "traditional":
        t = traditional(term)
        out = t if t != term else None
    elif kind == "pinyin" and not term.isascii():
        out = pinyin(term, rng)
    elif kind == "pinyin_typo" and not term.isascii():
        out = pinyin(term, rng, typo=True)
    elif kind == "cn_pinyin" and not term.isascii():
        out = term + pinyin_of(term).upper()
    elif kind == "prefix":
        out = _pick(rng, SQUAT_PREFIXES) + term
    elif kind == "spaced":
        out = spaced(term, rng)
    elif kind == "visual":
        out = visual(term, rng)
    elif kind == "given_name" and is_person and len(term) == 3:
        out = term[1:]
    elif kind == "fused" and partner:
        out = term + partner
    elif kind == "latin_lookalike":
        out = latin_lookalike(term, rng)
    elif kind == "full_width":
        out = full_width(term)
    elif kind == "lower":
        out = term.lower() if term != term.lower() else term.capitalize()
    if out is None:
        out = term + _pick(rng, SQUAT_SUFFIXES)
    return out


def pick_kinds(rng: np.random.Generator, k: int, latin: bool = False) -> list[str]:
    """`k` tricks for one squatter: exact copies and the usual disguises, weighted as seen in refusal notices."""
    if latin:
        p = np.array([0.3, 0.25, 0.1, 0.1, 0.15, 0.1])
        return [LATIN_KINDS[i] for i in rng.choice(len(LATIN_KINDS), size=k, p=p / p.sum())]
    p = np.array([0.28, 0.12, 0.06, 0.08, 0.04, 0.06, 0.14, 0.05, 0.05, 0.05, 0.04, 0.03])
    return [KINDS[i] for i in rng.choice(len(KINDS), size=k, p=p / p.sum())]
