"""Per-filing metrics: the mark's length and kind, herd filing of the same mark, the register's owners of it."""

from __future__ import annotations

import numpy as np
import pandas as pd

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


def compute_filing_metrics(
    batch: Batch,
    cluster_code: np.ndarray,
    herd: tuple[np.ndarray, np.ndarray] | None = None,
    filing_idx: np.ndarray | None = None,
) -> pd.DataFrame:
    """One row per filing: context columns and the filing metrics of the catalogue.

    A partition engine passes `herd` (herd_applicants, herd_concentration computed over the whole batch) and the
    global `filing_idx` of its rows; by default both are computed here over `batch`.
    """
    f = batch.filings
    out = pd.DataFrame(
        {
            "filing_idx": np.arange(len(f)) if filing_idx is None else filing_idx,
            "filing_id": f["filing_id"].to_numpy(),
            "app": f["app"].to_numpy(),
            "applicant_id": f["applicant_id"].to_numpy(),
            "applicant_name": f["applicant_name"].to_numpy(),
            "mark_text": f["mark_text"].to_numpy(),
            "filing_date": f["filing_date"].dt.strftime("%Y-%m-%d").to_numpy(),
            "nice_class": f["nice_class"].to_numpy(),
        }
    )
    canon = f["canon"]
    out["n_classes"] = f["n_classes"].to_numpy()
    out["mark_length"] = canon.str.len().to_numpy()
    out["is_figurative"] = canon.eq("").to_numpy()
    if herd is None:
        herd = batch_herd(batch, cluster_code)
    herd, conc = herd
    out["herd_applicants"] = herd
    out["herd_concentration"] = conc
    reg = batch.register
    if reg is not None and not reg.empty:
        owners = reg.groupby("canon")["canon_owner"].nunique()
        out["register_owners_same_mark"] = canon.map(owners).fillna(0).astype(np.int64).to_numpy()
    else:
        out["register_owners_same_mark"] = np.nan  # unknown without a register
    assignee = f["assignee"]
    out["assigned"] = (assignee.ne("") & assignee.ne(f["applicant_name"])).to_numpy()
    return out
