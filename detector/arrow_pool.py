"""Arrow's memory during a run taken from jemalloc, which gives freed pages back to the system.

pyarrow allocates from mimalloc by default, and mimalloc keeps the pages of freed buffers for later use. A forked
partition worker frees much of what it allocates (the pieces of each text column it takes its rows from, the
partition's tables once its result is sent), and at 1,000,000 filings each worker still held ~150 MB of such freed
pages at the end of a partition, counted in its memory until it exited. jemalloc (bundled in pyarrow's Linux builds)
returns freed pages within about a second: the run's peak memory (PSS of the process tree) was 3,374 → 3,165-3,192
MB, in the same time (250,000 filings: the same wall time; 1,000,000: within the noise of the machine).

`returning()` sets jemalloc as pyarrow's default pool for the block and puts the previous pool back after it; a
forked worker inherits the setting. Buffers remember the pool they came from, so a buffer made in the block and freed
after it (or made before and freed in it) goes back to its own pool. Nothing changes where pyarrow has no jemalloc
(other systems' builds) or where the user chose a pool (the ARROW_DEFAULT_MEMORY_POOL environment variable). Two runs
overlapping in threads of one process may leave jemalloc the default after both (each puts back what it found):
only where memory comes from, never what a run computes.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def returning() -> Iterator[None]:
    """jemalloc as pyarrow's default memory pool inside the block, where pyarrow has it and no pool was chosen."""
    pool = _jemalloc()
    if pool is None:
        yield
        return
    import pyarrow as pa

    previous = pa.default_memory_pool()
    pa.set_memory_pool(pool)
    try:
        yield
    finally:
        pa.set_memory_pool(previous)


def _jemalloc():
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):  # the user's choice stands
        return None
    import pyarrow as pa

    try:
        return pa.jemalloc_memory_pool()
    except (NotImplementedError, AttributeError):  # a build without jemalloc
        return None
