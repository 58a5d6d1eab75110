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


def short_unrelated(canon: pd.Series, tie: pd.Series) -> np.ndarray:
    """Short marks (2-3 CJK chars or <= 6 Latin letters) sharing no character with the tie text."""
    marks, ties = canon.to_numpy(dtype=object).tolist(), tie.to_numpy(dtype=object).tolist()
    return np.fromiter(
        (_is_short(m) and not (set(m) & set(t)) for m, t in zip(marks, ties)), dtype=bool, count=len(marks)
    )


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
    tie = x.applicants["canon_trade_name"].to_numpy()[x.app]
    short = short_unrelated(x.filings["canon"], pd.Series(tie))
    return {
        "short_mark_share": np.bincount(x.app, weights=short.astype(float), minlength=x.n_apps)
        / np.maximum(x.marks_per_app, 1)
    }
