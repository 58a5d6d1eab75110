"""A JSON Schema validation error of a rule file in both languages: the library's English message, and a Chinese
one built from the validator kind (required, type, enum, ...) with the same path and values."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from detector.text import Text

if TYPE_CHECKING:
    import jsonschema

_TYPES_ZH = {
    "object": "映射（键: 值）",
    "array": "列表",
    "string": "字符串",
    "integer": "整数",
    "number": "数字",
    "boolean": "布尔值（true/false）",
    "null": "空值",
}


def _show(value: object, limit: int = 60) -> str:
    """A value as the English message shows it (Python repr), cut to `limit` characters."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _listing(values) -> str:
    return "、".join(_show(v) for v in values)


def _types(value: object) -> str:
    names = value if isinstance(value, list) else [value]
    return " 或 ".join(_TYPES_ZH.get(str(n), str(n)) for n in names)


def _required(err: jsonschema.ValidationError) -> str:
    m = re.match(r"^(.*) is a required property$", err.message)
    if m:
        return f"缺少必填项 {m.group(1)}"
    missing = [p for p in err.validator_value if isinstance(err.instance, dict) and p not in err.instance]
    return f"缺少必填项 {_listing(missing)}"


def _additional(err: jsonschema.ValidationError) -> str:
    allowed = set(err.schema.get("properties", {}))
    patterns = [re.compile(p) for p in err.schema.get("patternProperties", {})]
    extra = sorted(
        str(k) for k in (err.instance or {}) if k not in allowed and not any(p.search(str(k)) for p in patterns)
    )
    known = "、".join(sorted(allowed))
    return f"不允许的键 {_listing(extra)}" + (f"（可用的键：{known}）" if known else "")


_ZH = {
    "required": _required,
    "type": lambda e: f"{_show(e.instance)} 的类型不对，应为{_types(e.validator_value)}",
    "enum": lambda e: f"{_show(e.instance)} 不是允许的值，应为以下之一：{_listing(e.validator_value)}",
    "const": lambda e: f"{_show(e.instance)} 不是允许的值，应为 {_show(e.validator_value)}",
    "additionalProperties": _additional,
    "minimum": lambda e: f"{_show(e.instance)} 小于最小值 {e.validator_value}",
    "maximum": lambda e: f"{_show(e.instance)} 大于最大值 {e.validator_value}",
    "exclusiveMinimum": lambda e: f"{_show(e.instance)} 必须大于 {e.validator_value}",
    "exclusiveMaximum": lambda e: f"{_show(e.instance)} 必须小于 {e.validator_value}",
    "pattern": lambda e: f"{_show(e.instance)} 不符合格式 {_show(e.validator_value)}",
    "minLength": lambda e: f"{_show(e.instance)} 太短（至少 {e.validator_value} 个字符）",
    "maxLength": lambda e: f"{_show(e.instance)} 太长（最多 {e.validator_value} 个字符）",
    "minItems": lambda e: f"列表至少要有 {e.validator_value} 项",
    "maxItems": lambda e: f"列表最多只能有 {e.validator_value} 项",
    "uniqueItems": lambda e: "列表中有重复的项",
    "minProperties": lambda e: f"至少要有 {e.validator_value} 个键",
    "maxProperties": lambda e: f"最多只能有 {e.validator_value} 个键",
    "oneOf": lambda e: f"{_show(e.instance)} 不符合任何一种允许的写法",
    "anyOf": lambda e: f"{_show(e.instance)} 不符合任何一种允许的写法",
    "not": lambda e: f"{_show(e.instance)} 是不允许的写法",
}


def schema_error_text(err: jsonschema.ValidationError) -> Text:
    """`path: message` of one validation error, in English (the library's words) and Chinese."""
    where = "/".join(str(p) for p in err.absolute_path)
    zh = _ZH.get(err.validator)
    zh_message = zh(err) if zh else f"{_show(err.instance)} 不符合规则文件的格式要求（{err.validator} 检查）"
    return Text(en=f"{where or '(top level)'}: {err.message}", zh=f"{where or '（顶层）'}：{zh_message}")
