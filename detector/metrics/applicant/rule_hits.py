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
    """Each flagged filing counted once per group: marked in a boolean array per filing rather than by a frame's
    .loc and unique (the count per applicant does not depend on the order of the filings)."""
    out: Columns = {}
    groups = x.flags["group"].to_numpy(dtype=object)
    filing_idx = x.flags["filing_idx"].to_numpy()
    for group, name in GROUP_COLUMNS:
        idx = filing_idx[groups == group]
        if not len(idx):
            out[name] = 0
            continue
        flagged = np.zeros(len(x.app), dtype=bool)
        flagged[idx] = True
        out[name] = np.bincount(x.app[flagged], minlength=x.n_apps)
    return out
