"""Marks of ordinary applicants: their trade name, a few product brands, and the usual filing variants."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.synth.famous import famous_forms
from detector.synth.pools import BRAND_TAILS, LATIN_SYLLABLES, TRADE_CHARS
from detector.synth.text import pinyin_of

_TRADE = np.array(list(TRADE_CHARS), dtype=object)
_TAILS = np.array(BRAND_TAILS, dtype=object)
_SYL = np.array(LATIN_SYLLABLES, dtype=object)


def _raw_coined(rng: np.random.Generator, n: int, p3: float) -> np.ndarray:
    a, b, c = (rng.choice(_TRADE, size=n) for _ in range(3))
    b = np.where(a == b, rng.choice(_TRADE, size=n), b)
    three = (rng.random(n) < p3) & (c != a) & (c != b)
    return np.where(three, a + b + c, a + b)


def coined_words(rng: np.random.Generator, n: int, p3: float = 0.2) -> np.ndarray:
    """Two- (or three-) character coined words from trade-name characters; never a famous mark."""
    words = _raw_coined(rng, n, p3)
    _, han = famous_forms()
    for _ in range(10):
        if len(words) < 256:  # small draws (planted cases, one company at a time): skip the Series overhead
            bad = np.fromiter((han.search(w) is not None for w in words), bool, len(words))
        else:
            bad = pd.Series(words, dtype=object).str.contains(han).to_numpy()
        if not bad.any():
            break
        words[bad] = _raw_coined(rng, int(bad.sum()), p3)
    return words


def latin_words(rng: np.random.Generator, n: int) -> np.ndarray:
    """Coined Latin brand words of two or three syllables, upper case (KALO, VENOVA)."""
    w = rng.choice(_SYL, size=n) + rng.choice(_SYL, size=n)
    w = np.where(rng.random(n) < 0.3, w + rng.choice(_SYL, size=n), w)
    return np.array([x.upper() for x in w], dtype=object)


def individual_stems(rng: np.random.Generator, names: np.ndarray) -> np.ndarray:
    """A natural person's main mark: a shop-style name from the surname (王记, 老陈家), or a coined word."""
    n = len(names)
    sur = np.array([x[0] for x in names], dtype=object)
    style = rng.random(n)
    shop = np.where(
        style < 0.5,
        sur + "记" + rng.choice(np.array(["", "小馆", "面馆", "茶铺", "烘焙", "鲜果"], dtype=object), size=n),
        "老" + sur + "家" + rng.choice(np.array(["", "味道", "土菜", "手作"], dtype=object), size=n),
    )
    return np.where(style < 0.35, shop, coined_words(rng, n))


def product_stems(rng: np.random.Generator, trades: np.ndarray) -> np.ndarray:
    """Product brands: coined words (60%), trade name + brand tail (25%) or a Latin word (15%)."""
    n = len(trades)
    r = rng.random(n)
    tail = trades + rng.choice(_TAILS, size=n)
    return np.where(r < 0.6, coined_words(rng, n, 0.3), np.where(r < 0.85, tail, latin_words(rng, n)))


def filing_variants(rng: np.random.Generator, stems: np.ndarray) -> np.ndarray:
    """How the chosen stem is filed: as is, with a tail, in pinyin, Chinese plus pinyin, or figurative ('')."""
    n = len(stems)
    r = rng.random(n)
    out = stems.copy()
    tail = r < 0.08
    out[tail] = stems[tail] + rng.choice(_TAILS, size=int(tail.sum()))
    py = (r >= 0.08) & (r < 0.15)
    latin, _ = famous_forms()
    out[py] = [s if pinyin_of(s) in latin else pinyin_of(s).upper() for s in stems[py]]
    both = (r >= 0.15) & (r < 0.18)
    out[both] = [s + pinyin_of(s).upper() if not s.isascii() else s for s in stems[both]]
    out[r >= 0.93] = ""
    return out
