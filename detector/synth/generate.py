"""Generate a synthetic batch: benign volume plus (profile demo) planted cases, clusters and hard controls."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

from detector.synth.agencies import agency_names, agency_weights
from detector.synth.assemble import (
    APPLICANT_COLUMNS,
    assign_ids,
    filings_table,
    write_csv,
)
from detector.synth.builder import Builder
from detector.synth.clusters import cluster
from detector.synth.controls import (
    INCUBATOR_ADDRESSES,
    active_shopkeeper,
    busy_agency_clients,
    common_word,
    defensive_brand,
    incubator_firms,
    product_line,
    rights_holders,
)
from detector.synth.labelling import GREY
from detector.synth.part import Part, concat_parts
from detector.synth.planted import plant
from detector.synth.population import Options, population
from detector.synth.register import build_register

DEMO_SIZE = 4000  # the planted set is sized for a batch of this many filings
PROFILES = ("demo", "baseline")


def _special(
    rng: np.random.Generator, n_filings: int, agencies: list[str], agency_p: np.ndarray, taken: set[str]
) -> tuple[list[Part], list]:
    """Planted cases, clusters and controls: one set per replica (replicas grow with the square root of size)."""
    replicas = max(1, int(np.sqrt(n_filings / DEMO_SIZE)))
    scale = min(1.0, n_filings / DEMO_SIZE)
    parts: list[Part] = []
    own_rows: list = []
    for r in range(replicas):
        b = Builder(rng, taken)
        bad = agencies[(5 + 11 * r) % len(agencies)]
        own_agency = agencies[(7 + 13 * r) % len(agencies)]
        small = [a for a in agencies[1:40] if a not in (bad, own_agency)]
        plant(b, bad, small, own_agency)
        cluster(b, "hoarding", bad)
        cluster(b, "copying", small[int(rng.integers(len(small)))])
        app, rows = defensive_brand(b, small[int(rng.integers(len(small)))])
        own_rows += [(m, b.apps[app]["name"], c) for m, c in rows]
        common_word(b, small)
        product_line(b, small[int(rng.integers(len(small)))])
        active_shopkeeper(b, small[int(rng.integers(len(small)))])
        if r == 0:
            own_rows += rights_holders(b, small[int(rng.integers(len(small)))])
        parts.append(b.part())
        parts.append(busy_agency_clients(rng, agencies[(r * 3) % len(agencies)], max(60, int(1100 * scale)), taken))
        parts.append(
            incubator_firms(
                rng,
                INCUBATOR_ADDRESSES[r % len(INCUBATOR_ADDRESSES)],
                max(40, int(380 * scale)),
                taken,
                agencies,
                agency_p,
            )
        )
    return parts, own_rows


def generate(folder: Path, n_filings: int, seed: int, profile: str = "demo") -> dict:
    """Write filings.csv, applicants.csv, register.csv, labels.csv and unlabelled.csv (known_hits.csv instead of
    unlabelled.csv for baseline) into `folder`.

    labels.csv: applicant_id, label (1 suspicious by the legal criteria of detector.synth.labelling), category
    (what was planted, or benign / benign_collision / control_*), source (from_list: the sign at issue is in a
    shipped list; outside_list: a held-out sign no list reaches; none: no sign at issue). unlabelled.csv lists the
    planted applicants whose filings fall in a band where the legal criteria do not settle it (no label; `eval`
    leaves applicants without a label out of every figure). The baseline profile
    is ordinary applicants only, without innocent collisions, as `tmscreen rules test` expects.

    Same arguments, same bytes. Returns counts: filings, applicants, register rows, suspicious, unlabelled, per
    category and suspicious per source.
    """
    if profile not in PROFILES:
        raise ValueError(f"profile must be one of {PROFILES}, got {profile!r}")
    rng = np.random.default_rng([seed, PROFILES.index(profile)])
    n_agencies = max(25, n_filings // 400)
    agencies = agency_names(rng, n_agencies)
    agency_p = agency_weights(n_agencies)
    taken: set[str] = set(agencies)
    parts, own_rows = ([], []) if profile == "baseline" else _special(rng, n_filings, agencies, agency_p, taken)
    used = sum(len(p.filings) for p in parts)
    ordinary = Options() if profile == "baseline" else Options(collision_share=0.01, given_name_share=0.01)
    parts.append(population(rng, max(50, n_filings - used), agencies, agency_p, taken, ordinary))
    whole = concat_parts(parts)
    apps = assign_ids(rng, whole.apps)
    filings = filings_table(rng, whole, apps)
    register = build_register(rng, apps, whole.filings, own_rows, max(200, n_filings // 8))

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    order = np.argsort(apps["applicant_id"].to_numpy(), kind="stable")
    apps_sorted = apps.iloc[order]
    write_csv(filings, folder / "filings.csv")
    write_csv(apps_sorted[APPLICANT_COLUMNS], folder / "applicants.csv")
    write_csv(register, folder / "register.csv")
    grey = (apps_sorted["label"] == GREY).to_numpy()
    write_csv(apps_sorted.loc[~grey, ["applicant_id", "label", "category", "source"]], folder / "labels.csv")
    if profile != "baseline":
        write_csv(apps_sorted.loc[grey, ["applicant_id", "category", "source"]], folder / "unlabelled.csv")
    if profile == "baseline":
        write_csv(pd.DataFrame(columns=["rule_id", "subject", "note"]), folder / "known_hits.csv")
    cats = Counter(apps["category"])
    sources = Counter(apps.loc[apps["label"] == 1, "source"])
    return {
        "filings": len(filings),
        "applicants": len(apps),
        "register": len(register),
        "suspicious": int((apps["label"] == 1).sum()),
        "unlabelled": int((apps["label"] == GREY).sum()),
        "categories": dict(sorted(cats.items())),
        "suspicious_by_source": dict(sorted(sources.items())),
    }
