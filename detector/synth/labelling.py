"""Labels of planted applicants from what their filings show, by the legal criteria, never by the rules.

A planted applicant is not suspicious because it was planted. Volumes are drawn from wide ranges around the rule
thresholds, so some planted hoarders file too little to be called hoarders. The lines below come from decided
cases and the Examination Guidelines (../shared/domain.md sections 1 and 4), not from rules/*.yaml, and are
stated once here. Each line has a band below it where the filings alone do not settle the question (no numeric
threshold exists in law): applicants in the band get no label (GREY; written to unlabelled.csv, left out of
labels.csv, so `tmscreen eval` counts them in neither precision nor recall). Below the band they are labelled 0.

- Hoarding (Art. 4, Guidelines situation 1): marks unrelated to the applicant's business (not its trade name,
  products or own brands), counted as distinct marks in the busiest 365 days. Suspicious from 29 for a natural
  person (a decided case found bad faith at 29 filings of a squatter and its assignor) and from 42 for a company
  (a decided case: 42 filings, 37 in one class); not suspicious below half of that (15 and 21). Related
  applicants (a ring) are counted together (Provisions Art. 8(1)), against the person line when all of them are
  natural persons and the company line otherwise.
- Filing and selling (situation 8): when at least 5 marks were assigned to at least 3 different unrelated
  buyers, the line is 20 unrelated marks in 365 days (band 10-19); without such selling the hoarding line applies.
- Place names and generic names in bulk (situations 6 and 7): suspicious from 10 distinct place names or 8
  generic names of the designated goods, not suspicious below half of that; a few such filings are refused on
  absolute grounds (Art. 10(2), 11), which is not bad faith.
- Copying: one or more filings of another's famous mark, a protected public sign, a famous person's name or a
  trending phrase, without right, close to its event, is suspicious whatever the volume (Art. 4, 10(1)(8), 13,
  32): a herd of two is as much a herd as a herd of twenty.
"""

from __future__ import annotations

import numpy as np

GREY = -1  # the filings do not settle it: no label
PERSON_LINE = 29
COMPANY_LINE = 42
SELL_MARKS, SELL_ASSIGNED, SELL_BUYERS = 20, 5, 3
PLACE_LINE = 10
GENERIC_LINE = 8


def busiest_year(days: list[int] | np.ndarray, marks: list[str] | np.ndarray | None = None) -> int:
    """Most filings (distinct marks when given) within any 365 consecutive days."""
    d = np.asarray(days, dtype=np.int64)
    if not len(d):
        return 0
    order = np.argsort(d, kind="stable")
    d = d[order]
    m = None if marks is None else np.asarray(marks, dtype=object)[order]
    best = 0
    for i in range(len(d)):
        j = int(np.searchsorted(d, d[i] + 365, side="left"))
        best = max(best, j - i if m is None else len(set(m[i:j].tolist())))
    return best


def _banded(n: int, line: int) -> int:
    """1 from `line`, 0 below half of it, GREY in between."""
    if n >= line:
        return 1
    return 0 if 2 * n < line else GREY


def hoarding_label(unrelated_in_year: int, all_persons: bool) -> int:
    """The unrelated marks of the busiest year against the person or company line."""
    return _banded(unrelated_in_year, PERSON_LINE if all_persons else COMPANY_LINE)


def selling_label(unrelated_in_year: int, assigned: int, buyers: int, all_persons: bool) -> int:
    """Filing and selling: the lower line when the selling is shown, the hoarding line otherwise."""
    if assigned >= SELL_ASSIGNED and buyers >= SELL_BUYERS:
        return _banded(unrelated_in_year, SELL_MARKS)
    return hoarding_label(unrelated_in_year, all_persons)


def bulk_label(distinct: int, line: int) -> int:
    """Place names or generic names in bulk: distinct names against `line`."""
    return _banded(distinct, line)
