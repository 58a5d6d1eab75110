"""The stages of a screening run. Each takes the run's ScreenResult, reads what earlier stages filled in and adds
its own part; detector.pipeline.plan lists them in the order they run."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np
import pandas as pd

from detector.batch import drop_identity_column, prepare_batch, register_owner_counts, settle_identity
from detector.lists.watchlist import on_watchlist, watch_keys
from detector.metrics.agent import compute_agent_metrics
from detector.metrics.applicant import own_forms_and_filings, owns_famous
from detector.metrics.applicant.agency import batch_named_agency
from detector.metrics.applicant.table import MARK_MEMOS
from detector.metrics.cluster import compute_cluster_metrics
from detector.metrics.filing import batch_herd, filing_actor, wave_term_memo
from detector.metrics.filing.herd import WAVE_TERM_PAIRS
from detector.metrics.registry import add_batch_metrics
from detector.normalize.org_name import org_keys
from detector.pipeline.graph_stage import run_graph
from detector.pipeline.match_stage import build_matchers
from detector.pipeline.overrides import override_metrics
from detector.pipeline.partitions import (
    PartitionContext,
    actor_partitions,
    merge_partitions,
    plan_partitions,
    screen_partition,
)
from detector.pipeline.result import ScreenResult
from detector.pipeline.rule_stage import RuleStage
from detector.rules.load import load_ruleset
from detector.rules.model import RuleSet
from detector.scoring import level_of, score_applicants


def load_rules(s: ScreenResult) -> None:
    """Parse, check and compile the rule files and lists (RuleFileErrors on a bad file).

    A run handed a compiled rule set (an inline rule test) keeps it."""
    if s.ruleset is not None:
        return
    s.ruleset, s.compiled, warnings = load_ruleset(s.request.rules)
    s.warnings = [w.render() for w in warnings]


def start_engine(s: ScreenResult) -> None:
    """Bring up the executor's workers (a Dask cluster); they warm up while the inputs load."""
    s.executor.start()


# Applicant and register files of this many bytes or more are read in a forked child while this process reads the
# filings (when the engine runs several jobs): ~40,000 applicants' rows, a second or more of reading and validation.
SIDE_FILES_FORK_BYTES = 8_000_000


def load(s: ScreenResult) -> None:
    """Read and validate the input files (InputDataError names the file, row and column)."""
    worth = s.request.side_file_bytes() >= SIDE_FILES_FORK_BYTES
    s.inputs = s.request.load(lambda task, here: s.executor.beside(task, here, "input files", worth))
    s.progress.say(f"{len(s.inputs.filings):,} filings, {len(s.inputs.applicants):,} applicants")


def normalize(s: ScreenResult) -> None:
    """Applicant codes, day numbers and canonical texts; decides the partition count."""
    s.n_partitions = s.executor.partitions(len(s.inputs.filings))
    # The identity keys are made in a forked child while the graph is built, when the partitions are forked.
    later = partial(s.executor.later, what="identity keys", worth=s.n_partitions > 1)
    # That child also makes the herd's term pairs and the applicants named as agencies (partition stage) meanwhile.
    meanwhile = partial(
        _child_memo, lists=s.ruleset.lists, applicants=s.inputs.applicants, agents=s.inputs.filings["agent"]
    )
    s.batch = prepare_batch(s.inputs, **s.executor.normalize_options(s.n_partitions), later=later, meanwhile=meanwhile)
    # The applicants file as given is read no more: the batch's applicants hold what the run reads of it, and the
    # identity keys' child took its own copy (1,000,000 filings: 131 MB the forked partitions would share).
    s.inputs.registry = None


NAMED_AGENCY = "named_agency"  # batch memo: per applicant code, its name is an agency of the batch (agency.py)


def _child_memo(
    marks: pd.api.extensions.ExtensionArray, lists: dict, applicants: pd.DataFrame, agents: pd.Series
) -> dict:
    """What the identity keys' child makes after the keys, while this process builds the graph: the herd's term
    pairs of the canonical `marks`, and which applicants are named as agencies of the batch's `agents` (each
    partition's is_agency would key its applicants' names: ~0.2 s per 70,000 names, off the partitions' path)."""
    return {**wave_term_memo(marks, lists=lists), NAMED_AGENCY: batch_named_agency(applicants, agents)}


def link_applicants(s: ScreenResult) -> None:
    """Links through shared attributes and the linked clusters (the graphs package)."""
    s.graph = run_graph(s.batch, s.ruleset.graph, s.executor.graph_runner())
    settle_identity(s.batch)  # the identity keys made meanwhile (normalize)
    s.progress.say(f"{len(s.graph.cluster_ids):,} linked clusters")


def watch_sets(ruleset: RuleSet) -> set[str]:
    """Keys of the names (org_key variants, former names) and ids on lists of category watchlist."""
    return watch_keys(ruleset.lists.values())


def partition(s: ScreenResult) -> None:
    """Split the filings by actor (a linked cluster or a lone applicant) and gather what crosses partitions."""
    batch, graph = s.batch, s.graph
    settle_identity(batch)
    if s.executor.partitions_inherit:
        drop_identity_column(batch)
    s.watch = watch_sets(s.ruleset)
    apps = batch.applicants
    watch_apps = on_watchlist(apps["name"], apps["applicant_id"], s.watch)
    agency_names = org_keys(batch.filings["agent"].unique())
    cluster_size = np.ones(batch.n_apps, dtype=np.int64)
    in_cluster = graph.cluster_code >= 0
    sizes = np.bincount(graph.cluster_code[in_cluster], minlength=len(graph.cluster_ids))
    cluster_size[in_cluster] = sizes[graph.cluster_code[in_cluster]]
    if s.n_partitions > 1 and batch.register is not None and not batch.register.empty:
        register_owner_counts(batch.register)  # the herd's waves and every partition read it: made once, here
    shared = s.match_cache.seed(s.ruleset.sha256) if s.match_cache is not None else {}

    # An applicant's own marks and famous register marks depend on its own filings and keys alone, and partitions
    # split the batch by applicant. When every partition has a forked worker of its own and inherits the key table
    # the identity keys' child made, each makes its applicants' own, side by side with the others, instead of this
    # process making them for all while the herd's child runs (250,000 filings: the partition stage 1.41 -> 0.84 s,
    # the match stage +0.26 s). With more partitions than workers the workers' side is the longer (1,000,000
    # filings: +1.85 s there, -0.73 s here), and without that key table making them here fills batch.memo's key
    # tables, which the partitions then read: made here.
    per_partition = (
        1 < s.n_partitions <= s.executor.workers and s.executor.partitions_inherit and "key_codes" in batch.memo
    )

    def own_filings_and_matchers() -> np.ndarray | None:
        # Each filing's own mark; the forms themselves are read by no partition, so not kept (1,000,000 filings:
        # 909,000 strings in 314,000 lists, ~80 MB the forked partitions would share).
        own_filings = None if per_partition else own_forms_and_filings(batch)[1]
        # The lists' matchers forked partitions inherit (executor.prepare), built while the herd's child runs.
        s.executor.prepare(lambda: build_matchers(batch, s.ruleset, s.compiled, shared), s.n_partitions)
        return own_filings

    # The herd (batch-wide), the own marks (when made here) and the matchers are independent: the herd side by side
    # with them when the partitions are forked.
    herd, own_filings = s.executor.beside(
        lambda: batch_herd(batch, graph.cluster_code, s.ruleset.lists),
        own_filings_and_matchers,
        "herd",
        worth=s.n_partitions > 1,
    )
    app = batch.filings["app"].to_numpy()
    actor = filing_actor(app, graph.cluster_code, batch.n_apps)
    part_of_app = actor_partitions(app, actor, batch.n_apps, s.n_partitions)
    s.plan = plan_partitions(batch, part_of_app, herd, s.n_partitions)
    s.partition_context = PartitionContext(
        s.ruleset,
        s.compiled,
        s.lang,
        batch.applicants,
        batch.register,
        graph.cluster_code,
        graph.cluster_ids,
        graph.link_types,
        watch_apps,
        agency_names,
        cluster_size,
        None if per_partition else owns_famous(batch),
        own_filings=own_filings,
        overrides=s.request.metric_overrides,
        shared=shared,
        repeat_apps=s.repeat_apps,
        self_keys=batch.memo.get("self_keys"),
        key_table=batch.memo.get("key_codes", batch.memo.get("key_table")),
        register_owner_keys=batch.memo.get("register_owner_keys"),
        match_beside=_match_beside(s),
        named_agency=batch.memo.pop(NAMED_AGENCY, None),
    )
    if s.n_partitions > 1:
        # Read by this stage only (the own marks, the herd's waves): each partition makes its own from its filings
        # and no later stage reads them (1,000,000 filings: ~125 MB, mostly a million Python strings, the forked
        # partitions would share at the run's peak).
        for key in (*MARK_MEMOS, WAVE_TERM_PAIRS):
            batch.memo.pop(key, None)


def _match_beside(s: ScreenResult) -> Callable | None:
    """The executor's `beside` for one partition's matching, when that partition is screened in this process and
    the engine has a spare core (pipeline/match_split.py); None otherwise."""
    if s.n_partitions != 1 or not s.executor.forks_beside(True):
        return None
    return partial(s.executor.beside, what="matching", worth=True)


def screen_partitions(s: ScreenResult) -> None:
    """Matching, filing rules and the applicant and cluster metrics of each partition, merged in batch order."""
    context, plan = s.partition_context, s.plan
    results = s.executor.run_partitions(screen_partition, context, plan)
    if s.match_cache is not None:
        s.match_cache.keep(context.shared)
    s.plan = None
    s.filing_metrics, s.hits, s.applicant_metrics, s.cluster_metrics, s.match_stats = merge_partitions(
        results, s.batch.filings, plan.herd, s.batch.n_apps, len(s.graph.cluster_ids), s.compiled
    )


def applicant_rules(s: ScreenResult) -> None:
    """The anomaly score, then the applicant-scope rules."""
    s.rule_stage = RuleStage(s.batch, s.ruleset, s.compiled, None, s.lang)
    add_batch_metrics("applicant", s.applicant_metrics)
    override_metrics(s.applicant_metrics, "applicant", s.request.metric_overrides)
    s.rule_stage.run_applicant_rules(s.applicant_metrics, s.hits)


def cluster_rules(s: ScreenResult) -> None:
    """Cluster metrics (when no partition computed them) and the cluster-scope rules."""
    if s.cluster_metrics is None:
        s.cluster_metrics = compute_cluster_metrics(
            s.batch, s.graph.cluster_code, s.graph.cluster_ids, s.applicant_metrics, s.hits.flags, s.graph.link_types
        )
    override_metrics(s.cluster_metrics, "cluster", s.request.metric_overrides)
    s.rule_stage.run_cluster_rules(s.cluster_metrics, s.graph.cluster_code, s.hits)


def score(s: ScreenResult) -> None:
    """Applicant scores and levels against the threshold; each cluster's best member score."""
    graph, scoring = s.graph, s.ruleset.scoring
    scored = score_applicants(s.batch.n_apps, s.hits.contributions, scoring)
    s.threshold = scoring.threshold if s.request.threshold is None else float(s.request.threshold)
    # The table made in one step (a concat, two inserts and a column insertion before cost ~3 ms a small batch).
    am, values = s.applicant_metrics, scored["score"].to_numpy()
    flagged = values >= s.threshold
    columns = {c: am[c] for c in ("applicant_id", "applicant_name", "n_filings", "n_classes")}
    columns["score"] = scored["score"]
    columns["level"] = [(level_of(v, scoring) or "low") if f else "" for v, f in zip(values.tolist(), flagged)]
    for c in scored.columns.drop("score"):
        columns[c] = scored[c]
    columns["cluster_id"] = [graph.cluster_ids[c] if c >= 0 else "" for c in graph.cluster_code]
    columns["flagged"] = flagged
    scores = pd.DataFrame(columns)
    # Per cluster the best member score (0.0 for a cluster without members), in one pass over applicants.
    cl_scores = np.full(len(graph.cluster_ids), -np.inf)
    member = graph.cluster_code >= 0
    np.maximum.at(cl_scores, graph.cluster_code[member], scores["score"].to_numpy(dtype=np.float64)[member])
    s.cluster_metrics["score"] = np.where(np.isinf(cl_scores), 0.0, cl_scores)
    s.scores = scores


def agent_rules(s: ScreenResult) -> None:
    """Agency metrics (share of flagged clients, watchlisted clients) and the agent-scope rules."""
    s.agent_metrics = compute_agent_metrics(s.batch, s.scores["flagged"].to_numpy(), s.watch)
    override_metrics(s.agent_metrics, "agent", s.request.metric_overrides)
    s.rule_stage.run_agent_rules(s.agent_metrics, s.hits)
