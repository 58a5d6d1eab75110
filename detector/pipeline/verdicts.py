"""The registry's verdicts on a scored run (issue 16): who may be flagged, and who is listed first.

- Only applicants with filings in this batch are flagged: the history's applicants are screened for the evidence
  they give (a cluster's volume, a herd) and are not listed again.
- A cleared applicant is not flagged again for the evidence it was cleared on: each hit is evidence (rule id and
  filing id; applicant- and cluster-scope rules with an empty filing id). When every hit of this run is evidence it
  was cleared on, it stays clear (`cleared` column); new evidence — a rule firing on a new filing, or a rule that
  had not fired — flags it again as suspected (`new_evidence`; the registry keeps both in the status history).
- Repeat offenders (detector/pipeline/repeat_offenders.py) are marked and listed first.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.pipeline.result import ScreenResult


def evidence_keys(s: ScreenResult) -> pd.DataFrame:
    """applicant_id, rule_id, filing_id of every hit of the run (filing_id '' for applicant and cluster scope)."""
    fh = s.hits.filing_hits
    filing = pd.DataFrame(
        {
            "applicant_id": fh["applicant_id"].astype("str"),
            "rule_id": fh["rule_id"].astype("str"),
            "filing_id": fh["filing_id"].astype("str"),
        }
    )
    ids = s.batch.applicants["applicant_id"].to_numpy(dtype=object)
    other = [(ids[c.app], c.rule_id, "") for c in s.hits.contributions if c.scope != "filing"]
    rest = pd.DataFrame(other, columns=["applicant_id", "rule_id", "filing_id"])
    return pd.concat([filing, rest], ignore_index=True).drop_duplicates(ignore_index=True)


def apply_verdicts(s: ScreenResult) -> None:
    """Unflag history-only applicants and applicants cleared on this very evidence; mark new evidence and repeat
    offenders."""
    scores = s.scores
    n_apps = s.batch.n_apps
    app = s.batch.filings["app"].to_numpy()
    in_batch = np.bincount(app[: s.n_batch_filings], minlength=n_apps) > 0
    scores["in_batch"] = in_batch
    scores["repeat_offender"] = s.repeat_apps if s.repeat_apps is not None else np.zeros(n_apps, dtype=bool)
    cleared = np.zeros(n_apps, dtype=bool)
    new = np.zeros(n_apps, dtype=bool)
    if s.cleared:
        # Each hit of a cleared applicant: was it among the evidence it was cleared on? All known -> stays clear;
        # any hit not known -> new evidence. One merge, not a pass over the applicants per cleared entry.
        keys = evidence_keys(s)
        keys = keys[keys["applicant_id"].isin(s.cleared.keys())]
        known = pd.DataFrame(
            [(a, rule, filing) for a, evidence in s.cleared.items() for rule, filing in evidence],
            columns=["applicant_id", "rule_id", "filing_id"],
        ).astype("str")
        keys = keys.merge(known.assign(known=True), on=["applicant_id", "rule_id", "filing_id"], how="left")
        all_known = keys["known"].notna().groupby(keys["applicant_id"], sort=False).all()
        code = pd.Index(scores["applicant_id"].astype("str")).get_indexer(all_known.index)
        found = code >= 0
        cleared[code[found & all_known.to_numpy()]] = True
        new[code[found & ~all_known.to_numpy()]] = True
    scores["cleared"] = cleared
    scores["new_evidence"] = new & scores["flagged"].to_numpy()
    keep = scores["flagged"].to_numpy() & in_batch & ~cleared
    scores["flagged"] = keep
    scores.loc[~keep, "level"] = ""
