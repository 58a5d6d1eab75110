"""Intake checks on several cores: worker processes forked from the warm server.

A check is Python work under one interpreter lock, so one server process answers one check at a time: four
clients on two cores waited for each other (p50 95 ms against 22 ms for one client). `tmscreen serve --workers N`
forks N workers once the rule set, the matchers and the caches are warm and frozen (they share those pages with
the server), before the server starts any thread; the server hands each check to an idle worker over a pipe and
returns its answer. Every worker answers exactly as the server would: it is a copy of the same WarmChecker, reading
the same registry through connections of its own (a forked process never uses the connections it inherited,
detector/registry), and a decision recorded meanwhile is seen by its next check (detector/registry/change_mark.py).

A bad filing comes back as the same InputDataError (the API's 422); a worker that dies is dropped and the check is
answered in the server process, as it is with no workers at all.
"""

from __future__ import annotations

import multiprocessing
import queue
import socket
import threading
from dataclasses import fields

from detector.errors import InputDataError
from detector.fork_map import can_fork, die_with_parent, name_this_process, usable_cpus
from detector.serve.checker import Answer, WarmChecker

MAX_WORKERS = 4


def default_workers() -> int:
    """The usable CPUs, at most MAX_WORKERS."""
    return max(1, min(MAX_WORKERS, usable_cpus()))


class _WorkerGone(Exception):
    """The worker's pipe closed: it died."""


def _serve(checker: WarmChecker, conn, inherited: list[socket.socket]) -> None:
    """In a worker: answer (filings, lang) requests until the server closes the pipe."""
    die_with_parent()
    name_this_process("check worker")
    for sock in inherited:  # the server's listening socket: only the server accepts
        sock.close()
    while True:
        try:
            filings, lang = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = ("ok", checker.check(filings, lang))
        except InputDataError as exc:
            reply = ("input", {f.name: getattr(exc, f.name) for f in fields(exc)})
        except BaseException as exc:  # noqa: BLE001 - the server raises it for this check
            reply = ("error", f"{type(exc).__name__}: {exc}")
        conn.send(reply)


class _Worker:
    def __init__(self, checker: WarmChecker, inherited: list[socket.socket]) -> None:
        ctx = multiprocessing.get_context("fork")
        self.conn, theirs = ctx.Pipe(duplex=True)
        self.proc = ctx.Process(
            target=_serve, args=(checker, theirs, inherited), name="tmscreen-check-worker", daemon=True
        )
        self.proc.start()
        theirs.close()

    def ask(self, filings: list[dict], lang: str) -> list[Answer]:
        try:
            self.conn.send((filings, lang))
            status, value = self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            raise _WorkerGone from None
        if status == "ok":
            return value
        if status == "input":
            raise InputDataError(**value)
        raise RuntimeError(f"intake check worker: {value}")

    def close(self) -> None:
        self.conn.close()
        self.proc.join(timeout=1)
        if self.proc.is_alive():
            self.proc.kill()


class CheckPool:
    """Idle workers in a queue; a check takes one, or is answered here when none is left alive."""

    def __init__(self, checker: WarmChecker, workers: list[_Worker]) -> None:
        self.checker = checker
        self.idle: queue.Queue[_Worker] = queue.Queue()
        self.alive = len(workers)
        self.lock = threading.Lock()
        for worker in workers:
            self.idle.put(worker)

    @classmethod
    def start(cls, checker: WarmChecker, n: int, inherited: list[socket.socket] = ()) -> CheckPool | None:
        """N workers forked now, or None (checks in this process) for n <= 1, where fork does not exist or where
        another thread already runs (fork copies none of them, and a lock one held would stay held)."""
        if n <= 1 or not can_fork() or threading.active_count() > 1:
            return None
        return cls(checker, [_Worker(checker, list(inherited)) for _ in range(n)])

    def check(self, filings: list[dict], lang: str) -> list[Answer]:
        """WarmChecker.check(filings, lang), by the next idle worker."""
        while True:
            with self.lock:
                if not self.alive:
                    break
            try:
                worker = self.idle.get(timeout=0.5)  # alive is read again meanwhile: the last workers may die
            except queue.Empty:
                continue
            try:
                answers = worker.ask(filings, lang)
            except _WorkerGone:
                worker.close()
                with self.lock:
                    self.alive -= 1
                continue  # the next worker, or this process when none is left
            except BaseException:
                self.idle.put(worker)
                raise
            self.idle.put(worker)
            return answers
        return self.checker.check(filings, lang)

    def close(self) -> None:
        """End the workers (the server is stopping)."""
        with self.lock:
            self.alive = 0
        while True:
            try:
                self.idle.get_nowait().close()
            except queue.Empty:
                return

    @property
    def pids(self) -> list[int]:
        """The workers' process ids (idle ones; for tests and diagnostics)."""
        return [w.proc.pid for w in list(self.idle.queue)]
