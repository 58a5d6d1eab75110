"""Turn the combined Part into the four output tables: ids, filing numbers, dates, names on filings."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.synth.ids import credit_codes, person_ids
from detector.synth.part import Part
from detector.synth.registry import days_to_iso

APPLICANT_COLUMNS = [
    "applicant_id",
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
]
FILING_COLUMNS = [
    "filing_id",
    "mark_text",
    "nice_class",
    "filing_date",
    "applicant_name",
    "applicant_id",
    "applicant_address",
    "agent",
    "goods",
    "status",
    "assignee",
]


def assign_ids(rng: np.random.Generator, apps: pd.DataFrame) -> pd.DataFrame:
    """Credit codes for organisations, ID-card-like numbers for persons."""
    apps = apps.copy()
    co = (apps["entity_type"] == "company").to_numpy()
    ids = np.empty(len(apps), dtype=object)
    ids[co] = credit_codes(rng, apps["adcode"].to_numpy()[co])
    ids[~co] = person_ids(rng, apps["adcode"].to_numpy()[~co])
    apps["applicant_id"] = ids
    return apps


def filings_table(rng: np.random.Generator, part: Part, apps: pd.DataFrame) -> pd.DataFrame:
    """Filings sorted by date, numbered upwards with gaps; applicant name, id and address copied in."""
    f = part.filings
    order = np.lexsort((np.arange(len(f)), f["_app"].to_numpy(), f["day"].to_numpy()))
    f = f.iloc[order].reset_index(drop=True)
    app = f["_app"].to_numpy()
    out = pd.DataFrame(
        {
            "filing_id": (30_000_000 + np.cumsum(rng.integers(1, 12, size=len(f)))).astype(str),
            "mark_text": f["mark_text"].to_numpy(),
            "nice_class": f["nice_class"].to_numpy(),
            "filing_date": days_to_iso(f["day"].to_numpy()),
            "applicant_name": apps["name"].to_numpy()[app],
            "applicant_id": apps["applicant_id"].to_numpy()[app],
            "applicant_address": np.where(rng.random(len(f)) < 0.9, apps["address"].to_numpy()[app], ""),
            "agent": f["agent"].to_numpy(),
            "goods": f["goods"].to_numpy(),
            "status": f["status"].to_numpy(),
            "assignee": f["assignee"].to_numpy(),
        }
    )
    out.loc[out["assignee"] != "", "status"] = "已转让"
    return out[FILING_COLUMNS]


def write_csv(frame: pd.DataFrame, path) -> None:
    """UTF-8 CSV, '\\n' line ends, no index: the same frame gives the same bytes."""
    frame.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
