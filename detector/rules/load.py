"""Find, parse, check and compile the rule files and lists of a run; hash everything used."""

from __future__ import annotations

import hashlib
from pathlib import Path

from detector.errors import RuleFileError, RuleFileErrors
from detector.lists import ReferenceList, load_list_file
from detector.package_data import bundled_rules_dir
from detector.rules.compiled import CompiledRule
from detector.rules.conditions import PSEUDO_LISTS, MatchCondition, parse_condition
from detector.rules.exceptions import parse_exceptions
from detector.rules.lint import lint_rules
from detector.rules.model import Rule, RuleSet, Scoring
from detector.rules.points import base_points, parse_scale
from detector.rules.schema_check import schema_errors
from detector.text import Text
from detector.yaml_safe import LocDict, load_yaml_file, load_yaml_file_bytes


def _rule_files(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Rule files and list folders for the given paths (files or folders)."""
    files: list[Path] = []
    list_dirs: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files += sorted(x for x in p.glob("*.yaml") if x.is_file())
            list_dirs.append(p / "lists")
        elif p.is_file():
            files.append(p)
            list_dirs.append(p.parent / "lists")
        else:
            raise RuleFileError(
                Text(en="no such rule file or folder", zh="没有这个规则文件或文件夹"),
                file=str(p),
            )
    list_dirs.append(bundled_rules_dir() / "lists")
    return files, list_dirs


def _available_lists(list_dirs: list[Path]) -> dict[str, Path]:
    found: dict[str, Path] = {}
    for d in list_dirs:
        if d.is_dir():
            for f in sorted(d.glob("*.yaml")):
                found.setdefault(f.stem, f)
    return found


def _hash(paths: list[Path]) -> str:
    h = hashlib.sha256()
    for p in sorted(paths, key=lambda x: (x.name, str(x))):
        h.update(p.name.encode())
        h.update(b"\0")
        h.update(hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


_SECOND_SECTION = {
    key: Text(en=f"a second {key} section (one per rule set)", zh=f"出现第二个 {key} 部分（每个规则集只能有一个）")
    for key in ("scoring", "graph")
}


def load_ruleset(paths: list[Path] | None = None) -> tuple[RuleSet, list[CompiledRule], list[RuleFileError]]:
    """Load rule files; return the rule set, compiled rules and warnings. Raises RuleFileErrors on errors."""
    paths = list(paths or [bundled_rules_dir()])
    files, list_dirs = _rule_files(paths)
    if not files:
        raise RuleFileError(
            Text(en="no rule files (*.yaml) found", zh="没有找到规则文件（*.yaml）"),
            file=", ".join(str(p) for p in paths),
        )
    errors: list[RuleFileError] = []
    docs: list[tuple[Path, LocDict]] = []
    for f in files:
        try:
            data, raw = load_yaml_file_bytes(f)
        except RuleFileError as exc:
            errors.append(exc)
            continue
        errs = schema_errors(data, f, raw)
        if errs:
            errors += errs
            continue
        docs.append((f, data))
    available = _available_lists(list_dirs)
    available.update({name: Path(f"<{name}>") for name in PSEUDO_LISTS})
    wanted: set[str] = set()
    for _, data in docs:
        wanted |= {str(x) for x in data.get("lists") or []}
        for rule in data.get("rules") or []:
            wanted |= _lists_named(rule)
    lists: dict[str, ReferenceList] = {}
    for list_id in sorted(wanted):
        if list_id in available and list_id not in PSEUDO_LISTS:
            try:
                lists[list_id] = load_list_file(available[list_id])
            except RuleFileError as exc:
                errors.append(exc)
    list_defaults = {k: (v.header.get("match") or {}) for k, v in lists.items()}
    scoring, graph = None, None
    rules: list[Rule] = []
    compiled: list[CompiledRule] = []
    for f, data in docs:
        if "scoring" in data:
            if scoring is not None:
                line, col = data.pos("scoring")
                errors.append(RuleFileError(_SECOND_SECTION["scoring"], str(f), line, col))
            scoring = _scoring(data["scoring"])
        if "graph" in data:
            if graph is not None:
                line, col = data.pos("graph")
                errors.append(RuleFileError(_SECOND_SECTION["graph"], str(f), line, col))
            graph = dict(data["graph"])
        for raw in data.get("rules") or []:
            rule = Rule(
                id=raw["id"],
                title=dict(raw["title"]),
                explain=dict(raw["explain"]),
                category=raw["category"],
                scope=raw["scope"],
                when=raw["when"],
                points=base_points(raw["points"]),
                level=raw["level"],
                legal_basis=list(raw["legal_basis"]),
                status=raw["status"],
                unless=list(raw.get("unless") or []),
                references=list(raw.get("references") or []),
                false_positives=list(raw.get("false_positives") or []),
                tests=dict(raw.get("tests") or {}),
                file=str(f),
                ruleset=str(data["ruleset"]),
                source=raw,
            )
            try:
                cond = parse_condition(raw["when"], rule.scope, set(available), list_defaults, raw, "when")
                exc = parse_exceptions(raw.get("unless") or [], rule.scope, set(available))
                rule.scale = parse_scale(raw, rule.scope)
            except RuleFileError as err:
                errors.append(err)
                continue
            rules.append(rule)
            compiled.append(CompiledRule(rule, cond, exc))
    declared = {str(x) for _, data in docs for x in data.get("lists") or []}
    for list_id in sorted(declared - set(available)):
        errors.append(_unknown_list_error(docs, list_id, sorted(available)))
    if scoring is None and not errors:
        errors.append(
            RuleFileError(
                Text(en="no scoring section in any rule file", zh="所有规则文件中都没有 scoring 部分"),
                file=", ".join(map(str, files)),
            )
        )
    lint_errors, warnings = lint_rules(compiled)
    errors += lint_errors
    if errors:
        raise RuleFileErrors(errors)
    reference, ref_files = _reference_tables(list_dirs)
    used = files + [lists[k].path for k in sorted(lists)] + ref_files
    ruleset = RuleSet(
        files=files,
        rules=rules,
        scoring=scoring or Scoring(),
        graph=graph or {},
        lists=lists,
        sha256=_hash(used),
        headers=[{k: data[k] for k in ("ruleset", "version") if k in data} | {"file": str(f)} for f, data in docs],
        data_files=used,
        reference=reference,
    )
    return ruleset, compiled, warnings


def _reference_tables(list_dirs: list[Path]) -> tuple[dict, list[Path]]:
    """Reference tables (reference/*.yaml beside the rule files, else the bundled ones): name -> data."""
    tables: dict[str, dict] = {}
    files: list[Path] = []
    for d in list_dirs:
        ref_dir = d.parent / "reference"
        for f in sorted(ref_dir.glob("*.yaml")) if ref_dir.is_dir() else []:
            if f.stem in tables:
                continue
            data = load_yaml_file(f)
            if not isinstance(data, dict) or not isinstance(data.get("keywords"), dict):
                raise RuleFileError(
                    Text(en="a reference table needs a 'keywords' mapping", zh="参考表需要一个 'keywords' 映射"),
                    file=str(f),
                    line=1,
                    column=1,
                )
            for word, classes in data["keywords"].items():
                if not isinstance(classes, list) or not all(isinstance(c, int) and 1 <= c <= 45 for c in classes):
                    line, col = data["keywords"].pos(word)
                    raise RuleFileError(
                        Text(
                            en=f"'{word}' must map to a list of classes 1-45",
                            zh=f"“{word}”必须对应一个类别（1-45）列表",
                        ),
                        file=str(f),
                        line=line,
                        column=col,
                    )
            tables[f.stem] = {str(k): [int(c) for c in v] for k, v in data["keywords"].items()}
            files.append(f)
    return tables, files


def _lists_named(node: object) -> set[str]:
    out: set[str] = set()
    if isinstance(node, dict):
        if "match" in node and isinstance(node["match"], dict) and "list" in node["match"]:
            out.add(str(node["match"]["list"]))
        if node.get("comparator") == "in_list":
            out |= {str(v) for v in node.get("values") or []}
        for v in node.values():
            out |= _lists_named(v)
    elif isinstance(node, list):
        for v in node:
            out |= _lists_named(v)
    return out


def _unknown_list_error(docs: list, list_id: str, available: list[str]) -> RuleFileError:
    from detector.rules.conditions.registry import unknown

    for f, data in docs:
        if list_id in {str(x) for x in data.get("lists") or []}:
            line, col = data["lists"].pos([str(x) for x in data["lists"]].index(list_id))
            return RuleFileError(unknown("list", "名单", list_id, available), str(f), line, col)
    raise AssertionError(f"list {list_id} is declared nowhere")


def _scoring(node: LocDict) -> Scoring:
    levels = node["levels"]
    return Scoring(
        combine=node["combine"],
        threshold=float(node["threshold"]),
        high=float(levels["high"]),
        medium=float(levels["medium"]),
        low=float(levels["low"]),
        cluster_propagation=float(node.get("cluster_propagation", 1.0)),
        filing_rule_repeat=float(node.get("filing_rule_repeat", 0.0)),
        filing_rule_repeat_cap=float(node.get("filing_rule_repeat_cap", 0.0)),
    )


__all__ = ["MatchCondition", "bundled_rules_dir", "load_ruleset"]
