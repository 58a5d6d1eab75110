"""phone: two applicants give the same phone number."""

from __future__ import annotations

from typing import ClassVar

from graphs.links.shared_value import SharedValue
from graphs.values import phone_key


class Phone(SharedValue):
    """A phone number is rarely shared by unrelated firms, unless it is an agency's (then it is a hub)."""

    name = "phone"
    label: ClassVar[dict[str, str]] = {"en": "phone", "zh": "电话"}
    shared_value = "digits only, without +86/0086; fewer than 7 digits ignored"
    strength = 0.9
    max_holders = 8
    order = 10
    cost = 50
    applicant_columns = ("phone",)
    column = "phone"
    key = staticmethod(phone_key)
    ring_kind = "contact"
