"""named_after_mark: an organisation files a mark its own trade name (字号) contains — evidence, never an exemption.

A trade name is chosen by whoever registers the firm: 深圳市耐克优品贸易有限公司 files 耐克, 杭州星巴克餐饮管理有限公司
files 星巴克. For the brand's owner that is its own mark (the exceptions know the owner by identity); for anyone else
a firm named after another's reputed mark that then files the mark is a classic squatter (Trademark Law Art. 58:
another's mark used as a trade name to mislead the public is unfair competition). Rules combine it with a match on
famous marks (SQUAT-007/008); alone it means nothing (a shop files its own shop name).

The mark (canonical, two or more characters) and the trade name (two or more) contain one another; a Latin mark of
four or more letters that reads as pinyin is compared with the pinyin of two or more consecutive syllables of the
trade name (HUAWEI for 华为智能). Natural persons have no trade name.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.metrics.applicant.table import mark_codes, text_eq
from detector.metrics.filing.table import FilingMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.normalize import pinyin_keys
from detector.normalize.syllables import is_pinyin
from detector.text import Text


def _contains(mark: str, trade: str) -> bool:
    return len(mark) >= 2 and len(trade) >= 2 and (mark in trade or trade in mark)


def _runs(syllables: list[str]) -> set[str]:
    """The Latin spellings of two or more consecutive syllables."""
    return {"".join(syllables[i:j]) for i in range(len(syllables)) for j in range(i + 2, len(syllables) + 1)}


def named_after(marks: pd.Series, trades: pd.Series) -> np.ndarray:
    """Per row: the mark and the trade name contain one another, or the Latin mark spells part of its pinyin."""
    if not len(marks):
        return np.zeros(0, dtype=bool)
    mark_code, mark_of = pd.factorize(marks.astype("str").fillna(""))
    trade_code, trade_of = pd.factorize(trades.astype("str").fillna(""))
    return _named_after_codes(
        mark_code, np.asarray(mark_of, dtype=object), trade_code, np.asarray(trade_of, dtype=object)
    )


def _named_after_codes(
    mark_code: np.ndarray, mark_of: np.ndarray, trade_code: np.ndarray, trade_of: np.ndarray
) -> np.ndarray:
    """named_after() of rows given as codes of their mark and trade name texts (str; a code may repeat a text)."""
    width = len(trade_of)  # each distinct (mark, trade name) pair once, by its two codes
    pairs, codes = np.unique(mark_code.astype(np.int64) * width + trade_code, return_inverse=True)
    ms = mark_of[pairs // width].tolist()
    ts = trade_of[pairs % width].tolist()
    out = np.array([_contains(m, t) for m, t in zip(ms, ts)], dtype=bool)
    latin = [i for i, m in enumerate(ms) if not out[i] and len(m) >= 4 and m.isascii() and m.isalpha() and ts[i]]
    latin = [i for i in latin if is_pinyin(ms[i]) and not ts[i].isascii()]
    if latin:
        names = sorted({ts[i] for i in latin})
        spelled = dict(zip(names, (_runs(k.split()) for k in pinyin_keys(names))))
        for i in latin:
            out[i] = ms[i] in spelled[ts[i]]
    return out[codes.reshape(-1)]


@computes(
    "filing",
    order=45,
    metrics=[
        Metric(
            "named_after_mark",
            "bool",
            "",
            Text(
                en="The applicant is an organisation whose trade name (字号) contains the filed mark or is contained "
                "in it (a Latin mark: the pinyin of its trade name); evidence for squatting when the mark is another's",
                zh="申请人为组织且其字号包含所申请商标或被其包含（拉丁字母商标：字号的拼音）；若商标属于他人，则为抢注证据",
            ),
        )
    ],
)
def named_after_mark(x: FilingMetricInputs) -> Columns:
    """named_after() on the batch's shared mark codes and codes of the applicants' trade names (a person's: ""),
    without building and factorizing two text Series per call; a missing text is "" as there."""
    apps = x.batch.applicants
    app = x.filings["app"].to_numpy()
    if not len(app):
        return {"named_after_mark": np.zeros(0, dtype=bool)}
    company_app = ~text_eq(apps["entity_type"], "individual")  # Series.ne: a missing value is not "individual"
    trade_app = np.where(company_app, apps["canon_trade_name"].to_numpy(dtype=object), "")
    trade_code, trade_of = pd.factorize(trade_app, use_na_sentinel=False)
    codes, marks = mark_codes(x.batch)
    found = _named_after_codes(codes, _texts(marks), trade_code[app], _texts(np.asarray(trade_of, dtype=object)))
    return {"named_after_mark": found & company_app[app]}


def _texts(values: np.ndarray) -> np.ndarray:
    """The values with a missing one as "" (astype("str").fillna(""))."""
    return np.array([v if isinstance(v, str) else "" for v in values.tolist()], dtype=object)
