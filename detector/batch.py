"""The batch after normalization: inputs plus derived keys every later stage shares (codes, days, canon)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from detector.io import Inputs
from detector.normalize import canonical_list
from detector.normalize.identity import id_key, key_table, name_keys, related_keys, self_keys
from detector.normalize.trade_name import trade_names
from detector.object_memo import derived

EPOCH = np.datetime64("1970-01-01", "D")


PARALLEL_CANONICAL_MIN = 50_000  # distinct texts below this are canonicalized in this process


def canonical_many(values: np.ndarray, jobs: int = 1) -> np.ndarray:
    """canonical() of each value; with `jobs` > 1 and many values, in forked processes (one chunk each)."""
    if jobs <= 1 or len(values) < PARALLEL_CANONICAL_MIN:
        return np.array(canonical_list([str(v) for v in values]), dtype=object)
    from detector.fork_map import fork_map

    bounds = np.linspace(0, len(values), jobs + 1).astype(np.int64)
    parts = fork_map(
        lambda i: canonical_list([str(v) for v in values[bounds[i] : bounds[i + 1]]]), jobs, jobs, "normalization chunk"
    )
    return np.array([c for part in parts for c in part], dtype=object)


def canonical_series(
    texts: pd.Series, jobs: int = 1, canonicalize: Callable[[np.ndarray], np.ndarray] | None = None
) -> pd.Series:
    """canonical() of each distinct text once, mapped back. `canonicalize`: computes canonical() of an array of
    distinct texts elsewhere (the Dask engine's workers) instead of canonical_many(values, jobs)."""
    codes, uniques = pd.factorize(texts)
    values = np.asarray(uniques, dtype=object)
    table = np.append(
        canonicalize(values) if canonicalize else canonical_many(values, jobs), ""
    )  # a missing text (code -1): ""
    return pd.Series(table[codes], index=texts.index, dtype="str")


@dataclass
class Batch:
    """Everything later stages read: filings with `app` codes, `day`, `canon`; applicants indexed by code."""

    filings: pd.DataFrame
    filing_classes: pd.DataFrame
    applicants: pd.DataFrame
    register: pd.DataFrame | None
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # derived tables several stages read

    @property
    def n_apps(self) -> int:
        return len(self.applicants)


def batch_key_table(batch: Batch) -> pd.DataFrame:
    """key_table() of every applicant of the batch (app, key), built once per batch: register owners and rights
    holders both meet applicants by these keys. Shared: never change it."""
    if "key_table" not in batch.memo:
        batch.memo["key_table"] = key_table(batch.applicants, own=batch.memo.get("self_keys"))
    return batch.memo["key_table"]


def register_owner_keys(batch: Batch) -> tuple[np.ndarray, list[list[str]]]:
    """Per register row the code of its owner (canonical name and owner id), and each owner's keys (name keys, id
    key); built once per batch (own marks and rights holders both meet the register's owners by these keys).
    Shared: never change them."""
    if "register_owner_keys" not in batch.memo:
        cells = batch.register[["canon_owner", "owner_id"]].astype("str")
        name_code, name_of = pd.factorize(cells["canon_owner"], use_na_sentinel=False)
        id_code, id_of = pd.factorize(cells["owner_id"], use_na_sentinel=False)
        width = max(len(id_of), 1)
        owners, owner_code = np.unique(name_code.astype(np.int64) * width + id_code, return_inverse=True)
        keys = []
        for name, oid in zip(
            np.asarray(name_of, dtype=object)[owners // width], np.asarray(id_of, dtype=object)[owners % width]
        ):
            oid_key = id_key(oid)
            keys.append([*name_keys(name), oid_key] if oid_key else name_keys(name))
        batch.memo["register_owner_keys"] = (owner_code.reshape(-1), keys)
    return batch.memo["register_owner_keys"]


def register_owner_counts(register: pd.DataFrame) -> pd.Series:
    """Distinct owners of each canonical mark of the register (canon -> count), computed once per register frame:
    the herd's waves and every partition's register_owners_same_mark read it. Shared: never change it."""
    return derived(register, "owner_counts", lambda: register.groupby("canon")["canon_owner"].nunique())


def prepare_batch(
    inputs: Inputs, jobs: int = 1, canonicalize: Callable[[np.ndarray], np.ndarray] | None = None
) -> Batch:
    """Add shared derived columns: applicant codes, day numbers, canonical marks, names and trade names.

    Every text to canonicalize (marks, names, trade names, register marks and owners) goes through one
    canonical_series call, so `jobs` forked processes share the work evenly."""
    apps = inputs.applicants.reset_index(drop=True).copy()
    app_index = pd.Index(apps["applicant_id"])
    f = inputs.filings.copy()
    f["app"] = app_index.get_indexer(f["applicant_id"]).astype(np.int64)
    f["day"] = (f["filing_date"].to_numpy().astype("datetime64[D]") - EPOCH).astype(np.int64)
    apps["trade_name"] = trade_names(apps["name"], apps["entity_type"])
    reg = inputs.register.copy() if inputs.register is not None else None
    targets = [(f, "mark_text", "canon"), (apps, "name", "canon_name"), (apps, "trade_name", "canon_trade_name")]
    if reg is not None:
        targets += [(reg, "mark_text", "canon"), (reg, "owner_name", "canon_owner")]
    texts = pd.concat([frame[source].astype("str") for frame, source, _ in targets], ignore_index=True)
    canon = canonical_series(texts, jobs, canonicalize).to_numpy()
    start = 0
    for frame, _, column in targets:
        frame[column] = pd.Series(canon[start : start + len(frame)], index=frame.index, dtype="str")
        start += len(frame)
    own = self_keys(apps)  # each applicant's own keys (id, name keys): read again by batch_key_table
    apps["identity_keys"] = related_keys(apps, inputs.registry, own)  # parties tied to it (normalize/identity.py)
    apps = apps[[*inputs.applicants.columns, "canon_name", "trade_name", "canon_trade_name", "identity_keys"]]
    fc = inputs.filing_classes.copy()
    fc["app"] = f["app"].to_numpy()[fc["filing_idx"].to_numpy()]
    return Batch(f, fc, apps, reg, memo={"self_keys": own})
