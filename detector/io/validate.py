"""Turn raw input tables into the typed internal tables of docs/architecture.md, checking every cell."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from detector.errors import InputDataError
from detector.fork_map import usable_cpus
from detector.io.checks import RowChecks
from detector.io.parse import (
    CLASSES_EXPECTED,
    DATE_EXPECTED,
    map_distinct,
    parse_classes,
    parse_date,
    parse_int01,
    parse_money,
)
from detector.io.readers import RawTable
from detector.limits import MAX_MARK_CHARS
from detector.normalize import canonical, canonical_list
from detector.small_batch import NS_FIRST_DAY, NS_LAST_DAY, SMALL_ROWS, str_arrays
from detector.text import Text

_COMPANY_HINT = re.compile(
    r"(?:公司|集团|厂|店|中心|合作社|事务所|研究院|研究所|协会|委员会|学校|学院|大学|医院|银行|商行|工作室|有限合伙|"
    r"\b(?:co|corp|corporation|ltd|limited|inc|llc|gmbh|plc|sa|ag|bv|kk)\b)",
    re.IGNORECASE,
)
_ENTITY_WORDS = {
    "company": "company",
    "企业": "company",
    "公司": "company",
    "法人": "company",
    "organization": "company",
    "individual": "individual",
    "person": "individual",
    "natural person": "individual",
    "个人": "individual",
    "自然人": "individual",
}


def _bad_class(problem: Text) -> Text:
    return Text(en=f"bad class: {problem.en}", zh=f"类别错误：{problem.zh}")


def _parse_class_cell(cell: str):
    parsed = parse_classes(cell)
    return _bad_class(parsed) if isinstance(parsed, Text) else parsed


_APPLICANT_ID = Text(en="the applicant's id", zh="申请人编号")
_EMPTY_APPLICANT_ID = Text(en="empty applicant id", zh="申请人编号为空")
_EMPTY_DATE = Text(en="empty filing date", zh="申请日期为空")


@dataclass
class Validated:
    """A validated table plus what was skipped (always reported in run.json)."""

    frame: pd.DataFrame
    skipped: list[dict] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def _derived_id(name: str) -> str:
    return _id_of_canonical(canonical(name))


def _id_of_canonical(canon: str) -> str:
    return "AN-" + hashlib.sha1(canon.encode("utf-8")).hexdigest()[:12]


def derive_applicant_id(names: pd.Series) -> pd.Series:
    """Stable id from the canonical applicant name: `AN-` + 12 hex of sha1. The distinct names canonicalized in one
    pass (canonical_list: a register's 120,000 owner names one by one took ~3 s)."""
    codes, uniques = pd.factorize(names)
    ids = np.array([_id_of_canonical(c) for c in canonical_list(list(uniques))], dtype=object)
    return pd.Series(ids[codes], index=names.index, dtype="str")


def _entity_type(name: object) -> str:
    return "company" if isinstance(name, str) and _COMPANY_HINT.search(name) is not None else "individual"


def entity_types(names: np.ndarray) -> np.ndarray:
    """ "company" where the name carries a company form or organisation word, else "individual" (a missing name:
    individual); an object array.

    Python's `re` on each distinct name: what pandas' str.contains runs for this pattern on any non-ASCII text (its
    `\\b` is Unicode-aware), and the same answers on ASCII text, without re-parsing the pattern on every call. Up to
    SMALL_ROWS names, the distinct ones are found by a dict instead of pd.factorize."""
    if len(names) <= SMALL_ROWS:
        kinds: dict[object, str] = {}
        return np.array([kinds[u] if u in kinds else kinds.setdefault(u, _entity_type(u)) for u in names], dtype=object)
    codes, uniques = pd.factorize(np.asarray(names, dtype=object), use_na_sentinel=False)
    hits = np.array([_entity_type(u) == "company" for u in uniques], dtype=bool)
    return np.where(hits, "company", "individual").astype(object)[codes]


def infer_entity_type(names: pd.Series) -> pd.Series:
    """company when the name carries a company form or organisation word, else individual."""
    return pd.Series(entity_types(names.to_numpy(dtype=object)), index=names.index, dtype="str")


# From this many cells the columns are stripped in threads, one column each at a time (pyarrow's kernel releases
# the interpreter lock): 1,000,000 filings' 11 columns 0.8 s → 0.1-0.5 s on two cores. The threads end before the
# function returns, so nothing is left running when the next stage forks.
THREADED_STRIP_CELLS = 1_000_000


def _stripped(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell without surrounding white space, column by column; the frame made from the stripped arrays (from
    the Series it would align each on the index again: ~1 ms a table; DataFrame.apply costs ~1.5 ms more)."""
    columns = list(frame.columns)
    workers = min(usable_cpus(), len(columns))
    if workers > 1 and frame.size >= THREADED_STRIP_CELLS:
        from concurrent.futures import ThreadPoolExecutor

        series = [frame[c] for c in columns]  # taken here: the threads only run the kernels
        with ThreadPoolExecutor(workers, thread_name_prefix="tmscreen-strip") as pool:
            arrays = list(pool.map(lambda column: column.str.strip().array, series))
    else:
        arrays = [frame[c].str.strip().array for c in columns]
    return pd.DataFrame(dict(zip(columns, arrays)), index=frame.index, copy=False)


@dataclass
class _Lists:
    """A small table's cells without surrounding white space, as lists of str by column: what `_stripped` gives
    (Python's str.strip removes the characters pandas' does, every code point compared), read without pandas' cost
    per call. `raw` and `arrays`: each column's cells as read and its str array, which is the kept column as it is
    whenever the kept cells are the cells read (no row dropped, nothing stripped or retyped): arrays_of."""

    cells: dict[str, list[str]]
    raw: dict[str, list[str]]
    arrays: dict[str, pd.api.extensions.ExtensionArray]
    n: int

    def __getitem__(self, column: str) -> list[str]:
        return self.cells[column]

    def take(self, rows: np.ndarray) -> dict[str, list[str]]:
        """The columns' cells at `rows` (all of them: the lists as they are), in the table's order."""
        if len(rows) == self.n:
            return dict(self.cells)
        at = rows.tolist()
        return {c: [values[i] for i in at] for c, values in self.cells.items()}

    def arrays_of(self, columns: dict[str, list[str]]) -> dict[str, pd.api.extensions.ExtensionArray]:
        """The columns' cells as str arrays: a column's own array when they are its cells as read."""
        made = str_arrays({c: values for c, values in columns.items() if values != self.raw[c]})
        return {c: made[c] if c in made else self.arrays[c] for c in columns}


def _lists(frame: pd.DataFrame) -> _Lists | None:
    """The table as _Lists when it is small (up to SMALL_ROWS rows, unique column names, every column str with no
    missing cell); else None (the table is read by pandas, _stripped)."""
    names = frame.columns.tolist()
    if len(frame) > SMALL_ROWS or len(set(names)) != len(names):
        return None
    raw, arrays = {}, {}
    for c, column in frame.items():
        if column.dtype != "str":
            return None
        raw[c], arrays[c] = column.tolist(), column.array
        if not all(v.__class__ is str for v in raw[c]):
            return None
    return _Lists({c: [v.strip() for v in values] for c, values in raw.items()}, raw, arrays, len(frame))


def _is_empty(column: pd.Series | list[str]) -> np.ndarray:
    """Where a text cell is "" (a missing cell is not), as numpy booleans.

    On the str dtype, pyarrow's kernel on the column's arrow data: what `column.eq("")` computes, without its
    ~0.2 ms of wrapping a call (a table takes several); any other dtype through pandas; a list of cells in Python."""
    if isinstance(column, list):
        return np.array([v == "" for v in column], dtype=bool)
    data = column.array
    if isinstance(data, pd.arrays.ArrowStringArray):
        return pc.fill_null(pc.equal(pa.array(data), ""), False).to_numpy(zero_copy_only=False)
    return column.eq("").to_numpy(dtype=bool)


def _duplicated(column: pd.Series | list[str]) -> np.ndarray:
    """Where a cell repeats an earlier one (`duplicated(keep="first")`), as numpy booleans."""
    if isinstance(column, list):
        first: dict[str, int] = {}
        return np.array([first.setdefault(v, i) != i for i, v in enumerate(column)], dtype=bool)
    return column.duplicated(keep="first").to_numpy()


def _longer_than(column: pd.Series | list[str], limit: int) -> np.ndarray:
    """Where a text cell has more than `limit` characters (code points: Python's len, pandas' str.len)."""
    if isinstance(column, list):
        return np.array([len(v) > limit for v in column], dtype=bool)
    return (column.str.len() > limit).to_numpy(dtype=bool)


def _parsed(column: pd.Series | list[str], parser) -> tuple[np.ndarray, np.ndarray]:
    """map_distinct as object arrays: each cell's parsed value (None where it is wrong) and what is wrong (a Text,
    or ""); each distinct cell of a list parsed once through a dict."""
    if not isinstance(column, list):
        values, errors = map_distinct(column, parser)
        return values.to_numpy(dtype=object), errors.to_numpy(dtype=object)
    memo: dict[str, object] = {}
    values, errors = np.empty(len(column), dtype=object), np.empty(len(column), dtype=object)
    for i, cell in enumerate(column):
        if cell not in memo:
            memo[cell] = parser(cell)
        parsed = memo[cell]
        bad = isinstance(parsed, Text)
        errors[i] = parsed if bad else ""
        values[i] = None if bad else parsed
    return values, errors


def _failed(errors: np.ndarray) -> np.ndarray:
    """Where a parsed column has an error (a Text, not ""), as numpy booleans."""
    return errors != ""


def _add_failed(checks: RowChecks, errors: np.ndarray, column: str, expected: Text) -> None:
    """checks.add for a parsed column's errors (a Series of them made only when a cell failed: add ignores a
    check no row fails)."""
    failed = _failed(errors)
    if failed.any():
        checks.add(failed, column, pd.Series(errors, dtype=object), expected)


def _datetimes(dates: np.ndarray) -> np.ndarray:
    """Parsed dates (datetime.date, or None) as datetime64[ns] (None: NaT): pd.to_datetime's values; up to
    SMALL_ROWS dates by numpy when all are within datetime64[ns]'s range (pandas raises outside it)."""
    if len(dates) <= SMALL_ROWS:
        days = np.array(dates.tolist(), dtype="datetime64[D]")
        if (np.isnat(days) | ((days >= NS_FIRST_DAY) & (days <= NS_LAST_DAY))).all():
            return days.astype("datetime64[ns]")
    return pd.to_datetime(dates).astype("datetime64[ns]").to_numpy()


def _amounts(amounts: np.ndarray) -> np.ndarray:
    """Parsed amounts (float, or None) as float64 (None: NaN): pd.to_numeric's values; up to SMALL_ROWS by numpy."""
    if len(amounts) <= SMALL_ROWS:
        return np.array([np.nan if v is None else v for v in amounts.tolist()], dtype="float64")
    return np.asarray(pd.to_numeric(amounts, errors="coerce"), dtype="float64")


def _kept_columns(frame: pd.DataFrame, rows: np.ndarray) -> dict[str, object]:
    """The columns' arrays at `rows` (all of them: the arrays as they are), in the frame's order."""
    if len(rows) == len(frame):
        return {c: frame[c].array for c in frame.columns}
    return {c: frame[c].array.take(rows) for c in frame.columns}


def validate_filings(raw: RawTable, skip_bad_rows: bool = False) -> Validated:
    """Check and type the filings table; returns `filings` with `row`, parsed classes and dates.

    A small table (an intake check's filings, the registry's history) is read as lists of its cells (_lists): the
    same checks on the same cells give the same frame, without pandas' cost per call."""
    small = _lists(raw.frame)
    f = small if small is not None else _stripped(raw.frame)
    checks = RowChecks(raw)
    empty_id = _is_empty(f["filing_id"])
    checks.add(
        empty_id,
        "filing_id",
        Text(en="empty filing id", zh="申请号为空"),
        Text(en="a unique application number", zh="唯一的申请号"),
    )
    dup = ~empty_id & _duplicated(f["filing_id"])
    if dup.any():
        ids = np.asarray(f["filing_id"], dtype=object)
        positions = pd.Series(np.arange(len(ids)), index=ids)
        first_of = positions[~positions.index.duplicated(keep="first")]
        msgs = pd.Series("", index=pd.RangeIndex(len(ids)), dtype=object)
        msgs[dup] = [_duplicate_filing(v, raw.row_label(int(first_of[v]))) for v in ids[dup]]
        checks.add(dup, "filing_id", msgs, Text(en="each filing_id exactly once", zh="每个申请号只出现一次"))
    classes, class_err = _parsed(f["nice_class"], _parse_class_cell)
    _add_failed(checks, class_err, "nice_class", CLASSES_EXPECTED)
    dates, date_err = _parsed(f["filing_date"], parse_date)
    no_date = pd.isna(dates) & ~_failed(date_err)
    if no_date.any():
        date_err = date_err.copy()  # pandas' arrays are read-only
        date_err[no_date] = _EMPTY_DATE
    _add_failed(checks, date_err, "filing_date", DATE_EXPECTED)
    checks.add(
        _is_empty(f["applicant_name"]),
        "applicant_name",
        Text(en="empty applicant name", zh="申请人名称为空"),
        Text(en="the applicant's name", zh="申请人名称"),
    )
    checks.add(
        _longer_than(f["mark_text"], MAX_MARK_CHARS),
        "mark_text",
        Text(en=f"mark text longer than {MAX_MARK_CHARS} characters", zh=f"商标文字超过 {MAX_MARK_CHARS} 个字符"),
        Text(en=f"at most {MAX_MARK_CHARS} characters", zh=f"最多 {MAX_MARK_CHARS} 个字符"),
    )
    keep, skipped = checks.resolve(skip_bad_rows)
    rows = np.flatnonzero(keep)
    if not len(rows):
        raise InputDataError(
            Text(en="no valid filing rows left after skipping bad rows", zh="跳过有问题的行后，没有剩下有效的申请数据"),
            file=str(raw.path),
        )
    kept_classes = classes[keep]
    # The kept rows' columns in the input's order, `row` first, the typed ones in place, n_classes last: one frame.
    if small is not None:
        columns = {"row": rows.astype("int64"), **_typed_small_filings(small, rows, kept_classes)}
        n_classes = np.array([len(t) for t in kept_classes], dtype="int64")
    else:
        columns = {"row": rows.astype("int64"), **_kept_columns(f, rows)}
        # Per distinct class cell (each holds one parsed tuple), then spread over the rows by their codes.
        codes, _ = pd.factorize(columns["nice_class"], use_na_sentinel=False)
        firsts = np.unique(codes, return_index=True)[1]
        parsed = kept_classes[firsts]
        joined = np.array([";".join(str(c) for c in t) for t in parsed], dtype=object)
        n_classes = np.array([len(t) for t in parsed], dtype="int64")[codes]
        columns["nice_class"] = pd.array(joined[codes], dtype="str")
        columns["applicant_id"] = _with_derived_ids(columns["applicant_id"], columns["applicant_name"])
    columns["filing_date"] = _datetimes(dates[keep])
    columns["n_classes"] = n_classes
    out = pd.DataFrame(columns, copy=False)
    classes_exploded = pd.DataFrame(
        {
            "filing_idx": np.repeat(np.arange(len(out)), n_classes),
            "nice_class": np.fromiter((c for t in kept_classes for c in t), dtype="int64", count=int(n_classes.sum())),
        }
    )
    return Validated(out, skipped, {"filing_classes": classes_exploded})


def _typed_small_filings(small: _Lists, rows: np.ndarray, classes: np.ndarray) -> dict[str, object]:
    """A small table's kept columns as str arrays, nice_class as its classes joined by ";" and an empty
    applicant_id derived from the name: what the pandas path makes of the same cells, per cell through dicts."""
    kept = small.take(rows)
    joined: dict[tuple[int, ...], str] = {}
    kept["nice_class"] = [joined[t] if t in joined else joined.setdefault(t, ";".join(map(str, t))) for t in classes]
    if "" in kept["applicant_id"]:
        derived: dict[str, str] = {}
        kept["applicant_id"] = [
            i or (derived[n] if n in derived else derived.setdefault(n, _derived_id(n)))
            for i, n in zip(kept["applicant_id"], kept["applicant_name"], strict=True)
        ]
    return small.arrays_of(kept)


def _with_derived_ids(ids, names):
    """The applicant ids (a str array), an empty one replaced by the id derived from the applicant's name."""
    missing = _is_empty(pd.Series(ids, copy=False))
    if not missing.any():
        return ids
    values = np.asarray(ids, dtype=object).copy()
    values[missing] = derive_applicant_id(pd.Series(names, copy=False)[missing]).to_numpy(dtype=object)
    return pd.array(values, dtype="str")


def _duplicate_filing(filing_id: str, first: Text) -> Text:
    return Text(
        en=f"duplicate filing id '{filing_id}' (first at {first.en})",
        zh=f"申请号“{filing_id}”重复（首次出现在{first.zh}）",
    )


def validate_applicants(raw: RawTable, skip_bad_rows: bool = False) -> Validated:
    """Check and type the optional applicant registry table (a small one read as lists, as validate_filings)."""
    small = _lists(raw.frame)
    a = small if small is not None else _stripped(raw.frame)
    checks = RowChecks(raw)
    empty_id = _is_empty(a["applicant_id"])
    checks.add(empty_id, "applicant_id", _EMPTY_APPLICANT_ID, _APPLICANT_ID)
    dup = ~empty_id & _duplicated(a["applicant_id"])
    checks.add_per_value(
        dup,
        "applicant_id",
        a["applicant_id"],
        lambda v: Text(en=f"duplicate applicant id '{v}'", zh=f"申请人编号“{v}”重复"),
        Text(en="each id once", zh="每个编号只出现一次"),
    )
    etype = _entity_words(a["entity_type"])
    unknown = etype == "?"
    checks.add_per_value(
        unknown,
        "entity_type",
        a["entity_type"],
        lambda v: Text(en=f"unknown entity type '{v}'", zh=f"未知的主体类型“{v}”"),
        Text(en="company or individual (企业/个人)", zh="企业或个人（company/individual）"),
    )
    capital, cap_err = _parsed(a["registered_capital"], parse_money)
    _add_failed(
        checks,
        cap_err,
        "registered_capital",
        Text(en="an amount in CNY, e.g. 1000000 or 100万", zh="人民币金额，如 1000000 或 100万"),
    )
    est, est_err = _parsed(a["established_date"], parse_date)
    _add_failed(checks, est_err, "established_date", DATE_EXPECTED)
    keep, skipped = checks.resolve(skip_bad_rows)
    rows = np.flatnonzero(keep)
    kind = etype[keep]
    missing = kind == ""
    if small is not None:
        kept = small.take(rows)
        if missing.any():
            kind[missing] = entity_types(np.array(kept["name"], dtype=object)[missing])
        kept["entity_type"] = kind.tolist()
        columns = small.arrays_of(kept)
    else:
        columns = _kept_columns(a, rows)
        kind[missing] = entity_types(np.asarray(columns["name"], dtype=object)[missing])
        columns["entity_type"] = pd.array(kind, dtype="str")
    columns["registered_capital"] = _amounts(capital[keep])
    columns["established_date"] = _datetimes(est[keep])
    return Validated(pd.DataFrame(columns, copy=False), skipped)


def _entity_words(given: pd.Series | list[str]) -> np.ndarray:
    """Each cell's entity type as an object array: "company" or "individual" for a known word (any case), "" for an
    empty cell, "?" for an unknown word. Case-folded once per distinct cell (Python's str.casefold, as pandas')."""
    if isinstance(given, list):
        words: dict[str, str] = {}
        for w in given:
            if w not in words:
                folded = w.casefold()
                words[w] = _ENTITY_WORDS.get(folded, "?" if folded else "")
        return np.array([words[w] for w in given], dtype=object)
    codes, uniques = pd.factorize(given, use_na_sentinel=False)
    folded = [w.casefold() if isinstance(w, str) else w for w in np.asarray(uniques, dtype=object)]
    return np.array([_ENTITY_WORDS.get(v, "?" if v else "") for v in folded], dtype=object)[codes]


def validate_register(raw: RawTable, skip_bad_rows: bool = False) -> Validated:
    """Check and type the optional register of prior marks."""
    r = _stripped(raw.frame)
    checks = RowChecks(raw)
    checks.add(
        r["registration_no"].eq(""),
        "registration_no",
        Text(en="empty registration number", zh="注册号为空"),
        Text(en="a registration number", zh="注册号"),
    )
    classes, class_err = map_distinct(r["nice_class"], _parse_class_cell)
    checks.add(class_err.ne(""), "nice_class", class_err, CLASSES_EXPECTED)
    checks.add(
        r["owner_name"].eq(""),
        "owner_name",
        Text(en="empty owner name", zh="注册人名称为空"),
        Text(en="the owner's name", zh="注册人名称"),
    )
    famous, fam_err = map_distinct(r["famous"], parse_int01)
    checks.add(fam_err.ne(""), "famous", fam_err, Text(en="0 or 1", zh="0 或 1"))
    keep, skipped = checks.resolve(skip_bad_rows)
    out = r.loc[keep].copy()
    out["nice_class"] = classes[keep].map(lambda t: ";".join(str(c) for c in t)).astype("str")
    out["famous"] = pd.to_numeric(famous[keep], errors="coerce").fillna(0).astype("int64")
    missing_owner = out["owner_id"].eq("")
    if missing_owner.any():
        out.loc[missing_owner, "owner_id"] = derive_applicant_id(out.loc[missing_owner, "owner_name"])
    return Validated(out.reset_index(drop=True), skipped)


def validate_labels(raw: RawTable) -> Validated:
    """Check and type a labels file (evaluation)."""
    lab = _stripped(raw.frame)
    checks = RowChecks(raw)
    checks.add(lab["applicant_id"].eq(""), "applicant_id", _EMPTY_APPLICANT_ID, _APPLICANT_ID)
    value, err = map_distinct(lab["label"], parse_int01)
    err = err.where(value.notna() | err.ne(""), Text(en="empty label", zh="标签为空"))
    checks.add(err.ne(""), "label", err, Text(en="1 (suspicious) or 0 (not)", zh="1（可疑）或 0（不可疑）"))
    dup = lab["applicant_id"].duplicated(keep="first") & lab["applicant_id"].ne("")
    checks.add_per_value(
        dup,
        "applicant_id",
        lab["applicant_id"],
        lambda v: Text(en=f"duplicate label for '{v}'", zh=f"“{v}”的标签重复"),
        Text(en="one label", zh="每个申请人一个标签"),
    )
    keep, _ = checks.resolve(False, skippable=False)
    out = lab.loc[keep].copy()
    out["label"] = pd.to_numeric(value[keep]).astype("int64")
    return Validated(out.reset_index(drop=True))
