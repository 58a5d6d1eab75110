"""The registry's one error type: a clear message with the fix, exit code 2, password never shown."""

from __future__ import annotations

from dataclasses import dataclass

from detector.errors import EXIT_BAD_INPUT, TmscreenError


@dataclass
class RegistryError(TmscreenError):
    """A registry that cannot be opened, read or written as asked (missing, unreachable, wrong schema, bad id)."""

    exit_code: int = EXIT_BAD_INPUT
