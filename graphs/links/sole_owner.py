"""sole_owner: one person is legal representative and sole shareholder of two applicants.

A person who heads a firm and owns all of it controls it; the same person heading and wholly owning several firms
controls them all, and their filings count together (Provisions Art. 8(1); domain.md §5, companies founded by the
same people). The same name as legal representative alone, or as one shareholder among several, stays a person-name
tie that never links on its own (graphs.person_names).
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from graphs.links.person_name import PersonName
from graphs.links.registry import Found, LinkInputs, holdings_of, link_type
from graphs.person_names import is_organisation


class SoleOwner(PersonName):
    """A person-name tie (counted once per pair with the name's other roles, two-character names at 0.6, the
    same-district boost) that is strong enough alone: a three-character name heading and wholly owning up to five
    firms links them; a two-character name (王伟) does not, nor a name held by more than `max_holders` firms."""

    name = "sole_owner"
    label: ClassVar[dict[str, str]] = {"en": "legal representative and sole shareholder", "zh": "法定代表人兼唯一股东"}
    shared_value = "person name that is both the legal representative and the only shareholder of each applicant"
    strength = 0.65
    max_holders = 6
    group = ""
    order = 34
    cost = 20
    ring_kind = ""  # the name is the legal representative's, which rings already read
    applicant_columns = ("legal_representative", "shareholders")
    cap_type = "sole_owner"

    def keys(self, inputs: LinkInputs) -> np.ndarray:
        """The legal representative's name where it is also the one and only shareholder, else ''. Reads the
        holdings of the legal_representative and shareholder link types (read once, graphs.links.holdings_of)."""
        n = len(inputs.apps)
        _, rep = holdings_of(link_type("legal_representative")(), inputs)
        codes, owners = holdings_of(link_type("shareholder")(), inputs)
        rep = np.asarray(rep, dtype=object)
        codes = np.asarray(codes, dtype=np.int64)
        count = np.bincount(codes, minlength=n)
        only = np.full(n, "", dtype=object)
        only[codes] = np.asarray(owners, dtype=object)  # the last of several; kept only where there is one
        sole = (rep != "") & (count == 1) & (rep == only)
        person = np.zeros(n, dtype=bool)
        person[sole] = [not is_organisation(k) for k in rep[sole].tolist()]
        return np.where(sole & person, rep, "").astype(object)

    def find(self, inputs: LinkInputs, earlier: dict[str, Found]) -> Found:
        found = super().find(inputs, earlier)
        found.holders = None  # not a role of its own for person_cross_role
        return found
