"""Errors are values with a location and a fix; the CLI prints them in the user's language and maps them to exit
codes."""

from __future__ import annotations

from dataclasses import dataclass

from detector.text import Text, in_lang

EXIT_OK = 0
EXIT_OTHER = 1
EXIT_BAD_INPUT = 2
EXIT_BAD_RULES = 3


def _line_words(line: int | str | Text, lang: str, word: str = "line") -> str:
    """A line (or row) number in words ("line 3" / "第 3 行"); a label (str or Text) as it is."""
    if isinstance(line, int):
        return f"第 {line} 行" if lang == "zh" else f"{word} {line}"
    return in_lang(line, lang)


@dataclass
class TmscreenError(Exception):
    """Base class: a user-facing problem with a location and a suggested fix.

    `message` and `fix` are a Text (both languages) or a plain str (a value that needs no translation);
    `render(lang)` gives the whole message in one language: en `file:line:col: message (fix: ...)`, zh
    `file:line:col（第 3 行，第 5 列）：message（修改建议：...）`."""

    message: str | Text
    file: str = ""
    line: int | str | Text | None = None
    column: str | int | None = None
    fix: str | Text = ""
    exit_code: int = EXIT_OTHER

    def __post_init__(self) -> None:
        super().__init__(self.render())

    def location(self, lang: str = "en") -> str:
        if lang == "zh":
            words = [_line_words(self.line, "zh")] if self.line is not None else []
            if self.column not in (None, ""):
                words.append(f"第 {self.column} 列" if isinstance(self.column, int) else f"“{self.column}”列")
            numbers = [n for n in (self.line, self.column) if n not in (None, "")]
            if self.file and numbers and all(isinstance(n, int) for n in numbers):
                # file:line:col stays (editors jump to it), the words follow: a.yaml:3:5（第 3 行，第 5 列）
                return ":".join([self.file, *map(str, numbers)]) + "（" + "，".join(words) + "）"
            return "，".join(([self.file] if self.file else []) + words)
        parts = [self.file] if self.file else []
        if self.line is not None:
            parts.append(in_lang(self.line, "en") if isinstance(self.line, Text) else str(self.line))
        if self.column not in (None, ""):
            parts.append(str(self.column))
        return ":".join(parts)

    def render(self, lang: str = "en") -> str:
        loc = self.location(lang)
        message = in_lang(self.message, lang)
        if lang == "zh":
            text = f"{loc}：{message}" if loc else message
            return text + (f"（修改建议：{in_lang(self.fix, lang)}）" if self.fix else "")
        text = f"{loc}: {message}" if loc else message
        return text + (f" (fix: {in_lang(self.fix, lang)})" if self.fix else "")


@dataclass
class InputDataError(TmscreenError):
    """Bad input data (exit 2): names the file, the row (1-based data row), the column and what was expected."""

    exit_code: int = EXIT_BAD_INPUT

    def render(self, lang: str = "en") -> str:
        zh = lang == "zh"
        parts = [self.file or ("<输入>" if zh else "<input>")]
        if self.line is not None:
            parts.append(_line_words(self.line, lang, word="row"))
        if self.column not in (None, ""):
            parts.append(f"“{self.column}”列" if zh else f"column '{self.column}'")
        message = in_lang(self.message, lang)
        if zh:
            text = "，".join(parts) + f"：{message}"
            return text + (f"（应为：{in_lang(self.fix, lang)}）" if self.fix else "")
        text = ", ".join(parts) + f": {message}"
        return text + (f" (expected: {in_lang(self.fix, lang)})" if self.fix else "")


@dataclass
class RuleFileError(TmscreenError):
    """Bad rule or list file (exit 3): rendered as file:line:col: message."""

    exit_code: int = EXIT_BAD_RULES


class RuleFileErrors(TmscreenError):
    """Several rule-file problems found in one check, reported together (exit 3)."""

    def __init__(self, errors: list[RuleFileError]) -> None:
        self.errors = errors
        super().__init__(message="\n".join(e.render() for e in errors), exit_code=EXIT_BAD_RULES)

    def render(self, lang: str = "en") -> str:
        return "\n".join(e.render(lang) for e in self.errors)
