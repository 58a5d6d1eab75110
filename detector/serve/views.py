"""What each workspace page shows, as plain tables and dicts read from the registry (no HTML here).

The queue is the registry's list (Registry.entries, best first) with the filters of the issue: level, category,
rule, batch, status, repeat offender and a search; the level follows from the score and the loaded rule set's
levels (detector.scoring.level_of), as in a screening run."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from detector.registry.model import STATUSES
from detector.scoring.combine import level_of
from detector.serve.display import link_type, status
from graphs.layout import cluster_layout
from graphs.png_view import _wrap

LEVELS = ("high", "medium", "low")
QUEUE_COLUMNS = [
    "applicant_id",
    "name",
    "former_names",
    "status",
    "level",
    "score",
    "repeat_offender",
    "cluster_id",
    "categories",
    "rule_ids",
    "first_listed",
    "last_seen",
    "n_batches",
    "last_batch",
    "source",
]


@dataclass(frozen=True)
class QueueFilters:
    level: str = ""
    category: str = ""
    rule: str = ""
    batch: str = ""
    status: str = ""
    repeat: str = ""  # "", "yes", "no"
    q: str = ""

    @classmethod
    def from_query(cls, query) -> QueueFilters:
        def one(key: str, allowed: tuple[str, ...] | None = None) -> str:
            value = str(query.get(key, "")).strip()[:200]
            return value if allowed is None or value in allowed else ""

        return cls(
            level=one("level", LEVELS),
            category=one("category"),
            rule=one("rule"),
            batch=one("batch"),
            status=one("status", STATUSES),
            repeat=one("repeat", ("yes", "no")),
            q=one("q"),
        )

    def query(self) -> dict[str, str]:
        """The non-empty filters (for links that keep the view: exports)."""
        return {k: v for k, v in self.__dict__.items() if v}


def level_of_score(ctx, score: object) -> str:
    """The level of a score under the loaded rule set (as a screening run gives it)."""
    try:
        return level_of(float(score), ctx.checker.ruleset.scoring)
    except (TypeError, ValueError):
        return ""


def queue(ctx, filters: QueueFilters) -> pd.DataFrame:
    """The list entries the filters select, best first, with their level."""
    frame = ctx.read(
        "entries",
        [filters.status] if filters.status else None,
        category=filters.category or None,
        rule_id=filters.rule or None,
        batch_id=filters.batch or None,
        repeat_offender=None if not filters.repeat else filters.repeat == "yes",
        search=filters.q or None,
    )
    scoring = ctx.checker.ruleset.scoring
    frame = frame.copy()
    frame["level"] = [level_of(float(s), scoring) for s in frame["score"].fillna(0.0)]
    if filters.level:
        frame = frame[frame["level"] == filters.level]
    return frame[[c for c in QUEUE_COLUMNS if c in frame.columns]].reset_index(drop=True)


def clusters_of(entries: pd.DataFrame) -> pd.DataFrame:
    """One row per cluster in the queue: members listed, best score, repeat offenders, statuses."""
    listed = entries[entries["cluster_id"].fillna("").astype(str) != ""]
    if listed.empty:
        return pd.DataFrame(columns=["cluster_id", "members", "best_score", "repeat_offender", "statuses"])
    grouped = listed.groupby("cluster_id", sort=False)
    out = pd.DataFrame(
        {
            "members": grouped.size(),
            "best_score": grouped["score"].max(),
            "repeat_offender": grouped["repeat_offender"].any(),
            "statuses": grouped["status"].agg(lambda s: ";".join(sorted(set(s)))),
        }
    ).reset_index()
    return out.sort_values(["best_score", "members", "cluster_id"], ascending=[False, False, True], kind="stable")


# The members' colour scale (score 0 to 100, light to dark), drawn as the page's legend too; members not on the
# list (score unknown here) are grey.
SCORE_STOPS = ((0.0, "#fde9c8"), (40.0, "#f7a35c"), (70.0, "#e0452c"), (100.0, "#8c0d12"))
UNLISTED_COLOUR = "#b8c2cc"


def score_colour(score: float) -> str:
    """The colour of `score` on SCORE_STOPS (linear between stops)."""
    s = max(0.0, min(100.0, float(score)))
    for (s0, c0), (s1, c1) in zip(SCORE_STOPS, SCORE_STOPS[1:]):
        if s <= s1:
            f = (s - s0) / (s1 - s0)
            rgb = [
                round(int(c0[i : i + 2], 16) + f * (int(c1[i : i + 2], 16) - int(c0[i : i + 2], 16))) for i in (1, 3, 5)
            ]
            return "#" + "".join(f"{v:02x}" for v in rgb)
    return SCORE_STOPS[-1][1]


def network(members: pd.DataFrame, links: pd.DataFrame, lang: str) -> dict:
    """Node-link data of a cluster for the page's viewer: members coloured by score (SCORE_STOPS) and sized by
    filings, names on at most two lines (as the PNG export wraps them), positions from graphs.layout (as report.html
    lays clusters out); one edge per linked pair with each link type (its label in `lang`) and its shared values."""
    members = members.sort_values(["score", "n_filings", "applicant_id"], ascending=[False, False, True])
    ids = members["applicant_id"].astype(str).tolist()
    inside = links[links["a"].isin(ids) & links["b"].isin(ids)]
    pairs: dict[tuple[str, str], dict[str, set[str]]] = {}
    for a, b, kind, value in inside[["a", "b", "link_type", "value"]].astype(str).itertuples(index=False):
        key = (min(a, b), max(a, b))
        pairs.setdefault(key, {}).setdefault(kind, set()).add(value)
    pos = cluster_layout(ids, [(a, b, float(len(kinds))) for (a, b), kinds in sorted(pairs.items())])
    nodes = [
        {
            "id": r.applicant_id,
            "name": str(r.name),
            "lines": _wrap(str(r.name) or str(r.applicant_id)).split("\n"),
            "score": round(float(r.score), 1),
            "status": status(r.status, lang) if r.status else "",
            "n_filings": int(r.n_filings),
            "colour": score_colour(float(r.score)) if r.status else UNLISTED_COLOUR,
            "x": pos[r.applicant_id][0],
            "y": pos[r.applicant_id][1],
        }
        for r in members.itertuples(index=False)
    ]
    edges = []
    for (a, b), kinds in sorted(pairs.items()):
        typed = [{"type": k, "label": link_type(k, lang), "values": sorted(v)} for k, v in sorted(kinds.items())]
        edges.append(
            {
                "source": a,
                "target": b,
                "kinds": typed,
                "label": "; ".join(f"{t['label']}: {', '.join(t['values'])}" for t in typed),
            }
        )
    scale = [{"score": s, "colour": c} for s, c in SCORE_STOPS]
    return {"nodes": nodes, "edges": edges, "scale": scale, "unlisted": UNLISTED_COLOUR}
