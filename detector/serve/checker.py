"""The intake check kept warm: rules loaded once, the lists' matchers kept across requests (MatchCache), and each
request screened through the same plan as `tmscreen screen`, with the registry's history when the pipeline reads it.

One request is a batch of 1..MAX_BATCH filings in the filings contract; the answer is one row per filing: its
applicant's score, level, rules and reasons, exactly what `tmscreen screen` gives that applicant on the same
filings and history."""

from __future__ import annotations

import threading
from dataclasses import dataclass, fields
from pathlib import Path

from detector.engines import make_executor
from detector.pipeline.match_cache import MatchCache
from detector.pipeline.plan import run_plan
from detector.pipeline.progress import Progress
from detector.pipeline.request import ScreenRequest
from detector.pipeline.result import ScreenResult
from detector.report.tables import _sentence, reasons_by_app
from detector.rules.load import load_ruleset

MAX_BATCH = 1000
SOURCE = "request"  # error messages name the filings as "request:filings", row n


@dataclass(frozen=True)
class Answer:
    """What the intake API says about one filing."""

    filing_id: str
    applicant_id: str
    applicant_name: str
    score: float
    level: str
    flagged: bool
    rule_ids: list[str]
    reasons: list[str]
    repeat_offender: bool

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


class WarmChecker:
    """Screens small batches with a rule set loaded once; one request at a time (the pipeline's caches are not
    shared between threads)."""

    def __init__(self, rules: list[Path] | None = None, registry: str | None = None, opened=None) -> None:
        self.rules = rules
        self.registry = registry  # the registry's path or URL: the plan's history stage reads it
        self.opened = opened  # the server's open Registry at that target, handed to every run (None: each opens it)
        self.ruleset, self.compiled, warnings = load_ruleset(rules)
        self.warnings = [w.render() for w in warnings]
        self.cache = MatchCache()
        self.lock = threading.Lock()

    @property
    def threshold(self) -> float:
        return self.ruleset.scoring.threshold

    def request(self, filings: list[dict], lang: str) -> ScreenRequest:
        """The ScreenRequest `tmscreen screen --registry` would make for these filings (no batch is recorded)."""
        request = ScreenRequest(records={"filings": filings, "source": SOURCE}, rules=self.rules, lang=lang)
        request.registry = self.registry
        request.record = False  # an intake check reads the history; it is not a screened batch
        return request

    def screen(self, filings: list[dict], lang: str = "zh") -> ScreenResult:
        """Run the screening plan on `filings` (InputDataError names the row and field of a bad value)."""
        result = ScreenResult(self.request(filings, lang), make_executor("pandas", jobs=1), Progress(quiet=True))
        result.ruleset, result.compiled = self.ruleset, self.compiled
        result.match_cache = self.cache
        result.registry = self.opened  # kept open after the run (ScreenResult.owns_registry stays False)
        with self.lock:
            return run_plan(result)

    def check(self, filings: list[dict], lang: str = "zh") -> list[Answer]:
        """One answer per filing, in request order."""
        result = self.screen(filings, lang)
        return answers(result, lang)

    def warm_up(self) -> None:
        """Build the lists' matchers and import the anomaly score's trees before the first request (a cold first
        check costs seconds; the first with 50 applicants or more, history included, would pay ~1.5 s for the
        trees' import)."""
        from detector.metrics import isolation_forest

        sample = {"filing_id": "warm-up", "mark_text": "warm", "nice_class": "9", "filing_date": "2024-01-01"}
        self.screen([{**sample, "applicant_name": "warm-up"}], "en")
        isolation_forest.warm_up()


def answers(result: ScreenResult, lang: str) -> list[Answer]:
    """Per filing of the request (history filings left out): its applicant's verdict."""
    scores = result.scores
    by_app = reasons_by_app(result, lang)
    code_of = {a: i for i, a in enumerate(scores["applicant_id"].tolist())}
    filings = result.inputs.filings
    applicant_of = dict(zip(filings["filing_id"].tolist(), filings["applicant_id"].tolist()))
    out = []
    for record in result.request.records["filings"]:
        filing_id = str(record["filing_id"]).strip()
        applicant_id = applicant_of[filing_id]
        code = code_of[applicant_id]
        row = scores.iloc[code]
        rule_ids = [r for r in str(row["rule_ids"]).split(";") if r]
        out.append(
            Answer(
                filing_id=filing_id,
                applicant_id=applicant_id,
                applicant_name=str(row["applicant_name"]),
                score=float(row["score"]),
                level=str(row["level"]),
                flagged=bool(row["flagged"]),
                rule_ids=rule_ids,
                reasons=[_sentence(c, lang) for c in by_app.get(code, [])],
                repeat_offender=bool(row["repeat_offender"]) if "repeat_offender" in scores.columns else False,
            )
        )
    return out
