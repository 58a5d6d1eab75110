"""API bearer tokens: the registry checks a token against its argon2 hashes (tens of milliseconds by design); a
token it accepted is remembered for TTL seconds under its SHA-256, so an intake system calling many times a second
pays argon2 once a minute, and a disabled user or a new token takes effect within TTL."""

from __future__ import annotations

import hashlib
import threading
import time

TTL = 60.0
MAX_ENTRIES = 1024


class TokenCache:
    def __init__(self, ttl: float = TTL, clock=time.monotonic) -> None:
        self.ttl, self.clock = ttl, clock
        self.known: dict[str, tuple[float, tuple[str, str]]] = {}
        self.lock = threading.Lock()

    def resolve(self, token: str, check) -> tuple[str, str] | None:
        """(name, role) for `token`, from the cache or from `check(token)` (the registry's check_token)."""
        key = hashlib.sha256(token.encode("utf-8")).hexdigest()
        now = self.clock()
        with self.lock:
            hit = self.known.get(key)
            if hit and hit[0] > now:
                return hit[1]
        who = check(token)
        if who is not None:
            with self.lock:
                if len(self.known) >= MAX_ENTRIES:
                    self.known.clear()
                self.known[key] = (now + self.ttl, tuple(who))
        return who
