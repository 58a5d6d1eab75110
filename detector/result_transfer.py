"""How a forked child's result travels back to its parent: pickled, its large arrays through a memory file.

A result of numpy and pyarrow arrays (a partition's tables, the identity keys: 380 MB at a million filings) used to
go whole through the pipe: the child pickled it into one bytes object, the parent read it in 64 KB pieces into
another and unpickled a third copy (0.76 s in the parent for the identity keys). Now the child pickles with
protocol 5 and hands the arrays' buffers out of band: it writes them into a memory file (Linux memfd_create) the
parent made before the fork, and sends only the rest through the pipe. The parent reads each buffer from the file
into its own memory with one call and unpickles the arrays onto those buffers (no second copy), then closes the file.

Small results (under OUT_OF_BAND_MIN bytes of buffers), and every result where there is no memfd_create, go
through the pipe as before.
"""

from __future__ import annotations

import os
import pickle

OUT_OF_BAND_MIN = 1 << 20
ALIGN = 64  # each buffer starts at a multiple of this in the file (arrow's alignment)


_OPEN: set[int] = set()  # this process's result files not yet closed (a forked child inherits them all)


def result_file() -> int | None:
    """A new memory file for one child's result (made by the parent before the fork), or None where the system has
    none."""
    create = getattr(os, "memfd_create", None)
    if create is None:
        return None
    try:
        fd = create("tmscreen-result", getattr(os, "MFD_CLOEXEC", 0))
    except OSError:
        return None
    _OPEN.add(fd)
    return fd


def close_file(fd: int | None) -> None:
    if fd is not None:
        _OPEN.discard(fd)
        os.close(fd)


def clear_file(fd: int | None) -> None:
    """Empty result file `fd` (its pages freed), once its result is read."""
    if fd is not None:
        os.ftruncate(fd, 0)


def keep_only(*fds: int | None) -> None:
    """In a forked child: close the result files of the other children it inherited, keeping its own. A child that
    held another's file open would keep that file's pages in memory after the parent has read and closed it."""
    for other in list(_OPEN):
        if other not in fds:
            close_file(other)


def encode(payload: object, fd: int | None) -> bytes:
    """In the child: what to send through the pipe for `payload`, its large buffers written to file `fd`."""
    if fd is None:
        return pickle.dumps(("whole", payload), protocol=pickle.HIGHEST_PROTOCOL)
    views: list[memoryview] = []

    def out_of_band(buffer: pickle.PickleBuffer) -> bool:
        try:
            views.append(buffer.raw())
        except BufferError:  # not contiguous: in the pickle itself
            return True
        return False

    meta = pickle.dumps(payload, protocol=5, buffer_callback=out_of_band)
    if sum(v.nbytes for v in views) < OUT_OF_BAND_MIN:
        return pickle.dumps(("whole", payload), protocol=pickle.HIGHEST_PROTOCOL)
    spans, end = [], 0
    for view in views:
        start = -(-end // ALIGN) * ALIGN
        spans.append((start, view.nbytes))
        end = start + view.nbytes
    try:
        os.ftruncate(fd, end)
        for (start, _), view in zip(spans, views):
            _write_all(fd, view, start)
    except OSError:  # no room for the file (a memory limit): the pipe takes the whole result
        os.ftruncate(fd, 0)
        return pickle.dumps(("whole", payload), protocol=pickle.HIGHEST_PROTOCOL)
    return pickle.dumps(("filed", (meta, spans)), protocol=pickle.HIGHEST_PROTOCOL)


def _write_all(fd: int, view: memoryview, offset: int) -> None:
    done = 0
    while done < view.nbytes:
        done += os.pwrite(fd, view[done:], offset + done)


def decode(data: bytes, fd: int | None) -> object:
    """In the parent: the payload `encode` made, its buffers read from file `fd` straight into this process's
    memory (one read each, no pipe and no second copy; the file is freed once the caller closes it)."""
    kind, value = pickle.loads(data)
    if kind == "whole":
        return value
    meta, spans = value
    buffers = [_read_all(fd, n, start) for start, n in spans]
    return pickle.loads(meta, buffers=buffers)


def _read_all(fd: int, n: int, offset: int) -> bytearray:
    """`n` bytes of file `fd` at `offset`, in a new writable buffer. A bytearray: numpy's uninitialised buffers read
    380 MB in 0.07 s instead of 0.23 s once warm, but numpy asks for transparent huge pages, and the first such
    buffer of a process took 0.9 s here (the kernel compacts memory on the fault); 0.3 s either way without them."""
    buffer = bytearray(n)
    view, done = memoryview(buffer), 0
    while done < n:
        got = os.preadv(fd, [view[done:]], offset + done)
        if got <= 0:
            raise EOFError(f"result file ended at {offset + done} of {offset + n} bytes")
        done += got
    return buffer
