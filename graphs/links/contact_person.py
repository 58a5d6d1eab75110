"""contact_person: two applicants name a contact person of the same name."""

from __future__ import annotations

from typing import ClassVar

from graphs.links.person_name import PersonName


class ContactPerson(PersonName):
    """The person named for contact on the filings; a name alone never links two firms."""

    name = "contact_person"
    label: ClassVar[dict[str, str]] = {"en": "contact person", "zh": "联系人"}
    shared_value = "person name"
    strength = 0.35
    max_holders = 6
    order = 31
    applicant_columns = ("contact_person",)
    column = "contact_person"
