"""Match stage: run the matching engine once per (list, methods, min_similarity) the rules ask for.

Marks are matched as distinct texts and the hits expanded to filings, with the facts exceptions need:
days after the entry's event, class overlap, whether the applicant is a rights holder or owner of the sign.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from detector.batch import Batch
from detector.lists import terms_table
from detector.match import Matcher, PreparedTexts
from detector.match.text_cache import TextHitCache
from detector.match.warm import warm_word_tables
from detector.pipeline.rights_holders import affiliations, rights_holder_mask
from detector.rules.compiled import CompiledRule
from detector.rules.conditions import PSEUDO_LISTS, MatchSpec
from detector.rules.frame import class_bits_of
from detector.rules.model import RuleSet
from detector.runs import run_positions

TERM_COLUMNS = [
    "term_id",
    "term",
    "entry_id",
    "entry_term",
    "list_id",
    "category",
    "kind",
    "rights_holders",
    "classes",
    "event_date",
    "owner_id",
]


@functools.cache
def _no_terms() -> pd.DataFrame:
    """The term table of an empty register, made once (a dozen empty columns cost ~1 ms, twice per batch)."""
    return pd.DataFrame(columns=TERM_COLUMNS)


def register_terms(batch: Batch, famous_only: bool) -> pd.DataFrame:
    """The prior register as match terms (entry = registration)."""
    reg = batch.register
    if reg is None or reg.empty:
        return _no_terms().copy()
    if famous_only:
        reg = reg[reg["famous"].eq(1)]
    reg = reg[reg["mark_text"].ne("")]
    return pd.DataFrame(
        {
            "term_id": "REG:" + reg["registration_no"],
            "term": reg["mark_text"],
            "entry_id": reg["registration_no"],
            "entry_term": reg["mark_text"],
            "list_id": "register_famous" if famous_only else "register",
            "category": "famous_mark",
            "kind": "registered_mark",
            "rights_holders": reg["owner_name"],
            "classes": reg["nice_class"],
            "event_date": pd.NaT,
            "owner_id": reg["owner_id"],
        }
    ).reset_index(drop=True)


LIST_FILING_CATEGORIES = ("place_name", "generic_term")
CACHED_TEXTS = 5_000  # batches of at most this many distinct marks use the warm per-text hits (TextHitCache)


WARM_TEXTS = ["预热测试商标", "warm up brand", "预热 warm 测试"]


def list_filing_specs(ruleset: RuleSet, category: str) -> list[MatchSpec]:
    """What MatchStage.list_filings asks for: an exact match against each loaded list of `category`."""
    return [MatchSpec(k, ("exact",), 100) for k, v in ruleset.lists.items() if v.category == category]


def build_matchers(batch: Batch, ruleset: RuleSet, compiled: list, shared: dict) -> None:
    """Term tables and Matchers of every list the active rules (and the list-filing metrics) match against, into
    `shared`, with the key indexes their methods use built too (by matching a few sample texts, then each index's
    lookup for many texts) and the word tables they read: what MatchStage(..., shared) would otherwise build on first
    use, in every process that uses it."""
    specs = {c.match_spec for c in compiled if c.rule.active and c.match_spec is not None}
    specs |= {spec for category in LIST_FILING_CATEGORIES for spec in list_filing_specs(ruleset, category)}
    stage = MatchStage(
        Batch(batch.filings.iloc[:0], batch.filing_classes.iloc[:0], batch.applicants, batch.register), ruleset, shared
    )
    sample = PreparedTexts(WARM_TEXTS)
    for spec in sorted(specs, key=repr):
        if not stage.terms(spec.list_id).empty:
            stage.matcher(spec.list_id).match(sample, list(spec.methods), spec.min_similarity)
            stage._term_facts(spec.list_id)
    for matcher in stage._matchers.values():
        matcher.terms.prepare_lookups()
    warm_word_tables(method for spec in specs for method in spec.methods)


HIT_COLUMNS = [
    "filing_idx",
    "text_idx",
    "method",
    "similarity",
    "matched",
    *TERM_COLUMNS,
    "days_after_event",
    "same_class",
    "is_rights_holder",
    "is_owner_of_matched",
    "owner",
]


@functools.cache
def _empty_hits() -> pd.DataFrame:
    """The hit table with no rows, built once (a frame of 24 typed columns costs milliseconds; a copy, microseconds)."""
    return pd.DataFrame({c: pd.Series(dtype="float64" if c == "days_after_event" else "object") for c in HIT_COLUMNS})


def stats_key(spec: MatchSpec) -> str:
    """The key of a spec's entry in the match stats (run.json): list, methods and threshold."""
    return f"{spec.list_id}:{'/'.join(spec.methods)}:{spec.min_similarity}"


class MatchStage:
    """Caches one Matcher per list and one hit table per MatchSpec."""

    def __init__(self, batch: Batch, ruleset: RuleSet, shared: dict | None = None) -> None:
        """`shared`: a dict that keeps term tables and Matchers across MatchStages of one rule set and register
        (a partition engine matches many partitions of one batch)."""
        self.batch = batch
        self.ruleset = ruleset
        self.texts, self.text_codes = self._distinct_texts()
        self._prepared: tuple[list[str], PreparedTexts] | None = None
        shared = {} if shared is None else shared
        self._terms: dict[str, pd.DataFrame] = shared.setdefault("terms", {})
        self._matchers: dict[str, Matcher] = shared.setdefault("matchers", {})
        self._term_facts_cache: dict[str, tuple[np.ndarray, np.ndarray]] = shared.setdefault("term_facts", {})
        if "affiliations" not in shared:  # affiliates the allowlist declares, with the owners they belong to
            shared["affiliations"] = affiliations(ruleset.lists.values())
        self._affiliations: pd.DataFrame = shared["affiliations"]
        self._text_hits: TextHitCache | None = shared.get("text_hits")  # kept across runs (MatchCache) or none
        self._hits: dict[MatchSpec, pd.DataFrame] = {}
        self._by_text: tuple[np.ndarray, np.ndarray] | None = None
        self._filing_bits = class_bits_of(batch.filings["nice_class"])
        self.stats: dict[str, dict] = {}

    def _distinct_texts(self) -> tuple[list[str], np.ndarray]:
        codes, uniques = pd.factorize(self.batch.filings["mark_text"])
        return [str(u) for u in uniques.tolist()], codes  # tolist: iterating pyarrow-backed values costs ~10x

    def terms(self, list_id: str) -> pd.DataFrame:
        if list_id not in self._terms:
            if list_id in PSEUDO_LISTS:
                t = register_terms(self.batch, famous_only=list_id == "register_famous")
            else:
                t = terms_table([self.ruleset.lists[list_id]])
                t["owner_id"] = ""
            self._terms[list_id] = t.reset_index(drop=True)
        return self._terms[list_id]

    def matcher(self, list_id: str) -> Matcher:
        if list_id not in self._matchers:
            terms = self.terms(list_id)
            self._matchers[list_id] = Matcher(
                terms[[c for c in ("term_id", "term", "distinctive") if c in terms.columns]],
                cache_forms=list_id not in PSEUDO_LISTS,  # a reference list's forms: from the disk cache
            )
        return self._matchers[list_id]

    def hits(self, spec: MatchSpec) -> pd.DataFrame:
        """Filing-level hits for `spec`: filing_idx, term columns, method, similarity, matched and derived facts."""
        if spec not in self._hits:
            self._hits[spec] = self._run(spec)
        return self._hits[spec]

    def _run(self, spec: MatchSpec) -> pd.DataFrame:
        hits, entry = self._compute(spec)
        if entry is not None:
            self.stats[stats_key(spec)] = entry
        return hits

    def _compute(self, spec: MatchSpec) -> tuple[pd.DataFrame, dict | None]:
        """The spec's hit table and its stats entry (None when nothing was matched: no terms or no texts)."""
        terms = self.terms(spec.list_id)
        if terms.empty or not self.texts:
            return self._empty(), None
        matcher = self.matcher(spec.list_id)
        methods = list(spec.methods)
        if self._text_hits is not None and spec.list_id not in PSEUDO_LISTS and len(self.texts) <= CACHED_TEXTS:
            key = (spec.list_id, spec.methods, spec.min_similarity)  # a warm server: each text matched once a list
            raw = self._text_hits.match(key, matcher, self.texts, methods, spec.min_similarity, self._prepare)
        else:
            raw = matcher.match(self._prepare(self.texts), methods, spec.min_similarity)
        entry = {"texts": len(self.texts), "terms": len(terms), "text_hits": len(raw)}
        if raw.empty:
            return self._empty(), entry
        # Text hits -> filing hits: each matched text's filings, in filing order.
        rows, fi = self._expand_to_filings(raw["text_idx"].to_numpy())
        term_row = raw["term_row"].to_numpy()[rows]
        if spec.same_class:  # hits that cannot fire are not expanded further
            keep = self._same_class(spec.list_id, term_row, fi)
            rows, fi, term_row = rows[keep], fi[keep], term_row[keep]
            if not len(rows):
                return self._empty(), entry
        hits = raw.drop(columns="term_row").take(rows).reset_index(drop=True)
        hits["filing_idx"] = fi
        hits = pd.concat([hits, terms.drop(columns="term_id").take(term_row).reset_index(drop=True)], axis=1)
        hits = self._derive(hits)
        # Order: filing, best similarity first, then term id (as text); a stable sort on integer keys.
        order = np.lexsort((self._term_rank(spec.list_id)[term_row], -hits["similarity"].to_numpy(dtype=np.int64), fi))
        return hits.take(order).reset_index(drop=True), entry

    def planned_specs(self, compiled: list[CompiledRule]) -> list[MatchSpec]:
        """The specs a partition asks hits for, in the order it first asks: its active filing rules' (rule order),
        then the exact specs of list_filings' lists."""
        specs = [c.match_spec for c in compiled if c.rule.active and c.rule.scope == "filing" and c.match_spec]
        for category in LIST_FILING_CATEGORIES:
            specs += list_filing_specs(self.ruleset, category)
        return list(dict.fromkeys(specs))

    def computed(self, specs: list[MatchSpec]) -> list[tuple[MatchSpec, pd.DataFrame, dict | None]]:
        """Each spec's hit table and stats entry (None: none), computed here one by one and kept out of this stage's
        own tables (adopt() takes them, wherever they were computed)."""
        return [(spec, *self._compute(spec)) for spec in specs]

    def adopt(self, computed: list[tuple[MatchSpec, pd.DataFrame, dict | None]]) -> None:
        """Take hit tables from computed(), in the order the specs would have been asked for: the tables and the
        stats are then those this stage would have made computing them as asked."""
        for spec, hits, entry in computed:
            self._hits[spec] = hits
            if entry is not None:
                self.stats[stats_key(spec)] = entry

    def prepare_texts(self) -> PreparedTexts:
        """The batch's text forms, derived now (before a fork: both processes then have them)."""
        return self._prepare(self.texts)

    def release_texts(self) -> None:
        """Let go of the texts' forms and what the methods derived from them and found (PreparedTexts) once every
        spec this stage will be asked for has its hits: a partition's matching is done (~60 MB a worker at
        1,000,000 filings). A spec asked for later prepares them again."""
        self._prepared = None

    def _prepare(self, texts: list[str]) -> PreparedTexts:
        """The forms of `texts`, derived once for every list that matches the same texts."""
        if self._prepared is None or self._prepared[0] != texts:
            self._prepared = (texts, PreparedTexts(texts))
        return self._prepared[1]

    def _expand_to_filings(self, text_idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row of text_idx, filing index) for every filing whose mark is that text; rows in order, filings
        ascending within a row."""
        if self._by_text is None:
            order = np.argsort(self.text_codes, kind="stable")
            self._by_text = (order, np.searchsorted(self.text_codes[order], np.arange(len(self.texts) + 1)))
        order, starts = self._by_text
        counts = starts[text_idx + 1] - starts[text_idx]
        rows = np.repeat(np.arange(len(text_idx)), counts)
        return rows, order[run_positions(starts[text_idx], counts)].astype(np.int64)

    def _term_facts(self, list_id: str) -> tuple[np.ndarray, np.ndarray]:
        """Per term row of a list: its class bits and the rank of its term id as text (sort key)."""
        if list_id not in self._term_facts_cache:
            terms = self.terms(list_id)
            ids = terms["term_id"].astype(str).to_numpy(dtype=object)
            rank = np.empty(len(ids), dtype=np.int64)
            rank[np.argsort(ids, kind="stable")] = np.arange(len(ids))
            self._term_facts_cache[list_id] = (class_bits_of(terms["classes"].fillna("").astype(str)), rank)
        return self._term_facts_cache[list_id]

    def _same_class(self, list_id: str, term_row: np.ndarray, fi: np.ndarray) -> np.ndarray:
        bits = self._term_facts(list_id)[0][term_row]
        return (bits == 0) | ((bits & self._filing_bits[fi]) != 0)

    def _term_rank(self, list_id: str) -> np.ndarray:
        return self._term_facts(list_id)[1]

    def _empty(self) -> pd.DataFrame:
        return _empty_hits().copy()

    def _derive(self, hits: pd.DataFrame) -> pd.DataFrame:
        f = self.batch.filings
        fi = hits["filing_idx"].to_numpy()
        event_day = (hits["event_date"].to_numpy().astype("datetime64[D]") - np.datetime64("1970-01-01", "D")).astype(
            "float64"
        )
        event_day[np.isnat(hits["event_date"].to_numpy())] = np.nan
        derived: dict[str, object] = {"days_after_event": f["day"].to_numpy()[fi] - event_day}
        entry_bits = class_bits_of(hits["classes"].fillna("").astype(str))
        derived["same_class"] = (entry_bits == 0) | ((entry_bits & self._filing_bits[fi]) != 0)
        # Rights holders and owners by identity (ids, names, declared affiliates, ties), never by trade name.
        holder = rights_holder_mask(hits, self.batch, self._affiliations)
        derived["is_rights_holder"] = holder
        derived["is_owner_of_matched"] = holder.copy()
        # First rights holder, split once per distinct holders cell.
        codes, cells = pd.factorize(hits["rights_holders"].fillna(""))
        firsts = np.array([str(c).split(";")[0] for c in cells], dtype=object)
        derived["owner"] = pd.Series(firsts[codes] if len(cells) else [], index=hits.index, dtype="str")
        # Joined in one step after the hit's columns (five inserts cost a frame copy each).
        return pd.concat([hits, pd.DataFrame(derived, index=hits.index)], axis=1)

    def list_filings(self, category: str) -> np.ndarray | None:
        """Per filing: the whole mark equals a term of a loaded list of `category` (generic terms: in its classes)."""
        specs = list_filing_specs(self.ruleset, category)
        if not specs:
            return None
        out = np.zeros(len(self.batch.filings), dtype=bool)
        for spec in specs:
            hits = self.hits(spec)
            if category == "generic_term":
                hits = hits[hits["same_class"].astype(bool)]
            out[hits["filing_idx"].to_numpy(dtype=np.int64)] = True
        return out
