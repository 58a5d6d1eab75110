"""The review workspace's pages: login, the queue, an applicant, a cluster, decisions and exports.

Reviewers read and decide; auditors read; api users have no workspace. Every form that changes state (login,
logout, decisions) carries the session's CSRF token and is refused with 403 without it; logins are rate-limited."""

from __future__ import annotations

import pandas as pd
from fastapi import APIRouter, HTTPException, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from detector.errors import TmscreenError
from detector.serve import csrf
from detector.serve.cluster_links import member_links
from detector.serve.display import history_reason, history_status
from detector.serve.exports import FORMATS, export_response
from detector.serve.labels import LANGS, labels
from detector.serve.pages import LoginNeeded, lang_of, redirect, render, safe_next, session_of, viewer
from detector.serve.session import LANG_COOKIE, new_session
from detector.serve.views import QueueFilters, clusters_of, level_of_score, network, queue

router = APIRouter(include_in_schema=False)
DECISIONS = {"confirm": "confirmed", "clear": "cleared", "more_info": "suspected"}


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


async def _form(request: Request) -> dict:
    """The posted form, after the CSRF check (403 when the token is missing or wrong)."""
    form = await request.form()
    session, _ = session_of(request)
    if not csrf.valid(session.csrf, form.get(csrf.FIELD)):
        raise HTTPException(403, labels(lang_of(request))["csrf_failed"])
    return {k: v for k, v in form.items() if isinstance(v, str)}


@router.get("/")
def home() -> Response:
    return redirect("/queue")


@router.get("/lang/{lang}")
def switch_lang(request: Request, lang: str, next: str = "/queue") -> Response:  # noqa: A002 - the query name
    response = redirect(safe_next(next))
    if lang in LANGS:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="strict", httponly=True)
    return response


@router.get("/login")
def login_page(request: Request, next: str = "/queue") -> Response:  # noqa: A002
    return render(request, "login.html", next=safe_next(next), error="")


@router.post("/login")
async def login(request: Request) -> Response:
    form = await _form(request)
    ctx, L = request.app.state.ctx, labels(lang_of(request))
    name, password = form.get("name", "").strip(), form.get("password", "")
    keys = (f"ip:{_client(request)}", f"user:{name}")
    wait = ctx.limiter.retry_after(*keys)
    if wait:
        response = render(
            request, "login.html", 429, next=safe_next(form.get("next")), error=L["login_limited"].format(seconds=wait)
        )
        response.headers["Retry-After"] = str(wait)
        return response
    role = await run_in_threadpool(ctx.read, "check_password", name, password) if name and password else None
    if role is None:
        ctx.limiter.failed(*keys)
        return render(request, "login.html", 401, next=safe_next(form.get("next")), error=L["login_failed"])
    ctx.limiter.succeeded(f"user:{name}")
    if role not in ("reviewer", "auditor"):
        return render(request, "login.html", 403, next=safe_next(form.get("next")), error=L["role_api_only"])
    response = redirect(safe_next(form.get("next")))
    ctx.codec.store(response, new_session(name, role), request)  # a new session (and CSRF token) on login
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    await _form(request)
    response = redirect("/login")
    request.app.state.ctx.codec.store(response, new_session(), request)
    return response


@router.get("/queue")
def queue_page(request: Request) -> Response:
    session = viewer(request)
    filters = QueueFilters.from_query(request.query_params)
    entries = queue(request.app.state.ctx, filters)
    batches = request.app.state.ctx.read("batches")
    return render(
        request,
        "queue.html",
        user=session,
        filters=filters,
        entries=entries.to_dict("records"),
        clusters=clusters_of(entries).to_dict("records"),
        batch_ids=batches["batch_id"].tolist()[::-1] if len(batches) else [],
        export_query=filters.query(),
        message=request.query_params.get("done", ""),
    )


@router.get("/queue.{fmt}")
def queue_export(request: Request, fmt: str) -> Response:
    viewer(request)
    if fmt not in FORMATS:
        raise HTTPException(404)
    entries = queue(request.app.state.ctx, QueueFilters.from_query(request.query_params))
    return export_response(entries, fmt, "queue")


def _entry(request: Request, applicant_id: str) -> dict:
    found = request.app.state.ctx.read("entry", applicant_id)
    if found is None:
        raise HTTPException(404, labels(lang_of(request))["not_found"])
    return found


def _rules_info(request: Request, hits: pd.DataFrame, lang: str) -> list[dict]:
    """Each rule hit with its title and legal basis from the loaded rule set."""
    ruleset = request.app.state.ctx.checker.ruleset
    known = {r.id: r for r in ruleset.rules}
    out = []
    for h in hits.to_dict("records"):
        rule = known.get(str(h.get("rule_id", "")))
        out.append(
            {
                **h,
                "title": (rule.title.get(lang) or rule.title.get("en", "")) if rule else "",
                "legal_basis": "; ".join(rule.legal_basis) if rule else "",
            }
        )
    return out


def _records(frame) -> list[dict]:
    if frame is None or not isinstance(frame, pd.DataFrame):
        return []
    return frame.astype(object).where(frame.notna(), "").to_dict("records")


@router.get("/applicant/{applicant_id}")
def applicant_page(request: Request, applicant_id: str) -> Response:
    session = viewer(request)
    found = _entry(request, applicant_id)
    lang = lang_of(request)
    entry = found.get("entry") or {}
    history = [
        {**h, "shown_status": history_status(h), "shown_reason": history_reason(h)}
        for h in _records(found.get("history"))
    ]
    return render(
        request,
        "applicant.html",
        user=session,
        applicant_id=applicant_id,
        entry=entry,
        level=level_of_score(request.app.state.ctx, entry.get("score")) if entry else "",
        applicant=found.get("applicant") or {},
        names=_records(found.get("names")),
        history=history,
        batches=_records(found.get("batches")),
        filings=_records(found.get("filings")),
        hits=_rules_info(request, found.get("hits", pd.DataFrame()), lang),
        cluster=_records(found.get("cluster")),
        message=request.query_params.get("done", ""),
    )


def _decide(request: Request, form: dict, applicant_ids: list[str], session) -> int:
    """Record one decision for each id (listed ones); returns how many were recorded."""
    L = labels(lang_of(request))
    if session.role != "reviewer":
        raise HTTPException(403, L["read_only"])
    decision, reason = form.get("decision", ""), form.get("reason", "").strip()
    if decision not in DECISIONS:
        raise HTTPException(422, L["decide"])
    if not reason:
        raise HTTPException(422, L["reason_required"])
    if decision == "more_info":
        reason = f"{L['more_info_prefix']}: {reason}"
    ctx, done = request.app.state.ctx, 0
    for applicant_id in applicant_ids:
        try:
            ctx.read("decide", applicant_id, DECISIONS[decision], reason, session.user)
        except TmscreenError as exc:
            raise HTTPException(422, exc.render(lang_of(request))) from None
        done += 1
    return done


@router.post("/applicant/{applicant_id}/decide")
async def decide_applicant(request: Request, applicant_id: str) -> Response:
    session = viewer(request)
    form = await _form(request)
    n = await run_in_threadpool(_decide, request, form, [applicant_id], session)
    return redirect(f"/applicant/{_quote(applicant_id)}?done={n}")


def _quote(value: str) -> str:
    from urllib.parse import quote

    return quote(value, safe="")


def _cluster(request: Request, cluster_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The cluster's members (listed or not: name, status, score, filings) and the filings of the cluster."""
    ctx = request.app.state.ctx
    listed = ctx.read("entries", None)
    listed = listed[listed["cluster_id"].astype(str) == cluster_id]
    if listed.empty:
        raise HTTPException(404, labels(lang_of(request))["not_found"])
    member_ids = set(listed["applicant_id"])
    for applicant_id in list(member_ids):
        found = ctx.read("entry", applicant_id) or {}
        cluster = found.get("cluster")
        if isinstance(cluster, pd.DataFrame) and "applicant_id" in cluster.columns:
            member_ids |= set(cluster["applicant_id"].astype(str))
        break  # one member's recorded cluster names them all
    history = ctx.read("history", applicant_ids=sorted(member_ids))
    filings = history.filings[history.filings["applicant_id"].isin(member_ids)].drop_duplicates("filing_id")
    names = dict(zip(history.applicants["applicant_id"], history.applicants["name"]))
    counts = filings.groupby("applicant_id").size()
    by_id = listed.set_index("applicant_id")
    rows = []
    for applicant_id in sorted(member_ids):
        row = by_id.loc[applicant_id] if applicant_id in by_id.index else None
        rows.append(
            {
                "applicant_id": applicant_id,
                "name": str(row["name"]) if row is not None else str(names.get(applicant_id, "")),
                "status": str(row["status"]) if row is not None else "",
                "score": float(row["score"]) if row is not None else 0.0,
                "repeat_offender": bool(row["repeat_offender"]) if row is not None else False,
                "n_filings": int(counts.get(applicant_id, 0)),
                "rule_ids": str(row["rule_ids"]) if row is not None else "",
            }
        )
    members = pd.DataFrame(rows).sort_values(["score", "n_filings", "applicant_id"], ascending=[False, False, True])
    filing_cols = ["filing_id", "applicant_id", "mark_text", "nice_class", "filing_date", "agent", "batch_id"]
    return members.reset_index(drop=True), filings[[c for c in filing_cols if c in filings.columns]]


@router.get("/cluster/{cluster_id}")
def cluster_page(request: Request, cluster_id: str) -> Response:
    session = viewer(request)
    members, filings = _cluster(request, cluster_id)
    ctx = request.app.state.ctx
    links = member_links(ctx.read, members["applicant_id"].tolist(), ctx.checker.ruleset.graph)
    return render(
        request,
        "cluster.html",
        user=session,
        cluster_id=cluster_id,
        members=members.to_dict("records"),
        filings=_records(filings.assign(filing_date=filings["filing_date"].astype(str))),
        names=dict(zip(members["applicant_id"], members["name"])),
        graph=network(members, links, lang_of(request)),
        message=request.query_params.get("done", ""),
    )


@router.get("/cluster/{cluster_id}/members.{fmt}")
def cluster_export(request: Request, cluster_id: str, fmt: str) -> Response:
    viewer(request)
    if fmt not in FORMATS:
        raise HTTPException(404)
    members, _ = _cluster(request, cluster_id)
    return export_response(members, fmt, f"cluster-{cluster_id}")


@router.post("/cluster/{cluster_id}/decide")
async def decide_cluster(request: Request, cluster_id: str) -> Response:
    session = viewer(request)
    form = await _form(request)
    members, _ = await run_in_threadpool(_cluster, request, cluster_id)
    listed = members[members["status"] != ""]["applicant_id"].tolist()
    n = await run_in_threadpool(_decide, request, form, listed, session)
    return redirect(f"/cluster/{_quote(cluster_id)}?done={n}")


async def login_needed_handler(request: Request, exc: LoginNeeded) -> Response:
    return redirect(f"/login?next={_quote(exc.next_url)}")


async def http_error_handler(request: Request, exc: HTTPException) -> Response:
    """Workspace errors as a page in the visitor's language; API paths keep FastAPI's JSON."""
    if request.url.path.startswith("/api/"):
        from fastapi.exception_handlers import http_exception_handler

        return await http_exception_handler(request, exc)
    return render(request, "error.html", exc.status_code, code=exc.status_code, detail=str(exc.detail or ""))
