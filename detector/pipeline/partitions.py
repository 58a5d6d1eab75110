"""Filing partitions and the work done on each: what every engine's executor runs, here, forked or on Dask.

A partition holds every filing of a set of *actors* (a linked cluster, or an applicant outside any cluster), so the
filing-level stages (matching, filing rules) and the applicant and cluster metrics of its actors are exact inside
the partition. What crosses actors — canonical marks, the herd counts of a mark, register owners, watchlists,
agency names, cluster sizes — is computed once over the whole batch and handed to every partition.

Results come back with global filing indices and applicant codes; `merge_partitions` puts them in the order the
in-memory pipeline produces, so both engines write byte-identical files.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from detector.batch import Batch, key_rows_of
from detector.frame_order import ordered_by, sorted_by
from detector.metrics.filing.herd import HERD_COLUMNS
from detector.normalize.key_pairs import CodedKeyTable
from detector.rules.compiled import CompiledRule
from detector.rules.model import RuleSet


@dataclass
class PartitionContext:
    """Batch-wide facts every partition reads; sent to each worker once."""

    ruleset: RuleSet
    compiled: list[CompiledRule]
    lang: str
    applicants: pd.DataFrame
    register: pd.DataFrame | None
    cluster_code: np.ndarray
    cluster_ids: list[str]
    link_types: dict[str, list[str]]
    watch_apps: np.ndarray
    agency_names: set[str]
    cluster_size: np.ndarray
    famous: np.ndarray | None  # owns_famous per applicant code; None: each partition makes its applicants'
    overrides: dict = field(default_factory=dict)  # metric values stated by an inline rule test
    shared: dict = field(default_factory=dict)  # term tables and Matchers, built once per worker
    repeat_apps: np.ndarray | None = None  # confirmed in the registry or linked to one (issue 16), per applicant code
    # Each filing's own_mark against its applicant's own forms (own_forms_and_filings).
    own_filings: np.ndarray | None = None
    # Each applicant's own identity keys (normalize.identity.self_keys, per applicant code), made in normalization:
    # a partition's rights-holder keys read them instead of making them again. Not sent to Dask workers (they
    # make their partition's own: the same keys).
    self_keys: list[list[str]] | None = None
    # The batch's key table (batch_key_table: app, key) and the register owners' keys (register_owner_keys), when
    # the partition stage made them (own marks read both): a forked partition takes its applicants' rows instead of
    # making them again. Not sent to Dask workers either.
    key_table: pd.DataFrame | CodedKeyTable | None = None
    register_owner_keys: tuple | None = None
    # beside(task, here) -> (task(), here()), the task in a forked child: given when the batch is one partition
    # screened in this process and the engine has a spare core, for its matching (pipeline/match_split.py).
    match_beside: Callable | None = None
    # Per applicant code: its name is an agency of agency_names (metrics/applicant/agency.py), when the identity
    # keys' child made it for the batch; else each partition keys its own applicants' names.
    named_agency: np.ndarray | None = None

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["shared"] = {}
        state["self_keys"] = state["key_table"] = state["register_owner_keys"] = state["match_beside"] = None
        return state


@dataclass
class Partition:
    """The filings of some actors: `apps` (global applicant codes, ascending) and their filings in batch order."""

    number: int
    apps: np.ndarray
    filing_idx: np.ndarray
    filings: pd.DataFrame
    filing_classes: pd.DataFrame
    herd: pd.DataFrame  # the herd and wave columns of its filings (metrics/filing/herd.py), computed batch-wide


@dataclass
class PartitionResult:
    number: int
    filing_metrics: pd.DataFrame
    filing_hits: pd.DataFrame
    flags: pd.DataFrame
    contributions: list  # (rule position, first filing_idx, Contribution with a global applicant code)
    rule_counts: dict[str, int]
    app_metrics: pd.DataFrame  # with column _code: the global applicant code
    cluster_metrics: pd.DataFrame  # rows of the clusters of this partition, column _code: the cluster code
    match_stats: dict
    # The filing metrics' columns in order: filing_metrics leaves out the columns the parent holds (HELD_COLUMNS;
    # merge_partitions puts the parent's own back).
    filing_columns: list[str]


# Filing-metric columns that are the batch's filing columns as they are (compute_filing_metrics takes them from the
# partition's rows), and the herd's columns (computed batch-wide before the partitions, each partition given its
# rows): a partition's result leaves them out and merge_partitions puts the batch's and the herd's own columns back.
# The parent would otherwise hold each partition's copy (~25 MB and ~18 MB a 250,000-filing partition) until the last
# one ends. A herd column a rule test states (a metric override) stays in the result.
BATCH_COLUMNS = ("filing_id", "applicant_id", "applicant_name", "mark_text", "nice_class")
HELD_COLUMNS = (*BATCH_COLUMNS, *HERD_COLUMNS)


def actor_partitions(app: np.ndarray, actor: np.ndarray, n_apps: int, n_parts: int) -> np.ndarray:
    """Partition number per applicant code: actors dealt to partitions by filing count, largest first, each to
    the partition with the fewest filings so far (deterministic; ties to the lower number)."""
    n_parts = max(1, n_parts)
    codes, inverse = np.unique(actor, return_inverse=True)
    load = np.bincount(inverse, minlength=len(codes))
    part_of_actor = np.zeros(len(codes), dtype=np.int64)
    if n_parts > 1:
        order = np.lexsort((codes, -load))
        totals = np.zeros(n_parts, dtype=np.int64)
        # Greedy in blocks: a heap would be exact, but dealing actors round-robin in load order within blocks of
        # n_parts is balanced enough for millions of small actors and stays vectorized.
        big = order[load[order] > max(1, load.sum() // (n_parts * 50))]
        for a in big:
            p = int(np.argmin(totals))
            part_of_actor[a] = p
            totals[p] += load[a]
        rest = order[load[order] <= max(1, load.sum() // (n_parts * 50))]
        start = np.argsort(totals, kind="stable")
        part_of_actor[rest] = start[np.arange(len(rest)) % n_parts]
    part_of_app = np.zeros(n_apps, dtype=np.int64)
    part_of_app[app] = part_of_actor[inverse]
    return part_of_app


@dataclass
class PartitionPlan:
    """Which filings go to which partition, built into Partitions one at a time (`build`): a local engine builds
    each partition in the process that screens it, so the batch is never held twice."""

    batch: Batch
    herd: pd.DataFrame
    numbers: list[int]  # partition numbers that hold filings
    filing_rows: list[np.ndarray]  # per partition: its filing indices in batch order
    class_rows: list[np.ndarray]  # per partition: its filing-class rows in batch order
    apps: list[np.ndarray]  # per partition: its global applicant codes, ascending

    def __len__(self) -> int:
        return len(self.numbers)

    def build(self, i: int) -> Partition:
        idx, fc = self.filing_rows[i], self.class_rows[i]
        return Partition(
            self.numbers[i],
            self.apps[i],
            idx,
            self.batch.filings.iloc[idx].reset_index(drop=True),
            self.batch.filing_classes.iloc[fc].reset_index(drop=True),
            self.herd.iloc[idx].reset_index(drop=True),
        )


def plan_partitions(batch: Batch, part_of_app: np.ndarray, herd: pd.DataFrame, n_parts: int) -> PartitionPlan:
    """Split the batch's filings (and filing classes) by their applicant's partition, keeping batch order."""
    f = batch.filings
    fpart = part_of_app[f["app"].to_numpy()]
    order = np.argsort(fpart, kind="stable")
    bounds = np.searchsorted(fpart[order], np.arange(n_parts + 1))
    fc = batch.filing_classes
    fc_part = fpart[fc["filing_idx"].to_numpy()]
    fc_order = np.argsort(fc_part, kind="stable")
    fc_bounds = np.searchsorted(fc_part[fc_order], np.arange(n_parts + 1))
    app_order = np.argsort(part_of_app, kind="stable")
    app_bounds = np.searchsorted(part_of_app[app_order], np.arange(n_parts + 1))
    plan = PartitionPlan(batch, herd, [], [], [], [])
    for p in range(n_parts):
        if bounds[p] == bounds[p + 1]:
            continue
        plan.numbers.append(p)
        plan.filing_rows.append(order[bounds[p] : bounds[p + 1]])
        plan.class_rows.append(fc_order[fc_bounds[p] : fc_bounds[p + 1]])
        plan.apps.append(app_order[app_bounds[p] : app_bounds[p + 1]])
    return plan


def local_batch(ctx: PartitionContext, part: Partition) -> Batch:
    """The partition as a Batch of its own applicants (local codes 0..k-1 in global code order)."""
    apps = ctx.applicants.iloc[part.apps].reset_index(drop=True)
    # Shallow copies: only the replaced columns are new (copy-on-write; a deep copy of the partition's filings cost
    # ~85 MB a partition at 1,000,000 filings).
    f = part.filings.copy(deep=False)
    f["app"] = np.searchsorted(part.apps, f["app"].to_numpy())
    fc = part.filing_classes.copy(deep=False)
    fc["filing_idx"] = np.searchsorted(part.filing_idx, fc["filing_idx"].to_numpy())
    fc["app"] = f["app"].to_numpy()[fc["filing_idx"].to_numpy()]
    memo = {"self_keys": [ctx.self_keys[a] for a in part.apps.tolist()]} if ctx.self_keys is not None else {}
    if ctx.key_table is not None:
        rows = key_rows_of(ctx.key_table, part.apps)  # coded when the batch's is (~50 MB less a partition)
        memo["key_codes" if isinstance(rows, CodedKeyTable) else "key_table"] = rows
    if ctx.register_owner_keys is not None:
        memo["register_owner_keys"] = ctx.register_owner_keys  # the register is the batch's, whole
    return Batch(f, fc, apps, ctx.register, memo=memo)


def screen_partition(ctx: PartitionContext, part: Partition) -> PartitionResult:
    """Filing metrics, matching and filing rules, then the applicant and cluster metrics of one partition."""
    from detector.metrics.applicant import ApplicantMetricInputs, compute_applicant_metrics
    from detector.metrics.cluster import compute_cluster_metrics
    from detector.metrics.filing import compute_filing_metrics
    from detector.pipeline.match_split import match_side_by_side
    from detector.pipeline.match_stage import LIST_FILING_CATEGORIES, MatchStage
    from detector.pipeline.overrides import override_metrics
    from detector.pipeline.rule_stage import RuleStage

    batch = local_batch(ctx, part)
    cluster_code = ctx.cluster_code[part.apps]

    def filing_metrics() -> pd.DataFrame:
        fm = compute_filing_metrics(
            batch, cluster_code, herd=part.herd, filing_idx=part.filing_idx, lists=ctx.ruleset.lists
        )
        override_metrics(fm, "filing", ctx.overrides)
        return fm

    match_stage = MatchStage(batch, ctx.ruleset, ctx.shared)
    # The filing metrics, and the hit tables on two cores when this process has a spare one (match_split.py).
    fm = match_side_by_side(match_stage, ctx.compiled, ctx.match_beside, filing_metrics)
    stage = RuleStage(batch, ctx.ruleset, ctx.compiled, match_stage, ctx.lang)
    hits = stage.run_filing_rules(fm)
    flags_local = hits.flags.assign(
        filing_idx=np.searchsorted(part.filing_idx, hits.flags["filing_idx"].to_numpy(dtype=np.int64))
    )
    list_filings = {k: match_stage.list_filings(k) for k in LIST_FILING_CATEGORIES}
    match_stage.release_texts()  # every hit table is made: the metrics below hold their own memory
    am = compute_applicant_metrics(
        ApplicantMetricInputs(
            batch=batch,
            scope_classes=ctx.ruleset.reference.get("business_scope_classes", {}),
            flags=flags_local,
            list_filings=list_filings,
            watch_apps=ctx.watch_apps[part.apps],
            agency_names=ctx.agency_names,
            cluster_size=ctx.cluster_size[part.apps],
            own_filings=ctx.own_filings[part.filing_idx] if ctx.own_filings is not None else None,
            famous=ctx.famous[part.apps] if ctx.famous is not None else None,
            repeat_apps=ctx.repeat_apps[part.apps] if ctx.repeat_apps is not None else None,
            named_agency=ctx.named_agency[part.apps] if ctx.named_agency is not None else None,
        )
    )
    am["_code"] = part.apps
    present = np.unique(cluster_code[cluster_code >= 0])
    if len(present):
        cm = compute_cluster_metrics(batch, cluster_code, ctx.cluster_ids, am, flags_local, ctx.link_types)
        cm = cm.iloc[present].reset_index(drop=True)
        cm["_code"] = present
    else:
        cm = pd.DataFrame({"_code": pd.Series(dtype="int64")})
    # Contributions: global applicant codes, ordered later by (rule position, first filing of the applicant).
    rule_pos = {c.rule.id: i for i, c in enumerate(ctx.compiled)}
    fh = hits.filing_hits
    first = fh.groupby(["rule_id", "applicant_id"], sort=False)["filing_idx"].min().to_dict() if len(fh) else {}
    app_ids = batch.applicants["applicant_id"].to_numpy()
    contributions = []
    for c in hits.contributions:
        key = first[(c.rule_id, app_ids[c.app])]
        c.app = int(part.apps[c.app])
        contributions.append((rule_pos[c.rule_id], int(key), c))
    fm["app"] = part.apps[fm["app"].to_numpy(dtype=np.int64)]
    flags = hits.flags.assign(_rule=hits.flags["rule_id"].map(rule_pos))
    columns = list(fm.columns)
    stated = ctx.overrides.get("filing") or {}
    fm = fm.drop(columns=[c for c in HELD_COLUMNS if c in columns and c not in stated])
    return PartitionResult(
        part.number, fm, fh, flags, contributions, hits.rule_counts, am, cm, match_stage.stats, columns
    )


def _stacked(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The frames one after another, with a fresh index (one frame: itself, not a copy of it)."""
    return frames[0].reset_index(drop=True) if len(frames) == 1 else pd.concat(frames, ignore_index=True)


def merge_partitions(
    results: list[PartitionResult],
    filings: pd.DataFrame,
    herd: pd.DataFrame,
    n_apps: int,
    n_clusters: int,
    compiled: list[CompiledRule],
):
    """Gathered partition results in the in-memory pipeline's order: filing metrics by filing (with the batch's
    `filings` and `herd` columns the partitions left out), hits by filing and rule, flags and contributions rule by
    rule in filing order, applicant and cluster metrics by code."""
    from detector.metrics.registry import column_values
    from detector.pipeline.rule_stage import RuleHits

    results = sorted(results, key=lambda r: r.number)
    fm = ordered_by(_stacked([r.filing_metrics for r in results]), "filing_idx")
    n_filings = len(filings)
    assert len(fm) == n_filings and (fm["filing_idx"].to_numpy() == np.arange(n_filings)).all(), (
        "partitions lost filings"
    )
    held = {**{c: filings[c] for c in BATCH_COLUMNS}, **{c: herd[c] for c in HERD_COLUMNS}}
    fm = pd.DataFrame(
        {c: fm[c].array if c in fm.columns else column_values(held[c]) for c in results[0].filing_columns},
        copy=False,
    )
    fh_parts = [r.filing_hits for r in results if len(r.filing_hits)]
    fh = pd.concat(fh_parts, ignore_index=True) if fh_parts else results[0].filing_hits
    fh = sorted_by(fh, fh["filing_idx"].to_numpy(), pd.factorize(fh["rule_id"], sort=True)[0])
    flag_parts = [r.flags for r in results if len(r.flags)]
    flags = pd.concat(flag_parts, ignore_index=True) if flag_parts else results[0].flags
    flags = sorted_by(flags, flags["_rule"].to_numpy(), flags["filing_idx"].to_numpy()).drop(columns="_rule")
    contributions = sorted((t for r in results for t in r.contributions), key=lambda t: (t[0], t[1]))
    counts: dict[str, int] = {}
    for r in results:
        for k, v in r.rule_counts.items():
            counts[k] = counts.get(k, 0) + v
    active = [c.rule.id for c in compiled if c.rule.active and c.rule.scope == "filing"]
    hits = RuleHits(fh, flags, [t[2] for t in contributions], rule_counts={k: counts.get(k, 0) for k in active})
    am = ordered_by(_stacked([r.app_metrics for r in results]), "_code")
    assert len(am) == n_apps and (am["_code"].to_numpy() == np.arange(n_apps)).all(), "partitions lost applicants"
    am = am.drop(columns="_code")
    cm_parts = [r.cluster_metrics for r in results if len(r.cluster_metrics)]
    if cm_parts:
        cm = ordered_by(_stacked(cm_parts), "_code")
        assert (cm["_code"].to_numpy() == np.arange(n_clusters)).all(), "a cluster spans partitions or is lost"
        cm = cm.drop(columns="_code")
    else:
        cm = None
    stats: dict[str, dict] = {}
    for r in results:
        for k, v in r.match_stats.items():
            s = stats.setdefault(k, {"texts": 0, "terms": v["terms"], "text_hits": 0})
            s["texts"] += v["texts"]
            s["text_hits"] += v["text_hits"]
    return fm, hits, am, cm, stats
