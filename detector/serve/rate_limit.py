"""Login rate limit: at most MAX_FAILURES failed logins per user name and MAX_ADDRESS_FAILURES per client address
(an office behind one NAT address shares it) in WINDOW seconds.

A sliding window of failure times in memory (one server process); past the limit a login is refused with 429 and
Retry-After before the password is even checked, so guessing costs the attacker time and the server no argon2."""

from __future__ import annotations

import threading
import time
from collections import deque

MAX_FAILURES = 5
MAX_ADDRESS_FAILURES = 20
WINDOW = 300.0


class LoginLimiter:
    def __init__(
        self,
        max_failures: int = MAX_FAILURES,
        window: float = WINDOW,
        clock=time.monotonic,
        max_address_failures: int = MAX_ADDRESS_FAILURES,
    ) -> None:
        self.max_failures, self.window, self.clock = max_failures, window, clock
        self.max_address_failures = max_address_failures
        self.failures: dict[str, deque[float]] = {}
        self.lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self.failures.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def limit(self, key: str) -> int:
        return self.max_address_failures if key.startswith("ip:") else self.max_failures

    def retry_after(self, *keys: str) -> int:
        """Seconds until a login for these keys ("ip:ADDRESS", "user:NAME") may be tried again (0: now)."""
        now = self.clock()
        with self.lock:
            waits = [
                times[0] + self.window - now for key in keys if len(times := self._recent(key, now)) >= self.limit(key)
            ]
        return max(1, int(max(waits) + 0.999)) if waits else 0

    def failed(self, *keys: str) -> None:
        now = self.clock()
        with self.lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, user_key: str) -> None:
        with self.lock:
            self.failures.pop(user_key, None)
