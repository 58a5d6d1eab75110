"""Load YAML as plain data with a line and column for every key and item; never executes anything.

Only the YAML core tags are allowed (str, int, float, bool, null, map, seq, timestamp as ISO text);
size, nesting depth and alias use are bounded so that a "YAML bomb" is refused instead of expanded.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from detector.disk_cache import cached, source_bytes
from detector.errors import RuleFileError
from detector.limits import MAX_RULE_FILE_BYTES, MAX_YAML_ALIASES, MAX_YAML_DEPTH
from detector.os_text import os_reason
from detector.text import Text

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


# PyYAML's problems in Chinese (a pattern on its English text, libyaml's or the pure-Python parser's wording ->
# Chinese); a problem not listed keeps the parser's words.
_YAML_PROBLEMS_ZH = [
    (
        r"mapping values are not allowed (?:here|in this context)",
        "此处不能出现键值（常见原因：冒号后缺少空格，或缩进不对）",
    ),
    (r"block sequence entries are not allowed", "此处不能出现列表项 '-'（常见原因：缩进不对）"),
    (r"could not find expected ':'", "找不到应有的冒号 ':'"),
    (r"did not find expected key", "找不到应有的键（常见原因：缩进不对）"),
    (r"did not find expected node content", "找不到应有的内容"),
    (r"did not find expected '-' indicator", "找不到应有的列表符号 '-'（常见原因：缩进不对）"),
    (r"did not find expected ',' or '\]'", "列表 [...] 中缺少逗号或右方括号"),
    (r"did not find expected ',' or '}'", "映射 {...} 中缺少逗号或右花括号"),
    (r"did not find expected comment or line break", "此处应为注释或换行"),
    (r"found a tab character", "含有制表符（YAML 只能用空格缩进）"),
    (r"found character '\\t' that cannot start any token", "含有制表符（YAML 只能用空格缩进）"),
    (r"found character .*that cannot start any token", "此处的字符不能出现在这里（常见原因：制表符或特殊符号）"),
    (r"found unexpected end of stream", "文件意外结束（常见原因：引号没有闭合）"),
    (r"found undefined alias", "引用了未定义的别名"),
    (r"found duplicate anchor|second occurrence", "锚点（&名称）重复"),
    (r"expected <block end>, but found", "缩进不一致"),
    (r"found unknown escape character", "未知的转义字符"),
    (r"found unexpected ':'", "此处不能出现冒号 ':'"),
    (rf"more than {MAX_YAML_ALIASES} aliases", f"别名超过 {MAX_YAML_ALIASES} 个（为防止“YAML 炸弹”，别名展开有上限）"),
]


def _invalid_yaml(problem: str) -> Text:
    for pattern, zh in _YAML_PROBLEMS_ZH:
        if re.match(pattern, problem.strip()):
            return Text(en=f"invalid YAML: {problem}", zh=f"YAML 语法错误：{zh}")
    return Text(en=f"invalid YAML: {problem}", zh=f"YAML 语法错误（解析器原文：{problem}）")


def _err(file: str, node, message: Text, fix: Text | str = "") -> RuleFileError:
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
            raise _err(
                self.file,
                node,
                Text(
                    en=f"more than {MAX_NODES:,} YAML nodes after alias expansion",
                    zh=f"别名展开后 YAML 节点超过 {MAX_NODES:,} 个",
                ),
            )
        if depth > MAX_YAML_DEPTH:
            raise _err(
                self.file,
                node,
                Text(en=f"nesting deeper than {MAX_YAML_DEPTH} levels", zh=f"嵌套超过 {MAX_YAML_DEPTH} 层"),
            )
        if node.tag not in ALLOWED_TAGS:
            raise _err(
                self.file,
                node,
                Text(
                    en=f"YAML tag '{node.tag}' is not allowed in rule files",
                    zh=f"规则文件中不允许使用 YAML 标签“{node.tag}”",
                ),
                Text(
                    en="plain YAML data (strings, numbers, lists, mappings); rule files are data, never code",
                    zh="普通的 YAML 数据（字符串、数字、列表、映射）；规则文件只是数据，从不是代码",
                ),
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
                    raise _err(
                        self.file,
                        key_node,
                        Text(en="merge keys (<<) are not allowed in rule files", zh="规则文件中不允许使用合并键（<<）"),
                    )
                key = self.convert(key_node, depth + 1)
                if not isinstance(key, (str, int, float, bool)) and key is not None:
                    raise _err(
                        self.file,
                        key_node,
                        Text(en="mapping keys must be plain scalars", zh="映射的键必须是普通的值（字符串或数字）"),
                    )
                if key in out:
                    raise _err(self.file, key_node, Text(en=f"duplicate key '{key}'", zh=f"键“{key}”重复"))
                out[key] = self.convert(value_node, depth + 1)
                out.key_pos[key] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            return out
        raise _err(self.file, node, Text(en="unsupported YAML node", zh="不支持的 YAML 节点"))


def load_yaml_text(text: str, file: str):
    """Parse YAML text into LocDict/LocList/scalars; raises RuleFileError with file:line:col."""
    if len(text.encode("utf-8")) > MAX_RULE_FILE_BYTES:
        raise RuleFileError(
            Text(en=f"file larger than {MAX_RULE_FILE_BYTES:,} bytes", zh=f"文件超过 {MAX_RULE_FILE_BYTES:,} 字节"),
            file=file,
            line=1,
            column=1,
            fix=Text(en="split the file", zh="拆成几个文件"),
        )
    try:
        _check_aliases(text)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise RuleFileError(_invalid_yaml(str(exc.problem or exc)), file=file, line=line, column=col) from None
    except yaml.YAMLError as exc:
        raise RuleFileError(_invalid_yaml(str(exc)), file=file, line=1, column=1) from None
    if node is None:
        raise RuleFileError(Text(en="the file is empty", zh="文件是空的"), file=file, line=1, column=1)
    return _Converter(file).convert(node)


def encode_tree(value):
    """LocDict/LocList trees as nested tuples of plain data (the disk cache's form); scalars as they are."""
    if isinstance(value, LocDict):
        keys = tuple(value)
        return (
            "d",
            value.line,
            value.col,
            keys,
            tuple(value.key_pos[k] for k in keys),
            tuple(map(encode_tree, value.values())),
        )
    if isinstance(value, LocList):
        return ("l", value.line, value.col, tuple(value.item_pos), tuple(map(encode_tree, value)))
    return value


_SCALARS = (str, int, float, bool, type(None))


def tree_decoder(file: str):
    def decode(value):
        if isinstance(value, _SCALARS):
            return value
        kind, line, col, *rest = value
        if kind == "d":
            keys, positions, values = rest
            out = LocDict(zip(keys, map(decode, values), strict=True))
            out.key_pos = dict(zip(keys, positions, strict=True))
        elif kind == "l":
            positions, items = rest
            out = LocList(map(decode, items))
            out.item_pos = list(positions)
        else:
            raise ValueError(f"not a cached YAML node: {kind!r}")
        out.file, out.line, out.col = file, line, col
        return out

    return decode


def read_rule_file(path: Path) -> tuple[bytes, str]:
    """The bytes and text of a rule or list file: size-bounded before reading it whole, UTF-8 (a BOM allowed)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        reason = os_reason(exc)
        raise RuleFileError(Text(en=f"cannot read: {reason.en}", zh=f"无法读取：{reason.zh}"), file=str(path)) from None
    if size > MAX_RULE_FILE_BYTES:
        raise RuleFileError(
            Text(
                en=f"file of {size:,} bytes is larger than the limit of {MAX_RULE_FILE_BYTES:,}",
                zh=f"文件有 {size:,} 字节，超过上限 {MAX_RULE_FILE_BYTES:,}",
            ),
            file=str(path),
            line=1,
        )
    try:
        raw = path.read_bytes()
        return raw, raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RuleFileError(
            Text(en=f"not UTF-8 (byte {exc.start})", zh=f"不是 UTF-8 编码（第 {exc.start} 个字节）"),
            file=str(path),
            line=1,
        ) from None


def load_yaml_file(path: Path):
    """Read (read_rule_file) and parse a YAML file with locations.

    The parsed tree is kept in the disk cache under the file's bytes (parsing the bundled lists takes seconds); a
    file that fails to parse is never cached, so its error is raised every time."""
    return load_yaml_file_bytes(path)[0]


def load_yaml_file_bytes(path: Path) -> tuple[object, bytes]:
    """load_yaml_file's tree and the bytes it was parsed from."""
    raw, text = read_rule_file(path)
    file = str(path)
    parts = (raw, source_bytes(__file__))  # not the path: the tree gets it on reading, so copies share an entry
    return cached("yaml", parts, lambda: load_yaml_text(text, file), encode_tree, tree_decoder(file)), raw
