"""Whether the applicant of a match hit holds the rights in the matched sign: by identity, never by trade name.

The applicant is a rights holder of a hit when one of its keys (detector/normalize/identity.py: its id, its name
key, an organisation's name without its city or the body it is a unit of, and the parties tied to it through the
applicants table) meets a key of
- a rights holder of the matched entry (a list's `rights_holders`, a register entry's owner name and `owner_id`), or
- a register owner of the matched sign or of the filed mark itself: a register that names the applicant as owner of
  a mark exempts every squatting rule for that mark, whoever else the list or the register names for it;
or when an allowlist entry declares the applicant an affiliate of such a holder (an allowlist-category entry with
`rights_holders`: its term, aliases, former names and ids name the affiliate, `rights_holders` the owners by name
or id; `note`, `source` and `source_date` say why).

深圳市耐克优品贸易有限公司 is not 耐克创新有限合伙公司: a company named after a brand is no holder of it (the
filing metric `named_after_mark` makes that evidence for squatting instead).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from detector.batch import Batch, batch_key_table, canonical_series, register_owner_keys
from detector.lists.load import ReferenceList
from detector.normalize.identity import holder_keys, holder_keys_many, id_key
from detector.text_isin import text_isin


def _pairs(left: list[str], keys: list[list[str]]) -> list[tuple[str, str]]:
    """(a, key) pairs: each left value with each of its keys."""
    return [(a, k) for a, ks in zip(left, keys, strict=True) for k in ks]


def affiliations(lists: Iterable[ReferenceList]) -> pd.DataFrame:
    """(affiliate key, owner key) rows of the allowlist entries that declare an affiliate of named owners."""
    left, right = [], []
    for ref in lists:
        if ref.category != "allowlist":
            continue
        for entry in ref.entries:
            owners = [k for h in entry.get("rights_holders") or [] for k in holder_keys(str(h))]
            if not owners:
                continue
            names = [entry["term"], *(entry.get("aliases") or []), *(entry.get("former_names") or [])]
            mine = [k for n in [*names, *(entry.get("ids") or [])] for k in holder_keys(str(n))]
            for k in dict.fromkeys(mine):
                left.extend([k] * len(owners))
                right.extend(owners)
    return pd.DataFrame({"affiliate": pd.Series(left, dtype="str"), "key": pd.Series(right, dtype="str")})


def applicant_keys(table: pd.DataFrame, declared: pd.DataFrame) -> pd.DataFrame:
    """(app, key) rows of a key table (own and related keys of applicants; its rows are distinct), plus the owners
    they are declared affiliates of."""
    if not (len(declared) and len(table)):
        return table
    owners_of: dict[str, list[str]] = {}
    for affiliate, owner in zip(declared["affiliate"].tolist(), declared["key"].tolist(), strict=True):
        owners_of.setdefault(affiliate, []).append(owner)
    # The inner join of the table's keys with the affiliates, in the order a merge gives it (the table's rows in
    # order, each with its owners in declared order), walking only the rows pyarrow finds among the affiliates: a
    # pandas merge of text keys cost ~5 ms at intake, where the table has a few rows.
    rows = np.flatnonzero(text_isin(table["key"], pd.Series(list(owners_of), dtype="str")))
    if not len(rows):  # no applicant is a declared affiliate: nothing to add, nothing to deduplicate
        return table
    app, key = [], []
    for a, k in zip(table["app"].to_numpy()[rows].tolist(), table["key"].iloc[rows].tolist(), strict=True):
        for owner in owners_of[k]:
            app.append(a)
            key.append(owner)
    extra = pd.DataFrame({"app": np.array(app, dtype=table["app"].dtype), "key": pd.Series(key, dtype="str")})
    return pd.concat([table, extra], ignore_index=True).drop_duplicates()


def _batch_keys(batch: Batch, declared: pd.DataFrame) -> pd.DataFrame:
    """applicant_keys() of every applicant of the batch, built once per batch and declared affiliations (a batch's
    match specs each ask for the keys of the applicants they hit)."""
    kept = batch.memo.get("applicant_keys")
    if kept is None or kept[0] is not declared:
        kept = (declared, applicant_keys(batch_key_table(batch), declared))
        batch.memo["applicant_keys"] = kept
    return kept[1]


def _entry_keys(hits: pd.DataFrame) -> list[tuple[str, str]]:
    """(entry id, key) pairs: every rights holder and owner id of the hits' entries."""
    columns = (hits[c].astype("str").tolist() for c in ("entry_id", "rights_holders", "owner_id"))
    cells = list(dict.fromkeys(zip(*columns, strict=True)))  # each distinct (entry, holders, owner) once
    named = [[h for h in holders.split(";") if h.strip()] for _, holders, _ in cells]
    distinct = list(dict.fromkeys(h for hs in named for h in hs))
    keys_of = dict(zip(distinct, holder_keys_many(distinct)))  # each holder once, canonicalized in one pass
    keys = []
    for hs, (_, _, owner) in zip(named, cells, strict=True):
        ks, oid_key = [k for h in hs for k in keys_of[h]], id_key(owner)
        keys.append([*ks, oid_key] if oid_key else ks)
    return _pairs([entry for entry, _, _ in cells], keys)


def _owner_keys(batch: Batch, marks: set[str]) -> list[tuple[str, str]]:
    """(canonical mark, key) pairs: the owners the register names for each of `marks` (each distinct mark and
    owner once)."""
    register = batch.register
    if register is None or register.empty or not marks:
        return []
    rows = np.flatnonzero(text_isin(register["canon"], pd.Series(list(marks), dtype="str")))
    owner_code, keys = register_owner_keys(batch)
    canon_code, canon_of = pd.factorize(register["canon"].astype("str").iloc[rows], use_na_sentinel=False)
    n_owners = len(keys)
    both = np.unique(canon_code.astype(np.int64) * n_owners + owner_code[rows])
    canon_of = np.asarray(canon_of, dtype=object)
    return _pairs(canon_of[both // n_owners].tolist(), [keys[o] for o in (both % n_owners).tolist()])


def _met(pairs: list[tuple[str, str]], mine: pd.DataFrame) -> set[tuple[str, int]]:
    """(a, app) of the pairs whose key is one of the applicant's (a dict join: a match spec's pairs are few, and a
    pandas merge of text keys cost milliseconds even when one side was empty)."""
    if not pairs or not len(mine):
        return set()
    left_of: dict[str, list[str]] = {}
    for a, key in pairs:
        left_of.setdefault(key, []).append(a)
    # The applicants' keys are many (a large batch: every key of every hit applicant): only their rows holding one
    # of the pairs' keys, found by pyarrow, are walked in Python.
    rows = np.flatnonzero(text_isin(mine["key"], pd.Series(list(left_of), dtype="str")))
    keys, apps = mine["key"].iloc[rows].tolist(), mine["app"].to_numpy()[rows].tolist()
    return {(a, app) for key, app in zip(keys, apps, strict=True) for a in left_of[key]}


def _among(left: list, app: list[int], pairs: set[tuple[str, int]]) -> np.ndarray:
    """Per row: is (left, app) one of `pairs`."""
    return np.fromiter(((x, a) in pairs for x, a in zip(left, app, strict=True)), dtype=bool, count=len(app))


def rights_holder_mask(hits: pd.DataFrame, batch: Batch, declared: pd.DataFrame) -> np.ndarray:
    """Per hit (columns filing_idx, entry_id, term, entry_term, rights_holders, owner_id): the filing's applicant
    holds the rights in the matched entry or owns the matched sign or the filed mark in the register."""
    out = np.zeros(len(hits), dtype=bool)
    if not len(hits):
        return out
    f = batch.filings
    fi = hits["filing_idx"].to_numpy(dtype=np.int64)
    app = f["app"].to_numpy()[fi].astype(np.int64)
    mine = _batch_keys(batch, declared)
    mine = mine[mine["app"].isin(np.unique(app))]
    if mine.empty:
        return out
    apps = app.tolist()
    held = _met(_entry_keys(hits), mine)
    if held:
        out |= _among(hits["entry_id"].astype("str").tolist(), apps, held)
    marks = [
        canonical_series(hits["term"].astype("str")).tolist(),
        canonical_series(hits["entry_term"].astype("str")).tolist(),
        f["canon"].iloc[fi].tolist(),  # the hits' rows only: the whole column is the batch
    ]
    owned = _met(_owner_keys(batch, {m for ms in marks for m in ms if m}), mine)
    if owned:
        for m in marks:
            out |= _among(m, apps, owned)
    return out
