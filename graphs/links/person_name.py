"""Ties through a person's name (legal representative, contact person, natural-person shareholder).

Names repeat across strangers, so a name alone never links two firms (graphs.person_names): its tie is capped at
the legal representative's strength, counts `same_district_boost` times more when both applicants are in the same
city district, and less for two-character names. These link types share the `persons` group, so that
person_cross_role can build on the names they read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np

from graphs.damping import damped_weight
from graphs.links.registry import Found, LinkInputs, Setting
from graphs.links.shared_value import SharedValue, shared_value_links
from graphs.person_names import person_factor
from graphs.values import person_key

SAME_DISTRICT_BOOST = Setting(
    1.2,
    {"type": "number", "minimum": 1, "maximum": 3},
    "a shared person name counts this many times more when both applicants are in the same city district",
)


class PersonName(SharedValue):
    """Base of the link types whose value is a person's name held in one role."""

    group = "persons"
    cost = 70
    person_name = True
    settings: ClassVar[dict[str, Setting]] = {"same_district_boost": SAME_DISTRICT_BOOST}
    key = staticmethod(person_key)
    # A natural person's tie never exceeds this link type's strength, whatever its own (shareholders: 0.7 -> 0.4).
    cap_type: ClassVar[str] = "legal_representative"

    @classmethod
    def is_person(cls, names: Sequence[str]) -> np.ndarray:
        """Which of the keys name a person (all, unless the role may hold organisations too)."""
        return np.ones(len(names), dtype=bool)

    def holdings(self, inputs: LinkInputs) -> tuple[np.ndarray, np.ndarray]:
        """(applicant codes, person-name keys), one row per holding."""
        return np.arange(len(inputs.apps)), self.keys(inputs)

    def find(self, inputs: LinkInputs, earlier: dict[str, Found]) -> Found:
        cfg, district = inputs.cfg, inputs.district
        boost = cfg.options["same_district_boost"]
        cap = cfg.link_types[self.cap_type].strength

        def weigh(values, g, a, b, holders, w):
            # Per distinct name once, then spread to its ties.
            names = values.astype(object).tolist()
            lengths = np.fromiter((len(k) for k in names), dtype=np.int64, count=len(names))
            person = self.is_person(names)[g]
            base = np.where(
                person, np.minimum(w, damped_weight(cap, holders[g], cfg.free_holders, cfg.damping_exponent)), w
            )
            w = np.where(person, base * person_factor(lengths[g], a, b, district, boost), w)
            return np.minimum(w, 0.95)

        codes, keys = self.holdings(inputs)
        found = shared_value_links(codes, keys, cfg.link_types[self.name], cfg, weigh)
        found.holders = (codes, keys)
        return found
