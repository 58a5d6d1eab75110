"""Folders of data shipped inside the package (rule set, baseline batch), as real paths in any install.

Each is a real package (it has an `__init__.py`), so `importlib.resources.files` gives its folder in a checkout, an
editable install and an installed wheel alike; a zipped install is unpacked once by `as_file` for the process.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.resources
from functools import cache
from pathlib import Path

_unpacked = contextlib.ExitStack()
atexit.register(_unpacked.close)


@cache
def package_folder(package: str) -> Path:
    """The folder of data package `package` on the file system."""
    root = importlib.resources.files(package)
    if isinstance(root, Path):
        return root
    return Path(_unpacked.enter_context(importlib.resources.as_file(root)))


def bundled_rules_dir() -> Path:
    """The default rule set: rules/ of the source tree, installed as `detector.bundled_rules`."""
    return package_folder("detector.bundled_rules")


def bundled_baseline_dir() -> Path:
    """The benign baseline batch: fixtures/baseline of the source tree, installed as `detector.bundled_baseline`."""
    return package_folder("detector.bundled_baseline")
