"""Stage timings and progress lines on stderr (silent with --quiet)."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager


class Progress:
    """Times each stage; prints '[tmscreen] stage ...' lines unless quiet."""

    def __init__(self, quiet: bool = True, stream=None) -> None:
        self.quiet = quiet
        self.stream = stream or sys.stderr
        self.timings: dict[str, float] = {}

    def say(self, text: str) -> None:
        if not self.quiet:
            print(f"[tmscreen] {text}", file=self.stream, flush=True)

    @contextmanager
    def stage(self, name: str, detail: str = ""):
        self.say(f"{name}{(' — ' + detail) if detail else ''} ...")
        start = time.perf_counter()
        yield
        took = time.perf_counter() - start
        self.timings[name] = round(took, 3)
        self.say(f"{name} done in {took:.2f}s")
