"""The shared values that tie an applicant to others, as registry keys: `kind:key` for its phone, e-mail and address.

The registry stores them with every recorded applicant (detector.registry BatchRecord.values) and a screening with
history asks it for the earlier applicants holding any value of this batch's applicants (detector/pipeline/history.py):
those are the applicants the graph may link to them, so their filings belong in the history. Person names (legal
representative, shareholders) are not keys here: a common name held by thousands of strangers would pull in their
filings for nothing; the graph still links on them among the applicants the history brings in.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from graphs.address import address_key
from graphs.values import email_key, keyed, phone_key

VALUE_KINDS = (("phone", phone_key), ("email", email_key), ("address", address_key))


def applicant_value_keys(applicants: pd.DataFrame) -> pd.DataFrame:
    """applicant_id, kind, value_key ("kind:key") for each non-empty phone, e-mail and address, distinct rows."""
    parts = []
    for kind, fn in VALUE_KINDS:
        if kind not in applicants.columns or applicants.empty:
            continue
        keys = keyed(applicants[kind], fn)
        has = keys.ne("").to_numpy()
        parts.append(
            pd.DataFrame(
                {
                    "applicant_id": applicants["applicant_id"].astype("str").to_numpy()[has],
                    "kind": kind,
                    "value_key": (kind + ":" + keys[has]).to_numpy(),
                }
            )
        )
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="str") for c in ("applicant_id", "kind", "value_key")})
    return pd.concat(parts, ignore_index=True).drop_duplicates(ignore_index=True)


def distinct_value_keys(applicants: pd.DataFrame) -> list[str]:
    """The distinct value_key values of applicant_value_keys(applicants), sorted: what a history lookup asks the
    registry for. Each distinct cell is keyed once and no per-row frame is built (~6 ms at intake, where the
    frames' set-up is the whole cost; on a large batch it also saves the per-row arrays)."""
    if applicants.empty:
        return []
    keys: set[str] = set()
    for kind, fn in VALUE_KINDS:
        if kind in applicants.columns:
            cells = applicants[kind].fillna("").astype(str).unique()
            keys.update(kind + ":" + key for key in map(fn, np.asarray(cells, dtype=object).tolist()) if key)
    return sorted(keys)
