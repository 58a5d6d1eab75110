"""What the server holds for its lifetime: the registry (one lock: its methods are used from one thread at a time),
the warm checker and its worker processes, the session codec, the login limiter and the token cache."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from detector.serve.check_pool import CheckPool
from detector.serve.checker import Answer, WarmChecker
from detector.serve.rate_limit import LoginLimiter
from detector.serve.session import SessionCodec
from detector.serve.tokens import TokenCache


@dataclass
class ServeContext:
    registry: object  # detector.registry.Registry
    checker: WarmChecker
    codec: SessionCodec
    limiter: LoginLimiter = field(default_factory=LoginLimiter)
    tokens: TokenCache = field(default_factory=TokenCache)
    registry_lock: threading.Lock = field(default_factory=threading.Lock)
    pool: CheckPool | None = None  # intake check workers (tmscreen serve --workers); None: checks in this process

    def check(self, filings: list[dict], lang: str) -> list[Answer]:
        """An intake check: by a worker process when the server has them, else by the warm checker here."""
        if self.pool is not None:
            return self.pool.check(filings, lang)
        return self.checker.check(filings, lang)

    def read(self, method: str, *args, **kwargs):
        """Call one Registry method under the registry lock."""
        with self.registry_lock:
            return getattr(self.registry, method)(*args, **kwargs)
