"""Business scopes (经营范围) as registries print them, not as the keyword table would like them.

Each company's scope is assembled from clauses in the wording of the 2022 standard catalogue (经营范围规范表述目录:
一般项目 / 许可项目, long lists, a closing formula) or in older free styles, with its own line of business mixed
with the general clauses almost every firm registers (import and export, consulting, sundries). Clauses were
written from how real registrations read, not from rules/reference/business_scope_classes.yaml, so a screening
rule that judges "outside the scope" meets the wording it will meet in practice; a few scopes are empty or
abbreviated, as in registry extracts.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from detector.synth.industries import INDUSTRIES

# Clauses per line of business (key of detector.synth.industries.INDUSTRIES).
OWN: dict[str, tuple[str, ...]] = {
    "tech": (
        "技术服务、技术开发、技术咨询、技术交流、技术转让、技术推广",
        "软件开发",
        "信息系统集成服务",
        "人工智能应用软件开发",
        "物联网技术服务",
        "数据处理和存储支持服务",
        "计算机系统服务",
        "智能硬件设备研发",
        "电子元器件批发",
        "通讯设备零售",
        "网络设备销售",
        "集成电路设计",
    ),
    "net": (
        "互联网销售（除销售需要许可的商品）",
        "网络技术服务",
        "软件开发",
        "数字内容制作服务（不含出版发行）",
        "信息技术咨询服务",
        "广告制作",
        "广告发布",
        "互联网数据服务",
        "平面设计",
        "社会经济咨询服务",
    ),
    "food": (
        "食品销售（仅销售预包装食品）",
        "食品互联网销售（仅销售预包装食品）",
        "农副产品销售",
        "食用农产品批发",
        "食品生产",
        "糕点、面包制造",
        "调味品生产",
        "初级农产品收购",
        "炒货食品及坚果制品制造",
        "保健食品（预包装）销售",
    ),
    "tea": (
        "茶叶种植",
        "茶叶制品生产",
        "农产品的生产、销售、加工、运输、贮藏及其他相关服务",
        "茶具销售",
        "茶艺表演服务",
        "食用农产品初加工",
    ),
    "wine": (
        "酒类经营",
        "酒制品生产",
        "白酒制造",
        "葡萄酒及果酒制造",
        "食品销售（仅销售预包装食品）",
        "酒吧服务（不含演艺娱乐活动）",
    ),
    "apparel": (
        "服装服饰批发",
        "服装服饰零售",
        "鞋帽批发",
        "箱包销售",
        "针纺织品销售",
        "服装制造",
        "服饰研发",
        "皮革制品销售",
        "服装辅料销售",
    ),
    "cosmetics": (
        "化妆品批发",
        "化妆品零售",
        "个人卫生用品销售",
        "日用化学产品销售",
        "生物基材料技术研发",
        "卫生用品和一次性使用医疗用品销售",
        "化妆品生产",
    ),
    "beauty": (
        "生活美容服务",
        "美甲服务",
        "理发服务",
        "养生保健服务（非医疗）",
        "化妆品零售",
        "足浴服务",
    ),
    "home": (
        "家具销售",
        "家居用品销售",
        "家用纺织制成品制造",
        "日用品销售",
        "住宅室内装饰装修",
        "家具安装和维修服务",
        "床上用品销售",
        "厨具卫具及日用杂品批发",
    ),
    "appliance": (
        "家用电器研发",
        "家用电器制造",
        "家用电器销售",
        "照明器具销售",
        "日用电器修理",
        "电子产品销售",
        "五金产品零售",
    ),
    "catering": (
        "餐饮服务",
        "餐饮管理",
        "小餐饮、小食杂、食品小作坊经营",
        "外卖递送服务",
        "食品销售",
        "酒类经营",
    ),
    "education": (
        "教育咨询服务（不含涉许可审批的教育培训活动）",
        "业务培训（不含教育培训、职业技能培训等需取得许可的培训）",
        "组织文化艺术交流活动",
        "会议及展览服务",
        "体育竞赛组织",
        "图书出租",
        "中小学生校外托管服务",
    ),
    "media": (
        "文艺创作",
        "组织文化艺术交流活动",
        "广告设计、代理",
        "电影摄制服务",
        "演出经纪",
        "摄像及视频制作服务",
        "咨询策划服务",
        "礼仪服务",
    ),
    "trade": (
        "日用百货销售",
        "五金产品批发",
        "电子产品销售",
        "货物进出口",
        "技术进出口",
        "办公用品销售",
        "针纺织品及原料销售",
        "国内贸易代理",
        "化工产品销售（不含许可类化工产品）",
        "建筑材料销售",
        "工艺美术品及礼仪用品销售（象牙及其制品除外）",
    ),
    "agri": (
        "水果种植",
        "蔬菜种植",
        "谷物种植",
        "农业专业及辅助性活动",
        "食用农产品零售",
        "农产品的生产、销售、加工、运输、贮藏及其他相关服务",
        "农作物病虫害防治服务",
        "休闲观光活动",
    ),
    "medical": (
        "第一类医疗器械销售",
        "第二类医疗器械销售",
        "医用口罩零售",
        "医护人员防护用品批发",
        "康复辅具适配服务",
        "第三类医疗器械经营",
    ),
    "pharma": (
        "药品批发",
        "药品零售",
        "保健食品（预包装）销售",
        "医学研究和试验发展",
        "中草药种植",
        "特殊医学用途配方食品销售",
    ),
    "toys": (
        "玩具制造",
        "玩具销售",
        "体育用品及器材零售",
        "游艺用品及室内游艺器材销售",
        "母婴用品销售",
        "动漫游戏开发",
    ),
    "pets": (
        "宠物食品及用品批发",
        "宠物服务（不含动物诊疗）",
        "宠物销售",
        "饲料添加剂销售",
        "畜牧渔业饲料销售",
    ),
    "auto": (
        "汽车零配件零售",
        "汽车新车销售",
        "二手车经销",
        "机动车修理和维护",
        "小微型客车租赁经营服务",
        "洗车服务",
    ),
    "logistics": (
        "普通货物仓储服务（不含危险化学品等需许可审批的项目）",
        "国内货物运输代理",
        "道路货物运输（不含危险货物）",
        "供应链管理服务",
        "装卸搬运",
        "国际货物运输代理",
    ),
    "build": (
        "建筑材料销售",
        "建筑陶瓷制品销售",
        "轻质建筑材料制造",
        "建设工程施工",
        "住宅室内装饰装修",
        "建筑装饰材料销售",
    ),
    "jewelry": (
        "珠宝首饰批发",
        "珠宝首饰零售",
        "金银制品销售",
        "钟表销售",
        "工艺美术品及收藏品零售（象牙及其制品除外）",
        "珠宝首饰回收修理服务",
    ),
    "stationery": (
        "文具用品批发",
        "文具用品零售",
        "纸制品销售",
        "办公设备耗材销售",
        "包装装潢印刷品印刷",
        "图文设计制作",
    ),
    "mgmt": (
        "企业管理",
        "企业管理咨询",
        "信息咨询服务（不含许可类信息咨询服务）",
        "市场营销策划",
        "品牌管理",
        "人力资源服务（不含职业中介活动、劳务派遣服务）",
        "知识产权服务（专利代理服务除外）",
        "商务代理代办服务",
    ),
}

# Clauses most firms add whatever their business.
GENERAL: tuple[str, ...] = (
    "货物进出口",
    "技术进出口",
    "日用百货销售",
    "信息咨询服务（不含许可类信息咨询服务）",
    "企业管理咨询",
    "会议及展览服务",
    "办公用品销售",
    "市场营销策划",
    "社会经济咨询服务",
    "租赁服务（不含许可类租赁服务）",
    "劳务服务（不含劳务派遣）",
    "礼品花卉销售",
)
_CLOSING = (
    "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
    "（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
    "（依法须经批准的项目，经相关部门批准后方可开展经营活动，具体经营项目以相关部门批准文件或许可证件为准）",
)
_LICENSED = {
    "food": "食品生产；食品销售",
    "wine": "酒类经营",
    "catering": "餐饮服务；食品经营",
    "pharma": "药品零售；药品批发",
    "medical": "第三类医疗器械经营",
    "net": "第二类增值电信业务",
    "logistics": "道路货物运输（不含危险货物）",
    "media": "营业性演出；广播电视节目制作经营",
    "tea": "食品生产",
}
BANK = 48  # scopes prepared per line of business; companies draw from them


def _one(rng: np.random.Generator, key: str) -> str:
    own = OWN[key]
    k = int(rng.integers(1, min(len(own), 7) + 1))
    mine = [own[i] for i in rng.choice(len(own), size=k, replace=False)]
    extra = [GENERAL[i] for i in rng.choice(len(GENERAL), size=int(rng.integers(0, 5)), replace=False)]
    clauses = list(dict.fromkeys(mine + extra))
    if rng.random() < 0.3:  # general clauses first, as many extracts list them
        clauses = [clauses[i] for i in rng.permutation(len(clauses))]
    style = rng.random()
    if style < 0.55:
        text = "一般项目：" + "；".join(clauses) + "。" + str(rng.choice(_CLOSING[:1]))
        lic = _LICENSED.get(key, "")
        if lic and rng.random() < 0.6:
            text += "许可项目：" + lic + "。" + _CLOSING[2]
        return text
    if style < 0.85:
        return "、".join(clauses) + "。" + str(rng.choice(_CLOSING[1:]))
    if style < 0.95:  # older, shorter style
        return "，".join(c.split("（")[0] for c in clauses) + "。"
    return ""  # left blank in the extract


@cache
def scope_bank() -> dict[str, np.ndarray]:
    """BANK scope texts per line of business, written once from a fixed seed (batches draw from them)."""
    rng = np.random.default_rng(20220301)
    return {ind.key: np.array([_one(rng, ind.key) for _ in range(BANK)], dtype=object) for ind in INDUSTRIES}


def draw_scopes(rng: np.random.Generator, keys: np.ndarray) -> np.ndarray:
    """One scope per company whose line of business is `keys[i]`."""
    out = np.empty(len(keys), dtype=object)
    pick = rng.integers(0, BANK, size=len(keys))
    for key, texts in scope_bank().items():
        m = keys == key
        if m.any():
            out[m] = texts[pick[m]]
    return out
