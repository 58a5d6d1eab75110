"""Helpers for tests of work done in forked children: which process ran a function, and two runs' files compared."""

from __future__ import annotations

import os
from pathlib import Path


def record_pids(monkeypatch, module, name: str, path: Path) -> None:
    """Wrap module.name so that every call, in whatever process, appends that process's id to `path`."""
    wrapped = getattr(module, name)

    def spy(*args, **kwargs):
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(f"{os.getpid()}\n")
        return wrapped(*args, **kwargs)

    monkeypatch.setattr(module, name, spy)


def first_pid(path: Path) -> int:
    """The process id of the first call recorded in `path` since the last read (the record is then cleared)."""
    pid = int(path.read_text(encoding="utf-8").split()[0])
    path.unlink()
    return pid


def assert_same_files(one: Path, two: Path) -> None:
    """Every output file of run `one` but run.json (timings, engine parameters) has the same bytes in run `two`."""
    for path in sorted(one.iterdir()):
        if path.name != "run.json":
            assert (two / path.name).read_bytes() == path.read_bytes(), path.name
