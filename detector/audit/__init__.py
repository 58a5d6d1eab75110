"""Auditor toolkit: measure rules against labels, diff two rule sets, and suggest points from outcomes."""

from detector.audit.diff import RulesDiff, diff_results, diff_rulesets
from detector.audit.evaluate import Evaluation, evaluate
from detector.audit.hit_matrix import HitMatrix, hit_matrix, hit_table, matrix_scores
from detector.audit.output import write_evaluation, write_tuning
from detector.audit.tune import TuneReport, tune
from detector.audit.tuned_ruleset import write_tuned_ruleset

__all__ = [
    "Evaluation",
    "HitMatrix",
    "RulesDiff",
    "TuneReport",
    "diff_results",
    "diff_rulesets",
    "evaluate",
    "hit_matrix",
    "hit_table",
    "matrix_scores",
    "tune",
    "write_evaluation",
    "write_tuned_ruleset",
    "write_tuning",
]
