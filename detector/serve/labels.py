"""The workspace's words (labels.yaml, zh and en) and the session's language."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"


@cache
def _all() -> dict:
    return yaml.safe_load(resources.files("detector.serve").joinpath("labels.yaml").read_text(encoding="utf-8"))


def _pick(node: dict, lang: str) -> object:
    if set(node) == set(LANGS):
        return node[lang]
    return {k: _pick(v, lang) for k, v in node.items()}


@cache
def labels(lang: str) -> dict:
    """Every label in `lang` (nested groups such as statuses stay dicts)."""
    return {k: _pick(v, lang if lang in LANGS else DEFAULT_LANG) for k, v in _all().items()}


def pick_lang(value: str | None) -> str:
    """`value` when it names a language, else the default (zh)."""
    return value if value in LANGS else DEFAULT_LANG
