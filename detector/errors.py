"""Errors are values with a location and a fix; the CLI prints them and maps them to exit codes."""

from __future__ import annotations

from dataclasses import dataclass

from detector.text import Text

EXIT_OK = 0
EXIT_OTHER = 1
EXIT_BAD_INPUT = 2
EXIT_BAD_RULES = 3


@dataclass
class TmscreenError(Exception):
    """Base class: a user-facing problem with a location and a suggested fix."""

    message: str | Text
    file: str = ""
    line: int | str | None = None
    column: str | int | None = None
    fix: str = ""
    exit_code: int = EXIT_OTHER

    def __post_init__(self) -> None:
        super().__init__(self.render())

    def location(self) -> str:
        parts = [self.file] if self.file else []
        if self.line is not None:
            parts.append(str(self.line))
        if self.column not in (None, ""):
            parts.append(str(self.column))
        return ":".join(parts)

    def render(self) -> str:
        loc = self.location()
        text = f"{loc}: {self.message}" if loc else str(self.message)
        if self.fix:
            text += f" (fix: {self.fix})"
        return text


@dataclass
class InputDataError(TmscreenError):
    """Bad input data (exit 2): names the file, the row (1-based data row), the column and what was expected."""

    exit_code: int = EXIT_BAD_INPUT

    def render(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(self.line if isinstance(self.line, str) else f"row {self.line}")
        if self.column not in (None, ""):
            parts.append(f"column '{self.column}'")
        text = ", ".join(parts) + f": {self.message}"
        if self.fix:
            text += f" (expected: {self.fix})"
        return text


@dataclass
class RuleFileError(TmscreenError):
    """Bad rule or list file (exit 3): rendered as file:line:col: message."""

    exit_code: int = EXIT_BAD_RULES


class RuleFileErrors(TmscreenError):
    """Several rule-file problems found in one check, reported together (exit 3)."""

    def __init__(self, errors: list[RuleFileError]) -> None:
        self.errors = errors
        super().__init__(message="\n".join(e.render() for e in errors), exit_code=EXIT_BAD_RULES)

    def render(self) -> str:
        return "\n".join(e.render() for e in self.errors)
