"""Copy a rule set with new `points:` and `threshold:` values, editing the YAML text line-wise.

Positions come from detector.yaml_safe (the line and column of each key), so comments, quoting, key order
and layout survive byte for byte; only the number after the key changes.
"""

from __future__ import annotations

import difflib
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from detector.errors import RuleFileError, TmscreenError
from detector.rules.model import RuleSet
from detector.text import Text
from detector.yaml_safe import LocDict, load_yaml_file

NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_BREAK = re.compile("(\r\n|\r|\n|\x85|\u2028|\u2029)")  # the line breaks YAML counts lines by
BOM = "\ufeff"


@dataclass(frozen=True)
class Edit:
    """Replace the number after `key:` at `line`:`col` (1-based, as yaml_safe reports keys) of `file`."""

    file: Path
    line: int
    col: int
    key: str
    value: float


def format_number(value: float) -> str:
    """50.0 -> '50', 37.5 -> '37.5'."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def points_edits(ruleset: RuleSet, points: dict[str, float]) -> list[Edit]:
    """One edit per rule whose points change (a graded rule's `base`)."""
    edits = []
    for rule in ruleset.rules:
        if rule.id in points and float(points[rule.id]) != float(rule.points) and isinstance(rule.source, LocDict):
            node = rule.source["points"]
            if isinstance(node, LocDict):  # graded points: base and max move together, the scale stays
                shift = float(points[rule.id]) - float(rule.points)
                top = min(100.0, max(float(node["max"]) + shift, float(points[rule.id])))
                edits.append(Edit(Path(rule.file), *node.pos("base"), "base", float(points[rule.id])))
                edits.append(Edit(Path(rule.file), *node.pos("max"), "max", top))
                continue
            line, col = rule.source.pos("points")
            edits.append(Edit(Path(rule.file), line, col, "points", float(points[rule.id])))
    return edits


def threshold_edit(ruleset: RuleSet, threshold: float) -> Edit | None:
    """The edit of `scoring: threshold:` in the one file that has a scoring section, if the value changes."""
    if float(threshold) == float(ruleset.scoring.threshold):
        return None
    for f in ruleset.files:
        data = load_yaml_file(Path(f))
        if isinstance(data, LocDict) and isinstance(data.get("scoring"), LocDict):
            line, col = data["scoring"].pos("threshold")
            return Edit(Path(f), line, col, "threshold", float(threshold))
    raise RuleFileError(Text(en="no scoring section in any rule file", zh="所有规则文件中都没有 scoring 部分"))


def apply_edits(text: str, edits: list[Edit]) -> str:
    """Apply edits of one file to its text (without BOM); raises TmscreenError where a value is not a plain number."""
    parts = _BREAK.split(text)  # line, break, line, break, ..., line
    for e in sorted(edits, key=lambda e: (e.line, -e.col)):  # right to left: earlier columns stay valid
        i = 2 * (e.line - 1)
        if i >= len(parts):
            raise TmscreenError(
                Text(en=f"line {e.line} is past the end of the file", zh=f"第 {e.line} 行超出了文件末尾"),
                file=str(e.file),
                line=e.line,
            )
        pattern = re.compile(rf"([\"']?){re.escape(e.key)}\1[ \t]*:[ \t]*({NUMBER})(?=[\s,}}#]|$)")
        m = pattern.match(parts[i], e.col - 1)
        if m is None:
            raise TmscreenError(
                Text(en=f"cannot find a plain number after '{e.key}:'", zh=f"“{e.key}:”后面找不到一个普通的数字"),
                file=str(e.file),
                line=e.line,
                column=e.col,
                fix=Text(en=f"write `{e.key}: N` on one line", zh=f"在同一行写成 `{e.key}: N`"),
            )
        parts[i] = parts[i][: m.start(2)] + format_number(e.value) + parts[i][m.end(2) :]
    return "".join(parts)


def _read(path: Path) -> tuple[str, bool]:
    text = path.read_bytes().decode("utf-8")
    return (text[1:], True) if text.startswith(BOM) else (text, False)


def _support_dirs(paths: list[Path]) -> list[Path]:
    """The folders whose lists/ and reference/ the loader consults, in its order."""
    return [p if p.is_dir() else p.parent for p in map(Path, paths)]


def copy_ruleset(ruleset: RuleSet, paths: list[Path], edits: list[Edit], dest: Path) -> str:
    """Write every rule file of `ruleset` (edited) plus the lists/ and reference/ beside them into `dest`.

    Returns a unified diff (the patch) of the edited files, with a/ and b/ prefixes on the file names.
    """
    names = [Path(f).name for f in ruleset.files]
    if len(set(names)) != len(names):
        dup = sorted({n for n in names if names.count(n) > 1})
        raise TmscreenError(
            Text(
                en=f"rule files share a name ({', '.join(dup)}); they cannot be copied into one folder",
                zh=f"有规则文件同名（{', '.join(dup)}），无法复制到同一个文件夹",
            )
        )
    by_file: dict[Path, list[Edit]] = {}
    for e in edits:
        by_file.setdefault(Path(e.file).resolve(), []).append(e)
    patch: list[str] = []
    for f in map(Path, ruleset.files):
        text, bom = _read(f)
        new = apply_edits(text, by_file.get(f.resolve(), []))
        (dest / f.name).write_bytes(((BOM if bom else "") + new).encode("utf-8"))
        if new != text:
            patch += difflib.unified_diff(
                text.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{f.name}", f"b/{f.name}"
            )
    for sub in ("lists", "reference"):
        for base in _support_dirs(paths):
            folder = base / sub
            for item in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
                target = dest / sub / item.name
                if not target.exists():  # first folder wins, as in the loader
                    target.parent.mkdir(exist_ok=True)
                    shutil.copyfile(item, target)
    return "".join(patch)
