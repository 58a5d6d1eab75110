"""Rule stage: evaluate each scope's rules over its frame and collect hits with reasons and traces."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from detector.batch import Batch, canonical_series
from detector.frame_order import first_per_key, sorted_by
from detector.metrics.windows import max_in_window
from detector.normalize import canonical
from detector.object_memo import derived
from detector.rules.compiled import CompiledRule
from detector.rules.conditions import MatchSpec, _plain
from detector.rules.evaluate import RuleResult, evaluate_rule
from detector.rules.frame import ScopeFrame, class_bits_of
from detector.rules.model import RuleSet
from detector.rules.template import placeholders, render
from detector.scoring.graded import graded_points, scale_sentence, scale_trace, scale_values
from detector.text_isin import text_isin

FILING_CONTEXT = ["filing_id", "applicant_id", "applicant_name", "mark_text", "filing_date", "nice_class"]
HIT_CONTEXT = [
    "term",
    "entry_term",
    "list_id",
    "method",
    "similarity",
    "matched",
    "event_date",
    "days_after_event",
    "rights_holders",
]
CATEGORY_GROUP = {"public_interest": "public_interest", "squatting": "squatting"}


@dataclass
class Contribution:
    """Points one rule gives one applicant, with the sentence and trace that explain them."""

    app: int
    rule_id: str
    points: float
    category: str
    scope: str
    reason: dict
    evidence: dict
    trace: dict
    count: int = 1
    via_cluster: str = ""


@dataclass
class RuleHits:
    filing_hits: pd.DataFrame
    flags: pd.DataFrame
    contributions: list[Contribution] = field(default_factory=list)
    cluster_hits: list[dict] = field(default_factory=list)
    agent_hits: list[dict] = field(default_factory=list)
    rule_counts: dict[str, int] = field(default_factory=dict)


def _reason(rule: CompiledRule, evidence: dict) -> dict:
    return {lang: render(rule.rule.explain[lang], evidence) for lang in ("zh", "en")}


def _points(rule: CompiledRule, result: RuleResult, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Points per fired row, and the value a graded rule's scale read there (NaN for plain points)."""
    scale = rule.rule.scale
    if scale is None or not len(rows):
        return np.full(len(rows), float(rule.rule.points)), np.full(len(rows), np.nan)
    values = scale_values(scale, result.frame, rows)
    return graded_points(scale, values), values


def _graded(rule: CompiledRule, reason: dict, trace: dict, value: float, points: float, lang: str) -> None:
    """A graded rule's reason ends with where the subject sits on the scale; its trace keeps the scale."""
    scale = rule.rule.scale
    if scale is None:
        return
    for key in ("zh", "en"):
        reason[key] += ("；" if key == "zh" else "; ") + scale_sentence(scale, value, points, key)
    trace["points"] = scale_trace(scale, value, points, lang)


def _evidence_text(ev: dict) -> str:
    keys = ["entry_term", "matched", "method", "similarity", "list_id", "days_after_event", "herd_applicants"]
    parts = [f"{k}={_short(ev[k])}" for k in keys if ev.get(k) not in (None, "")]
    return "; ".join(parts)


def _short(value: object) -> object:
    return int(value) if isinstance(value, float) and value.is_integer() else value


class ListMembership:
    """in_list exceptions: is an applicant (by canonical name or id) an entry of given lists?"""

    def __init__(self, ruleset: RuleSet, batch: Batch) -> None:
        self.ruleset = ruleset
        self.batch = batch
        self._cache: dict[tuple[str, ...], np.ndarray] = {}
        self._canon_ids: pd.Series | None = None

    def per_app(self, list_ids: list[str]) -> np.ndarray:
        key = tuple(sorted(list_ids))
        if key not in self._cache:
            wanted = derived(self.ruleset.lists, ("member_names", key), lambda: self._names(key))
            apps = self.batch.applicants
            if self._canon_ids is None:
                self._canon_ids = canonical_series(apps["applicant_id"].astype("str"))
            self._cache[key] = text_isin(apps["canon_name"], wanted) | text_isin(self._canon_ids, wanted)
        return self._cache[key]

    def _names(self, list_ids: tuple[str, ...]) -> pd.Series:
        """The canonical terms and aliases of the lists' entries, sorted (built once per loaded lists)."""
        names: set[str] = set()
        for lid in list_ids:
            ref = self.ruleset.lists.get(lid)
            for e in ref.entries if ref else []:
                if ref.category == "allowlist" and e.get("rights_holders"):
                    continue  # a declared affiliate of named owners: exempt for their signs only (rights_holders)
                names |= {canonical(str(t)) for t in [e["term"], *(e.get("aliases") or [])]}
        return pd.Series(sorted(names), dtype="str")

    def for_rows(self, app_codes: np.ndarray):
        return lambda ids: self.per_app(ids)[app_codes]


class RuleStage:
    """Evaluates the rule set scope by scope; later scopes see the hit counts of earlier ones."""

    def __init__(self, batch: Batch, ruleset: RuleSet, compiled: list[CompiledRule], match_stage, lang: str) -> None:
        self.batch, self.ruleset, self.compiled, self.match_stage, self.lang = (
            batch,
            ruleset,
            compiled,
            match_stage,
            lang,
        )
        self.members = ListMembership(ruleset, batch)
        self.filing_bits = class_bits_of(batch.filings["nice_class"])
        self.results: list[RuleResult] = []

    def _active(self, scope: str) -> list[CompiledRule]:
        return [c for c in self.compiled if c.rule.active and c.rule.scope == scope]

    # ---------------------------------------------------------------- filing scope
    def filing_frame(self, rule: CompiledRule, filing_metrics: pd.DataFrame) -> ScopeFrame:
        if rule.match_spec is None:
            app = filing_metrics["app"].to_numpy()
            return ScopeFrame(
                "filing", filing_metrics, class_bits=self.filing_bits, list_member_fn=self.members.for_rows(app)
            )
        hits = self.match_stage.hits(rule.match_spec)
        fi = hits["filing_idx"].to_numpy(dtype=np.int64)
        table = filing_metrics.iloc[fi].reset_index(drop=True)
        # The hit columns the filing metrics lack, after them in the hits' order, joined in one step (a column
        # inserted at a time costs a frame copy each). Text columns keep their array (no round trip through Python
        # objects); others go in as numpy arrays.
        present = set(table.columns)
        extra = {
            col: (values.array if values.dtype == "str" else values.to_numpy())
            for col, values in hits.items()
            if col not in present
        }
        event_date = np.empty(0, dtype=object)
        if len(hits):
            codes, days = pd.factorize(pd.to_datetime(hits["event_date"]))  # each distinct date formatted once
            texts = np.append(pd.DatetimeIndex(days).strftime("%Y-%m-%d").to_numpy(dtype=object), "")
            event_date = texts[np.where(codes >= 0, codes, len(days))]
        if "event_date" in extra:
            extra["event_date"] = event_date
        if extra:
            table = pd.concat([table, pd.DataFrame(extra, index=table.index)], axis=1)
        if "event_date" not in extra:
            table["event_date"] = event_date
        app = table["app"].to_numpy(dtype=np.int64) if len(table) else np.zeros(0, dtype=np.int64)
        return ScopeFrame(
            "filing", table, class_bits=self.filing_bits[fi], hits=hits, list_member_fn=self.members.for_rows(app)
        )

    def run_filing_rules(self, filing_metrics: pd.DataFrame) -> RuleHits:
        rows, flags, contributions, counts = [], [], [], {}
        frames: dict[MatchSpec | None, ScopeFrame] = {}  # one per match spec: the rules on it share its columns
        for rule in self._active("filing"):
            if rule.match_spec is not None and self.match_stage.hits(rule.match_spec).empty:
                counts[rule.rule.id] = 0  # no row to evaluate: a rule over match hits cannot fire without one
                continue
            if rule.match_spec not in frames:
                frames[rule.match_spec] = self.filing_frame(rule, filing_metrics)
            frame = frames[rule.match_spec]
            result = evaluate_rule(rule, frame)
            self.results.append(result)
            fired = result.fired_rows()
            if not len(fired):
                counts[rule.rule.id] = 0
                continue
            table = frame.table
            filing_idx, app_code = table["filing_idx"].to_numpy(), table["app"].to_numpy()
            owners = table["owner"].to_numpy() if "owner" in table.columns else None
            first = first_per_key(fired, filing_idx[fired])  # per filing its first fired row, by filing
            counts[rule.rule.id] = len(first)
            points, values = _points(rule, result, first)
            row_points = dict(zip(first.tolist(), zip(points.tolist(), values.tolist())))
            per_app: dict[int, list[int]] = {}
            # The context columns, and the filing metrics the rule's sentences name (wave_term of a herd rule).
            named = [p for lang in ("zh", "en") for p in placeholders(rule.rule.explain[lang])]
            context = list(dict.fromkeys(FILING_CONTEXT + HIT_CONTEXT + named))
            evidences = dict(zip(first.tolist(), result.evidence_many(first, context)))
            result.frame.forget_contexts()  # a filing rule's frame is its own: nothing to share
            for row in first:
                ev = dict(evidences[int(row)])
                ev["list"] = ev.get("list_id", "")
                rows.append(
                    {
                        "filing_id": ev["filing_id"],
                        "applicant_id": ev["applicant_id"],
                        "rule_id": rule.rule.id,
                        "points": row_points[int(row)][0],
                        "evidence": _evidence_text(ev) or render(rule.rule.explain[self.lang], ev),
                        "filing_idx": int(filing_idx[row]),
                    }
                )
                if rule.rule.category in CATEGORY_GROUP:
                    owner = str(owners[row]) if owners is not None else ""
                    flags.append(
                        {
                            "filing_idx": int(filing_idx[row]),
                            "group": CATEGORY_GROUP[rule.rule.category],
                            "owner": owner,
                            "rule_id": rule.rule.id,
                        }
                    )
                per_app.setdefault(int(app_code[row]), []).append(int(row))
            for app, app_rows in per_app.items():
                # The applicant's strongest filing (the first of equals): graded points may differ by filing.
                at = max(range(len(app_rows)), key=lambda i: (row_points[app_rows[i]][0], -i))
                best = app_rows[at]
                ev = dict(evidences[best])
                ev["list"] = ev.get("list_id", "")
                ev["count"] = len(app_rows)
                reason, trace = _reason(rule, ev), result.trace(best, self.lang)
                _graded(rule, reason, trace, row_points[best][1], row_points[best][0], self.lang)
                contributions.append(
                    Contribution(
                        app,
                        rule.rule.id,
                        row_points[best][0],
                        rule.rule.category,
                        "filing",
                        reason,
                        ev,
                        trace,
                        len(app_rows),
                    )
                )
        hits = pd.DataFrame(rows, columns=["filing_id", "applicant_id", "rule_id", "points", "evidence", "filing_idx"])
        hits = sorted_by(hits, hits["filing_idx"].to_numpy(), pd.factorize(hits["rule_id"], sort=True)[0])
        flag_df = pd.DataFrame(flags, columns=["filing_idx", "group", "owner", "rule_id"])
        return RuleHits(hits, flag_df, contributions, rule_counts=counts)

    # ---------------------------------------------------------------- applicant scope
    def applicant_frame(self, metrics: pd.DataFrame) -> ScopeFrame:
        f = self.batch.filings
        app, day, n = f["app"].to_numpy(), f["day"].to_numpy(), self.batch.n_apps
        return ScopeFrame(
            "applicant",
            metrics,
            window_fn=lambda span: max_in_window(app, day, span, n),
            list_member_fn=lambda ids: self.members.per_app(ids),
        )

    def run_applicant_rules(self, metrics: pd.DataFrame, hits: RuleHits) -> None:
        frame = self.applicant_frame(metrics)
        columns = metrics.columns.tolist()  # once: iterating a text Index goes through Arrow per element
        for rule in self._active("applicant"):
            result = evaluate_rule(rule, frame)
            self.results.append(result)
            fired = result.fired_rows()
            hits.rule_counts[rule.rule.id] = len(fired)
            points, values = _points(rule, result, fired)
            evidence = result.evidence_many(fired, columns)
            for row, ev, p, v in zip(fired.tolist(), evidence, points.tolist(), values.tolist()):
                reason, trace = _reason(rule, ev), result.trace(int(row), self.lang)
                _graded(rule, reason, trace, v, p, self.lang)
                hits.contributions.append(
                    Contribution(int(row), rule.rule.id, p, rule.rule.category, "applicant", reason, ev, trace)
                )
        frame.forget_contexts()

    # ---------------------------------------------------------------- cluster scope
    def run_cluster_rules(self, metrics: pd.DataFrame, cluster_code: np.ndarray, hits: RuleHits) -> None:
        if metrics.empty:
            for rule in self._active("cluster"):
                hits.rule_counts[rule.rule.id] = 0
            return
        f = self.batch.filings
        fcl = cluster_code[f["app"].to_numpy()]
        day, k = f["day"].to_numpy(), len(metrics)
        members_of: dict[int, np.ndarray] = {}
        codes = np.flatnonzero(cluster_code >= 0)
        for c, a in zip(cluster_code[codes], codes):
            members_of.setdefault(int(c), []).append(int(a))
        frame = ScopeFrame("cluster", metrics, window_fn=lambda span: max_in_window(fcl, day, span, k))
        columns = metrics.columns.tolist()
        for rule in self._active("cluster"):
            result = evaluate_rule(rule, frame)
            self.results.append(result)
            fired = result.fired_rows()
            hits.rule_counts[rule.rule.id] = len(fired)
            graded, values = _points(rule, result, fired)
            evidence = result.evidence_many(fired, columns)
            for row, ev, p, v in zip(fired.tolist(), evidence, graded.tolist(), values.tolist()):
                reason, trace = _reason(rule, ev), result.trace(int(row), self.lang)
                _graded(rule, reason, trace, v, p, self.lang)
                cid = str(metrics.at[row, "cluster_id"])
                hits.cluster_hits.append(
                    {
                        "cluster_id": cid,
                        "rule_id": rule.rule.id,
                        "points": p,
                        "reason": reason,
                        "evidence": ev,
                        "trace": trace,
                    }
                )
                points = p * self.ruleset.scoring.cluster_propagation
                for app in members_of.get(int(row), []):
                    hits.contributions.append(
                        Contribution(
                            app, rule.rule.id, points, rule.rule.category, "cluster", reason, ev, trace, via_cluster=cid
                        )
                    )
        frame.forget_contexts()

    # ---------------------------------------------------------------- agent scope
    def run_agent_rules(self, metrics: pd.DataFrame, hits: RuleHits) -> None:
        if metrics.empty:
            for rule in self._active("agent"):
                hits.rule_counts[rule.rule.id] = 0
            return
        f = self.batch.filings
        day, k = f["day"].to_numpy(), len(metrics)

        @cache
        def agent_rows() -> np.ndarray:
            """Each filing's agent row, made when a window rule first asks (0.15 s at 1,000,000 filings: the bundled
            agent rules have no window)."""
            return pd.Index(metrics["agent"]).get_indexer(f["agent"])

        frame = ScopeFrame("agent", metrics, window_fn=lambda span: max_in_window(agent_rows(), day, span, k))
        columns = metrics.columns.tolist()
        for rule in self._active("agent"):
            result = evaluate_rule(rule, frame)
            self.results.append(result)
            fired = result.fired_rows()
            hits.rule_counts[rule.rule.id] = len(fired)
            graded, values = _points(rule, result, fired)
            evidence = result.evidence_many(fired, columns)
            for row, ev, p, v in zip(fired.tolist(), evidence, graded.tolist(), values.tolist()):
                reason, trace = _reason(rule, ev), result.trace(int(row), self.lang)
                _graded(rule, reason, trace, v, p, self.lang)
                hits.agent_hits.append(
                    {
                        "agent": str(metrics.at[row, "agent"]),
                        "rule_id": rule.rule.id,
                        "points": p,
                        "reason": reason,
                        "evidence": {k: _plain(x) for k, x in ev.items()},
                        "trace": trace,
                    }
                )
        frame.forget_contexts()
