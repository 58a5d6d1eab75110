"""Applicant metrics: one module per metric, or per group of metrics computed together, each registered with the
catalogue entries it produces (detector/metrics/registry.py).

`compute_applicant_metrics(ApplicantMetricInputs(...))` runs them in declared order. Importing the package imports
every module in it, so a new metric is one new file plus its test (docs/metrics-howto.md).
"""

from __future__ import annotations

import importlib
import pkgutil

from detector.metrics.applicant.famous_owner import owns_famous
from detector.metrics.applicant.own_marks import own_forms_and_filings, own_forms_of
from detector.metrics.applicant.table import ApplicantMetricInputs, compute_applicant_metrics

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["ApplicantMetricInputs", "compute_applicant_metrics", "own_forms_and_filings", "own_forms_of", "owns_famous"]
