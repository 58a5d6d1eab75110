"""A key index prepared before a fork (KeyIndex.prepare, as build_matchers does for forked partitions) is read by
the forked worker without copying the parent's pages: its lookups and scans write nothing to the keys (reference
counts, cached hashes) or to the automaton's payloads. Measured on the child's own dirty pages (Linux)."""

from __future__ import annotations

import os
import random

import numpy as np
import pytest

from detector.match.key_index import KeyIndex

pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/smaps_rollup"), reason="needs Linux /proc")

CHARS = [chr(0x4E00 + i) for i in range(3000)]


def _private_dirty_kb() -> int:
    with open("/proc/self/smaps_rollup") as f:
        return next(int(line.split()[1]) for line in f if line.startswith("Private_Dirty:"))


def _index(n: int) -> KeyIndex:
    rng = random.Random(5)
    keys = sorted({"".join(rng.choices(CHARS, k=rng.randint(2, 5))) for _ in range(n)})
    return KeyIndex(np.array(keys, dtype=object), np.ones(len(keys), dtype=bool))


def _child_growth_kb(index: KeyIndex, values: np.ndarray, strings: list[str]) -> int:
    """Private dirty memory (KB) a forked child adds while it looks `values` up and scans `strings`."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: measure, report, leave without cleanup
        try:
            before = _private_dirty_kb()
            found = index.equal(values, np.arange(len(values)))
            hits = index.scan(strings, np.arange(len(strings)))
            grown = _private_dirty_kb() - before
            os.write(write, f"{grown} {len(found[0])} {len(hits)}".encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as f:
        grown, n_found, n_hits = (int(v) for v in f.read().split())
    os.waitpid(pid, 0)
    assert n_found > 100 and n_hits > 100  # the child really looked keys up and found them
    return grown


def test_a_prepared_index_is_read_by_a_forked_child_without_copying_its_keys():
    index = _index(200_000)
    rng = np.random.default_rng(1)
    values = np.concatenate([index.keys[rng.choice(len(index.keys), 2_000)], np.array(["不在其中的"] * 100)])
    strings = ["前" + k + "后" for k in index.keys[rng.choice(len(index.keys), 3_000)].tolist()]
    index.automaton  # noqa: B018 - the parent builds it, as build_matchers' sample matching does
    unprepared = _child_growth_kb(index, values, strings)
    index.prepare()
    prepared = _child_growth_kb(index, values, strings)
    # Unprepared, the child builds the lookup and reads every key (~200,000 strings' pages); prepared, it copies
    # only what its own lookups and results need.
    assert unprepared > 8_000
    assert prepared < unprepared / 3
