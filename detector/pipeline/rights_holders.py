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

from detector.batch import Batch, canonical_series, key_rows_for, register_owner_keys
from detector.lists.load import ReferenceList
from detector.normalize.identity import holder_keys, holder_keys_many, id_key
from detector.runs import run_positions
from detector.text_isin import text_isin, text_positions


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


def _entry_keys(hits: pd.DataFrame, entry: np.ndarray) -> tuple[list[int], list[str]]:
    """(entry, key) pairs as two lists: the entry's code (`entry`: one per hit) and every key of its rights holders
    and owner id (each distinct (entry, holders, owner) cell once)."""
    columns = (hits[c].astype("str").tolist() for c in ("rights_holders", "owner_id"))
    cells = list(dict.fromkeys(zip(entry.tolist(), *columns, strict=True)))  # each distinct cell once
    named = [[h for h in holders.split(";") if h.strip()] for _, holders, _ in cells]
    distinct = list(dict.fromkeys(h for hs in named for h in hs))
    keys_of = dict(zip(distinct, holder_keys_many(distinct)))  # each holder once, canonicalized in one pass
    left: list[int] = []
    right: list[str] = []
    for hs, (code, _, owner) in zip(named, cells, strict=True):
        ks, oid_key = [k for h in hs for k in keys_of[h]], id_key(owner)
        if oid_key:
            ks.append(oid_key)
        left.extend([code] * len(ks))
        right.extend(ks)
    return left, right


def _owner_keys(batch: Batch, marks: list[str | None]) -> tuple[np.ndarray, pd.Series | np.ndarray]:
    """(mark, key) pairs as two columns: the position in `marks` (distinct canonical marks) and every key of each
    owner the register names for that mark (each distinct mark and owner once)."""
    register = batch.register
    none = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object))
    if register is None or register.empty or not marks:
        return none
    at = text_positions(register["canon"], marks)
    rows = np.flatnonzero(at >= 0)
    if not len(rows):
        return none
    owner_code, keys = register_owner_keys(batch)
    n_owners = len(keys)
    both = np.unique(at[rows].astype(np.int64) * n_owners + owner_code[rows])
    mark, owner = both // n_owners, both % n_owners
    # Each pair's owner keys taken from the owners' text column: made anew here, never the batch's own strings (a
    # forked partition reading those would copy the pages that hold them).
    return np.repeat(mark, keys.count[owner]), keys.of_lists(owner)


def _met(left: np.ndarray, keys: list[str] | np.ndarray | pd.Series, mine: pd.DataFrame, width: int) -> np.ndarray:
    """The distinct codes left * width + app (sorted) of the (left, key) pairs whose key is one of the applicant's
    (mine: app, key): an inner join on the key by arrays (a pandas merge of text keys cost milliseconds even when
    one side was empty, a join through Python sets seconds at 1,000,000 filings)."""
    if not len(keys) or not len(mine):
        return np.zeros(0, dtype=np.int64)
    pair_keys = pd.Series(keys, dtype="str")
    # The applicants' keys are many (a large batch: every key of every hit applicant): only their rows holding one
    # of the pairs' keys, found by pyarrow, take part.
    rows = np.flatnonzero(text_isin(mine["key"], pair_keys))
    if not len(rows):
        return np.zeros(0, dtype=np.int64)
    codes, _ = pd.factorize(pd.concat([pair_keys, mine["key"].iloc[rows]], ignore_index=True))
    pair_code, mine_code = codes[: len(keys)], codes[len(keys) :]
    order = np.argsort(pair_code, kind="stable")
    sorted_code = pair_code[order]
    lo = np.searchsorted(sorted_code, mine_code, side="left")
    count = np.searchsorted(sorted_code, mine_code, side="right") - lo
    pair = order[run_positions(lo, count)]
    app = np.repeat(mine["app"].to_numpy()[rows].astype(np.int64), count)
    return np.unique(np.asarray(left, dtype=np.int64)[pair] * width + app)


def _among(code: np.ndarray, app: np.ndarray, met: np.ndarray, width: int) -> np.ndarray:
    """Per row: is (code, app) one of `met` (codes from _met; a negative code is no mark)."""
    if not len(met):
        return np.zeros(len(app), dtype=bool)
    return (code >= 0) & np.isin(code * width + app, met)


def rights_holder_mask(hits: pd.DataFrame, batch: Batch, declared: pd.DataFrame) -> np.ndarray:
    """Per hit (columns filing_idx, entry_id, term, entry_term, rights_holders, owner_id): the filing's applicant
    holds the rights in the matched entry or owns the matched sign or the filed mark in the register."""
    out = np.zeros(len(hits), dtype=bool)
    if not len(hits):
        return out
    f = batch.filings
    fi = hits["filing_idx"].to_numpy(dtype=np.int64)
    app = f["app"].to_numpy()[fi].astype(np.int64)
    mine = applicant_keys(key_rows_for(batch, np.unique(app)), declared)  # the keys of the hits' applicants
    if mine.empty:
        return out
    width = int(max(app.max(), mine["app"].max())) + 1
    entry = pd.factorize(hits["entry_id"].astype("str"), use_na_sentinel=False)[0].astype(np.int64)
    left, keys = _entry_keys(hits, entry)
    out |= _among(entry, app, _met(np.asarray(left, dtype=np.int64), keys, mine, width), width)
    # The matched sign (term and entry term) and the filed mark, each coded among their distinct canonical forms.
    marks = pd.concat(
        [
            canonical_series(hits["term"].astype("str")),
            canonical_series(hits["entry_term"].astype("str")),
            f["canon"].iloc[fi],  # the hits' rows only: the whole column is the batch
        ],
        ignore_index=True,
    )
    code, distinct = pd.factorize(marks)  # a missing form: code -1
    distinct = distinct.tolist()
    code = code.astype(np.int64)
    if "" in distinct:  # an empty form is no mark
        code[code == distinct.index("")] = -1
    mark, owner_keys = _owner_keys(batch, [m or None for m in distinct])  # None: looked up nowhere
    owned = _met(mark, owner_keys, mine, width)
    if len(owned):
        n = len(hits)
        for part in (code[:n], code[n : 2 * n], code[2 * n :]):
            out |= _among(part, app, owned, width)
    return out
