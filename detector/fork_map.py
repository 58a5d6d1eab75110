"""Run numbered tasks in forked child processes, at most `jobs` at a time; results come back in task order.

    fork_map(task, n, jobs, what="partition", order=None, fresh=False) -> [task(0), ..., task(n - 1)]
    fork_beside(task, here, what) -> (task(), here()): task in a child while this process runs here
    fork_later(task, what) -> Pending: task started in a child now, its result() asked for later

`task` is any callable of the task number: a forked child inherits it, and everything it reads, from the parent
without pickling; only each result travels back (pickled through a pipe, its large arrays through a memory
file: detector/result_transfer.py). fork_map forks at most `jobs` workers, each given its next task when it has
sent the last one's result, and exiting when no task is left (its memory goes back to the system then): a worker
pays its fork, the pages it copies of the parent's and those it faults in once for all its tasks, not once per
task. With `fresh`, each task gets a worker forked for it, which exits after it: what a large task leaves in a
worker's memory (allocator caches, fragments) is not there beside the next task's. With `jobs` 1, or where fork
does not exist, the tasks run one after another in this process.

A child that dies (killed for memory, say) or raises ends the run with one clear error after the other children
are stopped; a TmscreenError raised in a child is raised again in the parent as the same error.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from multiprocessing.connection import wait
from typing import Any, Generic, TypeVar

from detector.errors import TmscreenError
from detector.result_transfer import clear_file, close_file, decode, encode, keep_only, result_file
from detector.text import Text

T = TypeVar("T")
U = TypeVar("U")

PR_SET_PDEATHSIG = 1
PR_SET_NAME = 15
_TASK: Callable[[int], object] | None = None  # what forked children run (set only while forking)


def usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _libc(function: str, *args) -> None:
    """Call a C library function of this process (Linux: prctl, glibc's malloc_trim); nothing where there is none."""
    try:
        import ctypes

        getattr(ctypes.CDLL(None), function)(*args)
    except (OSError, AttributeError):  # not Linux, not glibc
        pass


def die_with_parent() -> None:
    """Linux: the kernel kills this child when the parent dies (a killed run leaves no worker behind; elsewhere the
    child finishes its task and exits)."""
    _libc("prctl", PR_SET_PDEATHSIG, signal.SIGKILL)


def name_this_process(what: str) -> None:
    """Linux: this forked child's name as `ps`, `top` and /proc/PID/comm show it, `tm-` and what it does
    ("tm-partition", "tm-identity-key", cut at 15 bytes), instead of its parent's "python"."""
    _libc("prctl", PR_SET_NAME, ("tm-" + what.replace(" ", "-")).encode()[:15])


def return_free_heap() -> None:
    """glibc: give the free pages inside this process's heap back to the system (malloc_trim). Done before forking
    workers: a worker that allocates where the parent had freed memory copies those pages, each worker its own copy,
    while the parent keeps its (free) ones; trimmed, the worker gets fresh pages and the parent holds none (1,000,000
    filings: ~45 MB free in the parent's heap at the partitions' fork). ~20 ms on a 1.5 GB heap."""
    _libc("malloc_trim", 0)


def _outcome(i: int) -> tuple[str, object]:
    """Task i run here: ("ok", result), ("tmscreen", (class, fields)) or ("error", text)."""
    try:
        return ("ok", _TASK(i))  # type: ignore[misc]
    except TmscreenError as exc:
        return ("tmscreen", (type(exc), {f.name: getattr(exc, f.name) for f in fields(exc)}))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises
        return ("error", f"{type(exc).__name__}: {exc}")


def _child(i: int, conn, fd: int | None = None, what: str = "task") -> None:
    """In a forked child: run task i and send its outcome (_outcome); a result's large arrays through memory file
    `fd` (detector/result_transfer.py)."""
    die_with_parent()
    name_this_process(what)
    keep_only(fd)
    payload = _outcome(i)
    try:
        conn.send_bytes(encode(payload, fd))
    finally:
        conn.close()


def _worker(conn, files: tuple[int | None, int | None], what: str = "task") -> None:
    """In a forked worker of fork_map: run each task number the parent sends and send its outcome back, until the
    parent sends None. Results go through the two memory files `files` in turn: the parent sends the next number as
    soon as a result arrives and reads (and empties) that result's file meanwhile, before it sends the number after
    next (whose result goes into the same file again)."""
    die_with_parent()
    name_this_process(what)
    keep_only(*files)
    done = 0
    try:
        while (i := conn.recv()) is not None:
            conn.send_bytes(encode(_outcome(i), files[done % 2]))
            done += 1
    finally:
        conn.close()


_WHAT_ZH = {
    "partition": "分区",
    "output writer": "输出文件写入任务",
    "normalization chunk": "规范化数据块",
    "trade names": "字号提取",
    "herd": "同期跟风申请统计",
    "input files": "输入文件读取",
    "identity keys": "身份键计算",
    "matching": "商标比对",
}


def _what_zh(what: str) -> str:
    return _WHAT_ZH.get(what, what)


def _received(reader, proc, i: int, n: int, what: str, fd: int | None = None):
    """Task i's result from its child (the child joined, the pipe and memory file closed), or the error it ended
    with raised."""
    try:
        value = _value(_message(reader, proc, i, n, what), fd, i, n, what)
    finally:
        reader.close()
        close_file(fd)
    proc.join()
    return value


def _message(reader, proc, i: int, n: int, what: str) -> bytes:
    """What the process `proc` sent for task i through the pipe `reader`, or its death reported."""
    try:
        return reader.recv_bytes()
    except EOFError:
        proc.join()
        raise TmscreenError(
            Text(
                en=f"the worker process for {what} {i + 1} of {n} died (exit code {proc.exitcode})",
                zh=f"处理第 {i + 1}/{n} 个{_what_zh(what)}的工作进程意外退出（退出码 {proc.exitcode}）",
            ),
            fix=Text(
                en="if the machine ran out of memory, use fewer --jobs or smaller partitions (--partition-filings)",
                zh="如果是内存不足，请减少 --jobs 或使用更小的分区（--partition-filings）",
            ),
        ) from None


def _value(data: bytes, fd: int | None, i: int, n: int, what: str):
    """Task i's result from a message `data` (its large arrays in memory file `fd`), or the error it reports raised."""
    status, value = decode(data, fd)
    if status == "tmscreen":
        cls, values = value
        raise cls(**values)
    if status != "ok":
        raise TmscreenError(
            Text(en=f"{what} {i + 1} of {n} failed: {value}", zh=f"第 {i + 1}/{n} 个{_what_zh(what)}失败：{value}")
        )
    return value


def _ignoring_number(task: Callable[[], T]) -> Callable[[int], T]:
    return lambda _i: task()


def in_turn(task: Callable[[], T], here: Callable[[], U]) -> tuple[T, U]:
    """(task(), here()) in this process, `here` first (the order fork_beside reports errors in)."""
    mine = here()
    return task(), mine


class Pending(Generic[T]):
    """A task's result to come: computed in a forked child (fork_later), or already here (`done`)."""

    def __init__(self, what: str, proc=None, reader=None, done: tuple = (), fd: int | None = None) -> None:
        self.what, self._proc, self._reader, self._done, self._fd = what, proc, reader, done, fd

    @classmethod
    def ready(cls, value: T, what: str = "") -> Pending[T]:
        return cls(what, done=(value,))

    @property
    def elsewhere(self) -> bool:
        """Whether a forked child is computing the task (its result not yet taken)."""
        return self._proc is not None

    def result(self) -> T:
        """The task's value (waiting for the child), or the error it ended with, raised as fork_map raises it."""
        if not self._done:
            proc, reader, fd, self._proc, self._reader, self._fd = self._proc, self._reader, self._fd, None, None, None
            if proc is None:
                raise RuntimeError(f"{self.what}: cancelled")
            try:
                self._done = (_received(reader, proc, 0, 1, self.what, fd),)
            finally:
                _stop(proc)
        return self._done[0]

    def take(self) -> T:
        """result(), kept no longer by this object (whoever holds it for cancel() would keep the value alive)."""
        value = self.result()
        self._done = ()
        self.what = f"{self.what} (taken)"
        return value

    def cancel(self) -> None:
        """Stop the child (its result is not wanted: the run ended early)."""
        if self._proc is not None:
            self._reader.close()
            close_file(self._fd)
            _stop(self._proc)
            self._proc = self._reader = self._fd = None


def _stop(proc) -> None:
    if proc.is_alive():
        proc.kill()
    proc.join()


def fork_later(task: Callable[[], T], what: str) -> Pending[T]:
    """Start `task` in a forked child now; its result when asked for (Pending.result). Where fork does not exist,
    the task runs here, now."""
    if not can_fork():
        return Pending.ready(task(), what)
    global _TASK
    _TASK = _ignoring_number(task)
    mp = multiprocessing.get_context("fork")
    reader, writer = mp.Pipe(duplex=False)
    fd = result_file()
    proc = mp.Process(target=_child, args=(0, writer, fd, what), name=f"tmscreen-{what.replace(' ', '-')}", daemon=True)
    try:
        proc.start()
    except BaseException:
        reader.close()
        close_file(fd)
        raise
    finally:
        _TASK = None  # the child has its copy
        writer.close()
    return Pending(what, proc, reader, fd=fd)


def map_chunks(fn: Callable[[list], list], values: Sequence, jobs: int, what: str) -> list:
    """fn(values) as one list, computed over `jobs` contiguous chunks of `values` in forked children (fork_map), the
    chunks' results joined in order: `fn` maps a list to a list of the same length, each item on its own."""
    bounds = [len(values) * i // jobs for i in range(jobs + 1)]
    parts = fork_map(lambda i: fn(list(values[bounds[i] : bounds[i + 1]])), jobs, jobs, what)
    return [x for part in parts for x in part]


def fork_beside(task: Callable[[], T], here: Callable[[], U], what: str) -> tuple[T, U]:
    """(task(), here()): `task` in a forked child while this process runs `here` (two independent parts of a
    stage on two cores); in_turn where fork does not exist. An error of `here` is raised first (the child is
    stopped); a failed child raises as in fork_map."""
    if not can_fork():
        return in_turn(task, here)
    pending = fork_later(task, what)
    try:
        mine = here()
    except BaseException:
        pending.cancel()
        raise
    return pending.result(), mine


def fork_map(
    task: Callable[[int], T],
    n: int,
    jobs: int,
    what: str = "partition",
    order: Sequence[int] | None = None,
    fresh: bool = False,
) -> list[T]:
    """[task(i) for i in range(n)], computed by up to `jobs` forked workers; `order`: the order to hand tasks out.
    `fresh`: each task in a worker forked for it (a worker's memory after a large task stays with it: one that takes
    a second task holds both tasks' leftovers at once); else a worker takes the next task when it is done."""
    if jobs <= 1 or n <= 1 or not can_fork():
        return [task(i) for i in range(n)]
    global _TASK
    mp = multiprocessing.get_context("fork")
    return_free_heap()
    pending = list(order) if order is not None else list(range(n))
    workers: dict = {}  # the parent's end of each worker's pipe -> _Worker
    results: dict[int, T] = {}

    def start(i: int) -> None:  # a worker forked with task i (workers only grows: its size numbers the next)
        global _TASK
        _TASK = task
        mine, theirs = mp.Pipe(duplex=True)
        files = (result_file(), result_file())
        name = f"tmscreen-{what.replace(' ', '-')}-{len(workers)}"
        proc = mp.Process(target=_worker, args=(theirs, files, what), name=name)
        proc.daemon = True
        workers[mine] = _Worker(proc, files, i)
        try:
            proc.start()
        finally:
            _TASK = None  # the worker has its copy
        theirs.close()
        mine.send(i)

    try:
        while len(workers) < min(jobs, n):
            start(pending.pop(0))
        while busy := [conn for conn, w in workers.items() if w.task is not None]:
            # Each worker whose result came gets its next task before any result is read: none waits on another's.
            arrived = []
            for conn in wait(busy):
                w = workers[conn]
                arrived.append((w.task, _message(conn, w.proc, w.task, n, what), w.files[w.sent % 2]))
                w.task, w.sent = (pending.pop(0) if pending and not fresh else None), w.sent + 1
                _send(conn, w.task)
                if fresh and pending:
                    start(pending.pop(0))
            for i, data, fd in arrived:
                results[i] = _value(data, fd, i, n, what)
                clear_file(fd)  # read: its pages go back now, before the worker writes into it again
    finally:
        _TASK = None
        for conn, w in workers.items():
            if w.task is not None and w.proc.pid is not None:  # a task still running: the run ended early
                w.proc.kill()
            conn.close()
            if w.proc.pid is not None:
                w.proc.join()
            for fd in w.files:
                close_file(fd)
    return [results[i] for i in range(n)]


@dataclass
class _Worker:
    """A forked worker of fork_map as the parent sees it: its task (None: told to stop) and results sent so far."""

    proc: Any
    files: tuple[int | None, int | None]
    task: int | None
    sent: int = 0


def _send(conn, i: int | None) -> None:
    """Task number `i` (None: no more) to a worker; a worker gone meanwhile is reported when its result is read."""
    try:
        conn.send(i)
    except OSError:
        pass
