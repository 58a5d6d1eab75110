"""Derived forms (detector/normalize/forms.py `form_lists`) of a reference list's terms, kept in the disk cache
(detector/disk_cache.py): deriving them for the bundled lists takes about 0.25 s a run, reading them back ~0.05 s.

An entry is keyed by the texts, the source and data files of detector/normalize (every step a form passes through)
and the installed files of pypinyin and OpenCC, so another normalization or another dictionary rebuilds it. Forms
of a batch's own texts are not cached: they differ from batch to batch."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

from detector.disk_cache import cached, package_stamp
from detector.normalize.forms import form_lists
from detector.normalize.pinyin import pypinyin_stamp

FORM_NAMES = (
    "raw", "spaced", "canon", "han", "latin", "core", "pinyin", "han_pinyin", "spelled", "initials", "latin_fold",
    "visual_fold",
)  # fmt: skip


@lru_cache(maxsize=1)
def normalization_stamp() -> str:
    """A digest of what decides a text's forms: detector/normalize's modules and data, pypinyin's and OpenCC's files."""
    digest = hashlib.sha256()
    folder = Path(__file__).parent
    for path in sorted([*folder.glob("*.py"), *(folder / "data").glob("*")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(pypinyin_stamp().encode() + b"\0" + package_stamp("opencc").encode())
    return digest.hexdigest()


def cached_form_lists(texts: Sequence[str]) -> dict[str, list[str]]:
    """form_lists(texts), from the disk cache when these texts were derived before by the same normalization."""
    texts = [str(t) for t in texts]
    parts = (json.dumps(texts, ensure_ascii=False), normalization_stamp())
    return cached("forms", parts, lambda: form_lists(texts), decode=_decoder(len(texts)))


def _decoder(n: int):
    def decode(value: object) -> dict[str, list[str]]:
        if not isinstance(value, dict) or tuple(value) != FORM_NAMES:
            raise ValueError("not a forms table")
        if not all(isinstance(v, list) and len(v) == n for v in value.values()):
            raise ValueError("not a forms table of these texts")
        return value

    return decode
