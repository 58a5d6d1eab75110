"""Hub damping: a shared value counts less the more applicants hold it, and not at all past a cap.

Method (stated in docs/graph.md): a value held by n applicants gives each pair of its holders the weight
`strength * min(1, (free_holders / n) ** exponent)`; when n exceeds the link type's `max_holders` the value is a
hub and makes no link at all (it is listed in the hub table instead). So a phone shared by two companies ties them
at full strength, an address shared by six firms ties them weakly, and an incubator address shared by two hundred
firms, a busy agency's e-mail or a common person name ties nobody.
"""

from __future__ import annotations

import numpy as np


def damped_weight(strength: float, holders: np.ndarray, free_holders: int, exponent: float) -> np.ndarray:
    """Weight of a tie through a value with `holders` holders (vectorized)."""
    n = np.maximum(np.asarray(holders, dtype=np.float64), 1.0)
    return strength * np.minimum(1.0, (free_holders / n) ** exponent)
