"""How much an applicant files: filings, distinct classes, distinct marks."""

from __future__ import annotations

from detector.metrics.applicant.table import ApplicantMetricInputs, distinct_count, mark_codes
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text


@computes(
    "applicant",
    order=10,
    metrics=[
        Metric(
            "n_filings",
            "number",
            "filings",
            Text(en="Filings of the applicant in the batch", zh="申请人在本批次的申请件数"),
        ),
        Metric("n_classes", "number", "classes", Text(en="Distinct Nice classes designated", zh="指定的不同类别数")),
        Metric(
            "n_marks", "number", "marks", Text(en="Distinct canonical mark texts filed", zh="不同商标（规范化后）数")
        ),
    ],
)
def volume(x: ApplicantMetricInputs) -> Columns:
    """Distinct classes and marks per applicant by integer codes (distinct_count), not by frames of pairs."""
    fc = x.batch.filing_classes
    marks, _ = mark_codes(x.batch)
    return {
        "n_filings": x.n_filings,
        "n_classes": distinct_count(fc["app"].to_numpy(), fc["nice_class"].to_numpy(), x.n_apps),
        "n_marks": distinct_count(x.app[x.has_mark], marks[x.has_mark], x.n_apps),
    }
