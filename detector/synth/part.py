"""A piece of a batch: applicants (registry columns + label) and their filings, keyed by a local applicant index."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

APP_COLUMNS = [
    "name",
    "entity_type",
    "address",
    "phone",
    "email",
    "legal_representative",
    "contact_person",
    "shareholders",
    "registered_capital",
    "established_date",
    "business_scope",
    "registry_status",
    "adcode",
    "label",
    "category",
    "source",
]
FILING_COLUMNS = ["_app", "mark_text", "nice_class", "day", "agent", "goods", "status", "assignee"]


@dataclass
class Part:
    """Applicants (one row each, index = local key) and filings (`_app` = local key, `day` = days since 1970)."""

    apps: pd.DataFrame
    filings: pd.DataFrame

    def __post_init__(self) -> None:
        for col in APP_COLUMNS:
            if col not in self.apps.columns:
                self.apps[col] = "none" if col == "source" else ""
        for col in FILING_COLUMNS:
            if col not in self.filings.columns:
                self.filings[col] = ""
        self.apps = self.apps[APP_COLUMNS].reset_index(drop=True)
        self.filings = self.filings[FILING_COLUMNS].reset_index(drop=True)


def concat_parts(parts: list[Part]) -> Part:
    """One Part from many: applicant keys offset so that filings keep pointing at their applicant."""
    apps, filings, offset = [], [], 0
    for p in parts:
        f = p.filings.copy()
        f["_app"] = f["_app"].astype("int64") + offset
        apps.append(p.apps)
        filings.append(f)
        offset += len(p.apps)
    return Part(pd.concat(apps, ignore_index=True), pd.concat(filings, ignore_index=True))
