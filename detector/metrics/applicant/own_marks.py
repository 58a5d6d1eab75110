"""own_mark_share: filings that are variants of the applicant's own marks (its registered marks, its trade name)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from detector.metrics.applicant.table import ApplicantMetricInputs
from detector.metrics.owner_codes import owner_codes
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text

if TYPE_CHECKING:
    from detector.batch import Batch


def own_mark(canon: pd.Series, app: np.ndarray, own_forms: list[list[str]]) -> np.ndarray:
    """The mark contains one of the applicant's own forms (registered marks, trade name) or is part of one."""
    out = np.zeros(len(canon), dtype=bool)
    for i, (m, a) in enumerate(zip(canon.to_numpy(dtype=object).tolist(), app.tolist())):
        if len(m) < 2:
            continue
        for form in own_forms[a]:
            if form in m or (len(m) >= 2 and m in form):
                out[i] = True
                break
    return out


def own_forms_of(batch: Batch) -> list[list[str]]:
    """Per applicant code: its trade name (if >= 2 chars) and the canonical marks it owns in the register."""
    apps = batch.applicants
    forms: list[list[str]] = [[t] if len(t) >= 2 else [] for t in apps["canon_trade_name"]]
    reg = batch.register
    if reg is not None and not reg.empty:
        owner = owner_codes(apps, reg["owner_id"], reg["canon_owner"])
        for code, mark in zip(owner, reg["canon"]):
            if code >= 0 and len(mark) >= 2 and mark not in forms[code]:
                forms[code].append(mark)
    return forms


@computes(
    "applicant",
    order=70,
    metrics=[
        Metric(
            "own_mark_share",
            "number",
            "share 0-1",
            Text(
                en="Share of filings that are variants of the applicant's own mark: its registered marks or its "
                "trade name",
                zh="属于申请人自有商标（在先注册商标或字号）变体的申请比例",
            ),
        )
    ],
)
def own_marks(x: ApplicantMetricInputs) -> Columns:
    forms = own_forms_of(x.batch) if x.own_forms is None else x.own_forms
    own = own_mark(x.filings["canon"], x.app, forms)
    return {
        "own_mark_share": np.bincount(x.app, weights=own.astype(float), minlength=x.n_apps)
        / np.maximum(x.marks_per_app, 1)
    }
