"""Applicant identifiers: unified social credit codes for organisations, ID-card-like numbers for persons."""

from __future__ import annotations

import numpy as np
import pandas as pd

_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # the 31 characters of a unified social credit code


def credit_codes(rng: np.random.Generator, adcodes: np.ndarray, taken: set[str] | None = None) -> np.ndarray:
    """18-character codes '91' + adcode + organisation code (newer firms 'MA' + 7) + check, unique in the batch."""
    n = len(adcodes)
    alpha = np.array(list(_ALPHABET), dtype=object)
    chars = rng.choice(alpha, size=(n, 10))
    newer = rng.random(n) < 0.7
    seen = set(taken or ())
    out = np.empty(n, dtype=object)
    for i in range(n):
        body = ("MA" + "".join(chars[i, :7]) if newer[i] else "".join(chars[i, :9])) + chars[i, 9]
        code = f"91{adcodes[i]}{body}"
        while code in seen:  # astronomically rare; re-draw deterministically
            code = f"91{adcodes[i]}" + "".join(rng.choice(alpha, size=10))
        seen.add(code)
        out[i] = code
    return out


def person_ids(rng: np.random.Generator, adcodes: np.ndarray, taken: set[str] | None = None) -> np.ndarray:
    """18-character ID-card-like numbers (adcode + birth date + sequence + check), unique within the batch."""
    n = len(adcodes)
    birth = np.datetime64("1960-01-01") + rng.integers(0, 365 * 42, size=n).astype("timedelta64[D]")
    days = pd.to_datetime(birth).strftime("%Y%m%d").to_numpy(dtype=object)
    seq = rng.integers(0, 1000, size=n)
    check = rng.choice(list("0123456789X"), size=n)
    ids = np.array([f"{a}{d}{s:03d}{c}" for a, d, s, c in zip(adcodes, days, seq, check)], dtype=object)
    seen = set(taken or ())
    for i, v in enumerate(ids):  # rare collisions: bump the sequence until unique
        s = int(v[14:17])
        while v in seen:
            s = (s + 1) % 1000
            v = f"{v[:14]}{s:03d}{v[17]}"
        ids[i] = v
        seen.add(v)
    return ids
