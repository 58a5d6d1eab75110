"""CSRF protection: every form that changes state carries the session's token; a post without it is refused (403).

The token is random per session (detector.serve.session) and compared in constant time. SameSite=Strict cookies
already keep other sites' posts from carrying the session; the token is the second, explicit check."""

from __future__ import annotations

import hmac

FIELD = "csrf_token"


def valid(session_token: str, form_token: object) -> bool:
    """True when the form's token is the session's."""
    return isinstance(form_token, str) and bool(session_token) and hmac.compare_digest(session_token, form_token)
