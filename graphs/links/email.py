"""email: two applicants give the same e-mail address."""

from __future__ import annotations

from typing import ClassVar

from graphs.links.shared_value import SharedValue
from graphs.values import email_key


class Email(SharedValue):
    """An e-mail address is rarely shared by unrelated firms, unless it is an agency's (then it is a hub)."""

    name = "email"
    label: ClassVar[dict[str, str]] = {"en": "e-mail", "zh": "邮箱"}
    shared_value = "lower-cased address"
    strength = 0.9
    max_holders = 8
    order = 20
    cost = 40
    applicant_columns = ("email",)
    column = "email"
    key = staticmethod(email_key)
    ring_kind = "contact"
