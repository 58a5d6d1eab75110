"""Fixed costs paid once: values that take seconds to build (parsed rule and list files, pinyin tables) kept on disk
in the user cache folder, keyed by everything they are built from.

A key is the sha256 of the entry's name, the tool version, the Python version, the source of the modules that
build the value and the caller's inputs (a file's bytes, a package version). So a changed rule, list or builder
misses and rebuilds; nothing is ever invalidated by hand. Values are stored with `marshal` (plain data only:
str, int, float, bool, None, tuple, list, dict, set, frozenset; loading one never runs code) behind a sha256 of
the stored bytes; a file that is missing, unreadable, fails its checksum or does not decode into the expected shape
is ignored and rebuilt. Files are written to a temporary name and renamed, so concurrent runs never read half a
file.

The folder is `TMSCREEN_CACHE_DIR` when set, else `$XDG_CACHE_HOME/tmscreen`, else `~/.cache/tmscreen`;
`TMSCREEN_CACHE_DIR=off` turns the cache off. It is kept under `TMSCREEN_CACHE_MAX_MB` (200 MB): after each new
entry the least recently used ones are removed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from detector.version import __version__

T = TypeVar("T")
MAX_MB = 200  # the folder is pruned to this size, least recently used entries first
FORMAT = 1  # bump when the stored layout of an entry changes without its builder's source changing


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off."""
    chosen = os.environ.get("TMSCREEN_CACHE_DIR", "")
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tmscreen"


def source_bytes(*module_files: str) -> bytes:
    """The source of the modules that build a value (their `__file__`), so a changed builder rebuilds."""
    return b"\0".join(Path(f).read_bytes() for f in module_files)


def package_stamp(package: str, names: Iterable[str] | None = None) -> str:
    """Size and modification time of an installed package's files (`names` in its folder, or every file under it),
    found without importing it: a key part of values built from them, so another release rebuilds them."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.origin:
        return f"{package}:absent"
    folder = Path(spec.origin).parent
    if names is None:
        files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    else:
        files = [folder / n for n in names if (folder / n).is_file()]
    return ";".join(f"{f.relative_to(folder)}:{f.stat().st_size}:{f.stat().st_mtime_ns}" for f in files)


def cache_key(name: str, parts: Iterable[bytes | str]) -> str:
    digest = hashlib.sha256(f"{name}\0{FORMAT}\0{__version__}\0{sys.version}\0".encode())
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _identity(value):
    return value


def cached(
    name: str,
    parts: Iterable[bytes | str],
    build: Callable[[], T],
    encode: Callable[[T], object] = _identity,
    decode: Callable[[object], T] = _identity,
) -> T:
    """The value stored under (name, parts), or `build()` stored for next time.

    `encode` turns the value into plain data for marshal, `decode` turns it back and raises on anything not of
    the shape it wrote (then the entry is rebuilt)."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{cache_key(name, parts)}.marshal"
    try:
        value = decode(load(path))
        os.utime(path)  # recently used: pruned last
        return value
    except Exception:  # missing, unreadable, corrupt or of another shape: rebuild
        pass
    value = build()
    store(path, encode(value))
    prune(folder)
    return value


def _answer(value: object) -> bool:
    if not isinstance(value, bool):
        raise ValueError("not a check result")
    return value


def cached_check(name: str, parts: Iterable[bytes | str], check: Callable[[], bool]) -> bool:
    """A yes/no check stored under (name, parts): run once per installation of what `parts` stamps (a faster
    stand-in compared with the code it replaces, on probe inputs)."""
    return cached(name, parts, check, decode=_answer)


def prune(folder: Path, max_bytes: int | None = None) -> None:
    """Keep the folder under MAX_BYTES (TMSCREEN_CACHE_MAX_MB): the least recently used entries go first."""
    if max_bytes is None:
        max_bytes = int(float(os.environ.get("TMSCREEN_CACHE_MAX_MB", MAX_MB)) * 2**20)
    try:
        entries = [(e.stat().st_mtime, e.stat().st_size, e) for e in folder.glob("*.marshal")]
        total = sum(size for _, size, _ in entries)
        for _, size, entry in sorted(entries, key=lambda e: (e[0], e[2].name)):
            if total <= max_bytes:
                break
            entry.unlink(missing_ok=True)
            total -= size
    except OSError:
        pass


def load(path: Path) -> object:
    """The plain data stored in `path`; ValueError when its checksum does not match."""
    raw = path.read_bytes()
    digest, data = raw[:32], raw[32:]
    if hashlib.sha256(data).digest() != digest:
        raise ValueError(f"corrupt cache file {path}")
    return marshal.loads(data)


def store(path: Path, value: object) -> None:
    """Write `value` atomically; a cache that cannot be written (read-only home, full disk) is silently skipped."""
    try:
        data = marshal.dumps(value)
        data = hashlib.sha256(data).digest() + data
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".marshal")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        pass
