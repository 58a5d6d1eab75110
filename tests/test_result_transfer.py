"""detector.result_transfer: a forked child's result back in the parent, large arrays through a memory file."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from detector import result_transfer
from detector.fork_map import fork_later, fork_map
from detector.result_transfer import OUT_OF_BAND_MIN, decode, encode, result_file


def _payload(n: int) -> dict:
    return {
        "ints": np.arange(n, dtype=np.int64),
        "strided": np.arange(2 * n, dtype=np.int32)[::2],  # not contiguous: pickled in band
        "frame": pd.DataFrame({"a": np.arange(n) % 7, "key": pd.array([f"键{i}" for i in range(n)], dtype="str")}),
        "arrow": pa.array([f"k{i}" * 3 for i in range(n)]),
        "lists": [["i:a", "n:甲"], []],
    }


def _same(got: dict, expected: dict) -> None:
    assert np.array_equal(got["ints"], expected["ints"]) and np.array_equal(got["strided"], expected["strided"])
    pd.testing.assert_frame_equal(got["frame"], expected["frame"])
    assert got["arrow"].equals(expected["arrow"]) and got["lists"] == expected["lists"]


def test_large_buffers_go_through_the_file_and_stay_writable():
    fd = result_file()
    if fd is None:
        pytest.skip("no memfd_create here")
    payload = _payload(200_000)
    data = encode(("ok", payload), fd)
    assert len(data) < OUT_OF_BAND_MIN  # the arrays went to the file, not the pipe
    status, got = decode(data, fd)
    result_transfer.close_file(fd)
    assert status == "ok"
    _same(got, payload)
    got["ints"][0] = -1  # read into this process's own memory: writable
    assert got["ints"][0] == -1


def test_small_results_and_no_memory_file_go_whole():
    payload = _payload(50)
    fd = result_file()
    data = encode(payload, fd)
    assert pytest.approx(len(data), rel=0.5) == len(encode(payload, None))
    _same(decode(data, fd), payload)
    _same(decode(encode(_payload(200_000), None), None), _payload(200_000))
    result_transfer.close_file(fd)


def test_forked_children_bring_large_results_back(monkeypatch):
    results = fork_map(lambda i: _payload(100_000 + i), 3, 2, "test")
    for i, got in enumerate(results):
        _same(got, _payload(100_000 + i))
    _same(fork_later(lambda: _payload(120_000), "test").result(), _payload(120_000))
    monkeypatch.setattr("detector.fork_map.result_file", lambda: None)  # a system without memfd_create
    _same(fork_map(lambda i: _payload(100_000), 2, 2, "test")[1], _payload(100_000))


def test_a_file_that_cannot_be_written_leaves_the_result_to_the_pipe(monkeypatch):
    fd = result_file()
    if fd is None:
        pytest.skip("no memfd_create here")

    def no_room(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(result_transfer.os, "pwrite", no_room)
    payload = _payload(200_000)
    data = encode(payload, fd)
    assert len(data) > OUT_OF_BAND_MIN and result_transfer.os.fstat(fd).st_size == 0
    _same(decode(data, fd), payload)
    result_transfer.close_file(fd)


def test_a_child_keeps_only_its_own_result_file_open():
    """Two workers at a time: the second must not hold the first's files (their pages would outlive the read). A
    worker holds its own two, whichever of its tasks runs."""
    import os

    def open_result_files(_i: int) -> tuple[int, frozenset[int]]:
        files = set()
        for fd in os.listdir("/proc/self/fd"):
            try:
                if os.readlink(f"/proc/self/fd/{fd}").startswith("/memfd:tmscreen-result"):
                    files.add(os.fstat(int(fd)).st_ino)
            except OSError:
                continue
        return os.getpid(), frozenset(files)

    probe = result_file()
    if probe is None or not os.path.exists("/proc/self/fd"):
        pytest.skip("needs Linux /proc and memfd_create")
    result_transfer.close_file(probe)
    held = dict(fork_map(open_result_files, 4, 2, "test"))
    assert len(held) == 2 and all(len(files) == 2 for files in held.values())  # its own two only
    first, second = held.values()
    assert not first & second
