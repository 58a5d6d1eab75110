"""name_pattern: two companies' names follow one serial pattern (鑫隆一号贸易 / 鑫隆二号贸易)."""

from __future__ import annotations

from typing import ClassVar

import numpy as np

from graphs.links.registry import LinkInputs
from graphs.links.shared_value import SharedValue
from graphs.name_pattern import pattern_key_array


class NamePattern(SharedValue):
    """A weak tie (graphs.name_pattern): alone it never merges two companies; with a shared address or person it
    does."""

    name = "name_pattern"
    label: ClassVar[dict[str, str]] = {"en": "name pattern", "zh": "名称模式"}
    shared_value = "company trade name with serial parts folded (鑫隆一号 / 鑫隆二号 → 鑫隆#)"
    strength = 0.3
    max_holders = 12
    order = 70
    cost = 30
    applicant_columns = ("canon_trade_name", "entity_type")

    def keys(self, inputs: LinkInputs) -> np.ndarray:
        apps = inputs.apps
        return pattern_key_array(apps["canon_trade_name"], apps["entity_type"])
