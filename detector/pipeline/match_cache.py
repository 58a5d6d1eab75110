"""Term tables and Matchers of a rule set's lists kept warm across runs (inline rule tests, the casebook, a server).

A run's matchers live in its PartitionContext's `shared` dict, keyed by list id. What depends only on the rule set
(every shipped or office list, the allowlist's affiliations, the lists' match results per text) may serve the next
run of the same rule set; what depends on the batch's own register (the pseudo-lists `register` and
`register_famous`) never does.
"""

from __future__ import annotations

from detector.match.text_cache import TextHitCache
from detector.rules.conditions import PSEUDO_LISTS

PER_LIST = ("terms", "matchers", "term_facts")


class MatchCache:
    """Warm list matchers of one rule set (by its sha256); a run of another rule set starts cold and resets it."""

    def __init__(self) -> None:
        self.ruleset_sha256 = ""
        self.entries: dict = {}

    def seed(self, ruleset_sha256: str) -> dict:
        """A `shared` dict for a new run: the warm entries of this rule set (none for another rule set)."""
        if ruleset_sha256 != self.ruleset_sha256:
            self.ruleset_sha256, self.entries = ruleset_sha256, {}
        shared = {key: dict(self.entries.get(key, {})) for key in PER_LIST}
        if "affiliations" in self.entries:
            shared["affiliations"] = self.entries["affiliations"]
        shared["text_hits"] = self.entries.setdefault("text_hits", TextHitCache())  # lists' hits per text, kept as is
        return shared

    def keep(self, shared: dict) -> None:
        """Keep what a run built that does not depend on its batch."""
        for key in PER_LIST:
            kept = self.entries.setdefault(key, {})
            kept.update({k: v for k, v in shared.get(key, {}).items() if k not in PSEUDO_LISTS})
        if "affiliations" in shared:
            self.entries["affiliations"] = shared["affiliations"]
