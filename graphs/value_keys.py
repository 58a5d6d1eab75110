"""The shared values that tie an applicant to others, as registry keys: `kind:key` for its phone, e-mail and address.

The registry stores them with every recorded applicant (detector.registry BatchRecord.values) and a screening with
history asks it for the earlier applicants holding any value of this batch's applicants (detector/pipeline/history.py):
those are the applicants the graph may link to them, so their filings belong in the history. Person names (legal
representative, shareholders) are not keys here: a common name held by thousands of strangers would pull in their
filings for nothing; the graph still links on them among the applicants the history brings in.
"""

from __future__ import annotations

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
