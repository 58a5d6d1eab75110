"""Per-cluster metrics: the hoarding and copying measures summed over linked applicants."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.batch import Batch


def compute_cluster_metrics(
    batch: Batch,
    cluster_code: np.ndarray,
    cluster_ids: list[str],
    applicant_metrics: pd.DataFrame,
    flags: pd.DataFrame,
    link_types: dict[str, list[str]],
) -> pd.DataFrame:
    """One row per cluster (code order = `cluster_ids`). `cluster_code` maps applicant code -> cluster code or -1."""
    k = len(cluster_ids)
    f = batch.filings
    app = f["app"].to_numpy()
    fcl = cluster_code[app] if len(app) else app
    in_cl = fcl >= 0
    out = pd.DataFrame({"cluster_id": cluster_ids})
    members = cluster_code[cluster_code >= 0]
    out["n_members"] = np.bincount(members, minlength=k)
    out["n_filings"] = np.bincount(fcl[in_cl], minlength=k)
    fc = batch.filing_classes
    fc_cl = cluster_code[fc["app"].to_numpy()] if len(fc) else np.zeros(0, dtype=np.int64)
    pairs = pd.DataFrame({"c": fc_cl, "k": fc["nice_class"].to_numpy()})
    pairs = pairs[pairs["c"] >= 0].drop_duplicates()
    out["n_classes"] = np.bincount(pairs["c"].to_numpy(), minlength=k)
    marks = pd.DataFrame({"c": fcl, "m": f["canon"].to_numpy()})
    marks = marks[(marks["c"] >= 0) & marks["m"].ne("")].drop_duplicates()
    out["n_marks"] = np.bincount(marks["c"].to_numpy(), minlength=k)
    mx = np.zeros(k, dtype=np.int64)
    member_codes = np.flatnonzero(cluster_code >= 0)
    np.maximum.at(mx, cluster_code[member_codes], applicant_metrics["n_filings"].to_numpy()[member_codes])
    out["max_member_filings"] = mx
    for col in ("protected_sign_hits", "famous_mark_hits"):
        vals = applicant_metrics[col].to_numpy()[member_codes]
        out[col] = np.bincount(cluster_code[member_codes], weights=vals, minlength=k).astype(np.int64)
    sq = flags.loc[flags["group"].eq("squatting") & flags["owner"].ne("")]
    if len(sq):
        c = fcl[sq["filing_idx"].to_numpy()]
        owners = pd.DataFrame({"c": c, "o": sq["owner"].to_numpy()})
        owners = owners[owners["c"] >= 0].drop_duplicates()
        out["distinct_owners_copied"] = np.bincount(owners["c"].to_numpy(), minlength=k)
    else:
        out["distinct_owners_copied"] = 0
    out["n_link_types"] = [len(link_types.get(cid, [])) for cid in cluster_ids]
    out["links"] = [";".join(link_types.get(cid, [])) for cid in cluster_ids]
    n_f = np.maximum(out["n_filings"].to_numpy(), 1)
    for col in ("transfer_ratio", "short_mark_share", "own_mark_share"):
        weighted = (
            applicant_metrics[col].to_numpy()[member_codes] * applicant_metrics["n_filings"].to_numpy()[member_codes]
        )
        out[col] = np.bincount(cluster_code[member_codes], weights=weighted, minlength=k) / n_f
    return out
