"""Combine the evidence links of each applicant pair into one pair weight (noisy-OR) and keep the strong pairs."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from graphs.links import Links, person_name_types


def combine_pairs(links: Links, n_apps: int, min_pair_weight: float) -> pd.DataFrame:
    """One row per pair with weight = 1 - prod(1 - w_i) over its links; columns a, b, weight, n_links, link_types, kept.

    Independent weak ties add up (a shared name pattern and a shared address together can tie two firms that
    neither would tie alone); one hub-damped tie never does.
    """
    if len(links.a) == 0:
        return _no_pairs().copy()
    key = links.a.astype(np.int64) * np.int64(n_apps) + links.b.astype(np.int64)
    codes, uniq = pd.factorize(key, sort=True)
    # One shared person name is one piece of evidence, whatever roles it appears in (legal representative of one
    # firm and shareholder of the other): such rows count once, at their highest weight.
    person = np.isin(links.link_type, person_name_types())
    value_code, values = pd.factorize(links.value[person])
    key = codes[person].astype(np.int64) * np.int64(max(len(values), 1)) + value_code
    best = pd.Series(links.weight[person]).groupby(key, sort=False).max()
    c = np.concatenate([codes[~person], (best.index.to_numpy() // max(len(values), 1)).astype(np.int64)])
    w = np.concatenate([links.weight[~person], best.to_numpy()])
    log_keep = np.bincount(c, weights=np.log1p(-np.clip(w, 0.0, 0.999999)), minlength=len(uniq))
    weight = 1.0 - np.exp(log_keep)
    n_links = np.bincount(codes, minlength=len(uniq))
    # Link types per pair as a bit mask (OR over its links), then one ";"-joined name per distinct mask.
    type_code, type_names = pd.factorize(links.link_type, sort=True)
    mask = np.zeros(len(uniq), dtype=np.int64)
    np.bitwise_or.at(mask, codes, np.left_shift(np.int64(1), type_code.astype(np.int64)))
    masks, inverse = np.unique(mask, return_inverse=True)
    names = np.array(
        [";".join(str(t) for i, t in enumerate(type_names) if m >> i & 1) for m in masks.tolist()], dtype=object
    )
    out = pd.DataFrame(
        {
            "a": (uniq // n_apps).astype(np.int64),
            "b": (uniq % n_apps).astype(np.int64),
            "weight": np.round(weight, 6),
            "n_links": n_links,
            "link_types": names[inverse],
        }
    )
    out["kept"] = out["weight"] >= min_pair_weight
    return out


@functools.cache
def _no_pairs() -> pd.DataFrame:
    """The pair table of a batch without links, made once (copied per batch: a frame costs ~0.4 ms to build)."""
    return pd.DataFrame({"a": [], "b": [], "weight": [], "n_links": [], "link_types": [], "kept": []})
