"""The links among a cluster's members, recomputed from what the registry stored about them (their filings and
applicant records, read with Registry.history) by the loaded rule set's graph (graphs.link_and_cluster): the same
link types, values and hub caps a screening run uses, built on the registry's public methods only."""

from __future__ import annotations

import pandas as pd

import graphs
from detector.batch import prepare_batch
from detector.io import inputs_from_records

LINK_COLUMNS = ["a", "b", "link_type", "value"]


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict]:
    keep = [c for c in columns if c in frame.columns]
    part = frame[keep].astype(object)
    return part.where(part.notna(), "").astype(str).to_dict("records")


def member_links(registry_read, member_ids: list[str], graph_config: dict) -> pd.DataFrame:
    """(a, b, link_type, value) for every pair of `member_ids` the graph links."""
    from detector.io.contract import APPLICANTS, FILINGS

    if len(member_ids) < 2:
        return pd.DataFrame(columns=LINK_COLUMNS)
    history = registry_read("history", applicant_ids=list(member_ids))
    filings = history.filings[history.filings["applicant_id"].isin(member_ids)]
    if filings.empty:
        return pd.DataFrame(columns=LINK_COLUMNS)
    filings = filings.drop_duplicates("filing_id")
    applicants = history.applicants[history.applicants["applicant_id"].isin(member_ids)]
    inputs = inputs_from_records(
        _records(filings, FILINGS.names()),
        _records(applicants, APPLICANTS.names()) or None,
        source="registry",
    )
    batch = prepare_batch(inputs)
    links = graphs.link_and_cluster(batch.applicants, batch.filings, graph_config).links
    out = links.rename(columns={"src": "a", "dst": "b"})[LINK_COLUMNS]
    return out[out["a"].isin(member_ids) & out["b"].isin(member_ids)].reset_index(drop=True)
