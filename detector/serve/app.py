"""The application factory of `tmscreen serve`: FastAPI on Starlette, Jinja2 templates (autoescaped), static assets
and templates loaded as package data, security headers on every answer (a Content-Security-Policy that allows
nothing from another origin: no CDN, no inline script)."""

from __future__ import annotations

import secrets
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request

from detector.serve.api import ApiError, api_error_handler
from detector.serve.api import router as api_router
from detector.serve.checker import WarmChecker
from detector.serve.context import ServeContext
from detector.serve.pages import LoginNeeded
from detector.serve.session import SessionCodec
from detector.serve.workspace import http_error_handler, login_needed_handler
from detector.serve.workspace import router as workspace_router
from detector.version import __version__

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def static_dir() -> Path:
    """The packaged static assets (CSS, the network view's script)."""
    return Path(str(resources.files("detector.serve").joinpath("static")))


def create_app(
    registry, target: str, rules: list[Path] | None = None, secret: str | None = None, warm: bool = True
) -> FastAPI:
    """The server for an open Registry (at `target`, a path or URL): workspace pages, the intake API (/api/...),
    static assets under /static.

    `secret` signs session cookies (a random one per process by default: restarting logs everyone out)."""
    checker = WarmChecker(rules, target, registry)
    if warm:
        checker.warm_up()
    app = FastAPI(
        title="tmscreen intake API",
        version=__version__,
        description="Screen filings at intake against the loaded rules and the registry (tmscreen serve).",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the bundled Swagger/ReDoc pages load scripts from a CDN
        redoc_url=None,
    )
    app.state.ctx = ServeContext(registry, checker, SessionCodec(secret or secrets.token_urlsafe(32)))
    app.add_exception_handler(ApiError, api_error_handler)
    app.add_exception_handler(LoginNeeded, login_needed_handler)
    app.add_exception_handler(StarletteHTTPException, http_error_handler)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    app.include_router(api_router)
    app.include_router(workspace_router)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    return app
