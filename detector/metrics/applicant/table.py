"""The applicant metric table: what its metrics read (ApplicantMetricInputs) and the one entry point computing it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from detector.metrics.registry import compute_table

if TYPE_CHECKING:
    from detector.batch import Batch


@dataclass(frozen=True)
class ApplicantMetricInputs:
    """The batch (or one partition of it) and the facts about its applicants that come from elsewhere.

    `flags`: filing_idx (row of `batch.filings`), group (public_interest|squatting), owner — the filing-rule hits.
    `list_filings`: {'place_name': bool per filing, 'generic_term': bool per filing}; a category left out counts 0.
    `watch_apps`, `cluster_size`: one value per applicant code. `own_forms` / `famous` (own_forms_of, owns_famous
    of the whole batch, per applicant code) are given by a partition engine whose `batch` holds only some
    applicants, since register owners are matched against every applicant; by default computed from `batch`.

    The derived arrays below (codes, days, per-applicant counts) are computed once and shared by the metrics.
    """

    batch: Batch
    scope_classes: dict[str, list[int]]
    flags: pd.DataFrame
    list_filings: dict[str, np.ndarray]
    watch_apps: np.ndarray
    agency_names: set[str]
    cluster_size: np.ndarray
    own_forms: list[list[str]] | None = None
    famous: np.ndarray | None = None
    repeat_apps: np.ndarray | None = None  # confirmed in a registry, or linked to one (issue 16); None: nobody

    @classmethod
    def standalone(cls, batch: Batch, scope_classes: dict[str, list[int]] | None = None) -> ApplicantMetricInputs:
        """The inputs of `batch` seen on its own (tests, notebooks): no rule or list hits, watchlists, agencies or
        clusters."""
        return cls(
            batch=batch,
            scope_classes=scope_classes or {},
            flags=pd.DataFrame({"filing_idx": pd.Series(dtype="int64"), "group": [], "owner": []}),
            list_filings={},
            watch_apps=np.zeros(batch.n_apps, dtype=bool),
            agency_names=set(),
            cluster_size=np.ones(batch.n_apps, dtype=np.int64),
        )

    @property
    def filings(self) -> pd.DataFrame:
        return self.batch.filings

    @property
    def applicants(self) -> pd.DataFrame:
        return self.batch.applicants

    @property
    def n_apps(self) -> int:
        return self.batch.n_apps

    @cached_property
    def app(self) -> np.ndarray:
        """Applicant code of each filing."""
        return self.filings["app"].to_numpy()

    @cached_property
    def day(self) -> np.ndarray:
        """Day number (days since 1970-01-01) of each filing."""
        return self.filings["day"].to_numpy()

    @cached_property
    def n_filings(self) -> np.ndarray:
        """Filings per applicant."""
        return np.bincount(self.app, minlength=self.n_apps)

    @cached_property
    def first_day(self) -> np.ndarray:
        """Day of each applicant's first filing (int64 max when it has none)."""
        first = np.full(self.n_apps, np.iinfo(np.int64).max)
        np.minimum.at(first, self.app, self.day)
        return first

    @cached_property
    def last_day(self) -> np.ndarray:
        """Day of each applicant's last filing (int64 min when it has none)."""
        last = np.full(self.n_apps, np.iinfo(np.int64).min)
        np.maximum.at(last, self.app, self.day)
        return last

    @cached_property
    def has_mark(self) -> np.ndarray:
        """Per filing: the mark has text (is not purely figurative)."""
        return self.filings["canon"].ne("").to_numpy()

    @cached_property
    def marks_per_app(self) -> np.ndarray:
        """Filings with mark text per applicant (float, a share's denominator)."""
        return np.bincount(self.app, weights=self.has_mark.astype(float), minlength=self.n_apps)


def compute_applicant_metrics(inputs: ApplicantMetricInputs) -> pd.DataFrame:
    """One row per applicant code: applicant_id, applicant_name, then every registered applicant metric in declared
    order, except the batch-wide anomaly_score, which is added to the merged table of the whole batch afterwards."""
    apps = inputs.applicants
    return compute_table("applicant", inputs, {"applicant_id": apps["applicant_id"], "applicant_name": apps["name"]})
