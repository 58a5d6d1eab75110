"""A user-facing sentence in Chinese and English: errors and explanations carry both and render one."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Text:
    """The same sentence in both languages; `get(lang)` picks one ('zh' or 'en', anything else: en)."""

    en: str
    zh: str

    def get(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def __str__(self) -> str:
        return self.en


def in_lang(text: str | Text, lang: str) -> str:
    """`text` in `lang`: a plain str is returned as it is."""
    return text.get(lang) if isinstance(text, Text) else text
