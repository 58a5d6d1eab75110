"""The batch after normalization: inputs plus derived keys every later stage shares (codes, days, canon)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

import numpy as np
import pandas as pd

from detector.fork_map import Pending
from detector.io import Inputs
from detector.normalize import canonical_list
from detector.normalize.identity import (
    id_keys,
    key_table,
    name_keys,
    own_keys,
    related_keys,
    related_keys_and_table,
)
from detector.normalize.key_pairs import CodedKeyTable
from detector.normalize.trade_name import trade_names
from detector.object_memo import derived
from detector.runs import run_positions
from detector.small_batch import SMALL_ROWS
from detector.text_isin import text_positions
from detector.text_lists import TextLists

EPOCH = np.datetime64("1970-01-01", "D")


PARALLEL_CANONICAL_MIN = 50_000  # distinct texts below this are canonicalized in this process


def canonical_many(values: np.ndarray, jobs: int = 1) -> np.ndarray:
    """canonical() of each value; with `jobs` > 1 and many values, in forked processes (one chunk each)."""
    if jobs <= 1 or len(values) < PARALLEL_CANONICAL_MIN:
        return np.array(canonical_list([str(v) for v in values]), dtype=object)
    from detector.fork_map import map_chunks

    return np.array(
        map_chunks(lambda chunk: canonical_list([str(v) for v in chunk]), values, jobs, "normalization chunk"),
        dtype=object,
    )


def canonical_series(
    texts: pd.Series, jobs: int = 1, canonicalize: Callable[[np.ndarray], np.ndarray] | None = None
) -> pd.Series:
    """canonical() of each distinct text once, mapped back. `canonicalize`: computes canonical() of an array of
    distinct texts elsewhere (the Dask engine's workers) instead of canonical_many(values, jobs)."""
    if len(texts) <= SMALL_ROWS and texts.dtype == "str":
        (canon,) = _canonical_small([texts], jobs, canonicalize)
        return pd.Series(canon, index=texts.index, dtype="str")
    codes, uniques = pd.factorize(texts)
    values = np.asarray(uniques, dtype=object)
    table = np.append(
        canonicalize(values) if canonicalize else canonical_many(values, jobs), ""
    )  # a missing text (code -1): ""
    return pd.Series(table[codes], index=texts.index, dtype="str")


def canonical_parts(
    parts: list[pd.Series], jobs: int = 1, canonicalize: Callable[[np.ndarray], np.ndarray] | None = None
) -> list[pd.api.extensions.ExtensionArray]:
    """canonical() of the texts of each part (as `astype("str")` reads them; a missing one: ""), as `str` arrays;
    every distinct text of all parts canonicalized once (one call: `jobs` forked processes share the work)."""
    if sum(len(part) for part in parts) <= SMALL_ROWS:
        canon = pd.array(
            np.concatenate([np.empty(0, dtype=object), *_canonical_small(parts, jobs, canonicalize)]), "str"
        )
    else:
        texts = pd.concat([part.astype("str") for part in parts], ignore_index=True)
        canon = canonical_series(texts, jobs, canonicalize).array
    bounds = np.cumsum([0, *(len(part) for part in parts)]).tolist()
    return [canon[a:b] for a, b in zip(bounds[:-1], bounds[1:])]


def _canonical_small(
    parts: list[pd.Series], jobs: int, canonicalize: Callable[[np.ndarray], np.ndarray] | None
) -> list[np.ndarray]:
    """canonical() of a few texts per part, as object arrays: distinct ones by a dict, in order of first appearance
    (as pd.factorize finds them); a `str` column's missing values are NaN in its list, any other column is read as
    `str` first."""
    lists = [(part if part.dtype == "str" else part.astype("str")).tolist() for part in parts]
    distinct = list(dict.fromkeys(text for texts in lists for text in texts if text.__class__ is str))
    values = np.array(distinct, dtype=object)
    canon = canonicalize(values) if canonicalize else canonical_many(values, jobs)
    table = dict(zip(distinct, np.asarray(canon, dtype=object).tolist()))
    return [np.array([table[t] if t.__class__ is str else "" for t in texts], dtype=object) for texts in lists]


def applicant_codes(ids: pd.Series, wanted: pd.Series) -> np.ndarray:
    """Position of each wanted id among `ids` (-1: none), as pd.Index(ids).get_indexer(wanted) gives it; a few
    distinct texts by a dict (pandas builds a hash table for each call)."""
    if len(ids) + len(wanted) <= SMALL_ROWS and ids.dtype == "str" and wanted.dtype == "str":
        keys = ids.tolist()
        position = {key: i for i, key in enumerate(keys)}
        if len(position) == len(keys) and all(key.__class__ is str for key in keys):
            return np.array([position.get(w, -1) for w in wanted.tolist()], dtype=np.int64)
    return pd.Index(ids).get_indexer(wanted).astype(np.int64)


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
    holders both meet applicants by these keys. From the coded table the identity keys' child made (memo entry
    key_codes), or made here. Shared: never change it."""
    if "key_table" not in batch.memo:
        coded = batch.memo.get("key_codes")
        own = batch.memo.get("self_keys")
        batch.memo["key_table"] = coded.frame() if coded is not None else key_table(batch.applicants, own=own)
    return batch.memo["key_table"]


def key_positions(batch: Batch, wanted) -> tuple[np.ndarray, np.ndarray]:
    """(app, at) per row of the batch's key table: its applicant code, and the position of its key in `wanted`
    (distinct texts; -1 when not there). From the coded table when the batch has one: each distinct key looked up
    once, no text made per row."""
    coded = _coded_only(batch)
    if coded is not None:
        return coded.app, coded.positions(wanted)
    table = batch_key_table(batch)
    return table["app"].to_numpy(), text_positions(table["key"], wanted)


def _coded_only(batch: Batch) -> CodedKeyTable | None:
    """The batch's coded key table when it has no frame of it yet (then read from the codes, no frame made)."""
    return batch.memo.get("key_codes") if "key_table" not in batch.memo else None


def key_rows_of(table: pd.DataFrame | CodedKeyTable, codes: np.ndarray) -> pd.DataFrame | CodedKeyTable:
    """The rows of a batch_key_table() (or of its coded form, kept coded: the same vocabulary, no text made) for the
    applicant codes `codes` (ascending), each with its position in `codes` as app: the key table of the batch of
    just those applicants (key_table() reads each row alone)."""
    coded = isinstance(table, CodedKeyTable)
    app = table.app if coded else table["app"].to_numpy()
    keep, pos = _rows_of(app, codes)
    pos = pos.astype(app.dtype, copy=False)
    if coded:
        return CodedKeyTable(pos, table.code[keep], table.vocab)
    return pd.DataFrame({"app": pos, "key": table["key"].take(keep).reset_index(drop=True)})


def key_rows_for(batch: Batch, codes: np.ndarray) -> pd.DataFrame:
    """The rows (app, key) of the batch's key table for its applicant codes `codes` (distinct, ascending), in the
    table's order; from the coded table when the batch has one, texts made for those rows only (a partition's
    rights holders ask for the keys of the few applicants its hits name, not the 1.5 million rows of all its
    applicants at 1,000,000 filings)."""
    coded = _coded_only(batch)
    if coded is not None:
        keep, _ = _rows_of(coded.app, codes)
        return pd.DataFrame({"app": coded.app[keep], "key": coded.keys(keep)})
    table = batch_key_table(batch)
    return table[table["app"].isin(codes)]


def _rows_of(app: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows of `app` whose code is one of `codes` (ascending), in table order; each one's position in `codes`)."""
    if len(app) > 1 and bool(np.all(app[1:] >= app[:-1])):
        # key_table() writes its rows by applicant: each code's rows are one run, found by two binary searches per
        # code (a search of every row of the batch's table among the codes cost ~0.6 s a partition at 1,000,000
        # filings).
        start = np.searchsorted(app, codes, side="left")
        count = np.searchsorted(app, codes, side="right") - start
        return run_positions(start, count), np.repeat(np.arange(len(codes)), count)
    pos = np.searchsorted(codes, app)
    keep = np.flatnonzero(pos < len(codes))
    keep = keep[codes[pos[keep]] == app[keep]]
    return keep, pos[keep]


def register_owner_keys(batch: Batch) -> tuple[np.ndarray, TextLists]:
    """Per register row the code of its owner (canonical name and owner id), and each owner's keys (name keys, id
    key) as TextLists (no Python string per key: forked partitions read them without copying the parent's pages);
    built once per batch (own marks and rights holders both meet the register's owners by these keys). Shared:
    never change them."""
    if "register_owner_keys" not in batch.memo:
        batch.memo["register_owner_keys"] = _owner_keys(batch.register)
    return batch.memo["register_owner_keys"]


def _owner_keys(register: pd.DataFrame) -> tuple[np.ndarray, TextLists]:
    cells = register[["canon_owner", "owner_id"]].astype("str")
    name_code, name_of = pd.factorize(cells["canon_owner"], use_na_sentinel=False)
    id_code, id_of = pd.factorize(cells["owner_id"], use_na_sentinel=False)
    width = max(len(id_of), 1)
    owners, owner_code = np.unique(name_code.astype(np.int64) * width + id_code, return_inverse=True)
    id_key_of = id_keys(np.asarray(id_of, dtype=object).tolist())  # each distinct id once
    keys = []
    for name, oid in zip(np.asarray(name_of, dtype=object)[owners // width], (owners % width).tolist()):
        oid_key = id_key_of[oid]
        keys.append([*name_keys(name), oid_key] if oid_key else name_keys(name))
    return owner_code.reshape(-1), TextLists.of(keys)


def register_owner_counts(register: pd.DataFrame) -> pd.Series:
    """Distinct owners of each canonical mark of the register (canon -> count), computed once per register frame:
    the herd's waves and every partition's register_owners_same_mark read it. Shared: never change it."""
    return derived(register, "owner_counts", lambda: register.groupby("canon")["canon_owner"].nunique())


def prepare_batch(
    inputs: Inputs,
    jobs: int = 1,
    canonicalize: Callable[[np.ndarray], np.ndarray] | None = None,
    later: Callable[[Callable[[], tuple]], Pending] | None = None,
    meanwhile: Callable[[pd.api.extensions.ExtensionArray], dict] | None = None,
) -> Batch:
    """Add shared derived columns: applicant codes, day numbers, canonical marks, names and trade names.

    The marks, names, register marks and owners are canonicalized in one canonical_parts call (`jobs` forked
    processes share the work), the trade names in a second one after the identity keys' child has started. Each
    frame is built once, its columns then the derived ones (pandas' cost per column insert is fixed, and large next
    to a small batch).

    `later(task) -> Pending`: where the applicants' identity keys (own and related: seconds at a million filings)
    are made while the next stages run (the graph reads none of them); `settle_identity` adds them. Default: now.
    `meanwhile(canonical marks) -> memo entries`: more the child makes after them, when `later` forks one."""
    apps = inputs.applicants.reset_index(drop=True)
    f, reg = inputs.filings, inputs.register
    app = inputs.known_applicant_codes()
    if app is None:
        app = applicant_codes(apps["applicant_id"], f["applicant_id"])
    day = (f["filing_date"].to_numpy().astype("datetime64[D]") - EPOCH).astype(np.int64)
    # The marks, names and register first: the identity keys' child reads them and starts as soon as they are made,
    # while this process reads the trade names (which only the partitions read).
    parts = [f["mark_text"], apps["name"]]
    if reg is not None:
        parts += [reg["mark_text"], reg["owner_name"]]
    canon = canonical_parts(parts, jobs, canonicalize)
    reg = _with_columns(reg, {"canon": canon[2], "canon_owner": canon[3]}) if reg is not None else None
    names = pd.Series(canon[1], copy=False)
    task = partial(
        _identity_keys, apps, apps["applicant_id"], names, inputs.registry, reg, os.getpid(), canon[0], meanwhile
    )
    keys = later(task) if later is not None else Pending.ready(task())
    # A forked child takes a core: the trade names are then read in this process alone (forking chunks beside it
    # cost more than it saved).
    rest_jobs = 1 if keys.elsewhere else jobs
    trade = trade_names(apps["name"], apps["entity_type"], rest_jobs)
    (canon_trade,) = canonical_parts([trade], rest_jobs, canonicalize)
    names = {"canon_name": canon[1], "trade_name": trade.array, "canon_trade_name": canon_trade}
    apps = _with_columns(apps, names)
    fc = _with_columns(inputs.filing_classes, {"app": app[inputs.filing_classes["filing_idx"].to_numpy()]})
    f = _with_columns(f, {"app": app, "day": day, "canon": canon[0]})
    batch = Batch(f, fc, apps, reg, memo={"identity_keys": keys})
    if later is None:
        settle_identity(batch)
    return batch


def _identity_keys(
    apps: pd.DataFrame,
    ids: pd.Series,
    canon_names: pd.Series,
    registry: pd.DataFrame | None,
    register: pd.DataFrame | None,
    caller: int,
    marks: pd.api.extensions.ExtensionArray | None = None,
    meanwhile: Callable[[pd.api.extensions.ExtensionArray], dict] | None = None,
) -> tuple[list[list[str]] | None, pd.api.extensions.ExtensionArray, dict]:
    """Each applicant's own keys (id, name keys) and the keys of the parties tied to it (normalize/identity.py).

    Run in a forked child (not in `caller`, the process that asked), it also makes what the partition stage would
    make from them next, off this process's path: the batch's key table and, with a register, its owners' keys
    (memo entries, the same tables batch_key_table and register_owner_keys give), and `meanwhile(marks)`'s entries.
    Its own keys then stay in the child (None): the key table holds them, and only a batch without one reads them
    (314,241 applicants' lists took ~0.1 s to unpickle on the graph stage's path and ~90 MB the partitions share)."""
    own = own_keys(ids, canon_names)
    memo: dict = {}
    if os.getpid() != caller:
        related, memo["key_codes"] = related_keys_and_table(apps, registry, own)
        if register is not None and not register.empty:
            memo["register_owner_keys"] = _owner_keys(register)
        if meanwhile is not None and marks is not None:
            memo.update(meanwhile(marks))
        return None, related, memo
    related = related_keys(apps, registry, own).array
    return own, related, memo


def settle_identity(batch: Batch) -> None:
    """Add the identity keys prepare_batch set going: column identity_keys of the applicants and the memo's
    self_keys (read by batch_key_table when the memo has no key table yet, and by the partitions), with the tables
    made beside them (a forked child's key table, without the own keys it holds). Idempotent."""
    keys = batch.memo.pop("identity_keys", None)
    if keys is None:
        return
    own, related, memo = keys.take()
    batch.applicants = _with_columns(batch.applicants, {"identity_keys": related})
    if own is not None:
        batch.memo["self_keys"] = own
    batch.memo.update(memo)


def drop_identity_column(batch: Batch) -> None:
    """Drop the applicants' column identity_keys once the batch's key table (made beside it) holds the same keys
    and the partitions read that table: nothing of the run reads the column then (only key_table() of a batch
    without a key table does). At 1,000,000 filings the column is 113 MB the forked partitions would share, and
    each would copy its applicants' quarter of it."""
    has_table = "key_table" in batch.memo or "key_codes" in batch.memo
    if has_table and "identity_keys" in batch.applicants.columns:
        batch.applicants = batch.applicants.drop(columns="identity_keys")


def _with_columns(frame: pd.DataFrame, columns: dict[str, object]) -> pd.DataFrame:
    """`frame` with `columns` (arrays of its length) added after its own, as a copy then one insert per column
    gave it; one concat (copy-on-write: the frame's columns are not copied until written)."""
    return pd.concat([frame, pd.DataFrame(columns, index=frame.index, copy=False)], axis=1)
