"""Templates (Jinja2, autoescaped: every value is rendered as text) loaded from the package, and the helpers every
page uses: the visitor's session and language, the role checks, redirects."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import HTTPException
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse

from detector.serve.display import FILTERS
from detector.serve.labels import labels, pick_lang
from detector.serve.session import LANG_COOKIE, Session, new_session

ENV = Environment(
    loader=PackageLoader("detector.serve", "templates"),
    autoescape=select_autoescape(("html",), default=True),
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.filters.update(FILTERS)
WORKSPACE_ROLES = ("reviewer", "auditor")


class LoginNeeded(Exception):
    """Raised by a page when nobody is logged in: the answer is a redirect to the login page."""

    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


def lang_of(request: Request) -> str:
    return pick_lang(request.query_params.get("lang") or request.cookies.get(LANG_COOKIE))


def session_of(request: Request) -> tuple[Session, bool]:
    """The visitor's session, and whether it is new (and must be set on the answer)."""
    found = request.app.state.ctx.codec.load(request)
    return (found, False) if found else (new_session(), True)


def viewer(request: Request) -> Session:
    """A logged-in workspace user (reviewer or auditor); LoginNeeded or 403 otherwise."""
    session, _ = session_of(request)
    if not session.logged_in:
        raise LoginNeeded(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
    if session.role not in WORKSPACE_ROLES:
        raise HTTPException(403, labels(lang_of(request))["role_api_only"])
    return session


def safe_next(value: str | None) -> str:
    """A local path to go back to after logging in or switching language (never another site)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/queue"
    return value


def render(request: Request, template: str, status: int = 200, **values) -> HTMLResponse:
    session, fresh = session_of(request)
    lang = lang_of(request)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    html = ENV.get_template(template).render(
        L=labels(lang), lang=lang, session=session, here=here, here_quoted=quote(here, safe=""), **values
    )
    response = HTMLResponse(html, status_code=status)
    if fresh:
        request.app.state.ctx.codec.store(response, session, request)
    return response


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)
