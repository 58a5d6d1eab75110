"""run.json: what an auditor needs to reproduce a run byte for byte."""

from __future__ import annotations

import hashlib
import platform
import sys

from detector.version import __version__


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _registry_part(result) -> dict:
    """With --registry: the batch id, whether this run recorded it, and what the history brought in (the registry's
    state at the run is part of what reproduces it: its batches are named by id)."""
    if result.n_batch_filings is None:
        return {}
    n = result.n_batch_filings
    earlier = result.filing_batch[n:]
    return {
        "registry": {
            "target": result.registry.target if result.registry is not None else "",
            "batch_id": result.batch_id,
            "recorded": result.recorded,
            "batch_filings": int(n),
            "history_filings": int(len(earlier)),
            "history_batches": sorted(set(earlier.tolist())),
            "repeat_offenders": int(result.scores["repeat_offender"].sum()),
            "kept_clear_as_cleared": int(result.scores["cleared"].sum()),
        }
    }


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
        **_registry_part(result),
        "skipped_rows": result.inputs.skipped_rows,
        "warnings": result.warnings,
        "outputs": outputs,
        "timings_s": result.timings,
    }
