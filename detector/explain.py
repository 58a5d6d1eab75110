"""Build and render the case for one applicant from a run folder (applicant_hits.jsonl, run.json, clusters)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from detector.errors import InputDataError
from detector.scoring import combine_points
from detector.text import Text


def load_case(run_dir: Path, applicant_id: str) -> dict | None:
    """The applicant's record with its cluster row and the scoring settings, or None if no rule reached it."""
    hits = run_dir / "applicant_hits.jsonl"
    run_json = run_dir / "run.json"
    if not hits.exists() or not run_json.exists():
        raise InputDataError(
            Text(
                en="not a tmscreen run folder (no run.json / applicant_hits.jsonl)",
                zh="不是 tmscreen 的运行结果文件夹（没有 run.json / applicant_hits.jsonl）",
            ),
            file=str(run_dir),
            fix=Text(
                en="the --out folder of a finished `tmscreen screen` run",
                zh="一次已完成的 `tmscreen screen` 运行的 --out 文件夹",
            ),
        )
    record = None
    with hits.open(encoding="utf-8") as fh:
        for line in fh:
            if f'"applicant_id": {json.dumps(applicant_id, ensure_ascii=False)}' in line:
                candidate = json.loads(line)
                if candidate["applicant_id"] == applicant_id:
                    record = candidate
                    break
    if record is None:
        return None
    run = json.loads(run_json.read_text(encoding="utf-8"))
    record["scoring"] = run["ruleset"]["scoring"]
    record["threshold"] = run["parameters"]["threshold"]
    record["ruleset_sha256"] = run["ruleset"]["sha256"]
    if record.get("cluster_id"):
        record["cluster"] = _cluster(run_dir, record["cluster_id"])
    return record


def _cluster(run_dir: Path, cluster_id: str) -> dict:
    out: dict = {"cluster_id": cluster_id, "links": "", "evidence": []}
    clusters = run_dir / "clusters.csv"
    if clusters.exists():
        with clusters.open(encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                if row["cluster_id"] == cluster_id:
                    out.update(row)
    evidence = run_dir / "cluster_evidence.csv"
    if evidence.exists():
        with evidence.open(encoding="utf-8-sig") as fh:
            out["evidence"] = [row for row in csv.DictReader(fh) if row["cluster_id"] == cluster_id][:50]
    return out


def _trace_lines(node: dict, depth: int) -> list[str]:
    mark = "✓" if node.get("result") else "✗"
    saw = f"  [saw: {node['saw']}]" if "saw" in node else ""
    lines = ["    " + "  " * depth + f"{mark} {node['if']}{saw}"]
    for child in node.get("children", []):
        lines += _trace_lines(child, depth + 1)
    return lines


def _num(value: float) -> str:
    return f"{value:g}"


def _scale_line(graded: dict, zh: bool) -> str:
    """A graded rule's formula with the value it read: 'points = min(45, 20 + 5 x max(0, 120 - 100) / 50) = 22'."""
    head = "    " + ("计分" if zh else "points") + f" [{graded['of']}]"
    if graded.get("saw") is None:
        return head + f" = {_num(graded['base'])}" + ("（数值未知，按基准分）" if zh else " (value unknown: the base)")
    formula = (
        f"min({_num(graded['max'])}, {_num(graded['base'])} + {_num(graded['add'])} × "
        f"max(0, {_num(graded['saw'])} − {_num(graded['line'])}) / {_num(graded['step'])})"
    )
    return head + f" = {formula} = {_num(graded['points'])}"


def render_case(case: dict, lang: str) -> str:
    zh = lang == "zh"
    points = [c["points"] for c in case["contributions"]]
    if zh:
        status = f"得分 {case['score']} {case['level'] or ''}，阈值 {case['threshold']}，" + (
            "已标记" if case["flagged"] else "未标记"
        )
    else:
        status = f"score {case['score']} {case['level'] or ''}, threshold {case['threshold']}, " + (
            "flagged" if case["flagged"] else "not flagged"
        )
    combination = " ⊕ ".join(f"{p:g}" for p in points) + f" = {combine_points(points, case['scoring']['combine'])}"
    lines = [
        f"{case['applicant_name']} ({case['applicant_id']})",
        status,
        ("计分" if zh else "combination") + f" ({case['scoring']['combine']}): {combination}",
        "",
    ]
    for c in case["contributions"]:
        via = f" via {c['via_cluster']}" if c.get("via_cluster") else ""
        lines.append(f"[{c['rule_id']}] +{c['points']:g} ({c['scope']}{via}, {c['count']}×)")
        lines.append(f"    {c['reason'][lang]}")
        lines += _trace_lines(c["trace"]["when"], 0)
        for exc in c["trace"].get("unless", []):
            lines.append(
                "    "
                + ("例外 " if zh else "unless ")
                + ("✓ " if exc["result"] else "✗ ")
                + f"{exc['if']}  [saw: {exc['saw']}]"
            )
        if c["trace"].get("points"):
            lines.append(_scale_line(c["trace"]["points"], zh))
    cluster = case.get("cluster")
    if cluster:
        lines += [
            "",
            ("关联集群" if zh else "cluster")
            + f" {cluster['cluster_id']}: "
            + f"{cluster.get('n_members', '?')} members, {cluster.get('n_filings', '?')} filings, "
            + f"links {cluster.get('links', '')}",
        ]
        for link in cluster["evidence"][:20]:
            lines.append(f"    {link['src']} — {link['dst']}: {link['link_type']} = {link['value']}")
    lines += [
        "",
        ("关键指标" if zh else "metrics")
        + ": "
        + ", ".join(f"{k}={v}" for k, v in sorted(case["metrics"].items()) if v not in (None, 0, 0.0, False, "")),
    ]
    return "\n".join(lines)
