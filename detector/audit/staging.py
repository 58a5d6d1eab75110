"""Write an output folder atomically: complete every file in a hidden sibling folder, then switch."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from detector.errors import TmscreenError
from detector.staging import new_staging
from detector.text import Text

PREFIX = ".tmscreen-audit-"


@contextmanager
def staged_files(out: Path) -> Iterator[Path]:
    """Yield a staging folder; on success its files replace those of the same name in `out` (others stay)."""
    out = Path(out).absolute()
    staging = new_staging(out, PREFIX)
    try:
        yield staging
        if not out.exists():
            os.rename(staging, out)  # a new folder appears complete, in one step
            return
        for f in sorted(staging.iterdir()):
            os.replace(f, out / f.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


@contextmanager
def staged_folder(out: Path, marker: str) -> Iterator[Path]:
    """Yield a staging folder that becomes `out` as a whole; an existing `out` must be empty or hold `marker`."""
    out = Path(out).absolute()
    if out.is_dir() and any(out.iterdir()) and not (out / marker).is_file():
        raise TmscreenError(
            Text(
                en=f"'{out}' exists and was not written by this command (no {marker})",
                zh=f"“{out}”已经存在，且不是本命令写出的（没有 {marker}）",
            ),
            file=str(out),
            fix=Text(
                en="a new output folder; rule files are never overwritten",
                zh="换一个新的输出文件夹；规则文件从不被覆盖",
            ),
        )
    staging = new_staging(out, PREFIX)
    old = out.parent / f".{out.name}{PREFIX}old-{os.getpid()}"
    try:
        yield staging
        moved = out.exists()
        if moved:
            shutil.rmtree(old, ignore_errors=True)
            os.rename(out, old)
        try:
            os.rename(staging, out)
        except OSError:
            if moved:
                os.rename(old, out)  # put the previous folder back
            raise
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
