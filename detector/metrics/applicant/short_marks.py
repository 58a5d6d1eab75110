"""short_mark_share: short marks unrelated to the applicant's own name, the hoarder's stock in trade."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from detector.metrics.applicant.table import ApplicantMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text

_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_LATIN = re.compile(r"^[a-z0-9]+$")


def _is_short(mark: str) -> bool:
    if _CJK.match(mark):
        return 2 <= len(mark) <= 3
    return bool(_LATIN.match(mark)) and 2 <= len(mark) <= 6


def short_unrelated(canon: pd.Series, tie: np.ndarray) -> np.ndarray:
    """Short marks (2-3 CJK chars or <= 6 Latin letters) sharing no character with the tie text (`tie`: one per
    mark). Each distinct mark is tested once, and only the short ones are compared with their tie (a text column
    turned into a million Python strings twice cost ~0.7 s at 1,000,000 filings)."""
    codes, uniques = pd.factorize(canon, use_na_sentinel=False)
    marks = np.asarray(uniques, dtype=object)
    short = np.fromiter((_is_short(m) for m in marks.tolist()), dtype=bool, count=len(marks))[codes]
    rows = np.flatnonzero(short)
    short[rows] = [set(m).isdisjoint(t) for m, t in zip(marks[codes[rows]].tolist(), tie[rows].tolist())]
    return short


@computes(
    "applicant",
    order=60,
    metrics=[
        Metric(
            "short_mark_share",
            "number",
            "share 0-1",
            Text(
                en="Share of marks that are short (2-3 Chinese characters or up to 6 Latin letters) and share no "
                "character with the applicant's trade name",
                zh="与申请人字号无任何相同字、且较短（2-3个汉字或不超过6个字母）的商标比例",
            ),
        )
    ],
)
def short_marks(x: ApplicantMetricInputs) -> Columns:
    tie = x.applicants["canon_trade_name"].to_numpy(dtype=object)[x.app]  # per filing, its applicant's trade name
    short = short_unrelated(x.filings["canon"], tie)
    return {
        "short_mark_share": np.bincount(x.app, weights=short.astype(float), minlength=x.n_apps)
        / np.maximum(x.marks_per_app, 1)
    }
