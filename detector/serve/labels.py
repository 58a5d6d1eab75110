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


def _shared(lang: str) -> dict:
    """The words the report already has, under the same names: categories (REPORT_MESSAGES cat_*) and link types
    (each link type's own label, graphs.links)."""
    from detector.i18n import REPORT_MESSAGES
    from graphs.links import link_labels

    return {
        "categories": {k[4:]: v[lang] for k, v in REPORT_MESSAGES.items() if k.startswith("cat_")},
        "link_types": {k[5:]: v for k, v in link_labels(lang).items()},
    }


@cache
def labels(lang: str) -> dict:
    """Every label in `lang` (nested groups such as statuses stay dicts), with the report's categories and link
    types."""
    lang = lang if lang in LANGS else DEFAULT_LANG
    return {k: _pick(v, lang) for k, v in _all().items()} | _shared(lang)


def pick_lang(value: str | None) -> str:
    """`value` when it names a language, else the default (zh)."""
    return value if value in LANGS else DEFAULT_LANG
