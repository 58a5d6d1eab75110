"""The anomaly score's isolation forest fitted in a forked helper process, which imports scikit-learn while this
process screens the partitions.

Importing scikit-learn (its trees; `sklearn.ensemble` until isolation_forest.lean_matches is known) takes 1-2 s,
much of it scipy.stats, which parses docstrings at import: a large part of the 4,000-filing demo. The helper runs
the same function (isolation_forest.forest_scores) on the same matrix, sent as its float64 bytes, so the scores are
the same bytes; the run only stops waiting for the import. It is forked when the batch will need the forest
(MIN_APPLICANTS applicants or more), where fork exists, scikit-learn is not imported yet, no other thread runs (a
server's threads: fork copies none of them, and a lock one held would stay held in the child), and only once per
process (a process that screens many batches imports scikit-learn once itself, as before). It runs at a lower
priority (nice 10), so it takes only CPU the run leaves idle. A helper that fails or dies costs only the fit in this
process; it exits after one matrix, when the run ends (`stop`), or with its parent.

A command that screens a file forks it at its start (`start_for_file`), before the run's own imports (about 1 s),
so the import overlaps them too; the executor's later `start` then finds it running.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
from typing import Any

import numpy as np

from detector.fork_map import can_fork, die_with_parent
from detector.metrics import isolation_forest
from detector.metrics.isolation_forest import MIN_APPLICANTS, forest_scores

_HELPER: dict[str, Any] = {}  # the running helper: process, connection, pid of the process that forked it
_USED = [False]  # a helper was started in this process already


def _serve(conn) -> None:
    """In the helper: import scikit-learn, then answer one matrix with its scores (or an error line)."""
    die_with_parent()
    gc.freeze()  # the parent's objects are never traversed here: their pages stay shared
    try:
        os.nice(10)  # idle CPU only: on a busy machine the run's own stages go first
    except OSError:
        pass
    try:
        isolation_forest.warm_up()  # scikit-learn's import: the cost this helper takes off the run

        shape = conn.recv()
        x = np.frombuffer(conn.recv_bytes(), dtype=np.float64).reshape(shape)
        conn.send(("ok", np.ascontiguousarray(forest_scores(x), dtype=np.float64).tobytes()))
    except EOFError:
        pass
    except BaseException as exc:  # noqa: BLE001 - the parent fits in-process instead
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def start(n_applicants: int) -> None:
    """Fork the helper when this batch will need the forest and no scikit-learn is loaded yet."""
    if (
        _USED[0]
        or n_applicants < MIN_APPLICANTS
        or "sklearn.tree" in sys.modules  # imported already (sklearn.ensemble imports it too): no wait to save
        or os.environ.get("TMSCREEN_ANOMALY_HELPER", "") == "off"
        or not can_fork()
        or threading.active_count() > 1  # a server's or a Dask client's threads: forking them could deadlock
    ):
        return
    _USED[0] = True
    ctx = multiprocessing.get_context("fork")
    mine, theirs = ctx.Pipe(duplex=True)
    proc = ctx.Process(target=_serve, args=(theirs,), name="tmscreen-anomaly-forest", daemon=True)
    proc.start()
    theirs.close()
    _HELPER.update(proc=proc, conn=mine, pid=os.getpid())


# A file smaller than this cannot hold MIN_APPLICANTS filings (a filing's five required cells alone take more).
MIN_ROW_BYTES = 16


def start_for_file(path: str | os.PathLike) -> None:
    """Fork the helper at a command's start when the filings file could hold enough applicants for the forest.

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
    proc, conn = _HELPER["proc"], _HELPER["conn"]
    _HELPER.clear()
    try:
        x = np.ascontiguousarray(x, dtype=np.float64)
        conn.send(x.shape)
        conn.send_bytes(x.tobytes())
        while not conn.poll(1.0):  # a helper that died without a word is not waited for
            if not proc.is_alive():
                raise EOFError
        status, answer = conn.recv()
    except (EOFError, OSError):
        status, answer = "error", "the helper ended"
    finally:
        conn.close()
        proc.join()
    if status != "ok" or len(answer) != x.shape[0] * 8:
        return None
    return np.frombuffer(answer, dtype=np.float64).copy()


def stop() -> None:
    """End a helper that was not asked (the run failed or needed no forest)."""
    if not _HELPER or _HELPER["pid"] != os.getpid():
        return
    proc, conn = _HELPER["proc"], _HELPER["conn"]
    _HELPER.clear()
    conn.close()
    proc.kill()  # it only imports or waits: nothing to finish
    proc.join()
