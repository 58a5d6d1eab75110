"""Which applicant of the batch owns a register entry: by owner id, else by a canonical name only one applicant has."""

from __future__ import annotations

import numpy as np
import pandas as pd


def owner_codes(apps: pd.DataFrame, owner_ids: pd.Series, owner_names: pd.Series) -> np.ndarray:
    """Applicant code per register row, -1 when none. Two applicants may share a name (two people called 张欣):
    such a name identifies nobody, so it is matched by id only."""
    by_id = pd.Index(apps["applicant_id"]).get_indexer(owner_ids.fillna("").astype(str))
    names = apps["canon_name"]
    unique = names[~names.duplicated(keep=False) & names.ne("")]
    lookup = pd.Series(unique.index.to_numpy(), index=unique.to_numpy())
    by_name = lookup.reindex(owner_names.fillna("").astype(str).to_numpy()).fillna(-1).to_numpy(dtype=np.int64)
    return np.where(by_id >= 0, by_id, by_name)
