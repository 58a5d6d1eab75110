"""Small BatchRecords for the registry tests, built by hand so every expected number can be counted here."""

from __future__ import annotations

import pandas as pd

from detector.registry import BatchRecord


def batch(
    batch_id: str,
    filings: list[tuple[str, str, str, str]],
    *,
    flagged: dict[str, float] | None = None,
    names: dict[str, str] | None = None,
    clusters: dict[str, str] | None = None,
    values: list[tuple[str, str, str]] = (),
    hits: list[tuple[str, str, str]] = (),
    new_evidence: tuple[str, ...] = (),
    levels: dict[str, str] | None = None,
    source: str = "local",
) -> BatchRecord:
    """filings: (filing_id, applicant_id, mark_text, filing_date); flagged: applicant -> score (others score 0);
    names: applicant -> name (default "公司<id>"); clusters: applicant -> cluster id; values: (applicant, kind, key);
    hits: (applicant, rule_id, filing_id)."""
    flagged = flagged or {}
    names = names or {}
    clusters = clusters or {}
    levels = levels or {}
    f = pd.DataFrame(filings, columns=["filing_id", "applicant_id", "mark_text", "filing_date"])
    f["filing_date"] = pd.to_datetime(f["filing_date"]).astype("datetime64[ns]")
    f["nice_class"] = "25"
    ids = sorted(set(f["applicant_id"]) | set(flagged))
    name_of = {a: names.get(a, f"公司{a}") for a in ids}
    f["applicant_name"] = f["applicant_id"].map(name_of)
    applicants = pd.DataFrame({"applicant_id": ids, "name": [name_of[a] for a in ids]})
    applicants["registered_capital"] = 1000000.0
    applicants["established_date"] = pd.to_datetime("2020-01-01")
    rules = {a: sorted({r for x, r, _ in hits if x == a}) for a in ids}
    scores = pd.DataFrame(
        {
            "applicant_id": ids,
            "applicant_name": [name_of[a] for a in ids],
            "score": [float(flagged.get(a, 0.0)) for a in ids],
            "level": [levels.get(a, "high" if a in flagged else "") for a in ids],
            "flagged": [a in flagged for a in ids],
            "repeat_offender": False,
            "cluster_id": [clusters.get(a, "") for a in ids],
            "categories": [["hoarding"] if a in flagged else [] for a in ids],
            "rule_ids": [rules[a] for a in ids],
            "new_evidence": [a in new_evidence for a in ids],
        }
    )
    return BatchRecord(
        batch_id=batch_id,
        tool_version="test",
        ruleset_sha256="r" * 64,
        input_hashes={"filings": batch_id},
        source=source,
        filings=f,
        applicants=applicants,
        values=pd.DataFrame(list(values), columns=["applicant_id", "kind", "value_key"]),
        links=pd.DataFrame(
            [(a, b, "phone", "1") for a in clusters for b in clusters if a < b and clusters[a] == clusters[b]],
            columns=["a", "b", "link_type", "value"],
        ),
        clusters=pd.DataFrame({"cluster_id": list(clusters.values()), "applicant_id": list(clusters)}),
        hits=pd.DataFrame(
            [(a, r, fid, 40.0, "evidence") for a, r, fid in hits],
            columns=["applicant_id", "rule_id", "filing_id", "points", "evidence"],
        ),
        scores=scores,
    )


def large_batch(batch_id: str, n: int, start: int = 0) -> BatchRecord:
    """n filings (ids L-<start> ... L-<start + n - 1>: batches with overlapping ranges share filings) of n // 10
    applicants, for the kill and concurrency tests."""
    rows = [(f"L-{start + i}", f"LA{(start + i) % max(1, n // 10)}", f"MARK{i % 997}", "2024-03-01") for i in range(n)]
    return batch(batch_id, rows, flagged={f"LA{i}": 50.0 for i in range(0, max(1, n // 10), 7)})
