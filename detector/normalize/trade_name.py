"""A company's trade name (字号): its name without place prefix, industry words and company form."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

_FORM = re.compile(
    r"(股份有限公司|有限责任公司|有限公司|集团有限公司|集团|股份公司|公司|合伙企业|有限合伙|个体工商户|工作室|经营部|商行|门市部|"
    r"分公司|厂|店|中心)$"
)
_PLACE = re.compile(
    r"^(?:[\(（][^\)）]{2,8}[\)）])?(?:[\u4e00-\u9fff]{2,7}?(?:省|自治区|特别行政区))?(?:[\u4e00-\u9fff]{2,6}?(?:市|自治州|地区|盟))?(?:[\u4e00-\u9fff]{1,6}?(?:区|县|旗))?"
)
_INDUSTRY = re.compile(
    r"(国际贸易|进出口|电子商务|网络科技|信息技术|信息科技|生物科技|科技发展|文化传媒|文化传播|企业管理|品牌管理|餐饮管理|"
    r"网络技术|信息技术服务|技术服务|技术开发|商务咨询|管理咨询|投资管理|实业发展|供应链管理|供应链|商贸|贸易|科技|实业|发展|传媒|文化|咨询|服务|管理|投资|网络|"
    r"信息|电子|服饰|服装|食品|餐饮|建材|医疗|健康|农业|物流|广告|设计|教育|商务|电器|生物|化工|机械|材料|工贸|控股|技术|文具|用品)+$"
)
_SHORT_PLACE = re.compile(
    r"^(北京|上海|天津|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|"
    r"甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|深圳|广州|杭州|南京|苏州|武汉|成都|西安|青岛|厦门|宁波|义乌|东莞|佛山|"
    r"长沙|郑州|济南|合肥|福州|昆明|沈阳|大连|哈尔滨|长春|石家庄|太原|南昌|南宁|贵阳|兰州|海口|温州|无锡|常州|泉州|中山|珠海)"
)
_INNER_PLACE = re.compile(r"[\(（][^\)）]*[\)）]")


def trade_name(name: str) -> str:
    """字号 of a Chinese company name (e.g. 深圳市鑫隆达贸易有限公司 -> 鑫隆达); '' when none is left."""
    text = _INNER_PLACE.sub("", name.strip())
    for _ in range(3):
        stripped = _FORM.sub("", text)
        if stripped == text:
            break
        text = stripped
    text = _INDUSTRY.sub("", text)
    rest = _PLACE.sub("", text, count=1)
    if rest == text:
        rest = _SHORT_PLACE.sub("", text, count=1)
    return rest if len(rest) >= 2 else (text if 2 <= len(text) <= 4 else "")


PARALLEL_MIN = 50_000  # distinct names below this are read in this process


def trade_names(names: pd.Series, entity_type: pd.Series, jobs: int = 1) -> pd.Series:
    """Trade names of companies (each distinct name once); a natural person's own name stands for itself. With
    `jobs` > 1 and PARALLEL_MIN distinct names or more, the names are read in forked processes, a chunk each (~0.9 s
    for 314,000 names in one process, while the second core waited)."""
    codes, uniques = pd.factorize(names)
    distinct = np.asarray(uniques, dtype=object)

    def read(chunk: list[str]) -> list[str]:
        return [trade_name(u) for u in chunk]

    if jobs > 1 and len(distinct) >= PARALLEL_MIN:
        from detector.fork_map import map_chunks

        table = np.array(map_chunks(read, distinct, jobs, "trade names"), dtype=object)
    else:
        table = np.array(read(distinct.tolist()), dtype=object)
    company = entity_type.eq("company").to_numpy(dtype=bool, na_value=False)
    out = np.where(company, table[codes], names.to_numpy(dtype=object))
    return pd.Series(out, index=names.index, dtype="str")
