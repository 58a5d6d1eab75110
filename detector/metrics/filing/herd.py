"""Herd filing: unrelated applicants filing the same mark within days of each other (a name in the news)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from detector.metrics.filing.table import FilingMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.text import Text

if TYPE_CHECKING:
    from detector.batch import Batch

HERD_DAYS = 30


def herd_counts(
    mark: np.ndarray, actor: np.ndarray, day: np.ndarray, valid: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per filing: other actors filing the same mark within ±HERD_DAYS of this actor's first filing of it,
    and that burst's share of all actors of the mark in the batch."""
    n = len(mark)
    herd = np.zeros(n, dtype=np.int64)
    conc = np.zeros(n, dtype=float)
    idx = np.flatnonzero(valid)
    if not len(idx):
        return herd, conc
    firsts = pd.DataFrame({"m": mark[idx], "a": actor[idx], "d": day[idx]}).groupby(["m", "a"], sort=True)["d"].min()
    m = firsts.index.get_level_values(0).to_numpy().astype(np.int64)
    d = firsts.to_numpy().astype(np.int64)
    d0 = d - d.min()
    width = int(d0.max()) + 2 * HERD_DAYS + 2
    key = m * width + d0 + HERD_DAYS
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    lo = np.searchsorted(sorted_key, key - HERD_DAYS, side="left")
    hi = np.searchsorted(sorted_key, key + HERD_DAYS, side="right")
    burst = hi - lo
    total = np.bincount(m, minlength=int(m.max()) + 1)[m]
    pair = pd.DataFrame({"m": m, "a": firsts.index.get_level_values(1).to_numpy(), "burst": burst, "total": total})
    per_filing = pd.DataFrame({"m": mark[idx], "a": actor[idx]}).merge(pair, on=["m", "a"], how="left")
    herd[idx] = per_filing["burst"].to_numpy() - 1
    conc[idx] = per_filing["burst"].to_numpy() / per_filing["total"].to_numpy()
    return herd, conc


def filing_actor(app: np.ndarray, cluster_code: np.ndarray, n_apps: int) -> np.ndarray:
    """Who files: the cluster code for linked applicants, n_apps + applicant code for the others."""
    return np.where(cluster_code[app] >= 0, cluster_code[app], n_apps + app) if len(app) else app


def batch_herd(batch: Batch, cluster_code: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """herd_counts over every filing of `batch` (marks of >= 2 canonical characters)."""
    f = batch.filings
    canon = f["canon"]
    mark_code, _ = pd.factorize(canon)
    actor = filing_actor(f["app"].to_numpy(), cluster_code, batch.n_apps)
    return herd_counts(mark_code, actor, f["day"].to_numpy(), (canon.str.len() >= 2).to_numpy())


@computes(
    "filing",
    order=30,
    metrics=[
        Metric(
            "herd_applicants",
            "number",
            "applicants",
            Text(
                en="Distinct applicants (not linked to this one) that filed the same canonical mark within 30 days "
                "either side",
                zh="前后30天内提交相同商标（规范化后）的其他无关联申请人数",
            ),
        ),
        Metric(
            "herd_concentration",
            "number",
            "share 0-1",
            Text(
                en="Share of all applicants of this mark in the batch that filed within that 30-day burst",
                zh="该商标在本批次的全部申请人中，集中在该30天内的比例",
            ),
        ),
    ],
)
def herd(x: FilingMetricInputs) -> Columns:
    counts, concentration = batch_herd(x.batch, x.cluster_code) if x.herd is None else x.herd
    return {"herd_applicants": counts, "herd_concentration": concentration}
