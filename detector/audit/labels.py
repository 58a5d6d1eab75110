"""Line a labels table (applicant_id, label, category) up with the applicants of a screening run."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from detector.errors import InputDataError
from detector.text import Text

UNLABELLED_POLICIES = ("ignore", "negative")


@dataclass
class Labelled:
    """Labelled applicants of a run: row positions into `result.scores`, their labels and categories."""

    positions: np.ndarray  # int64 rows of result.scores, ascending by applicant id
    label: np.ndarray  # bool: 1 = suspicious
    category: np.ndarray  # str, "" when not given
    unlabelled: int = 0  # batch applicants without a label (counted as negatives with policy "negative")
    unlabelled_flagged: int = 0
    not_in_batch: list[str] = field(default_factory=list)


def align_labels(
    scores: pd.DataFrame, labels: pd.DataFrame, unlabelled: str = "ignore", source: str = "labels"
) -> Labelled:
    """Match labels to the run's applicants by id; raises InputDataError when none of them is in the batch."""
    if unlabelled not in UNLABELLED_POLICIES:
        raise InputDataError(
            Text(
                en=f"unknown policy for unlabelled applicants '{unlabelled}'",
                zh=f"未知的未标注申请人处理方式“{unlabelled}”",
            ),
            fix=Text(en=" or ".join(UNLABELLED_POLICIES), zh=" 或 ".join(UNLABELLED_POLICIES)),
        )
    ids = scores["applicant_id"].astype("str")
    lab_ids = labels["applicant_id"].astype("str")
    pos = pd.Index(ids).get_indexer(lab_ids)
    found = pos >= 0
    not_in_batch = sorted(lab_ids[~found].tolist())
    if not found.any():
        raise InputDataError(
            Text(
                en=f"none of the {len(labels):,} labelled applicant ids occurs in the batch",
                zh=f"已标注的 {len(labels):,} 个申请人编号没有一个出现在这批数据中",
            ),
            file=source,
            column="applicant_id",
            fix=Text(
                en="the applicant ids of the filings "
                "(applicant_id column, or the AN-… ids in suspicious_applicants.csv)",
                zh="申请数据中的申请人编号（applicant_id 列，或 suspicious_applicants.csv 中的 AN-… 编号）",
            ),
        )
    category = labels["category"].astype("str").to_numpy() if "category" in labels.columns else np.full(len(labels), "")
    frame = pd.DataFrame(
        {"pos": pos[found], "label": labels["label"].to_numpy()[found].astype(bool), "category": category[found]}
    )
    is_labelled = np.zeros(len(ids), dtype=bool)
    is_labelled[frame["pos"].to_numpy()] = True
    flagged = scores["flagged"].to_numpy(dtype=bool)
    n_unlabelled = int((~is_labelled).sum())
    n_unlabelled_flagged = int((~is_labelled & flagged).sum())
    if unlabelled == "negative" and n_unlabelled:
        rest = np.flatnonzero(~is_labelled)
        frame = pd.concat([frame, pd.DataFrame({"pos": rest, "label": False, "category": ""})], ignore_index=True)
    frame["applicant_id"] = ids.to_numpy()[frame["pos"].to_numpy()]
    frame = frame.sort_values("applicant_id", kind="stable")
    return Labelled(
        positions=frame["pos"].to_numpy(dtype=np.int64),
        label=frame["label"].to_numpy(dtype=bool),
        category=frame["category"].astype("str").to_numpy(),
        unlabelled=n_unlabelled,
        unlabelled_flagged=n_unlabelled_flagged,
        not_in_batch=not_in_batch,
    )
