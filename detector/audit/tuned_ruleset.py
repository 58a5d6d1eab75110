"""Write the tuner's suggestion as a new rule-set folder (plus tune.patch and tune.json); never in place."""

from __future__ import annotations

import json
from pathlib import Path

from detector.audit.rule_edit import copy_ruleset, points_edits, threshold_edit
from detector.audit.staging import staged_folder
from detector.audit.tune import TuneReport
from detector.errors import TmscreenError
from detector.package_data import bundled_rules_dir
from detector.rules.load import load_ruleset
from detector.rules.model import RuleSet
from detector.text import Text

MARKER = "tune.json"


def _guard(out: Path, paths: list[Path]) -> None:
    """Refuse an output folder that is (or holds) one of the input rule folders."""
    target = Path(out).resolve()
    for p in paths:
        base = Path(p).resolve()
        base = base if base.is_dir() else base.parent
        if target == base or base.is_relative_to(target):
            raise TmscreenError(
                Text(
                    en=f"'{out}' holds the input rule files; the tuner never edits rule files in place",
                    zh=f"“{out}”中有输入的规则文件；调参从不直接修改规则文件",
                ),
                file=str(out),
                fix=Text(en="a new folder, e.g. rules-tuned/", zh="一个新的文件夹，如 rules-tuned/"),
            )


def write_tuned_ruleset(report: TuneReport, ruleset: RuleSet, paths: list[Path] | None, out: Path) -> dict:
    """Copy the rule set into `out` with the suggested points and threshold; returns the tune.json record."""
    paths = [Path(p) for p in paths] if paths else [bundled_rules_dir()]
    _guard(out, paths)
    edits = points_edits(ruleset, report.suggested_points())
    thr = threshold_edit(ruleset, report.suggested_threshold)
    edits += [thr] if thr else []
    with staged_folder(Path(out), MARKER) as staging:
        patch = copy_ruleset(ruleset, paths, edits, staging)
        (staging / "tune.patch").write_text(patch, encoding="utf-8")
        tuned, _, _ = load_ruleset([staging])  # the copy must pass `tmscreen rules check`
        got = {r.id: r.points for r in tuned.rules}
        want = report.suggested_points()
        if any(got[k] != want[k] for k in want) or tuned.scoring.threshold != report.suggested_threshold:
            raise TmscreenError(
                Text(
                    en="the tuned copy does not read back the suggested values",
                    zh="调参后的副本读回的数值与建议值不一致",
                ),
                file=str(out),
            )
        record = report.to_dict() | {
            "input": {"rules": [str(p) for p in paths], "sha256": ruleset.sha256},
            "output": {"sha256": tuned.sha256, "files_changed": sorted({Path(e.file).name for e in edits})},
        }
        (staging / MARKER).write_text(
            json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )
    return record
