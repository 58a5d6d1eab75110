"""What the server holds for its lifetime: the registry (one lock: its methods are used from one thread at a time),
the warm checker, the session codec, the login limiter and the token cache."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from detector.serve.checker import WarmChecker
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

    def read(self, method: str, *args, **kwargs):
        """Call one Registry method under the registry lock."""
        with self.registry_lock:
            return getattr(self.registry, method)(*args, **kwargs)
