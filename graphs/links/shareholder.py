"""shareholder: two applicants share a shareholder (a firm, or a person's name)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import numpy as np
import pandas as pd

from graphs.links.person_name import PersonName
from graphs.links.registry import LinkInputs
from graphs.person_names import is_organisation
from graphs.values import split_list, text_codes


class Shareholder(PersonName):
    """Each `;`-separated entry of `shareholders`. An organisation shareholder ties at full strength; a natural
    person ties as a person name (capped, boosted in one district, never alone)."""

    name = "shareholder"
    label: ClassVar[dict[str, str]] = {"en": "shareholder", "zh": "股东"}
    shared_value = "each `;`-separated shareholder; organisations at full strength, natural persons as person names"
    strength = 0.7
    max_holders = 8
    order = 32
    applicant_columns = ("shareholders",)

    @classmethod
    def is_person(cls, names: Sequence[str]) -> np.ndarray:
        """Which of the keys name a natural person (not an organisation); each distinct key tested once (a ring's
        keys repeat one per member)."""
        codes, distinct = pd.factorize(np.asarray(names, dtype=object), use_na_sentinel=False)
        return np.array([not is_organisation(k) for k in distinct.tolist()], dtype=bool)[codes]

    def ring_kinds(self, keys: np.ndarray) -> np.ndarray:
        return np.where(self.is_person(np.asarray(keys, dtype=object).tolist()), "person", "owner").astype(object)

    def holdings(self, inputs: LinkInputs) -> tuple[np.ndarray, np.ndarray]:
        """(applicant codes, shareholder keys), one row per holding in applicant order; each distinct cell split
        once (most applicants share an empty or a common cell)."""
        codes, cells = text_codes(inputs.apps["shareholders"])
        split = [split_list(c) for c in cells]
        sizes = np.fromiter((len(s) for s in split), dtype=np.int64, count=len(split))
        keys = np.array([k for s in split for k in s], dtype=object)
        lengths = sizes[codes] if len(split) else np.zeros(len(codes), dtype=np.int64)
        first = (np.cumsum(sizes) - sizes)[codes] if len(split) else lengths
        within = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        return np.repeat(np.arange(len(codes)), lengths), keys[np.repeat(first, lengths) + within]
