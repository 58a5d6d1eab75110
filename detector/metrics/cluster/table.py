"""The cluster metric table: what its metrics read (ClusterMetricInputs) and the one entry point computing it."""

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
class ClusterMetricInputs:
    """The batch (or a partition), each applicant code's cluster code (-1: none), the cluster ids in code order,
    the applicant metric table (by applicant code), the filing-rule flags and each cluster's link types."""

    batch: Batch
    cluster_code: np.ndarray
    cluster_ids: list[str]
    applicant_metrics: pd.DataFrame
    flags: pd.DataFrame
    link_types: dict[str, list[str]]

    @property
    def n_clusters(self) -> int:
        return len(self.cluster_ids)

    @cached_property
    def filing_cluster(self) -> np.ndarray:
        """Cluster code of each filing's applicant (-1: none)."""
        app = self.batch.filings["app"].to_numpy()
        return self.cluster_code[app] if len(app) else app

    @cached_property
    def members(self) -> np.ndarray:
        """Applicant codes that belong to a cluster, ascending."""
        return np.flatnonzero(self.cluster_code >= 0)

    @cached_property
    def n_filings(self) -> np.ndarray:
        """Filings per cluster."""
        fcl = self.filing_cluster
        return np.bincount(fcl[fcl >= 0], minlength=self.n_clusters)

    def member_sum(self, values: np.ndarray) -> np.ndarray:
        """Per cluster, the sum of one value per applicant code over its members (float)."""
        return np.bincount(self.cluster_code[self.members], weights=values[self.members], minlength=self.n_clusters)


def compute_cluster_metrics(
    batch: Batch,
    cluster_code: np.ndarray,
    cluster_ids: list[str],
    applicant_metrics: pd.DataFrame,
    flags: pd.DataFrame,
    link_types: dict[str, list[str]],
) -> pd.DataFrame:
    """One row per cluster (code order = `cluster_ids`): cluster_id, then every registered cluster metric in
    declared order. `cluster_code` maps applicant code -> cluster code or -1."""
    inputs = ClusterMetricInputs(batch, cluster_code, cluster_ids, applicant_metrics, flags, link_types)
    return compute_table("cluster", inputs, {"cluster_id": cluster_ids})
