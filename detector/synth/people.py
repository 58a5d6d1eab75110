"""Vectorized person names, phones and e-mail addresses."""

from __future__ import annotations

import numpy as np

from detector.synth.pools import (
    EMAIL_DOMAIN_WEIGHTS,
    EMAIL_DOMAINS,
    GIVEN_CHARS,
    MOBILE_PREFIXES,
    SURNAMES,
)
from detector.synth.text import pinyin_of

_SUR = np.array([s for s, _ in SURNAMES], dtype=object)
_SUR_P = np.array([w for _, w in SURNAMES], dtype=float)
_SUR_P /= _SUR_P.sum()
_GIVEN = np.array(list(GIVEN_CHARS), dtype=object)


def person_names(rng: np.random.Generator, n: int) -> np.ndarray:
    """Chinese personal names: weighted surname + one or two given-name characters (70% two)."""
    sur = rng.choice(_SUR, size=n, p=_SUR_P)
    g1 = rng.choice(_GIVEN, size=n)
    g2 = rng.choice(_GIVEN, size=n)
    two = rng.random(n) < 0.7
    return np.where(two, sur + g1 + g2, sur + g1)


def _digits(rng: np.random.Generator, n: int, width: int) -> np.ndarray:
    nums = rng.integers(0, 10**width, size=n)
    return np.array([f"{v:0{width}d}" for v in nums], dtype=object)


def mobiles(rng: np.random.Generator, n: int) -> np.ndarray:
    """11-digit mainland mobile numbers."""
    return rng.choice(np.array(MOBILE_PREFIXES, dtype=object), size=n) + _digits(rng, n, 8)


def landlines(rng: np.random.Generator, area_codes: np.ndarray) -> np.ndarray:
    """Landline numbers '0755-86xxxxxx' for the given area codes."""
    return area_codes + "-" + _digits(rng, len(area_codes), 8)


def emails(rng: np.random.Generator, names: np.ndarray) -> np.ndarray:
    """Personal e-mail addresses: QQ numbers or pinyin of the name plus digits."""
    n = len(names)
    domain = rng.choice(np.array(EMAIL_DOMAINS, dtype=object), size=n, p=EMAIL_DOMAIN_WEIGHTS)
    qq = np.array([str(v) for v in rng.integers(10_000_000, 3_999_999_999, size=n)], dtype=object)
    py = np.array([pinyin_of(x) for x in names], dtype=object) + np.array(
        [str(v) for v in rng.integers(1, 9999, size=n)], dtype=object
    )
    local = np.where(domain == "qq.com", qq, py)
    return local + "@" + domain


def company_emails(rng: np.random.Generator, trade_names: np.ndarray, owner_names: np.ndarray) -> np.ndarray:
    """Company e-mail: a domain from the trade name (30%) or the owner's personal mailbox."""
    n = len(trade_names)
    own_domain = np.array(
        [
            f"{r}@{pinyin_of(t)}.com"
            for r, t in zip(rng.choice(np.array(["info", "service", "hr", "admin", "sales"]), n), trade_names)
        ],
        dtype=object,
    )
    return np.where(rng.random(n) < 0.3, own_domain, emails(rng, owner_names))
