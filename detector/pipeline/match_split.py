"""The match stage on two cores when a batch is screened as one partition in this process.

A batch below MIN_PARALLEL_FILINGS (the demo, a day's filings) is one partition, screened in this process, while
the engine may have a spare core (`--jobs` 2 or more). Its matching is then done before its filing rules: the hit
tables of every spec the partition will ask for (MatchStage.planned_specs), list by list, by a forked child and this
process side by side (the executor's `beside`); this process first computes the partition's filing metrics while
the child starts. Each side takes the next list not yet taken (a counter in shared memory), the dearest lists
first, so neither waits while the other has lists left. Each table depends only on the batch, its list and its
spec, so the tables are those computed one by one; MatchStage.adopt puts them, and their stats, in the order the
rules would have asked for them.

A whole list goes to one side: the side that builds a list's matcher and key indexes is the side that uses them.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any, TypeVar

from detector.match.warm import warm
from detector.pipeline.match_stage import MatchStage
from detector.rules.compiled import CompiledRule
from detector.rules.conditions import PSEUDO_LISTS, MatchSpec

SPLIT_MATCH_FILINGS = 1_000  # below this, matching is cheap next to a fork and sending the tables back
TERMS_PER_METHOD = 1_000  # a list of this many terms costs about one more method (an estimate to order by)

T = TypeVar("T")
Beside = Callable[[Callable[[], Any], Callable[[], Any]], tuple[Any, Any]]


def _list_sizes(stage: MatchStage) -> dict[str, int]:
    register = stage.batch.register
    sizes = {k: len(v.entries) for k, v in stage.ruleset.lists.items()}
    sizes.update({k: 0 if register is None else len(register) for k in PSEUDO_LISTS})
    return sizes


def by_list(specs: list[MatchSpec], sizes: dict[str, int]) -> list[list[MatchSpec]]:
    """The specs grouped by list (in the specs' order within a list), the lists by estimated cost, dearest first
    (then by list id): a method per spec, and the list's length."""
    groups: dict[str, list[MatchSpec]] = {}
    for spec in specs:
        groups.setdefault(spec.list_id, []).append(spec)

    def cost(list_id: str) -> float:
        return sum(len(s.methods) for s in groups[list_id]) + sizes.get(list_id, 0) / TERMS_PER_METHOD

    return [groups[k] for k in sorted(groups, key=lambda k: (-cost(k), k))]


class Claims:
    """Hands out 0, 1, ..., n-1 once each, to whichever process asks first (a counter in shared memory: made
    before the fork, both sides count on it)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self._next = multiprocessing.Value("q", 0)

    def take(self) -> int | None:
        with self._next.get_lock():
            i = self._next.value
            self._next.value = i + 1
        return i if i < self.n else None


def match_side_by_side(
    stage: MatchStage, compiled: list[CompiledRule], beside: Beside | None, meanwhile: Callable[[], T]
) -> T:
    """`meanwhile()` (the partition's filing metrics), and the partition's hit tables computed on two cores when
    `beside` is given and the batch has SPLIT_MATCH_FILINGS filings or more: a child starts on the lists while this
    process runs `meanwhile`, then takes lists too. Otherwise only `meanwhile` runs here (the rules then ask for
    each spec's hits as they go). Returns what `meanwhile` returned."""
    if beside is None or len(stage.batch.filings) < SPLIT_MATCH_FILINGS:
        return meanwhile()
    specs = stage.planned_specs(compiled)
    groups = by_list(specs, _list_sizes(stage))
    if len(groups) < 2:
        return meanwhile()
    try:
        claims = Claims(len(groups))
    except OSError:  # no shared memory for the counter (a container without /dev/shm): match as the rules ask
        return meanwhile()
    # What both sides read, made once here before the fork: the batch's forms and arrays, the methods' word tables.
    warm(stage.prepare_texts(), [m for spec in specs for m in spec.methods])

    def side() -> list:
        done = []
        while (i := claims.take()) is not None:
            done += stage.computed(groups[i])
        return done

    theirs, (value, mine) = beside(side, lambda: (meanwhile(), side()))
    made = {spec: (hits, entry) for spec, hits, entry in [*theirs, *mine]}
    stage.adopt([(spec, *made[spec]) for spec in specs])
    return value
