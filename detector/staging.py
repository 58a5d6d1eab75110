"""Staging folders: every output is completed in a hidden sibling of its folder before it replaces anything."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from detector.errors import TmscreenError


def new_staging(out: Path, prefix: str) -> Path:
    """A fresh, empty `.<name><prefix><pid>` sibling of `out` (an absolute path); `out` must not be a file."""
    if out.exists() and not out.is_dir():
        raise TmscreenError(f"'{out}' exists and is not a folder", file=str(out), fix="an output folder path")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TmscreenError(f"cannot create the output folder: {exc.strerror}", file=str(out)) from None
    staging = out.parent / f".{out.name}{prefix}{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    return staging
