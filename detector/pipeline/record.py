"""Recording a screened batch into the registry (issue 16): the last stage of a run with `--registry`.

What is written: this batch's filings and applicants (with the phone, e-mail and address keys that later batches'
links are looked up by), the links and clusters among the run's applicants, every hit of this batch's applicants
(on this batch's filings and on the history's: the evidence a reviewer decides on), and the scores of this batch's
applicants; the registry turns the flagged ones into list entries. One transaction; a batch already recorded (same
input files) is left as it is, so screening it again never double-counts (detector/registry/record.py).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.io.contract import APPLICANTS, FILINGS
from detector.pipeline.result import ScreenResult
from detector.version import __version__
from graphs.value_keys import applicant_value_keys


def _hits(s: ScreenResult, apps: set[str]) -> pd.DataFrame:
    """applicant_id, rule_id, filing_id, points, evidence of the hits of `apps` (filing hits, then the
    applicant- and cluster-scope contributions with an empty filing id)."""
    fh = s.hits.filing_hits
    fh = fh[fh["applicant_id"].astype("str").isin(apps)]
    filing = pd.DataFrame(
        {
            "applicant_id": fh["applicant_id"].astype("str"),
            "rule_id": fh["rule_id"].astype("str"),
            "filing_id": fh["filing_id"].astype("str"),
            "points": fh["points"].astype(float),
            "evidence": fh["evidence"].astype("str"),
        }
    )
    ids = s.batch.applicants["applicant_id"].to_numpy(dtype=object)
    rows = [
        (ids[c.app], c.rule_id, "", float(c.points), c.reason.get(s.lang, ""))
        for c in s.hits.contributions
        if c.scope != "filing" and ids[c.app] in apps
    ]
    other = pd.DataFrame(rows, columns=["applicant_id", "rule_id", "filing_id", "points", "evidence"])
    return pd.concat([filing, other], ignore_index=True)


def _categories(s: ScreenResult) -> list[str]:
    per: dict[int, set[str]] = {}
    for c in s.hits.contributions:
        per.setdefault(c.app, set()).add(c.category)
    return [";".join(sorted(per.get(i, ()))) for i in range(s.batch.n_apps)]


def batch_record(s: ScreenResult):
    """The BatchRecord of this run: this batch's filings, applicants, links, clusters, hits and scores."""
    from detector.registry import BatchRecord

    n = s.n_batch_filings
    f = s.batch.filings.iloc[:n]
    filings = f[FILINGS.names()].copy()
    filings["mark_key"] = f["canon"].to_numpy()
    filings["day"] = f["day"].to_numpy()
    scores = s.scores
    in_batch = scores["in_batch"].to_numpy()
    apps_table = s.batch.applicants[in_batch]
    ids = set(apps_table["applicant_id"].astype("str").tolist())
    applicants = apps_table[[c for c in APPLICANTS.names() if c in apps_table.columns]].copy()
    code = s.graph.cluster_code
    cluster_of = np.array([s.graph.cluster_ids[c] if c >= 0 else "" for c in code], dtype=object)
    links = s.graph.links
    links = links[links["src"].astype("str").isin(ids) | links["dst"].astype("str").isin(ids)]
    all_ids = s.batch.applicants["applicant_id"].astype("str").to_numpy(dtype=object)
    member = (code >= 0) & np.isin(code, np.unique(code[in_batch & (code >= 0)]))
    out = scores[in_batch]
    return BatchRecord(
        batch_id=s.batch_id,
        tool_version=__version__,
        ruleset_sha256=s.ruleset.sha256,
        input_hashes={role: d.get("sha256", "") for role, d in s.inputs.files.items()},
        source="local",
        filings=filings.reset_index(drop=True),
        applicants=applicants.reset_index(drop=True),
        values=applicant_value_keys(applicants),
        links=pd.DataFrame(
            {
                "a": links["src"].astype("str"),
                "b": links["dst"].astype("str"),
                "link_type": links["link_type"].astype("str"),
                "value": links["value"].astype("str"),
            }
        ).reset_index(drop=True),
        clusters=pd.DataFrame({"cluster_id": cluster_of[member], "applicant_id": all_ids[member]}),
        hits=_hits(s, ids),
        scores=pd.DataFrame(
            {
                "applicant_id": out["applicant_id"].astype("str"),
                "applicant_name": out["applicant_name"].astype("str"),
                "score": out["score"].astype(float),
                "level": out["level"].astype("str"),
                "flagged": out["flagged"].astype(bool),
                "repeat_offender": out["repeat_offender"].astype(bool),
                "cluster_id": out["cluster_id"].astype("str"),
                "categories": np.asarray(_categories(s), dtype=object)[in_batch],
                "rule_ids": out["rule_ids"].astype("str"),
                "new_evidence": out["new_evidence"].astype(bool),
            }
        ).reset_index(drop=True),
    )


def record_batch(s: ScreenResult) -> None:
    """Write the batch into the registry in one transaction (nothing when this batch id is already recorded)."""
    s.recorded = s.registry.record_batch(batch_record(s))
    if not s.recorded:
        s.progress.say(f"batch {s.batch_id} was recorded before: the registry is unchanged")
