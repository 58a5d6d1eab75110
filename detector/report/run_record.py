"""run.json: what an auditor needs to reproduce a run byte for byte."""

from __future__ import annotations

import hashlib
import platform
import sys

from detector.version import __version__


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_record(result, parameters: dict, outputs: dict[str, str]) -> dict:
    """The run record; everything but `timings_s` is deterministic for the same inputs, rules and parameters."""
    rs = result.ruleset
    flagged = result.flagged()
    return {
        "tool": "tmscreen",
        "version": __version__,
        "python": sys.version.split()[0],
        "platform": platform.system().lower(),
        "ruleset": {
            "sha256": rs.sha256,
            "files": [{"path": str(p), "sha256": _sha(p)} for p in rs.data_files],
            "headers": rs.headers,
            "n_rules_active": len(rs.active_rules()),
            "scoring": vars(rs.scoring),
        },
        "inputs": result.inputs.files,
        "parameters": parameters,
        "counts": {
            "filings": len(result.batch.filings),
            "applicants": int(result.batch.n_apps),
            "register_marks": len(result.batch.register) if result.batch.register is not None else 0,
            "skipped_rows": len(result.inputs.skipped_rows),
            "filing_hits": len(result.hits.filing_hits),
            "flagged_applicants": len(flagged),
            "flagged_by_level": {lvl: int((flagged["level"] == lvl).sum()) for lvl in ("high", "medium", "low")},
            "clusters": len(result.graph.cluster_ids),
            "hub_values_cut": int(result.graph.hubs["action"].eq("cut").sum()) if len(result.graph.hubs) else 0,
            "hub_values_damped": int(result.graph.hubs["action"].eq("damped").sum()) if len(result.graph.hubs) else 0,
            "cluster_components_split": int(result.graph.split_components),
            "bridge_links": len(result.graph.bridges),
            "rule_hits": dict(sorted(result.hits.rule_counts.items())),
        },
        "skipped_rows": result.inputs.skipped_rows,
        "warnings": result.warnings,
        "outputs": outputs,
        "timings_s": result.timings,
    }
