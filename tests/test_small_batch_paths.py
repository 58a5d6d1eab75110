"""Small batches take plain-Python paths in normalization (pandas' fixed cost per call is larger than their data):
each must give what the pandas path gives for many rows, value for value and dtype for dtype.

Each test runs the same input twice, once with SMALL_ROWS raised above it (the Python path) and once with
SMALL_ROWS below it (the pandas path), and compares the results exactly."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import detector.batch as batch_module
import detector.normalize.identity as identity
import detector.small_batch as small_batch
from detector.io import inputs_from_records
from detector.normalize import canonical

COLUMNS = ("applicant_id", "name", "shareholders", "legal_representative")
PEOPLE_ROWS = [
    dict(zip(COLUMNS, row))
    for row in [
        ("P", "宝洁公司", "", ""),
        ("C", "宝洁中国有限公司", "宝洁公司；张三丰", "无"),
        ("S", "大靖体育文化有限公司", "武大靖", "武大靖"),
        ("A", "甲公司", None, "丁雄军"),
        ("B", "乙公司", "某某创业投资有限公司", "丁雄军"),
        ("X", "丙公司", "某某创业投资有限公司、王伟", "王伟"),
        ("Y", "丁公司", "某某创业投资有限公司", None),
        ("Z", "武汉市火神山医院", "", "张三丰"),
        ("Q", "国家航天局探月与航天工程中心", "国家航天局", ""),
    ]
]
REGISTRY_ROWS = [
    dict(zip(COLUMNS, row))
    for row in [
        ("P", "宝洁公司", "", ""),
        ("G", "国家航天局", "", "丁雄军"),
        ("H", "宝洁公司", "张三丰", ""),
        (None, "某某创业投资有限公司", "", "王伟"),
    ]
]


def _frame(rows: list[dict], drop: tuple[str, ...] = ()) -> pd.DataFrame:
    """Rows as validated tables hold them: every column `str` (missing values NaN)."""
    return pd.DataFrame(rows).drop(columns=list(drop)).astype("str")


def _limit(monkeypatch, module, value: int) -> None:
    """The small-batch limit as `module` and detector/small_batch.py (text_codes) read it."""
    monkeypatch.setattr(module, "SMALL_ROWS", value)
    monkeypatch.setattr(small_batch, "SMALL_ROWS", value)


def _both_paths(monkeypatch, module, fn):
    """fn() with the limit above any input (the Python path), then below it (the pandas path)."""
    _limit(monkeypatch, module, 10**9)
    small = fn()
    _limit(monkeypatch, module, -1)
    return small, fn()


@pytest.mark.parametrize("drop", [(), ("legal_representative",), ("shareholders", "legal_representative")])
@pytest.mark.parametrize("with_registry", [False, True])
def test_related_keys_are_the_same_on_both_paths(monkeypatch, drop, with_registry):
    hubs = [
        {"applicant_id": f"H{size}-{i}", "name": f"第{i}号公司", "shareholders": f"{size}号基金有限公司"}
        for size in (identity.HUB_HOLDERS, identity.HUB_HOLDERS + 1)
        for i in range(size)
    ]  # a value held by the most applicants that still tie, and by one more
    apps = _frame([*PEOPLE_ROWS, *hubs], drop)
    apps["canon_name"] = apps["name"]
    registry = _frame(REGISTRY_ROWS, ("shareholders",) if drop else ()) if with_registry else None
    small, frames = _both_paths(monkeypatch, identity, lambda: identity.related_keys(apps, registry))
    pd.testing.assert_series_equal(small, frames, check_exact=True)
    if not drop:
        assert (small != "").sum() >= 6  # the ties are there to compare


def test_own_keys_are_the_same_on_both_paths(monkeypatch):
    apps = _frame([*PEOPLE_ROWS, {"applicant_id": None, "name": None}, {"applicant_id": "无", "name": ""}])
    apps["canon_name"] = apps["name"]  # a missing canonical name too
    small, frames = _both_paths(monkeypatch, identity, lambda: identity.self_keys(apps))
    assert small == frames
    assert small[-2:] == [[], []]


def test_canonical_texts_are_the_same_on_both_paths(monkeypatch):
    parts = [
        pd.Series(["ＮＩＫＥ", None, "耐克", "", "ＮＩＫＥ"], dtype="str"),
        pd.Series([], dtype="str"),
        pd.Series([1, None, "華為"], dtype=object, index=[5, 3, 9]),
    ]
    small, big = _both_paths(monkeypatch, batch_module, lambda: batch_module.canonical_parts(parts))
    for s, b in zip(small, big, strict=True):
        pd.testing.assert_extension_array_equal(s, b)
    assert list(small[0]) == ["nike", "", "耐克", "", "nike"]
    elsewhere = _both_paths(  # canonical() computed by a callable (the Dask engine's workers), any array it returns
        monkeypatch,
        batch_module,
        lambda: batch_module.canonical_parts(parts, canonicalize=lambda v: list(map(canonical, v))),
    )
    for path in elsewhere:
        for s, b in zip(small, path, strict=True):
            pd.testing.assert_extension_array_equal(s, b)
    texts = pd.Series(["Ａ Ｂ", None, "a-b"], dtype="str", index=[2, 1, 0])
    small, big = _both_paths(monkeypatch, batch_module, lambda: batch_module.canonical_series(texts))
    pd.testing.assert_series_equal(small, big, check_exact=True)


def test_applicant_codes_are_the_same_on_both_paths(monkeypatch):
    ids = pd.Series(["A", "B", "C"], dtype="str")
    wanted = pd.Series(["C", None, "A", "D", "A"], dtype="str")
    small, big = _both_paths(monkeypatch, batch_module, lambda: batch_module.applicant_codes(ids, wanted))
    np.testing.assert_array_equal(small, big)
    assert small.dtype == big.dtype == np.int64 and small.tolist() == [2, -1, 0, -1, 0]


def test_a_batch_is_the_same_on_both_paths(monkeypatch):
    filings = [
        {"filing_id": f"F{i}", "mark_text": mark, "nice_class": "25", "filing_date": "2023-03-01",
         "applicant_name": row["name"], "applicant_id": row["applicant_id"]}
        for i, (mark, row) in enumerate(zip(["NIKE", "耐克", "華為", "ＮＩＫＥ", "阳光"] * 2, PEOPLE_ROWS))
    ]  # fmt: skip
    register = [
        {"registration_no": "R1", "mark_text": "NIKE", "nice_class": "25", "owner_name": "耐克创新有限合伙公司"}
    ]
    inputs = inputs_from_records(filings, [dict(r) for r in PEOPLE_ROWS], register, source="small paths test")
    inputs.registry = _frame(REGISTRY_ROWS)

    def run():
        return batch_module.prepare_batch(inputs)

    _limit(monkeypatch, identity, 10**9)
    small, big = _both_paths(monkeypatch, batch_module, run)
    _limit(monkeypatch, identity, -1)
    frames = run()
    for other in (big, frames):
        for name in ("filings", "filing_classes", "applicants", "register"):
            pd.testing.assert_frame_equal(getattr(small, name), getattr(other, name), check_exact=True)
        assert small.memo == other.memo
    assert list(small.applicants.columns[-4:]) == ["canon_name", "trade_name", "canon_trade_name", "identity_keys"]
