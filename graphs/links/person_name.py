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
from graphs.links.registry import Found, LinkInputs, Setting, factorized_of, holdings_of
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
    ring_kind = "person"
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

        codes, keys = holdings_of(self, inputs)
        found = shared_value_links(codes, keys, cfg.link_types[self.name], cfg, weigh, factorized_of(self, inputs))
        found.holders = (codes, keys)
        return found

    def ring_weight(self, inputs: LinkInputs, keys: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """A natural person's name as if held by `max_holders` applicants, with the cap, the length prior and the
        same-district boost of any person tie; an organisation shareholder at its type's strength so damped."""
        cfg = inputs.cfg
        lt = cfg.link_types[self.name]
        n = np.full(len(a), lt.max_holders)
        w = damped_weight(lt.strength, n, cfg.free_holders, cfg.damping_exponent)
        capped = np.minimum(
            w, damped_weight(cfg.link_types[self.cap_type].strength, n, cfg.free_holders, cfg.damping_exponent)
        )
        names = np.asarray(keys, dtype=object).tolist()
        lengths = np.fromiter((len(k) for k in names), dtype=np.int64, count=len(names))
        factor = person_factor(lengths, a, b, inputs.district, cfg.options["same_district_boost"])
        return np.minimum(np.where(self.is_person(names), capped * factor, w), 0.95)
