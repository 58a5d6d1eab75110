"""Run the rule set over the benign baseline batch (fixtures/baseline): every hit must be a listed known one."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from detector.package_data import bundled_baseline_dir


def baseline_dir() -> Path | None:
    """The shipped benign baseline batch (fixtures/baseline), if it is installed."""
    path = bundled_baseline_dir()
    return path if (path / "filings.csv").exists() else None


@dataclass
class BaselineHit:
    rule_id: str
    subject: str  # applicant id, filing id or agency
    scope: str
    known: bool


def known_hits(folder: Path) -> set[tuple[str, str]]:
    path = folder / "known_hits.csv"
    if not path.exists():
        return set()
    with path.open(encoding="utf-8") as fh:
        return {(row["rule_id"], row["subject"]) for row in csv.DictReader(fh)}


def run_baseline(rules: list[Path] | None, folder: Path) -> list[BaselineHit]:
    """Screen the baseline batch; return every rule hit (filing, applicant, cluster, agent level)."""
    from detector.pipeline.run import screen

    args = {"applicants": folder / "applicants.csv", "register": folder / "register.csv"}
    result = screen(folder / "filings.csv", **{k: v if v.exists() else None for k, v in args.items()}, rules=rules)
    known = known_hits(folder)
    hits = []
    for row in result.hits.filing_hits.itertuples():
        hits.append(BaselineHit(row.rule_id, row.filing_id, "filing", (row.rule_id, row.filing_id) in known))
    seen = set()
    for c in result.hits.contributions:
        if c.scope == "filing":
            continue
        subject = result.scores.at[c.app, "applicant_id"]
        if (c.rule_id, subject) not in seen:
            seen.add((c.rule_id, subject))
            hits.append(BaselineHit(c.rule_id, subject, c.scope, (c.rule_id, subject) in known))
    for h in result.hits.agent_hits:
        hits.append(BaselineHit(h["rule_id"], h["agent"], "agent", (h["rule_id"], h["agent"]) in known))
    return hits
