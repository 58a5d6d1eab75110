"""Industry profiles: company-name industry word and the Nice classes a line of business files in.

An ordinary business files in its core classes with some spill-over to adjacent ones. Its business scope text is
written by detector.synth.scopes in registry wording, independently of the screening keyword table.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Industry:
    """One line of business."""

    key: str
    name_word: str  # industry word in the company name
    core: tuple[int, ...]  # classes of its goods/services
    adjacent: tuple[int, ...]  # classes it plausibly also files
    weight: float


INDUSTRIES: tuple[Industry, ...] = (
    Industry("tech", "科技", (9, 42), (35, 38, 41), 3.0),
    Industry("net", "网络科技", (9, 42, 35), (38, 41), 2.0),
    Industry("food", "食品", (29, 30), (31, 32, 35), 2.5),
    Industry("tea", "茶业", (30,), (31, 21, 35, 43), 0.8),
    Industry("wine", "酒业", (33,), (32, 35), 0.7),
    Industry("apparel", "服饰", (25,), (18, 14, 35, 24), 2.5),
    Industry("cosmetics", "生物科技", (3,), (5, 44, 35, 21), 1.5),
    Industry("beauty", "美容", (44,), (3, 35), 0.8),
    Industry("home", "家居", (20, 24), (21, 27, 35, 37), 1.5),
    Industry("appliance", "电器", (11, 7), (9, 35, 37), 1.2),
    Industry("catering", "餐饮管理", (43,), (29, 30, 35, 32), 2.0),
    Industry("education", "教育咨询", (41,), (9, 16, 35), 1.5),
    Industry("media", "文化传媒", (41, 35), (9, 16, 38), 1.5),
    Industry("trade", "贸易", (35,), (21, 25, 9, 8, 18), 2.5),
    Industry("agri", "农业科技", (31,), (29, 30, 35, 44), 1.2),
    Industry("medical", "医疗器械", (10, 5), (35, 44), 0.8),
    Industry("pharma", "医药", (5,), (35, 44, 10), 0.6),
    Industry("toys", "玩具", (28,), (16, 9, 35, 41), 0.8),
    Industry("pets", "宠物用品", (31, 18), (21, 44, 35), 0.6),
    Industry("auto", "汽车服务", (12, 37), (35, 39), 0.6),
    Industry("logistics", "物流", (39,), (35, 36), 0.6),
    Industry("build", "建材", (19, 37), (6, 2, 35, 20), 0.8),
    Industry("jewelry", "珠宝", (14,), (26, 35, 18), 0.5),
    Industry("stationery", "文具", (16,), (9, 28, 35), 0.5),
    Industry("mgmt", "企业管理", (35,), (41, 36, 45), 1.0),
)

# Goods or services as filed, one short description per class.
CLASS_GOODS: dict[int, str] = {
    1: "工业用化学品;肥料",
    2: "涂料;油漆",
    3: "化妆品;洗面奶;香水;洗衣液",
    4: "工业用油;蜡烛",
    5: "药品;营养补充剂;消毒剂",
    6: "普通金属合金;五金器具",
    7: "厨房用电动机器;包装机",
    8: "手工具;刀具;剃须刀",
    9: "计算机软件;手机;耳机;电池",
    10: "医疗器械;按摩器械;口罩",
    11: "照明灯;空气净化器;热水器",
    12: "汽车;电动自行车;汽车轮胎",
    13: "烟花;火器",
    14: "首饰;手表;珠宝",
    15: "乐器",
    16: "纸;笔记本;文具;印刷品",
    17: "橡胶;塑料管",
    18: "皮包;箱子;宠物服装",
    19: "陶瓷砖;建筑材料",
    20: "家具;镜子;枕头",
    21: "杯子;厨房用具;牙刷",
    22: "绳索;帐篷",
    23: "纱;线",
    24: "床单;毛巾;布料",
    25: "服装;鞋;帽",
    26: "花边;发夹",
    27: "地毯;地垫",
    28: "玩具;体育活动器械",
    29: "肉;牛奶制品;食用油;坚果",
    30: "茶;咖啡;糕点;调味品;米",
    31: "新鲜水果;新鲜蔬菜;动物饲料",
    32: "啤酒;饮料;矿泉水",
    33: "白酒;葡萄酒",
    34: "烟具;电子香烟",
    35: "广告;替他人推销;特许经营的商业管理",
    36: "保险;金融服务;不动产管理",
    37: "建筑;维修;清洁服务",
    38: "信息传送;电视播放",
    39: "运输;仓储;旅行安排",
    40: "材料处理;定做材料装配",
    41: "教育;培训;组织文化活动",
    42: "软件设计;技术研究;包装设计",
    43: "餐厅;住宿;咖啡馆",
    44: "医疗服务;美容院;园艺",
    45: "法律服务;安保服务;社交陪伴",
}
