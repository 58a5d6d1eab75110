"""Per-agency metrics: clients, filings and the share of them that belong to flagged applicants."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.batch import Batch


def compute_agent_metrics(batch: Batch, flagged_app: np.ndarray, watch_agents: set[str]) -> pd.DataFrame:
    """One row per non-empty agent name (sorted)."""
    f = batch.filings
    has = f["agent"].ne("").to_numpy()
    if not has.any():
        return pd.DataFrame(
            columns=[
                "agent",
                "n_clients",
                "n_filings",
                "flagged_filings",
                "flagged_share",
                "flagged_clients",
                "watchlist",
            ]
        )
    agent = f["agent"].to_numpy()[has]
    app = f["app"].to_numpy()[has]
    codes, names = pd.factorize(agent, sort=True)
    k = len(names)
    out = pd.DataFrame({"agent": names})
    out["n_filings"] = np.bincount(codes, minlength=k)
    pairs = pd.DataFrame({"g": codes, "a": app}).drop_duplicates()
    out["n_clients"] = np.bincount(pairs["g"].to_numpy(), minlength=k)
    flagged = flagged_app[app]
    out["flagged_filings"] = np.bincount(codes, weights=flagged.astype(float), minlength=k).astype(np.int64)
    out["flagged_share"] = out["flagged_filings"] / out["n_filings"]
    fp = pairs[flagged_app[pairs["a"].to_numpy()]]
    out["flagged_clients"] = np.bincount(fp["g"].to_numpy(), minlength=k)
    from detector.normalize import canonical

    out["watchlist"] = [canonical(a) in watch_agents for a in names]
    return out
