"""How much a shared person name proves: names repeat across strangers, so a name alone never links two firms.

A shared name (legal representative, contact person, a natural-person shareholder) ties at its link type's
strength, which the shipped settings keep below the pair threshold even after `same_district_boost` (same name +
same district is more often the same person, yet a district with ten thousand firms still has thousands of
same-name strangers); two-character names (王伟, 张敏), which collide most, count less. Batch frequency damping
(graphs.damping) comes on top.
A shareholder that is an organisation (…公司, …合伙, …基金) is not a person name and keeps its full strength.
"""

from __future__ import annotations

import re

import numpy as np

SHORT_NAME_FACTOR = 0.6
_ORGANISATION = re.compile(
    r"(公司|集团|企业|合伙|基金|中心|事务所|研究院|协会|银行|ltd|llc|inc|co\.|limited|gmbh)", re.IGNORECASE
)


def is_organisation(key: str) -> bool:
    """A shareholder key that names an organisation rather than a person."""
    return bool(_ORGANISATION.search(key)) or len(key) > 8


def person_factor(lengths: np.ndarray, a: np.ndarray, b: np.ndarray, district: np.ndarray, boost: float) -> np.ndarray:
    """Per tie through a person name of `lengths[i]` characters between applicants a[i], b[i]: length prior x
    locality boost."""
    prior = np.where(lengths <= 2, SHORT_NAME_FACTOR, 1.0)
    same_place = (district[a] != "") & (district[a] == district[b])
    return prior * np.where(same_place, boost, 1.0)
