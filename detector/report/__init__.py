"""Turn a ScreenResult into the run folder's files (CSV contracts, run.json, traces) and the summary."""

from detector.report.write import OUTPUT_FILES, write_outputs

__all__ = ["OUTPUT_FILES", "write_outputs"]
