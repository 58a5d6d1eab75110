"""The applicant metric table: what its metrics read (ApplicantMetricInputs) and the one entry point computing it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from detector.metrics.registry import compute_table
from detector.small_batch import SMALL_ROWS

if TYPE_CHECKING:
    from detector.batch import Batch

SMALL = SMALL_ROWS  # rows up to which texts() and contains() work in Python (detector/small_batch.py)


@dataclass(frozen=True)
class ApplicantMetricInputs:
    """The batch (or one partition of it) and the facts about its applicants that come from elsewhere.

    `flags`: filing_idx (row of `batch.filings`), group (public_interest|squatting), owner — the filing-rule hits.
    `list_filings`: {'place_name': bool per filing, 'generic_term': bool per filing}; a category left out counts 0.
    `watch_apps`, `cluster_size`: one value per applicant code. `own_forms` / `famous` (own_forms_of, owns_famous
    of the whole batch, per applicant code) are given by a partition engine whose `batch` holds only some
    applicants, since register owners are matched against every applicant; by default computed from `batch`.
    `own_filings` (own_forms_and_filings, the batch's, taken at the partition's filings): each filing's own_mark.

    The derived arrays below (codes, days, per-applicant counts) are computed once and shared by the metrics.
    """

    batch: Batch
    scope_classes: dict[str, list[int]]
    flags: pd.DataFrame
    list_filings: dict[str, np.ndarray]
    watch_apps: np.ndarray
    agency_names: set[str]
    cluster_size: np.ndarray
    own_forms: list[list[str]] | None = None
    own_filings: np.ndarray | None = None  # own_mark of each filing of `batch` against own_forms (bool), when known
    famous: np.ndarray | None = None
    repeat_apps: np.ndarray | None = None  # confirmed in a registry, or linked to one (issue 16); None: nobody
    # Per applicant of `batch`: its name is an agency of agency_names (agency.named_agency), when made elsewhere.
    named_agency: np.ndarray | None = None

    @classmethod
    def standalone(cls, batch: Batch, scope_classes: dict[str, list[int]] | None = None) -> ApplicantMetricInputs:
        """The inputs of `batch` seen on its own (tests, notebooks): no rule or list hits, watchlists, agencies or
        clusters."""
        return cls(
            batch=batch,
            scope_classes=scope_classes or {},
            flags=pd.DataFrame({"filing_idx": pd.Series(dtype="int64"), "group": [], "owner": []}),
            list_filings={},
            watch_apps=np.zeros(batch.n_apps, dtype=bool),
            agency_names=set(),
            cluster_size=np.ones(batch.n_apps, dtype=np.int64),
        )

    @property
    def filings(self) -> pd.DataFrame:
        return self.batch.filings

    @property
    def applicants(self) -> pd.DataFrame:
        return self.batch.applicants

    @property
    def n_apps(self) -> int:
        return self.batch.n_apps

    @cached_property
    def app(self) -> np.ndarray:
        """Applicant code of each filing."""
        return self.filings["app"].to_numpy()

    @cached_property
    def day(self) -> np.ndarray:
        """Day number (days since 1970-01-01) of each filing."""
        return self.filings["day"].to_numpy()

    @cached_property
    def n_filings(self) -> np.ndarray:
        """Filings per applicant."""
        return np.bincount(self.app, minlength=self.n_apps)

    @cached_property
    def first_day(self) -> np.ndarray:
        """Day of each applicant's first filing (int64 max when it has none)."""
        first = np.full(self.n_apps, np.iinfo(np.int64).max)
        np.minimum.at(first, self.app, self.day)
        return first

    @cached_property
    def last_day(self) -> np.ndarray:
        """Day of each applicant's last filing (int64 min when it has none)."""
        last = np.full(self.n_apps, np.iinfo(np.int64).min)
        np.maximum.at(last, self.app, self.day)
        return last

    @cached_property
    def has_mark(self) -> np.ndarray:
        """Per filing: the mark has text (is not purely figurative)."""
        codes, uniques = mark_codes(self.batch)
        return (uniques != "")[codes]

    @cached_property
    def marks_per_app(self) -> np.ndarray:
        """Filings with mark text per applicant (float, a share's denominator)."""
        return np.bincount(self.app, weights=self.has_mark.astype(float), minlength=self.n_apps)


CANON_MARKS, MARK_CODES = "canon_marks", "mark_codes"  # their batch.memo entries
MARK_MEMOS = (CANON_MARKS, MARK_CODES)


def canon_marks(batch: Batch) -> np.ndarray:
    """The canonical mark of each filing as an object array, made once per batch (several metric groups of every
    scope read it, and converting the column costs a pandas call on a small batch and a string copy on a large
    one). Shared and read-only."""
    if CANON_MARKS not in batch.memo:
        marks = batch.filings["canon"].to_numpy(dtype=object)
        marks.flags.writeable = False
        batch.memo[CANON_MARKS] = marks
    return batch.memo[CANON_MARKS]


def mark_codes(batch: Batch) -> tuple[np.ndarray, np.ndarray]:
    """(code of each filing's canonical mark, the distinct marks by code) from one factorization per batch: what
    the groups counting distinct marks per applicant or cluster compare instead of strings. A missing mark is a
    value of its own, as drop_duplicates treats it. Shared and read-only. Factorized from the column itself: a
    Python string is made for each distinct mark only (a forked partition of 250,000 filings made 233,000 for
    canon_marks, ~19 MB, where it needed only these codes)."""
    if MARK_CODES not in batch.memo:
        codes, uniques = pd.factorize(batch.filings["canon"].array, use_na_sentinel=False)
        codes = codes.astype(np.int64, copy=False)
        uniques = np.asarray(uniques, dtype=object)
        codes.flags.writeable = uniques.flags.writeable = False
        batch.memo[MARK_CODES] = (codes, uniques)
    return batch.memo[MARK_CODES]


def distinct_count(owner: np.ndarray, value: np.ndarray, n: int) -> np.ndarray:
    """Per owner code 0..n-1 (int64): how many distinct values (integers) it has.

    One sort of an int64 key per (owner, value) pair and a comparison with the next key: what dropping duplicate
    pairs and counting them per owner gives, without a frame (a pandas drop_duplicates costs about a millisecond
    on a tiny batch) and without np.unique, whose hash path is many times slower than a sort on wide keys."""
    owner, value = np.asarray(owner, dtype=np.int64), np.asarray(value, dtype=np.int64)
    if not len(owner):
        return np.zeros(n, dtype=np.int64)
    value = value - value.min()  # any integers: shifted to start at 0
    width = int(value.max()) + 1
    key = np.sort(owner * width + value)
    first = np.ones(len(key), dtype=bool)
    np.not_equal(key[1:], key[:-1], out=first[1:])
    return np.bincount(key[first] // width, minlength=n)


def texts(column: pd.Series) -> np.ndarray:
    """The column as an object array of str, a missing value as "" (fillna("").astype(str)); up to SMALL rows in
    Python, whose cost per row is below pandas' fixed cost per call."""
    if len(column) > SMALL:
        return column.fillna("").astype(str).to_numpy(dtype=object)
    return np.array(["" if _missing(v) else str(v) for v in column.tolist()], dtype=object)


def _missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def contains(column: pd.Series, pattern: re.Pattern) -> np.ndarray:
    """Per row: the text (a missing one as "") contains the regex `pattern` (fillna("").astype(str).str.contains);
    up to SMALL rows by Python's re, else by pandas on the whole column. Only for patterns both engines read alike
    (literal alternatives, character classes)."""
    if len(column) > SMALL:
        return column.fillna("").astype(str).str.contains(pattern).to_numpy(dtype=bool)
    return np.array([pattern.search(t) is not None for t in texts(column).tolist()], dtype=bool)


def text_eq(column: pd.Series, value: str) -> np.ndarray:
    """Series.eq(value) as a bool array (a missing text is not equal): up to SMALL rows on the object values,
    else by pandas on the whole column (a large text column costs more to convert than to compare)."""
    if len(column) > SMALL:
        return column.eq(value).to_numpy(dtype=bool)
    return column.to_numpy(dtype=object) == value


def assigned_to_other(batch: Batch) -> np.ndarray:
    """Per filing: it names an assignee other than its applicant (assignee.ne("") & assignee.ne(applicant_name), a
    missing text included); made once per batch (the filing's `assigned` and the applicant's transfers read it).
    Up to SMALL filings on object arrays (`!=` there is Series.ne), else by pandas on the whole columns. Shared and
    read-only."""
    if "assigned_to_other" not in batch.memo:
        f = batch.filings
        if len(f) > SMALL:
            assigned = (f["assignee"].ne("") & f["assignee"].ne(f["applicant_name"])).to_numpy()
        else:
            assignee = f["assignee"].to_numpy(dtype=object)
            assigned = (assignee != "") & (assignee != f["applicant_name"].to_numpy(dtype=object))
        assigned.flags.writeable = False
        batch.memo["assigned_to_other"] = assigned
    return batch.memo["assigned_to_other"]


def compute_applicant_metrics(inputs: ApplicantMetricInputs) -> pd.DataFrame:
    """One row per applicant code: applicant_id, applicant_name, then every registered applicant metric in declared
    order, except the batch-wide anomaly_score, which is added to the merged table of the whole batch afterwards."""
    apps = inputs.applicants
    return compute_table("applicant", inputs, {"applicant_id": apps["applicant_id"], "applicant_name": apps["name"]})
