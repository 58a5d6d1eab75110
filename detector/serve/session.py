"""The workspace session: a signed, time-limited cookie (itsdangerous) holding the user, role and CSRF token.

Nothing is stored server-side; the signature (HMAC-SHA1 over the server's secret) makes the cookie tamper-proof,
and the cookie is HttpOnly, SameSite=Strict, and Secure whenever the request came over HTTPS. Every visitor has a
session (an anonymous one carries the login form's CSRF token); logging in issues a new one (no fixation)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.requests import Request
from starlette.responses import Response

COOKIE = "tmscreen_session"
LANG_COOKIE = "tmscreen_lang"
MAX_AGE = 8 * 3600  # a working day


@dataclass(frozen=True)
class Session:
    user: str  # "" when nobody is logged in
    role: str
    csrf: str

    @property
    def logged_in(self) -> bool:
        return bool(self.user)


def new_session(user: str = "", role: str = "") -> Session:
    return Session(user, role, secrets.token_urlsafe(32))


class SessionCodec:
    """Signs sessions into cookie values and reads them back (None when missing, forged or expired)."""

    def __init__(self, secret: str) -> None:
        self.serializer = URLSafeTimedSerializer(secret, salt="tmscreen-session")

    def load(self, request: Request) -> Session | None:
        raw = request.cookies.get(COOKIE)
        if not raw:
            return None
        try:
            data = self.serializer.loads(raw, max_age=MAX_AGE)
        except BadSignature:  # also SignatureExpired
            return None
        if not isinstance(data, dict) or not isinstance(data.get("c"), str):
            return None
        return Session(str(data.get("u", "")), str(data.get("r", "")), data["c"])

    def store(self, response: Response, session: Session, request: Request) -> None:
        value = self.serializer.dumps({"u": session.user, "r": session.role, "c": session.csrf})
        response.set_cookie(
            COOKIE,
            value,
            max_age=MAX_AGE,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/",
        )
