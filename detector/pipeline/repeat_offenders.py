"""Repeat offenders (issue 16): applicants the registry's reviewers confirmed, and the members of their clusters.

An applicant of this run is a repeat offender when its id, or the org_key of its name (detector/normalize/org_name.py:
with or without 市, brackets, the organisation form), is a confirmed entry's or one of its former names; or when its
id shares a recorded cluster with a confirmed entry; or when this run's graph links it into a cluster with one of
those. The history rule HIST-003 (rules/history.yaml) reads the `repeat_offender` metric, and the run lists repeat
offenders first (detector/pipeline/verdicts.py).
"""

from __future__ import annotations

import numpy as np

from detector.lists.watchlist import on_watchlist
from detector.normalize import canonical
from detector.pipeline.result import ScreenResult


def repeat_offender_apps(s: ScreenResult) -> np.ndarray:
    """One bool per applicant code of the batch (all False without a registry or without confirmed entries)."""
    n = s.batch.n_apps
    o = s.offenders
    if o is None or not (o.ids or o.name_keys or o.cluster_members):
        return np.zeros(n, dtype=bool)
    apps = s.batch.applicants
    keys = set(o.name_keys) | {canonical(i) for i in o.ids | o.cluster_members}
    keys.discard("")
    hit = on_watchlist(apps["name"], apps["applicant_id"], keys)
    code = s.graph.cluster_code
    clusters = np.unique(code[hit & (code >= 0)])
    return hit | np.isin(code, clusters) & (code >= 0)


def mark_repeat_offenders(s: ScreenResult) -> None:
    """Confirmed applicants of the registry and their cluster members, by id and by name variants."""
    s.repeat_apps = repeat_offender_apps(s)
    if s.repeat_apps.any():
        s.progress.say(f"{int(s.repeat_apps.sum()):,} repeat offenders (confirmed in the registry or linked to one)")
