"""own_mark_share: filings that are variants of the applicant's own marks — its brand portfolio, not hoarding.

An applicant's own marks (Issue 15 required 2; Examination Guidelines: defensive filings "within a necessary and
reasonable scope" are no bad faith):
- its trade name (字号, two or more characters);
- the register marks it owns, or its group owns: owners are met by identity (detector/normalize/identity.py: id,
  exact name, declared affiliates, shareholder and legal-representative ties), never by trade name;
- the pinyin of those (格力 -> GELI, 小米 -> XIAOMI), four or more letters;
- its portfolio: marks it files together with an own mark — in the same classes, within `COFILE_DAYS` days of it,
  for at least `COFILE_SHARE` of their filings and in `PORTFOLIO_CLASSES` or more classes — as long as there are
  at most `PORTFOLIO_MAX` of them. A group filing 格力, GREE, 晶弘 and 大松 across all 45 classes files its house
  mark, Latin name and sub-brands; a firm filing its name once beside a hundred unrelated marks has no portfolio.

A filing is own when its canonical mark contains an own form or lies inside one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ahocorasick
import numpy as np
import pandas as pd

from detector.batch import key_positions, register_owner_keys
from detector.metrics.applicant.table import ApplicantMetricInputs, canon_marks, distinct_count, mark_codes
from detector.metrics.registry import Columns, Metric, computes
from detector.normalize import pinyin_keys
from detector.normalize.syllables import is_pinyin
from detector.sorted_sets import distinct as distinct_ints
from detector.text import Text

if TYPE_CHECKING:
    from detector.batch import Batch

COFILE_DAYS = 7
COFILE_SHARE = 0.8
PORTFOLIO_CLASSES = 3
PORTFOLIO_MAX = 10


def own_mark(
    canon: pd.Series | np.ndarray, app: np.ndarray, own_forms: list[list[str]], codes: np.ndarray | None = None
) -> np.ndarray:
    """The mark contains one of the applicant's own forms (registered marks, trade name) or is part of one.

    An applicant with more than MANY_FORMS forms (a brand owner's register marks) is searched at once: an
    Aho-Corasick automaton finds a form inside the mark, and the mark inside one of the forms is the mark inside
    the forms joined by line breaks (a canonical mark holds none). `codes` (mark_codes: each row's mark as a code,
    0 or more): from PAIRS_FROM rows, each distinct (applicant, mark) is tested once (1,000,000 filings: ~626,000)."""
    marks = canon if isinstance(canon, np.ndarray) else canon.to_numpy(dtype=object)
    if codes is not None and len(codes) >= PAIRS_FROM:
        key = np.asarray(app, dtype=np.int64) * (int(codes.max()) + 1) + codes
        _, rows, pair = np.unique(key, return_index=True, return_inverse=True)  # sorted (not hashed) with these
        return own_mark(marks[rows], np.asarray(app)[rows], own_forms)[pair.reshape(-1)]
    out = np.zeros(len(canon), dtype=bool)
    finders: dict[int, _FormFinder] = {}
    for i, (m, a) in enumerate(zip(marks.tolist(), app.tolist())):
        if len(m) < 2:
            continue
        forms = own_forms[a]
        if len(forms) > MANY_FORMS and "\n" not in m:
            if a not in finders:
                finders[a] = _FormFinder(forms)
            out[i] = finders[a].meets(m)
            continue
        for form in forms:
            if form in m or m in form:
                out[i] = True
                break
    return out


MANY_FORMS = 8
PAIRS_FROM = 10_000  # rows from which own_mark tests each distinct (applicant, mark) once


class _FormFinder:
    """Does a mark contain one of many forms, or lie inside one of them?"""

    def __init__(self, forms: list[str]) -> None:
        self.any_mark = "" in forms  # an empty form lies inside every mark
        self.joined = "\n".join(forms)
        self.automaton = ahocorasick.Automaton()
        for form in dict.fromkeys(forms):
            if form:
                self.automaton.add_word(form, 0)
        self.automaton.make_automaton()

    def meets(self, mark: str) -> bool:
        if self.any_mark or mark in self.joined:
            return True
        return len(self.automaton) > 0 and next(self.automaton.iter(mark), None) is not None


def register_owners(batch: Batch) -> list[np.ndarray]:
    """Per applicant code: the register rows whose owner is the applicant or its group (by identity keys); built
    once per batch (own forms and famous owners both read it; the arrays are shared: never change them)."""
    if "register_owners" not in batch.memo:
        batch.memo["register_owners"] = _register_owners(batch)
    return batch.memo["register_owners"]


def _register_owners(batch: Batch) -> list[np.ndarray]:
    out = [np.zeros(0, dtype=np.int64)] * batch.n_apps
    reg = batch.register
    if reg is None or reg.empty:
        return out
    codes, keys = register_owner_keys(batch)
    # The owners' keys as distinct texts, each with its owners (CSR by key); the applicants' rows holding one of
    # them found by pyarrow (a frame merge of the text keys took seconds at 1,000,000 filings).
    flat_owner = keys.list_of_text()
    key_code, distinct = pd.factorize(keys.column())
    if not len(distinct):
        return out
    owners = flat_owner[np.argsort(key_code, kind="stable")]
    first_owner = np.searchsorted(np.sort(key_code), np.arange(len(distinct) + 1))
    key_app, at = key_positions(batch, distinct)
    hit = np.flatnonzero(at >= 0)
    n_owners = first_owner[at[hit] + 1] - first_owner[at[hit]]
    met = distinct_ints(
        _expand(owners, first_owner[at[hit]], n_owners) * batch.n_apps
        + np.repeat(key_app[hit].astype(np.int64), n_owners)
    )
    if not len(met):
        return out
    pair_owner, pair_app = met // batch.n_apps, met % batch.n_apps
    # Each met (owner, app): every register row of that owner.
    by_owner = np.argsort(codes, kind="stable")
    first = np.searchsorted(codes[by_owner], np.arange(len(keys) + 1))
    counts = first[pair_owner + 1] - first[pair_owner]
    row = _expand(by_owner, first[pair_owner], counts)
    app = np.repeat(pair_app, counts)
    order = np.argsort(app * len(reg) + row, kind="stable")
    app, row = app[order], row[order]
    starts = np.flatnonzero(np.r_[True, app[1:] != app[:-1]])
    ends = np.r_[starts[1:], len(row)]
    for a, start, end in zip(app[starts].tolist(), starts.tolist(), ends.tolist()):
        out[a] = row[start:end]  # a view (np.split's pieces cost ~5 µs each: 0.7 s at 1,000,000 filings)
    return out


def _expand(values: np.ndarray, starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """values[starts[0]:starts[0] + counts[0]], then the next run, ... as one array."""
    ends = np.cumsum(counts)
    total = int(ends[-1]) if len(ends) else 0
    return values[np.repeat(starts - (ends - counts), counts) + np.arange(total)]


def _latin_pinyin(canon: np.ndarray) -> np.ndarray:
    """Per distinct mark: four or more Latin letters that read as pinyin."""
    return np.array(
        [isinstance(m, str) and len(m) >= 4 and m.isascii() and m.isalpha() and is_pinyin(m) for m in canon.tolist()],
        dtype=bool,
    )


def _add_pinyin(batch: Batch, forms: list[list[str]]) -> None:
    """Add the pinyin (four or more letters) of the Han own forms of applicants that file Latin marks which read as
    pinyin and are not yet own: only those need it, and pinyin costs."""
    f = batch.filings
    app = f["app"].to_numpy()
    codes, marks = mark_codes(batch)
    latin = _latin_pinyin(marks)[codes] if len(marks) else np.zeros(len(f), dtype=bool)
    if not latin.any():
        return
    idx = np.flatnonzero(latin)
    todo = sorted(set(app[idx][~own_mark(f["canon"].iloc[idx], app[idx], forms)].tolist()))
    han = sorted({x for a in todo for x in forms[a] if not x.isascii()})
    spelled = dict(zip(han, (k.replace(" ", "") for k in pinyin_keys(han)))) if han else {}
    for a in todo:
        have = set(forms[a])  # membership in a set: a brand owner may hold thousands of register marks
        for p in [spelled[x] for x in forms[a] if x in spelled]:
            if len(p) >= 4 and p.isascii() and p.isalpha() and p not in have:
                forms[a].append(p)
                have.add(p)


def portfolio(batch: Batch, forms: list[list[str]], own: np.ndarray | None = None) -> list[list[str]]:
    """Per applicant code: the marks it files together with its own marks (module docstring), at most
    PORTFOLIO_MAX of them, else none. `own`: own_mark of each filing against `forms`, when already known."""
    out: list[list[str]] = [[] for _ in range(batch.n_apps)]
    f = batch.filings
    if f.empty:
        return out
    codes, marks = mark_codes(batch)
    if own is None:
        own = own_mark(canon_marks(batch), f["app"].to_numpy(), forms, codes)
    fc = batch.filing_classes
    fi = fc["filing_idx"].to_numpy()
    app = f["app"].to_numpy()[fi].astype(np.int64)
    cls = fc["nice_class"].to_numpy(dtype=np.int64)
    key = (app * 64 + cls) << 20 | (f["day"].to_numpy()[fi].astype(np.int64) & ((1 << 20) - 1))
    own_keys = np.sort(key[own[fi]])
    long_mark = np.array([isinstance(m, str) and len(m) >= 2 for m in marks.tolist()], dtype=bool)
    cand = np.flatnonzero(~own[fi] & long_mark[codes[fi]]) if len(marks) else np.zeros(0, dtype=np.int64)
    if not len(own_keys) or not len(cand):
        return out
    ck = key[cand]
    pos = np.searchsorted(own_keys, ck - COFILE_DAYS)
    near = own_keys[np.minimum(pos, len(own_keys) - 1)]
    covered = (pos < len(own_keys)) & (near <= ck + COFILE_DAYS) & ((near >> 20) == (ck >> 20))
    for a, m in _portfolio_marks(app[cand], codes[fi][cand], marks, cls[cand], covered):
        out[a].append(m)
    return out


def _portfolio_marks(
    app: np.ndarray, code: np.ndarray, marks: np.ndarray, cls: np.ndarray, covered: np.ndarray
) -> list[tuple[int, str]]:
    """(applicant, mark) of the portfolio marks among candidate class rows, by applicant then mark (str order).

    Per (applicant, mark): rows n, covered rows hit, distinct classes; kept when hit >= COFILE_SHARE * n and classes
    >= PORTFOLIO_CLASSES, for applicants with at most PORTFOLIO_MAX such marks. What a groupby(["app", "mark"],
    sort=True).agg gave, on a stable sort of integer keys: a mark's rank among the candidates' distinct marks
    (sorted as Python sorts str, by code point like pandas) stands for the mark."""
    used, local = np.unique(code, return_inverse=True)  # codes are small: np.unique's sort path
    rank = np.empty(len(used), dtype=np.int64)
    rank[np.argsort(marks[used], kind="stable")] = np.arange(len(used))
    group = app * len(used) + rank[local]
    order = np.argsort(group, kind="stable")
    group = group[order]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    group_of_row = np.cumsum(np.r_[True, group[1:] != group[:-1]]) - 1
    n = np.diff(np.r_[starts, len(group)])
    hit = np.add.reduceat(covered[order].astype(np.int64), starts)
    classes = distinct_count(group_of_row, cls[order], len(starts))
    ok = (hit >= COFILE_SHARE * n) & (classes >= PORTFOLIO_CLASSES)
    group_app = group[starts] // len(used)
    sizes = np.bincount(group_app[ok], minlength=int(app.max()) + 1)
    keep = ok & (sizes[group_app] <= PORTFOLIO_MAX)
    mark_of_group = used[np.argsort(rank)][group[starts] % len(used)]
    return list(zip(group_app[keep].tolist(), marks[mark_of_group[keep]].tolist()))


def own_forms_of(batch: Batch) -> list[list[str]]:
    """Per applicant code: its own forms — trade name, register marks of it or its group, their pinyin, and its
    portfolio (module docstring)."""
    return own_forms_and_filings(batch)[0]


def own_forms_and_filings(batch: Batch) -> tuple[list[list[str]], np.ndarray]:
    """(own_forms_of(batch), own_mark of each filing against them): the portfolio is found from the filings that
    meet the other forms, so only the rest are tested again, against the applicant's portfolio marks (a mark meets
    a list of forms when it meets one of them). A partition reads its filings' rows instead of testing them again."""
    apps = batch.applicants
    forms: list[list[str]] = [[t] if len(t) >= 2 else [] for t in apps["canon_trade_name"].tolist()]
    reg = batch.register
    if reg is not None and not reg.empty:
        canon = reg["canon"].to_numpy(dtype=object)
        for code, rows in enumerate(register_owners(batch)):
            if len(rows):  # the marks in register order after the trade name, each once (an ordered set)
                marks = (m for m in canon[rows].tolist() if len(m) >= 2)
                forms[code] = list(dict.fromkeys([*forms[code], *marks]))
    _add_pinyin(batch, forms)
    app = batch.filings["app"].to_numpy()
    canon = canon_marks(batch)
    own = own_mark(canon, app, forms, mark_codes(batch)[0]) if len(app) else np.zeros(0, dtype=bool)
    added: list[list[str]] = [[] for _ in range(batch.n_apps)]
    for code, marks in enumerate(portfolio(batch, forms, own)):
        for m in marks:
            if m not in forms[code]:
                forms[code].append(m)
                added[code].append(m)
    has_added = np.array([bool(a) for a in added], dtype=bool)
    rows = np.flatnonzero(~own & has_added[app]) if len(app) else np.zeros(0, dtype=np.int64)
    if len(rows):
        own[rows] = own_mark(canon[rows], app[rows], added)
    return forms, own


@computes(
    "applicant",
    order=70,
    metrics=[
        Metric(
            "own_mark_share",
            "number",
            "share 0-1",
            Text(
                en="Share of filings that are variants of the applicant's own marks: its trade name, the register "
                "marks of it or its group, their pinyin, and the portfolio it files together with them (a few marks "
                "in the same classes and days)",
                zh="属于申请人自有商标变体的申请比例：字号、其本身或所属集团的在先注册商标、其拼音，以及与之同类同期一并申请"
                "的少量商标组合",
            ),
        )
    ],
)
def own_marks(x: ApplicantMetricInputs) -> Columns:
    if x.own_filings is not None:
        own = x.own_filings
    elif x.own_forms is None:
        own = own_forms_and_filings(x.batch)[1]
    else:
        own = own_mark(canon_marks(x.batch), x.app, x.own_forms, mark_codes(x.batch)[0])  # the batch's shared marks
    return {
        "own_mark_share": np.bincount(x.app, weights=own.astype(float), minlength=x.n_apps)
        / np.maximum(x.marks_per_app, 1)
    }
