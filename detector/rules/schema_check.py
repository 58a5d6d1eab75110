"""A rule file against the rule-set schema (detector/rules/schema.py), with each error's line and column.

A file found valid is remembered in the disk cache under its bytes, the schema, this module, the YAML reader and
jsonschema's validator files (their size and time), and not validated again: a run with known rule files does not
import jsonschema (~0.1 s). Errors are never cached: a broken file is checked, and reported, every time."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from detector import yaml_safe
from detector.disk_cache import cached, package_stamp, source_bytes
from detector.errors import RuleFileError
from detector.rules import schema
from detector.yaml_safe import LocDict, LocList


@lru_cache(maxsize=1)
def _validator():
    """The rule-file validator (jsonschema, ~0.1 s to import: only when a file is not known to be valid)."""
    import jsonschema

    # Editors get the full schema; validation checks structure with conditions parsed by hand (clearer errors).
    return jsonschema.Draft202012Validator({**schema.RULESET, "$defs": {"condition": {"type": "object"}}})


def _locate(data: object, path: list) -> tuple[int, int]:
    node, pos = data, (getattr(data, "line", 1), getattr(data, "col", 1))
    for key in path:
        if isinstance(node, (LocDict, LocList)):
            try:
                pos = node.pos(key)
                node = node[key]
            except (KeyError, IndexError, TypeError):
                break
        else:
            break
    return pos


def _validate(data: object, file: str) -> list[RuleFileError]:
    from detector.rules.schema_messages import schema_error_text

    errors = []
    for err in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        line, col = _locate(data, list(err.absolute_path))
        errors.append(RuleFileError(schema_error_text(err), file=file, line=line, column=col))
    return errors


class _Invalid(Exception):
    def __init__(self, errors: list[RuleFileError]) -> None:
        self.errors = errors


def schema_errors(data: object, path: Path, raw: bytes) -> list[RuleFileError]:
    """The schema errors of a rule file (`raw`: its bytes, `data`: their tree); none for a file known valid."""

    def check() -> bool:
        errors = _validate(data, str(path))
        if errors:
            raise _Invalid(errors)
        return True

    validator = package_stamp("jsonschema", ("validators.py", "_keywords.py", "_types.py"))
    parts = (raw, source_bytes(__file__, schema.__file__, yaml_safe.__file__), validator)
    try:
        cached("rule-schema", parts, check, decode=_true)
    except _Invalid as invalid:
        return invalid.errors
    return []


def _true(value: object) -> bool:
    if value is not True:
        raise ValueError("not a validity mark")
    return True
