"""Build small batches for the graph tests through the real input path (CSV -> load -> normalize)."""

from __future__ import annotations

import csv
from pathlib import Path

from detector.batch import prepare_batch
from detector.io import load_inputs

APP_COLUMNS = [
    "applicant_id",
    "name",
    "address",
    "phone",
    "email",
    "legal_representative",
    "contact_person",
    "shareholders",
]


def write_batch(folder: Path, applicants: list[dict], filings: list[dict] | None = None) -> tuple[Path, Path]:
    """Write applicants.csv and filings.csv (two filings per applicant unless `filings` is given)."""
    folder.mkdir(parents=True, exist_ok=True)
    columns = APP_COLUMNS + sorted({k for a in applicants for k in a} - set(APP_COLUMNS))  # e.g. business_scope
    with (folder / "applicants.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns)
        w.writeheader()
        for a in applicants:
            w.writerow({k: a.get(k, "") for k in columns})
    rows = list(filings or [])
    if filings is None:
        for i, a in enumerate(applicants):
            for j in range(2):
                rows.append(
                    {
                        "filing_id": f"F{i}-{j}",
                        "mark_text": f"自有{i}品{j}",
                        "applicant_id": a["applicant_id"],
                        "applicant_name": a["name"],
                    }
                )
    cols = [
        "filing_id",
        "mark_text",
        "nice_class",
        "filing_date",
        "applicant_id",
        "applicant_name",
        "assignee",
        "agent",
    ]
    with (folder / "filings.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        for r in rows:
            w.writerow({"nice_class": "25", "filing_date": "2022-03-01", "assignee": "", "agent": ""} | r)
    return folder / "filings.csv", folder / "applicants.csv"


def graph_of(folder: Path, applicants: list[dict], filings: list[dict] | None = None, config: dict | None = None):
    """Run the real load + normalize path and the graph package; returns graphs.GraphResult."""
    import graphs
    from detector.rules.load import load_ruleset

    f, a = write_batch(folder, applicants, filings)
    batch = prepare_batch(load_inputs(f, a, None, False))
    raw = load_ruleset(None)[0].graph if config is None else config
    return graphs.link_and_cluster(batch.applicants, batch.filings, raw)


def clusters_of(result) -> list[set[str]]:
    """Member sets of the clusters, sorted for comparison."""
    m = result.clusters.membership
    return sorted((set(g["applicant_id"]) for _, g in m.groupby("cluster_id")), key=lambda s: sorted(s))


def company(i: int, **kw) -> dict:
    """A company applicant with unique, unrelated attributes unless overridden."""
    base = {
        "applicant_id": f"A{i:04d}",
        "name": f"杭州市{_word(i)}科技有限公司",
        "address": f"浙江省杭州市西湖区文三路{100 + i}号",
        "phone": f"0571-8{i:07d}",
        "email": f"info{i}@firm{i}.com",
        "legal_representative": f"欧阳{_word(i)}",
        "contact_person": "",
        "shareholders": "",
    }
    return base | kw


_CHARS = "安宝长承德东方福光国海恒宏华佳金锦康乐立隆美明鹏启荣瑞盛顺泰天通万祥新鑫兴旭雅怡永宇远泽正中卓"


def _word(i: int) -> str:
    n = len(_CHARS)
    return _CHARS[i % n] + _CHARS[(i // n + 7) % n] + _CHARS[(i // (n * n) + 13) % n]
