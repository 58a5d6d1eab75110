"""trade_names (detector/normalize/trade_name.py): a company's 字号, a person's own name, each distinct name parsed
once; the same Series the former pandas where/eq formulation gave (values, index, dtype)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.normalize.trade_name import trade_name, trade_names

NAMES = ["深圳市鑫隆达贸易有限公司", "张三", "北京 华为 技术有限公司", "", "ACME Ltd", "上海市瑾鑫宇企业管理有限公司"]


def _former(names: pd.Series, entity_type: pd.Series) -> pd.Series:
    codes, uniques = pd.factorize(names)
    table = pd.Series([trade_name(u) for u in uniques], dtype="str")
    out = pd.Series(table.to_numpy()[codes], index=names.index, dtype="str")
    return out.where(entity_type.eq("company"), names)


def test_company_trade_name_and_person_name():
    got = trade_names(pd.Series(["深圳市鑫隆达贸易有限公司", "张三"]), pd.Series(["company", "individual"]))
    assert got.tolist() == ["鑫隆达", "张三"]


def test_same_as_the_former_formulation():
    rng = np.random.default_rng(0)
    for _ in range(200):
        n = int(rng.integers(0, 20))
        names = pd.Series(rng.choice(NAMES, n), dtype="str", index=rng.permutation(n))
        kinds = pd.Series(rng.choice(["company", "individual", "", None], n), dtype="str", index=names.index)
        pd.testing.assert_series_equal(trade_names(names, kinds), _former(names, kinds))


def test_forked_chunks_give_the_same_names(monkeypatch):
    """Past PARALLEL_MIN distinct names, two forked processes read a chunk each: the same trade names, in order."""
    from detector import fork_map as forking
    from detector.normalize import trade_name as module

    n = module.PARALLEL_MIN + 1_000
    base = [NAMES[i % len(NAMES)] for i in range(n)]
    names = pd.Series([f"{name[:2]}{i}号{name[2:]}" for i, name in enumerate(base)], dtype="str")
    kinds = pd.Series(["company" if i % 5 else "individual" for i in range(n)], dtype="str")
    alone = trade_names(names, kinds)
    calls = []
    real = forking.fork_map
    monkeypatch.setattr(
        forking, "fork_map", lambda task, k, jobs, what: calls.append((k, jobs, what)) or real(task, k, jobs, what)
    )
    forked = trade_names(names, kinds, jobs=2)
    assert calls == [(2, 2, "trade names")]
    pd.testing.assert_series_equal(forked, alone)
    assert alone.nunique() > n // 2  # the names really differ: chunks are not all one value
