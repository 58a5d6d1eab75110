"""place_mark: place-name marks (a place alone or with only generic words) and applicants located elsewhere.

Expected values by hand from rules/lists/place_names.yaml (淄博市 370300, 威海市 371000, 宿迁市 321300, 苏州市
320500, 张店区 370303) and the metric's docstring."""

import numpy as np

from detector.batch import prepare_batch
from detector.io import inputs_from_records
from detector.metrics.filing import compute_filing_metrics
from detector.metrics.filing.place_mark import related, vocabulary


def _metrics(rows):
    filings = [
        {"filing_id": f"F{i}", "mark_text": m, "nice_class": c, "filing_date": "2023-04-01", "applicant_name": a}
        | ({"applicant_address": addr} if addr else {})
        for i, (m, c, a, addr) in enumerate(rows)
    ]
    batch = prepare_batch(inputs_from_records(filings))
    return compute_filing_metrics(batch, np.full(batch.n_apps, -1)).set_index("filing_id")


def test_parse_marks():
    v = vocabulary(None)
    assert v.parse_mark("淄博烧烤")[::2] == ("淄博市", True)
    assert v.parse_mark("正宗淄博烧烤")[0] == "淄博市"  # a generic prefix before the place
    assert v.parse_mark("苏州老酒")[0] == "苏州市"
    assert v.parse_mark("淄博") == ("淄博市", ("370300",), False)  # bare place name
    # near misses: a distinctive rest, another meaning, a place inside a word, an affix without goods name
    for mark in (
        "安吉竹海云栖",
        "金凤凰",
        "凤凰自行车",
        "白云深处",
        "老张家炉饼烤肉",
        "稻香坊大米",
        "杭州科技",
        "长城",
    ):
        assert v.parse_mark(mark)[0] == "", mark


def test_located_and_related():
    v = vocabulary(None)
    assert v.located("淄博市张店区老张家烧烤店") == ("370303",)
    assert v.located("大靖体育文化（北京）有限公司") == ("110000",)
    assert v.located("王二") == ()
    assert related(("370303",), ("370300",))  # a district of the city
    assert related(("370000",), ("370300",))  # only the province stated: not elsewhere
    assert not related(("371000",), ("370300",))  # 威海 is not 淄博, though both are in 山东


def test_elsewhere_and_counts():
    t = _metrics(
        [
            ("淄博烧烤", "29", "威海润丰农业科技股份有限公司", ""),
            ("淄博烧烤", "43", "威海润丰农业科技股份有限公司", ""),
            ("淄博烧烤", "43", "淄博市烧烤协会", ""),
            ("安吉茶", "30", "竹乡茶业有限公司", "浙江省湖州市安吉县递铺街道"),
            ("淄博烧烤", "43", "王二", ""),
            ("苏州老酒", "33", "宿迁市古窖酒业有限公司", ""),
            ("宿迁老酒", "33", "宿迁市古窖酒业有限公司", ""),
        ]
    )
    assert t["place_elsewhere"].tolist() == [True, True, False, False, False, True, False]
    assert t["place_generic"].all()
    assert t["place_elsewhere_classes"].tolist() == [2, 2, 0, 0, 0, 1, 1]
    assert t["place_mark_places"].tolist() == [1, 1, 1, 1, 1, 2, 2]


def test_a_vocabulary_without_place_or_generic_lists_is_empty():
    from detector.metrics.filing.place_mark import PlaceVocabulary

    empty = PlaceVocabulary({})
    assert empty.places == {} and empty.words == set()
    assert empty.parse_mark("北京烤鸭") == ("", (), False)
