"""The filing metric table: what its metrics read (FilingMetricInputs) and the one entry point computing it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from detector.metrics.registry import column_values, compute_table

if TYPE_CHECKING:
    from detector.batch import Batch


@dataclass(frozen=True)
class FilingMetricInputs:
    """The batch (or one partition of it), the cluster code of each applicant code (-1: none), the herd and wave
    columns (herd.HERD_COLUMNS, one row per filing) when a partition engine computed them over the whole batch, and
    the run's reference lists (the generic affixes and terms a wave's term may not be)."""

    batch: Batch
    cluster_code: np.ndarray
    herd: pd.DataFrame | None = None
    lists: dict | None = None

    @property
    def filings(self) -> pd.DataFrame:
        return self.batch.filings


def compute_filing_metrics(
    batch: Batch,
    cluster_code: np.ndarray,
    herd: pd.DataFrame | None = None,
    filing_idx: np.ndarray | None = None,
    lists: dict | None = None,
) -> pd.DataFrame:
    """One row per filing: context columns, then every registered filing metric in declared order.

    A partition engine passes `herd` (computed over the whole batch) and the global `filing_idx` of its rows; by
    default both are computed here over `batch`.
    """
    f = batch.filings
    keys = {
        "filing_idx": np.arange(len(f)) if filing_idx is None else filing_idx,
        "filing_id": column_values(f["filing_id"]),
        "app": f["app"].to_numpy(),
        "applicant_id": column_values(f["applicant_id"]),
        "applicant_name": column_values(f["applicant_name"]),
        "mark_text": column_values(f["mark_text"]),
        "filing_date": f["filing_date"].dt.strftime("%Y-%m-%d").to_numpy(),
        "nice_class": column_values(f["nice_class"]),
    }
    return compute_table("filing", FilingMetricInputs(batch, cluster_code, herd, lists), keys)
