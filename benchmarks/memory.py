"""Peak resident memory per stage, sampled from /proc (no extra dependency)."""

from __future__ import annotations

import resource
import threading
import time
from contextlib import contextmanager


def rss_bytes() -> int:
    """Current resident set size of this process."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * resource.getpagesize()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class PeakSampler:
    """Samples RSS every `interval` seconds in a thread; `stage()` records each stage's wall time and peak."""

    def __init__(self, interval: float = 0.02) -> None:
        self.interval = interval
        self.peak = 0
        self.rows: list[dict] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_bytes())
            time.sleep(self.interval)

    @contextmanager
    def stage(self, name: str, items: int = 0):
        self.peak = rss_bytes()
        start = time.perf_counter()
        yield
        took = time.perf_counter() - start
        self.peak = max(self.peak, rss_bytes())
        self.rows.append(
            {
                "stage": name,
                "seconds": round(took, 2),
                "items": items,
                "per_second": round(items / took) if took and items else None,
                "peak_rss_mb": round(self.peak / 2**20),
            }
        )

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
