"""Filings of the applicant that filing rules flagged, per rule group: public-interest signs and squatting."""

from __future__ import annotations

import numpy as np

from detector.metrics.applicant.table import ApplicantMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text

GROUP_COLUMNS = (("public_interest", "protected_sign_hits"), ("squatting", "famous_mark_hits"))


@computes(
    "applicant",
    order=90,
    metrics=[
        Metric(
            "protected_sign_hits",
            "number",
            "filings",
            Text(
                en="Filings hit by a public-interest rule (Olympic, emergency, public figure, project ...)",
                zh="命中公共利益类规则的申请件数",
            ),
        ),
        Metric(
            "famous_mark_hits",
            "number",
            "filings",
            Text(en="Filings hit by a squatting rule (copies of others' marks)", zh="命中抢注他人商标类规则的申请件数"),
        ),
    ],
)
def rule_hits(x: ApplicantMetricInputs) -> Columns:
    out: Columns = {}
    for group, name in GROUP_COLUMNS:
        idx = x.flags.loc[x.flags["group"].eq(group), "filing_idx"].unique()
        out[name] = np.bincount(x.app[idx], minlength=x.n_apps) if len(idx) else 0
    return out
