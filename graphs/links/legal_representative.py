"""legal_representative: two applicants have a legal representative of the same name."""

from __future__ import annotations

from typing import ClassVar

from graphs.links.person_name import PersonName


class LegalRepresentative(PersonName):
    """The person at the head of a firm; a name alone never links two firms (graphs.links.person_name)."""

    name = "legal_representative"
    label: ClassVar[dict[str, str]] = {"en": "legal representative", "zh": "法定代表人"}
    shared_value = "person name without spaces and dots"
    strength = 0.4
    max_holders = 6
    order = 30
    applicant_columns = ("legal_representative",)
    column = "legal_representative"
