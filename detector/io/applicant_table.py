"""One row per applicant of the batch: names and addresses from the filings, enriched by registry data.

Built on whole-column arrays (the applicants' sorted positions, one factorization per text column, one take per
registry column) and made into a frame once: an intake check builds this table twice for one filing and a few
hundred history rows, where a dozen pandas steps per column (masks, reindex, where, combine_first, fillna, astype)
cost far more than the data. Up to SMALL_ROWS filings and registry rows, the columns are gathered from Python lists
through dicts (_small_columns): the same values, without pandas' cost per call."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.fork_map import usable_cpus
from detector.io.contract import APPLICANTS
from detector.io.validate import entity_types
from detector.small_batch import SMALL_ROWS, STR, str_arrays
from detector.text_isin import arrow_text
from detector.text_ranks import sorted_codes

TEXT_COLUMNS = [c for c in APPLICANTS.names() if c not in ("registered_capital", "established_date")]
# The table's text columns after applicant_id: the filings' two first, then the registry's in contract order.
_TABLE_TEXT = ["name", "address", *(c for c in TEXT_COLUMNS if c not in ("applicant_id", "name", "address"))]
_FROM_FILINGS = {"name": "applicant_name", "address": "applicant_address"}


def _sorted_positions(ids: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The distinct ids in sorted order (Python string order, as np.sort) and each row's position among them.

    Factorized once, then only the distinct ids are sorted, so every per-applicant step works on integer codes (by
    pyarrow on a long text column: text_ranks)."""
    ranked = sorted_codes(ids)
    if ranked is not None and (ranked[0] >= 0).all():
        return ranked[1], ranked[0]
    codes, uniques = pd.factorize(ids, use_na_sentinel=False)
    uniques = np.asarray(uniques, dtype=object)
    order = np.argsort(uniques, kind="stable")
    rank = np.empty(len(order), dtype=np.intp)
    rank[order] = np.arange(len(order))
    return uniques[order], rank[codes]


def _most_frequent(app: np.ndarray, n_apps: int, column: pd.Series) -> np.ndarray:
    """Per applicant (`app`: each row's applicant position), the most frequent non-empty value of `column` (ties:
    the smallest value); "" for an applicant without one.

    Counted on integer codes: values factorized in sorted order, so the smallest code is the smallest value; the
    empty value, the smallest of all, is code 0 when present and left out."""
    out = np.full(n_apps, "", dtype=object)
    ranked = sorted_codes(column)
    vals, values = ranked if ranked is not None else pd.factorize(column, sort=True)
    values = np.asarray(values, dtype=object)
    keep = vals >= (1 if len(values) and values[0] == "" else 0)
    if not keep.any():
        return out
    pairs, counts = np.unique(app[keep].astype(np.int64) * len(values) + vals[keep], return_counts=True)
    apps, val = np.divmod(pairs, len(values))
    best = np.lexsort((val, -counts, apps))  # per applicant: most frequent first, then the smallest value
    first = best[np.r_[True, apps[best][1:] != apps[best][:-1]]]
    out[apps[first]] = values[val[first]]
    return out


# From this many filings the most frequent name and address are found in two threads (pyarrow's encoding and sort
# and numpy's sorts release the interpreter lock): 250,000 filings 0.17-0.21 -> 0.12-0.15 s. The threads end before
# the function returns, so nothing is left running when a later stage forks.
THREADED_MOST_FREQUENT_ROWS = 100_000


def _most_frequent_columns(app: np.ndarray, n_apps: int, filings: pd.DataFrame) -> dict[str, np.ndarray]:
    """_most_frequent of each filings column of _FROM_FILINGS, by table column."""
    wanted = list(_FROM_FILINGS.items())
    if len(filings) < THREADED_MOST_FREQUENT_ROWS or usable_cpus() < 2:
        return {col: _most_frequent(app, n_apps, filings[source]) for col, source in wanted}
    from concurrent.futures import ThreadPoolExecutor

    series = {col: filings[source] for col, source in wanted}  # taken here: the threads only count
    with ThreadPoolExecutor(len(series), thread_name_prefix="tmscreen-frequent") as pool:
        found = {col: pool.submit(_most_frequent, app, n_apps, column) for col, column in series.items()}
        return {col: future.result() for col, future in found.items()}


def _registry_text(registry: pd.DataFrame, column: str, pos: np.ndarray, found: np.ndarray) -> np.ndarray:
    """The registry's `column` at each applicant's registry row (`pos`, -1 when the registry lacks it); where the
    registry has no row or an empty or missing value, `found` (the filings' value, or "")."""
    values = registry[column].to_numpy(dtype=object, na_value="")
    out = found.copy()
    hit = np.flatnonzero(pos >= 0)
    given = values[pos[hit]]
    filled = given != ""
    out[hit[filled]] = given[filled]
    return out


# The text columns gathered as Python strings: the filings' (a registry value replaces theirs) and entity_type (the
# missing ones are inferred from the name). The registry's other text columns are taken as arrow arrays.
_OBJECT_TEXT = frozenset([*_FROM_FILINGS, "entity_type"])


def _registry_only_text(column: pd.Series, pos: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """_registry_text() of a column the filings do not give (`found` all ""), as a str array: the registry's value
    at each position, "" where it has none or a missing one. Taken in pyarrow: a round trip through Python strings
    cost ~0.05 s a column at 300,000 applicants."""
    import pyarrow as pa
    import pyarrow.compute as pc

    taken = arrow_text(column).take(pa.array(pos, mask=pos < 0))
    return pd.array(pc.fill_null(taken, "").combine_chunks().cast(pa.large_string()), dtype="str")


def _registry_columns(registry: pd.DataFrame | None, ids: np.ndarray, texts: dict[str, np.ndarray]) -> dict:
    """Registry columns aligned on `ids`: the text columns over `texts` (the filings' name and address, "" for the
    rest), registered_capital (float64, NaN unknown), established_date (datetime64[ns], NaT unknown), in_registry."""
    n = len(ids)
    if registry is None or registry.empty:
        return {
            **texts,
            "registered_capital": np.full(n, np.nan, dtype="float64"),
            "established_date": np.full(n, np.datetime64("NaT"), dtype="datetime64[ns]"),
            "in_registry": np.zeros(n, dtype=bool),
        }
    pos = pd.Index(registry["applicant_id"]).get_indexer(ids)
    out = {}
    for c, found in texts.items():
        if c not in registry:
            out[c] = found
        elif c in _OBJECT_TEXT:
            out[c] = _registry_text(registry, c, pos, found)
        else:
            out[c] = _registry_only_text(registry[c], pos)
    known = pos >= 0
    named = registry["name"].notna().to_numpy(dtype=bool)
    out["registered_capital"] = np.asarray(registry["registered_capital"].array.take(pos, allow_fill=True), "float64")
    dates = pd.to_datetime(registry["established_date"].array.take(pos, allow_fill=True))
    out["established_date"] = np.asarray(dates.astype("datetime64[ns]"))
    out["in_registry"] = known & named[np.where(known, pos, 0)]  # the registry has rows: position 0 exists
    return out


def _str_lists(frame: pd.DataFrame, columns) -> dict[str, list] | None:
    """The columns' cells as lists, when each is a str column (missing cells: NaN); else None."""
    out = {}
    for c in columns:
        column = frame[c]
        if column.dtype != "str":
            return None
        out[c] = column.tolist()
    return out


def _most_frequent_small(app: list[int], n_apps: int, values: list) -> list[str]:
    """_most_frequent on lists: per applicant the most frequent non-empty str (ties: the smallest), else ""."""
    counts: dict[tuple[int, str], int] = {}
    for a, v in zip(app, values, strict=True):
        if v.__class__ is str and v:
            counts[a, v] = counts.get((a, v), 0) + 1
    best: dict[int, tuple[int, str]] = {}
    for (a, v), n in counts.items():
        b = best.get(a)
        if b is None or n > b[0] or (n == b[0] and v < b[1]):
            best[a] = (n, v)
    out = [""] * n_apps
    for a, (_, v) in best.items():
        out[a] = v
    return out


def _small_columns(filings: pd.DataFrame, registry: pd.DataFrame | None) -> tuple[list[str], dict] | None:
    """The sorted applicant ids and the table's columns (as build_applicant_table gathers them) from Python lists,
    for a small batch whose id, name and address columns and registry text columns are str (every id a str, the
    registry's unique), registered_capital float64 and established_date datetime64[ns]; else None (the arrays)."""
    n_registry = 0 if registry is None else len(registry)
    if len(filings) + n_registry > SMALL_ROWS:
        return None
    cells = _str_lists(filings, ["applicant_id", *_FROM_FILINGS.values()])
    if cells is None or not all(v.__class__ is str for v in cells["applicant_id"]):
        return None
    ids = sorted(set(cells["applicant_id"]))
    rank = {v: i for i, v in enumerate(ids)}
    app = [rank[v] for v in cells["applicant_id"]]
    texts = {c: [""] * len(ids) for c in _TABLE_TEXT}
    for col, source in _FROM_FILINGS.items():
        texts[col] = _most_frequent_small(app, len(ids), cells[source])
    if not n_registry:
        columns = _registry_columns(None, np.asarray(ids, dtype=object), texts)
        return ids, columns
    if "registered_capital" not in registry or "established_date" not in registry:
        return None
    capital, dates = registry["registered_capital"].to_numpy(), registry["established_date"].to_numpy()
    if capital.dtype != "float64" or dates.dtype != "datetime64[ns]":
        return None
    wanted = ["applicant_id", "name", *(c for c in _TABLE_TEXT if c in registry and c != "name")]
    given = _str_lists(registry, wanted)
    if given is None or not all(v.__class__ is str for v in given["applicant_id"]):
        return None
    where = {v: i for i, v in enumerate(given["applicant_id"])}
    if len(where) != n_registry:
        return None  # duplicate ids: get_indexer's error, on the arrays
    pos = [where.get(v, -1) for v in ids]
    hits = [(k, p) for k, p in enumerate(pos) if p >= 0]
    for c in wanted[1:]:
        values, out = given[c], texts[c]
        for k, p in hits:
            if values[p].__class__ is str and values[p]:  # the registry's value where it has one
                out[k] = values[p]
    at = np.asarray(pos, dtype=np.intp)
    known = at >= 0
    row = np.where(known, at, 0)  # the registry has rows: position 0 exists
    names = given["name"]
    columns = dict(texts)
    columns["registered_capital"] = np.where(known, capital[row], np.nan)
    columns["established_date"] = np.where(known, dates[row], np.datetime64("NaT", "ns"))
    columns["in_registry"] = np.array([p >= 0 and names[p].__class__ is str for p in pos], dtype=bool)
    return ids, columns


def build_applicant_table(filings: pd.DataFrame, registry: pd.DataFrame | None) -> pd.DataFrame:
    """Applicants of the batch (sorted by id), registry columns filled where known, entity type inferred.

    The columns are gathered as arrays and the frame made once: the many small pandas steps per column were most
    of an intake check's load time."""
    return applicant_table_and_codes(filings, registry)[0]


def applicant_table_and_codes(
    filings: pd.DataFrame, registry: pd.DataFrame | None
) -> tuple[pd.DataFrame, np.ndarray | None]:
    """build_applicant_table() and, above SMALL_ROWS, each filing's row in it (int64; None below: the codes are
    made again there, cheaply)."""
    small = _small_columns(filings, registry)
    app = None
    if small is not None:
        ids, columns = small
    else:
        ids, app = _sorted_positions(filings["applicant_id"])
        texts = {c: np.full(len(ids), "", dtype=object) for c in _TABLE_TEXT}
        texts.update(_most_frequent_columns(app, len(ids), filings))
        columns = _registry_columns(registry, ids, texts)
    kind = np.asarray(columns["entity_type"], dtype=object)
    missing = kind == ""
    if missing.any():
        kind = kind.copy()
        kind[missing] = entity_types(np.asarray(columns["name"], dtype=object)[missing])
        columns["entity_type"] = kind
    # applicant_id's dtype as pd.Index infers it: str (object when no applicant).
    if small is not None:
        table = {"applicant_id": pd.array(ids, dtype=STR) if ids else pd.Index(ids).array}
        table.update(str_arrays({c: columns[c] for c in _TABLE_TEXT}))
    else:
        table = {"applicant_id": pd.Index(ids).array}
        table.update({c: pd.array(columns[c], dtype="str") for c in _TABLE_TEXT})
    table.update({c: columns[c] for c in ("registered_capital", "established_date", "in_registry")})
    return pd.DataFrame(table, copy=False), (None if app is None else app.astype(np.int64, copy=False))
