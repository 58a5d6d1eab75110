"""Turn raw input tables into the typed internal tables of docs/architecture.md, checking every cell."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from detector.errors import InputDataError
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
from detector.normalize import canonical

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


@dataclass
class Validated:
    """A validated table plus what was skipped (always reported in run.json)."""

    frame: pd.DataFrame
    skipped: list[dict] = field(default_factory=list)
    extra: dict = field(default_factory=dict)


def derive_applicant_id(names: pd.Series) -> pd.Series:
    """Stable id from the canonical applicant name: `AN-` + 12 hex of sha1."""
    codes, uniques = pd.factorize(names)
    ids = np.array(["AN-" + hashlib.sha1(canonical(u).encode("utf-8")).hexdigest()[:12] for u in uniques], dtype=object)
    return pd.Series(ids[codes], index=names.index, dtype="str")


def infer_entity_type(names: pd.Series) -> pd.Series:
    """company when the name carries a company form or organisation word, else individual."""
    is_company = names.str.contains(_COMPANY_HINT, regex=True, na=False)
    return pd.Series(np.where(is_company, "company", "individual"), index=names.index, dtype="str")


def validate_filings(raw: RawTable, skip_bad_rows: bool = False) -> Validated:
    """Check and type the filings table; returns `filings` with `row`, parsed classes and dates."""
    f = raw.frame.apply(lambda s: s.str.strip())
    checks = RowChecks(raw)
    checks.add(f["filing_id"].eq(""), "filing_id", "empty filing id", "a unique application number")
    dup = f["filing_id"].ne("") & f["filing_id"].duplicated(keep="first")
    if dup.any():
        positions = pd.Series(np.arange(len(f)), index=f["filing_id"].to_numpy())
        first_of = positions[~positions.index.duplicated(keep="first")]
        msgs = pd.Series("", index=f.index, dtype=object)
        msgs[dup] = [
            f"duplicate filing id '{v}' (first at {raw.row_label(int(first_of[v]))})" for v in f.loc[dup, "filing_id"]
        ]
        checks.add(dup, "filing_id", msgs, "each filing_id exactly once")
    classes, class_err = map_distinct(f["nice_class"], parse_classes)
    checks.add(class_err.ne(""), "nice_class", class_err.map(lambda m: f"bad class: {m}"), CLASSES_EXPECTED)
    dates, date_err = map_distinct(f["filing_date"], parse_date)
    date_err = date_err.where(dates.notna() | date_err.ne(""), "empty filing date")
    checks.add(date_err.ne(""), "filing_date", date_err, DATE_EXPECTED)
    checks.add(f["applicant_name"].eq(""), "applicant_name", "empty applicant name", "the applicant's name")
    checks.add(
        f["mark_text"].str.len() > MAX_MARK_CHARS,
        "mark_text",
        f"mark text longer than {MAX_MARK_CHARS} characters",
        f"at most {MAX_MARK_CHARS} characters",
    )
    keep, skipped = checks.resolve(skip_bad_rows)
    out = f.loc[keep].copy()
    out.insert(0, "row", np.flatnonzero(keep).astype("int64"))
    kept_classes = classes[keep]
    out["nice_class"] = kept_classes.map(lambda t: ";".join(str(c) for c in t)).astype("str")
    out["n_classes"] = kept_classes.map(len).astype("int64")
    out["filing_date"] = pd.to_datetime(dates[keep].astype("object")).astype("datetime64[ns]")
    missing_id = out["applicant_id"].eq("")
    if missing_id.any():
        out.loc[missing_id, "applicant_id"] = derive_applicant_id(out.loc[missing_id, "applicant_name"])
    if out.empty:
        raise InputDataError("no valid filing rows left after skipping bad rows", file=str(raw.path))
    out = out.reset_index(drop=True)
    classes_exploded = pd.DataFrame({"filing_idx": np.repeat(np.arange(len(out)), out["n_classes"].to_numpy())})
    classes_exploded["nice_class"] = np.fromiter(
        (c for t in kept_classes for c in t), dtype="int64", count=int(out["n_classes"].sum())
    )
    return Validated(out, skipped, {"filing_classes": classes_exploded})


def validate_applicants(raw: RawTable, skip_bad_rows: bool = False) -> Validated:
    """Check and type the optional applicant registry table."""
    a = raw.frame.apply(lambda s: s.str.strip())
    checks = RowChecks(raw)
    checks.add(a["applicant_id"].eq(""), "applicant_id", "empty applicant id", "the applicant's id")
    dup = a["applicant_id"].ne("") & a["applicant_id"].duplicated(keep="first")
    checks.add(dup, "applicant_id", a["applicant_id"].map(lambda v: f"duplicate applicant id '{v}'"), "each id once")
    etype = a["entity_type"].str.casefold().map(lambda v: _ENTITY_WORDS.get(v, "?" if v else ""))
    checks.add(
        etype.eq("?"),
        "entity_type",
        a["entity_type"].map(lambda v: f"unknown entity type '{v}'"),
        "company or individual (企业/个人)",
    )
    capital, cap_err = map_distinct(a["registered_capital"], parse_money)
    checks.add(cap_err.ne(""), "registered_capital", cap_err, "an amount in CNY, e.g. 1000000 or 100万")
    est, est_err = map_distinct(a["established_date"], parse_date)
    checks.add(est_err.ne(""), "established_date", est_err, DATE_EXPECTED)
    keep, skipped = checks.resolve(skip_bad_rows)
    out = a.loc[keep].copy()
    inferred = infer_entity_type(out["name"])
    out["entity_type"] = etype[keep].where(etype[keep].ne(""), inferred).astype("str")
    out["registered_capital"] = pd.to_numeric(capital[keep], errors="coerce").astype("float64")
    out["established_date"] = pd.to_datetime(est[keep].astype("object")).astype("datetime64[ns]")
    return Validated(out.reset_index(drop=True), skipped)


def validate_register(raw: RawTable, skip_bad_rows: bool = False) -> Validated:
    """Check and type the optional register of prior marks."""
    r = raw.frame.apply(lambda s: s.str.strip())
    checks = RowChecks(raw)
    checks.add(r["registration_no"].eq(""), "registration_no", "empty registration number", "a registration number")
    classes, class_err = map_distinct(r["nice_class"], parse_classes)
    checks.add(class_err.ne(""), "nice_class", class_err.map(lambda m: f"bad class: {m}"), CLASSES_EXPECTED)
    checks.add(r["owner_name"].eq(""), "owner_name", "empty owner name", "the owner's name")
    famous, fam_err = map_distinct(r["famous"], parse_int01)
    checks.add(fam_err.ne(""), "famous", fam_err, "0 or 1")
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
    lab = raw.frame.apply(lambda s: s.str.strip())
    checks = RowChecks(raw)
    checks.add(lab["applicant_id"].eq(""), "applicant_id", "empty applicant id", "the applicant's id")
    value, err = map_distinct(lab["label"], parse_int01)
    err = err.where(value.notna() | err.ne(""), "empty label")
    checks.add(err.ne(""), "label", err, "1 (suspicious) or 0 (not)")
    dup = lab["applicant_id"].duplicated(keep="first") & lab["applicant_id"].ne("")
    checks.add(dup, "applicant_id", lab["applicant_id"].map(lambda v: f"duplicate label for '{v}'"), "one label")
    keep, _ = checks.resolve(False, skippable=False)
    out = lab.loc[keep].copy()
    out["label"] = pd.to_numeric(value[keep]).astype("int64")
    return Validated(out.reset_index(drop=True))
