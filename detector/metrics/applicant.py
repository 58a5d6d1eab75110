"""Per-applicant metrics of the catalogue, computed vectorized over the batch."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from detector.batch import Batch
from detector.metrics.owner_codes import owner_codes
from detector.metrics.scope_classes import implied_class_bits, out_of_scope_share

_INACTIVE = re.compile(r"注销|吊销|撤销|清算|cancel|revok|dissol|struck", re.IGNORECASE)
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_LATIN = re.compile(r"^[a-z0-9]+$")


def _is_short(mark: str) -> bool:
    if _CJK.match(mark):
        return 2 <= len(mark) <= 3
    return bool(_LATIN.match(mark)) and 2 <= len(mark) <= 6


def short_unrelated(canon: pd.Series, tie: pd.Series) -> np.ndarray:
    """Short marks (2-3 CJK chars or <= 6 Latin letters) sharing no character with the tie text."""
    marks, ties = canon.to_numpy(dtype=object).tolist(), tie.to_numpy(dtype=object).tolist()
    return np.fromiter(
        (_is_short(m) and not (set(m) & set(t)) for m, t in zip(marks, ties)), dtype=bool, count=len(marks)
    )


def own_mark(canon: pd.Series, app: np.ndarray, own_forms: list[list[str]]) -> np.ndarray:
    """The mark contains one of the applicant's own forms (registered marks, trade name) or is part of one."""
    out = np.zeros(len(canon), dtype=bool)
    for i, (m, a) in enumerate(zip(canon.to_numpy(dtype=object).tolist(), app.tolist())):
        if len(m) < 2:
            continue
        for form in own_forms[a]:
            if form in m or (len(m) >= 2 and m in form):
                out[i] = True
                break
    return out


def own_forms_of(batch: Batch) -> list[list[str]]:
    """Per applicant code: its trade name (if >= 2 chars) and the canonical marks it owns in the register."""
    apps = batch.applicants
    forms: list[list[str]] = [[t] if len(t) >= 2 else [] for t in apps["canon_trade_name"]]
    reg = batch.register
    if reg is not None and not reg.empty:
        owner = owner_codes(apps, reg["owner_id"], reg["canon_owner"])
        for code, mark in zip(owner, reg["canon"]):
            if code >= 0 and len(mark) >= 2 and mark not in forms[code]:
                forms[code].append(mark)
    return forms


def owns_famous(batch: Batch) -> np.ndarray:
    out = np.zeros(batch.n_apps, dtype=bool)
    reg = batch.register
    if reg is None or reg.empty:
        return out
    fam = reg[reg["famous"].eq(1)]
    apps = batch.applicants
    codes = owner_codes(apps, fam["owner_id"], fam["canon_owner"])
    out[codes[codes >= 0]] = True
    return out


def compute_applicant_metrics(
    batch: Batch,
    scope_keywords: dict[str, list[int]],
    flags: pd.DataFrame,
    list_filings: dict[str, np.ndarray],
    watch_apps: np.ndarray,
    agency_names: set[str],
    cluster_size: np.ndarray,
    own_forms: list[list[str]] | None = None,
    famous: np.ndarray | None = None,
) -> pd.DataFrame:
    """One row per applicant code with every applicant metric of the catalogue (anomaly_score added later).

    `own_forms` / `famous` (own_forms_of, owns_famous of the whole batch) are given by a partition engine whose
    `batch` holds only some applicants: register owners are matched against every applicant.

    `flags`: filing_idx, group (public_interest|squatting), owner — filing-rule hits.
    `list_filings`: {'place_name': bool per filing, 'generic_term': bool per filing}.
    """
    f, apps, n = batch.filings, batch.applicants, batch.n_apps
    app = f["app"].to_numpy()
    day = f["day"].to_numpy()
    out = pd.DataFrame({"applicant_id": apps["applicant_id"], "applicant_name": apps["name"]})
    n_filings = np.bincount(app, minlength=n)
    out["n_filings"] = n_filings
    fc_pairs = np.unique(
        np.stack([batch.filing_classes["app"].to_numpy(), batch.filing_classes["nice_class"].to_numpy()]), axis=1
    )
    out["n_classes"] = np.bincount(fc_pairs[0], minlength=n)
    has_mark = f["canon"].ne("").to_numpy()
    mark_pairs = pd.DataFrame({"a": app[has_mark], "m": f["canon"].to_numpy()[has_mark]}).drop_duplicates()
    out["n_marks"] = np.bincount(mark_pairs["a"].to_numpy(), minlength=n)
    per_day = pd.DataFrame({"a": app, "d": day}).value_counts()
    peak = np.zeros(n, dtype=np.int64)
    np.maximum.at(peak, per_day.index.get_level_values(0).to_numpy(), per_day.to_numpy())
    out["peak_filings_per_day"] = peak
    first = np.full(n, np.iinfo(np.int64).max)
    last = np.full(n, np.iinfo(np.int64).min)
    np.minimum.at(first, app, day)
    np.maximum.at(last, app, day)
    out["active_days"] = last - first + 1
    out["entity_type"] = apps["entity_type"].to_numpy()
    out["registered_capital"] = apps["registered_capital"].to_numpy()
    est = apps["established_date"].to_numpy().astype("datetime64[D]")
    est_day = (est - np.datetime64("1970-01-01", "D")).astype("float64")
    est_day[np.isnat(est)] = np.nan
    out["company_age_days"] = first - est_day
    out["registry_status"] = apps["registry_status"].to_numpy()
    out["registry_inactive"] = apps["registry_status"].str.contains(_INACTIVE, regex=True).to_numpy()
    implied = implied_class_bits(apps["business_scope"], scope_keywords)
    out["out_of_scope_share"] = out_of_scope_share(
        batch.filing_classes["app"].to_numpy(), batch.filing_classes["nice_class"].to_numpy(), implied, n
    )
    assignee = f["assignee"]
    assigned = (assignee.ne("") & assignee.ne(f["applicant_name"])).to_numpy()
    out["transfer_ratio"] = np.bincount(app, weights=assigned.astype(float), minlength=n) / np.maximum(n_filings, 1)
    ass_pairs = pd.DataFrame({"a": app[assigned], "s": assignee.to_numpy()[assigned]}).drop_duplicates()
    out["distinct_assignees"] = np.bincount(ass_pairs["a"].to_numpy(), minlength=n)
    tie = apps["canon_trade_name"].to_numpy()[app]
    short = short_unrelated(f["canon"], pd.Series(tie))
    marks_n = np.bincount(app, weights=has_mark.astype(float), minlength=n)
    out["short_mark_share"] = np.bincount(app, weights=short.astype(float), minlength=n) / np.maximum(marks_n, 1)
    own = own_mark(f["canon"], app, own_forms_of(batch) if own_forms is None else own_forms)
    out["own_mark_share"] = np.bincount(app, weights=own.astype(float), minlength=n) / np.maximum(marks_n, 1)
    out["owns_famous_mark"] = owns_famous(batch) if famous is None else famous
    for group, name in (("public_interest", "protected_sign_hits"), ("squatting", "famous_mark_hits")):
        idx = flags.loc[flags["group"].eq(group), "filing_idx"].unique()
        out[name] = np.bincount(app[idx], minlength=n) if len(idx) else 0
    sq = flags.loc[flags["group"].eq("squatting") & flags["owner"].ne("")].drop_duplicates(["filing_idx", "owner"])
    if len(sq):
        sq_app = app[sq["filing_idx"].to_numpy()]
        owners = pd.DataFrame({"a": sq_app, "o": sq["owner"].to_numpy()})
        out["distinct_owners_copied"] = np.bincount(owners.drop_duplicates()["a"].to_numpy(), minlength=n)
        per_owner = owners.value_counts()
        mx = np.zeros(n, dtype=np.int64)
        np.maximum.at(mx, per_owner.index.get_level_values(0).to_numpy(), per_owner.to_numpy())
        out["max_filings_one_owner"] = mx
    else:
        out["distinct_owners_copied"] = 0
        out["max_filings_one_owner"] = 0
    for key, name in (("place_name", "place_name_filings"), ("generic_term", "generic_term_filings")):
        mask = list_filings.get(key)
        out[name] = (
            np.bincount(app, weights=mask.astype(float), minlength=n).astype(np.int64) if mask is not None else 0
        )
    out["watchlist"] = watch_apps
    out["is_agency"] = apps["canon_name"].isin(agency_names).to_numpy() & apps["canon_name"].ne("").to_numpy()
    non45 = batch.filing_classes["nice_class"].to_numpy() != 45
    non45_f = np.zeros(len(f), dtype=bool)
    non45_f[batch.filing_classes["filing_idx"].to_numpy()[non45]] = True
    out["non45_filings"] = np.bincount(app, weights=non45_f.astype(float), minlength=n).astype(np.int64)
    out["cluster_size"] = cluster_size
    return out
