"""strongest_per_rule, the one selection scores, reasons and the audit's hit table use, held against the obvious
per-contribution loop."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st

from detector.scoring import combine_points
from detector.scoring.strongest import strongest_per_rule


@dataclass
class C:
    app: int
    rule_id: str
    points: float


def reference(contributions: list[C]) -> list[tuple[int, str, float, int]]:
    """Largest points per (app, rule), the first on a tie; by app, points descending, rule id."""
    best: dict[tuple[int, str], int] = {}
    for i, c in enumerate(contributions):
        key = (c.app, c.rule_id)
        if key not in best or c.points > contributions[best[key]].points:
            best[key] = i
    rows = [(app, rule, contributions[i].points, i) for (app, rule), i in best.items()]
    return sorted(rows, key=lambda r: (r[0], -r[2], r[1]))


contribution = st.builds(
    C,
    app=st.integers(0, 5),
    rule_id=st.sampled_from(["A-001", "A-002", "B-001", "HOARD-002", "SQUAT-010"]),
    points=st.sampled_from([0.0, 5.0, 12.5, 20.0, 40.0, 100.0]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(contribution, max_size=40))
def test_matches_the_per_contribution_loop(contributions):
    table = strongest_per_rule(contributions)
    got = list(zip(table["app"].tolist(), table["rule_id"].tolist(), table["points"].tolist(), table["index"].tolist()))
    assert got == reference(contributions)


def test_a_rule_counts_once_with_its_strongest_reach():
    """P1 reached by A-001 directly (20) and through its cluster (40), and by B-001 (12.5): noisy-or of 40 and 12.5
    is 100 * (1 - 0.875 * 0.6) = 47.5."""
    contributions = [C(1, "A-001", 20.0), C(1, "B-001", 12.5), C(1, "A-001", 40.0), C(0, "A-001", 5.0)]
    table = strongest_per_rule(contributions)
    assert table[["app", "rule_id", "points", "index"]].values.tolist() == [
        [0, "A-001", 5.0, 3],
        [1, "A-001", 40.0, 2],
        [1, "B-001", 12.5, 1],
    ]
    assert combine_points(table.loc[table["app"] == 1, "points"].tolist(), "noisy_or") == 47.5
