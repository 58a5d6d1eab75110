"""Staging folders: every output is completed in a hidden sibling of its folder before it replaces anything."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from detector.errors import TmscreenError
from detector.os_text import os_reason
from detector.text import Text


def new_staging(out: Path, prefix: str) -> Path:
    """A fresh, empty `.<name><prefix><pid>` sibling of `out` (an absolute path); `out` must not be a file."""
    if out.exists() and not out.is_dir():
        raise TmscreenError(
            Text(en=f"'{out}' exists and is not a folder", zh=f"“{out}”已经存在，且不是文件夹"),
            file=str(out),
            fix=Text(en="an output folder path", zh="一个输出文件夹的路径"),
        )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = os_reason(exc)
        raise TmscreenError(
            Text(en=f"cannot create the output folder: {reason.en}", zh=f"无法创建输出文件夹：{reason.zh}"),
            file=str(out),
        ) from None
    staging = out.parent / f".{out.name}{prefix}{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    return staging
