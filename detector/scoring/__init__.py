"""Scoring: combine rule points into a 0-100 applicant score and a level (docs/scoring.md)."""

from detector.scoring.combine import combine_points, level_of, score_applicants

__all__ = ["combine_points", "level_of", "score_applicants"]
