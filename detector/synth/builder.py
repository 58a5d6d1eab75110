"""Row-by-row construction of small hand-shaped groups of applicants (planted cases, controls, clusters)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.synth.industries import CLASS_GOODS, INDUSTRIES
from detector.synth.marks import coined_words
from detector.synth.part import Part
from detector.synth.people import company_emails, emails, mobiles, person_names
from detector.synth.population import END, statuses
from detector.synth.registry import (
    capitals,
    company_addresses,
    division_columns,
    draw_divisions,
    home_addresses,
)
from detector.synth.scopes import draw_scopes

_INDUSTRY = {i.key: i for i in INDUSTRIES}


class Builder:
    """Collects applicants and filings; `part()` returns them as a Part."""

    def __init__(self, rng: np.random.Generator, taken: set[str]):
        self.rng = rng
        self.taken = taken
        self.apps: list[dict] = []
        self.filings: list[dict] = []

    def _div(self) -> dict[str, str]:
        d = division_columns(draw_divisions(self.rng, 1))
        return {k: v[0] for k, v in d.items()}

    def person(self, category: str, label: int, name: str | None = None, **over: str) -> int:
        """Add a natural person; returns its key. `over` sets any column, e.g. source='outside_list'."""
        rng = self.rng
        name = name or person_names(rng, 1)[0]
        d = self._div()
        row = {
            "name": name,
            "entity_type": "individual",
            "address": home_addresses(rng, np.array([d["prefix"]], dtype=object))[0],
            "phone": mobiles(rng, 1)[0],
            "email": emails(rng, np.array([name], dtype=object))[0],
            "contact_person": name,
            "adcode": d["adcode"],
            "label": label,
            "category": category,
            "source": "none",
        }
        row.update(over)
        self.apps.append(row)
        return len(self.apps) - 1

    def company(
        self,
        category: str,
        label: int,
        industry: str = "trade",
        trade: str | None = None,
        name: str | None = None,
        est_day: int | None = None,
        capital: str | None = None,
        **over: str,
    ) -> int:
        """Add a company (name from city + trade name + industry word unless given); returns its key.

        Its business scope is drawn from the registry-style bank of its line of business unless `over` sets it.
        """
        rng = self.rng
        ind = _INDUSTRY[industry]
        d = self._div()
        for _ in range(50):
            t = trade or coined_words(rng, 1, 0.4)[0]
            nm = name or f"{d['city']}{t}{ind.name_word}有限公司"
            if nm not in self.taken:
                break
            trade = None
        self.taken.add(nm)
        rep = person_names(rng, 2)
        row = {
            "name": nm,
            "entity_type": "company",
            "address": company_addresses(rng, np.array([d["prefix"]], dtype=object))[0],
            "phone": mobiles(rng, 1)[0],
            "email": company_emails(rng, np.array([t], dtype=object), rep[:1])[0],
            "legal_representative": rep[0],
            "contact_person": rep[int(rng.integers(2))],
            "shareholders": rep[0] if rng.random() < 0.5 else f"{rep[0]};{rep[1]}",
            "registered_capital": capital if capital is not None else capitals(rng, 1)[0],
            "established_date": str(np.datetime64("1970-01-01") + np.timedelta64(int(est_day), "D"))
            if est_day is not None
            else str(np.datetime64("2005-01-01") + np.timedelta64(int(rng.integers(0, 5000)), "D")),
            "business_scope": draw_scopes(rng, np.array([ind.key], dtype=object))[0],
            "registry_status": "存续",
            "adcode": d["adcode"],
            "label": label,
            "category": category,
            "source": "none",
            "_trade": t,
            "_industry": industry,
        }
        row.update(over)
        self.apps.append(row)
        return len(self.apps) - 1

    def file(
        self, app: int, mark: str, classes: int | list[int], day: int, agent: str = "", assignee: str = ""
    ) -> None:
        """Add one filing (several classes joined with ';')."""
        cls = [classes] if isinstance(classes, (int, np.integer)) else list(classes)
        self.filings.append(
            {
                "_app": app,
                "mark_text": mark,
                "nice_class": ";".join(str(int(c)) for c in cls),
                "day": int(min(day, END)),
                "agent": agent,
                "goods": ";".join(CLASS_GOODS[int(c)] for c in cls),
                "assignee": assignee,
            }
        )

    def part(self) -> Part:
        apps = pd.DataFrame(self.apps).drop(columns=["_trade", "_industry"], errors="ignore").fillna("")
        filings = pd.DataFrame(
            self.filings, columns=["_app", "mark_text", "nice_class", "day", "agent", "goods", "assignee"]
        )
        filings["status"] = statuses(self.rng, filings["day"].to_numpy()) if len(filings) else []
        return Part(apps, filings)

    def relabel(self, apps: int | list[int], label: int) -> None:
        """Set the label of planted applicants once their filings are known (detector.synth.labelling)."""
        for a in [apps] if isinstance(apps, int) else apps:
            self.apps[a]["label"] = int(label)

    def industry_of(self, app: int) -> str:
        return self.apps[app].get("_industry", "")

    def trade_of(self, app: int) -> str:
        return self.apps[app].get("_trade", self.apps[app]["name"])
