"""Load YAML as plain data with a line and column for every key and item; never executes anything.

Only the YAML core tags are allowed (str, int, float, bool, null, map, seq, timestamp as ISO text);
size, nesting depth and alias use are bounded so that a "YAML bomb" is refused instead of expanded.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from detector.errors import RuleFileError
from detector.limits import MAX_RULE_FILE_BYTES, MAX_YAML_ALIASES, MAX_YAML_DEPTH

ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
MAX_NODES = 2_000_000


class LocDict(dict):
    """A dict that remembers where it and each of its keys stand in the source file."""

    file: str = ""
    line: int = 0
    col: int = 0
    key_pos: dict

    def pos(self, key: object) -> tuple[int, int]:
        return self.key_pos.get(key, (self.line, self.col))


class LocList(list):
    """A list that remembers where it and each of its items stand in the source file."""

    file: str = ""
    line: int = 0
    col: int = 0
    item_pos: list

    def pos(self, index: int) -> tuple[int, int]:
        return self.item_pos[index] if 0 <= index < len(self.item_pos) else (self.line, self.col)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~20x faster


def _check_aliases(text: str) -> None:
    """Refuse alias-heavy documents before composing them (a "billion laughs" stops here)."""
    count = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent):
            count += 1
            if count > MAX_YAML_ALIASES:
                raise yaml.MarkedYAMLError(
                    problem=f"more than {MAX_YAML_ALIASES} aliases (alias expansion is bounded to refuse YAML bombs)",
                    problem_mark=event.start_mark,
                )


def _err(file: str, node, message: str, fix: str = "") -> RuleFileError:
    mark = node.start_mark
    return RuleFileError(message, file=file, line=mark.line + 1, column=mark.column + 1, fix=fix)


class _Converter:
    def __init__(self, file: str) -> None:
        self.file = file
        self.nodes = 0
        self.constructor = yaml.SafeLoader("")  # scalar resolution only; nodes come from the composer

    def convert(self, node, depth: int = 0):
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise _err(self.file, node, f"more than {MAX_NODES:,} YAML nodes after alias expansion")
        if depth > MAX_YAML_DEPTH:
            raise _err(self.file, node, f"nesting deeper than {MAX_YAML_DEPTH} levels")
        if node.tag not in ALLOWED_TAGS:
            raise _err(
                self.file,
                node,
                f"YAML tag '{node.tag}' is not allowed in rule files",
                "plain YAML data (strings, numbers, lists, mappings); rule files are data, never code",
            )
        if isinstance(node, ScalarNode):
            value = self.constructor.construct_object(node)
            if isinstance(value, (dt.date, dt.datetime)):
                return value.isoformat()
            return value
        if isinstance(node, SequenceNode):
            out = LocList(self.convert(item, depth + 1) for item in node.value)
            out.file, out.line, out.col = self.file, node.start_mark.line + 1, node.start_mark.column + 1
            out.item_pos = [(i.start_mark.line + 1, i.start_mark.column + 1) for i in node.value]
            return out
        if isinstance(node, MappingNode):
            out = LocDict()
            out.file, out.line, out.col = self.file, node.start_mark.line + 1, node.start_mark.column + 1
            out.key_pos = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise _err(self.file, key_node, "merge keys (<<) are not allowed in rule files")
                key = self.convert(key_node, depth + 1)
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    raise _err(self.file, key_node, "mapping keys must be plain scalars")
                if key in out:
                    raise _err(self.file, key_node, f"duplicate key '{key}'")
                out[key] = self.convert(value_node, depth + 1)
                out.key_pos[key] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            return out
        raise _err(self.file, node, "unsupported YAML node")


def load_yaml_text(text: str, file: str):
    """Parse YAML text into LocDict/LocList/scalars; raises RuleFileError with file:line:col."""
    if len(text.encode("utf-8")) > MAX_RULE_FILE_BYTES:
        raise RuleFileError(
            f"file larger than {MAX_RULE_FILE_BYTES:,} bytes", file=file, line=1, column=1, fix="split the file"
        )
    try:
        _check_aliases(text)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise RuleFileError(f"invalid YAML: {exc.problem or exc}", file=file, line=line, column=col) from None
    except yaml.YAMLError as exc:
        raise RuleFileError(f"invalid YAML: {exc}", file=file, line=1, column=1) from None
    if node is None:
        raise RuleFileError("the file is empty", file=file, line=1, column=1)
    return _Converter(file).convert(node)


def load_yaml_file(path: Path):
    """Read and parse a YAML file (UTF-8) with locations; size-bounded before reading it whole."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise RuleFileError(f"cannot read: {exc.strerror}", file=str(path)) from None
    if size > MAX_RULE_FILE_BYTES:
        raise RuleFileError(
            f"file of {size:,} bytes is larger than the limit of {MAX_RULE_FILE_BYTES:,}", file=str(path), line=1
        )
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleFileError(f"not UTF-8 (byte {exc.start})", file=str(path), line=1) from None
    return load_yaml_text(text, str(path))
