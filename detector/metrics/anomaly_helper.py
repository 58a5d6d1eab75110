"""The anomaly score's isolation forest fitted in a helper process, which imports scikit-learn while this process
screens the batch.

Importing scikit-learn (its trees; `sklearn.ensemble` until isolation_forest.lean_matches is known) takes 1-2 s,
much of it scipy.stats, which parses docstrings at import: a large part of the 4,000-filing demo. The helper runs
the same function (isolation_forest.forest_scores) on the same matrix, sent as its float64 bytes, so the scores are
the same bytes; the run only stops waiting for the import.

A large process starts the helper as a fresh interpreter (`python -I -c ...` running `_serve` with this process's
module path, the working folder left out), not as a fork: a forked helper holds every page it shares with its
parent, and each page the parent then writes or frees and reuses is copied, so a large process that forked it early
doubled what it held (a benchmark process with a generated 1,000,000-filing batch in memory: +870 MB at the peak).
The fresh one shares nothing and holds only its imports (~150 MB). A small process (a command at its start, ~20 MB)
forks it: that shares next to nothing and answers ~0.15 s sooner (no interpreter start, numpy imported already), on
the demo's path. Either way the answer comes over a pipe: `ok N` and N bytes of scores, or `error TEXT`.

It is started when the batch will need the forest (MIN_APPLICANTS applicants or more), scikit-learn is not imported
yet, no other thread runs (a threaded process, a server, screens many batches and imports scikit-learn once itself)
and only once per process. It runs at a lower priority (nice 10), so it takes only CPU the run leaves idle. A helper
that fails or dies costs only the fit in this process; it exits after one matrix, when the run ends (`stop`), or
with its parent (Linux).

A command that screens a file, and `detector.pipeline.run.screen`, start it at their start (`start_for_file`),
before the run's own work, so the import overlaps it; the executor's later `start` then finds it running.
"""

from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import numpy as np

from detector.fork_map import can_fork, die_with_parent, name_this_process
from detector.metrics import isolation_forest
from detector.metrics.isolation_forest import MIN_APPLICANTS, forest_scores

_HELPER: dict[str, Any] = {}  # the running helper: process, pid of the process that started it
_USED = [False]  # a helper was started in this process already
PACKAGE_ROOT = Path(__file__).resolve().parents[2]  # the folder holding the `detector` package the helper imports


def _read_exactly(stream, n: int) -> bytes:
    data = stream.read(n)
    if len(data) != n:
        raise EOFError("the stream ended early")
    return data


def _serve(source=None, sink=None) -> None:
    """In the helper: import scikit-learn, then answer one matrix (`ROWS COLS` and its float64 bytes on `source`,
    standard input by default) with its scores (`ok N` and N bytes) or an error line on `sink` (standard output);
    nothing when the input ends first."""
    parent = os.getppid()
    die_with_parent()
    name_this_process("anomaly helper")
    if os.getppid() != parent:  # the parent died before the kernel was told: nobody to answer
        return
    try:
        os.nice(10)  # idle CPU only: on a busy machine the run's own stages go first
    except (OSError, AttributeError):
        pass
    source, sink = source or sys.stdin.buffer, sink or sys.stdout.buffer
    try:
        isolation_forest.warm_up()  # scikit-learn's import: the cost this helper takes off the run
        header = source.readline()
        if not header:
            return
        rows, cols = (int(v) for v in header.split())
        x = np.frombuffer(_read_exactly(source, rows * cols * 8), dtype=np.float64).reshape(rows, cols)
        answer = np.ascontiguousarray(forest_scores(x), dtype=np.float64).tobytes()
        sink.write(b"ok %d\n" % len(answer) + answer)
    except BaseException as exc:  # noqa: BLE001 - the parent fits in-process instead
        sink.write(f"error {type(exc).__name__}: {exc}".replace("\n", " ").encode() + b"\n")
    sink.flush()


def start(n_applicants: int) -> None:
    """Start the helper when this batch will need the forest and no scikit-learn is loaded yet."""
    if (
        _USED[0]
        or n_applicants < MIN_APPLICANTS
        or "sklearn.tree" in sys.modules  # imported already (sklearn.ensemble imports it too): no wait to save
        or os.environ.get("TMSCREEN_ANOMALY_HELPER", "") == "off"
        or threading.active_count() > 1  # a server's or a Dask client's threads: it imports scikit-learn once
    ):
        return
    _USED[0] = True
    try:
        if small_process() and can_fork():
            proc: Any = _Forked()
        elif not sys.executable:  # an embedded interpreter: no program to start, the fit runs in this process
            return
        else:
            proc = subprocess.Popen(
                [sys.executable, "-I", "-c", _helper_code()],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
    except OSError:  # no process to start: the fit runs in this process
        return
    _HELPER.update(proc=proc, pid=os.getpid())


SMALL_PROCESS_BYTES = 256 << 20  # a process that never held more is forked (a command's start: ~20 MB)


def small_process() -> bool:
    """Whether this process never held more than SMALL_PROCESS_BYTES (its peak resident memory): a fork of it
    shares little, so forking (~0.15 s sooner than a fresh interpreter's start and numpy's import) costs nothing."""
    try:
        import resource

        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    except (ImportError, OSError):
        return False
    return 0 < peak_kib * 1024 <= SMALL_PROCESS_BYTES


class _Forked:
    """The helper as a fork of a small process (the command's start), with what start, fit_scores and stop use of a
    subprocess.Popen: stdin, stdout, poll, kill, wait. The fork leaves by os._exit: none of this process's exit
    handlers or buffers run twice."""

    def __init__(self) -> None:
        read_in, write_in = os.pipe()
        read_out, write_out = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (read_in, write_in, read_out, write_out):
                os.close(fd)
            raise
        if pid == 0:  # the helper
            try:
                os.close(write_in)
                os.close(read_out)
                gc.freeze()  # the parent's objects are never traversed here: their pages stay shared
                _serve(os.fdopen(read_in, "rb"), os.fdopen(write_out, "wb"))
            finally:
                os._exit(0)
        os.close(read_in)
        os.close(write_out)
        self.pid = pid
        self.returncode: int | None = None
        self.stdin = os.fdopen(write_in, "wb")
        self.stdout = os.fdopen(read_out, "rb")

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def kill(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def wait(self) -> int:
        if self.returncode is None:
            _, status = os.waitpid(self.pid, 0)
            self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode


def helper_path() -> list[str]:
    """The helper's module path: this process's (its PYTHONPATH, user site and virtual environment alike) without
    the working folder (a folder named `detector` where the user works is never imported), with the folder of this
    `detector` package first when it is on no other entry (a checkout run from inside it)."""
    here = Path.cwd().resolve()
    paths = [p for p in sys.path if p and Path(p).resolve() != here]
    root = str(PACKAGE_ROOT)
    return paths if any(Path(p).resolve() == PACKAGE_ROOT for p in paths) else [root, *paths]


def _helper_code() -> str:
    """The helper's program, for `python -I -c` (isolated: only the module path it is given)."""
    return f"import sys; sys.path[:] = {helper_path()!r}; from detector.metrics.anomaly_helper import _serve; _serve()"


# A file smaller than this cannot hold MIN_APPLICANTS filings (a filing's five required cells alone take more).
MIN_ROW_BYTES = 16


def start_for_file(path: str | os.PathLike) -> None:
    """Start the helper at a command's start when the filings file could hold enough applicants for the forest.

    A guess from the file's size only: a helper the batch turns out not to need is ended with the run (`stop`)."""
    try:
        size = os.stat(path).st_size
    except OSError:
        return
    if size >= MIN_APPLICANTS * MIN_ROW_BYTES:
        start(MIN_APPLICANTS)


def fit_scores(x: np.ndarray) -> np.ndarray | None:
    """-score_samples(x) of the forest fitted on `x`, from the helper; None when none runs or it failed."""
    if not _HELPER or _HELPER["pid"] != os.getpid():  # none, or a forked child's inherited copy
        return None
    proc = _HELPER["proc"]
    _HELPER.clear()
    answer = None
    try:
        x = np.ascontiguousarray(x, dtype=np.float64)
        rows, cols = x.shape
        proc.stdin.write(b"%d %d\n" % (rows, cols) + x.tobytes())
        proc.stdin.close()
        status, _, size = proc.stdout.readline().strip().partition(b" ")  # b"" when the helper died
        if status == b"ok" and int(size) == rows * 8:
            answer = _read_exactly(proc.stdout, rows * 8)
    except (EOFError, OSError, ValueError):
        answer = None
    finally:
        _close(proc)
    return None if answer is None else np.frombuffer(answer, dtype=np.float64).copy()


def _close(proc: subprocess.Popen) -> None:
    for stream in (proc.stdin, proc.stdout):
        try:
            stream.close()
        except OSError:
            pass
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def stop() -> None:
    """End a helper that was not asked (the run failed or needed no forest)."""
    if not _HELPER or _HELPER["pid"] != os.getpid():
        return
    proc = _HELPER["proc"]
    _HELPER.clear()
    _close(proc)  # it only imports or waits: nothing to finish
