"""The intake API: POST /api/check (one filing) and /api/check-batch (up to 1,000), bearer tokens of api users.

A filing is a JSON object in the filings contract; it goes through the same validation as a CSV row, so a bad
value gets the CLI's message (field and row) with HTTP 422; a body that is not JSON, or not the shape asked for,
gets 400; no or an unknown token 401; a token or session of another role 403. The OpenAPI schema at
/api/openapi.json documents both calls (request and answer schemas from the models below)."""

from __future__ import annotations

import json
import re
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from detector.errors import InputDataError
from detector.serve.checker import MAX_BATCH
from detector.serve.labels import pick_lang
from detector.text import Text, in_lang

router = APIRouter(prefix="/api", tags=["intake"])


class Filing(BaseModel):
    """One filing in the filings contract (docs/architecture.md); values are strings (numbers are accepted)."""

    filing_id: str = Field(description="unique id of the application")
    mark_text: str = Field(description='the mark as filed ("" for a figurative mark)')
    nice_class: str = Field(description="Nice classes, e.g. '9' or '9;25'")
    filing_date: str = Field(description="YYYY-MM-DD")
    applicant_name: str
    applicant_id: str | None = Field(None, description="given, or derived from the name as tmscreen screen does")
    applicant_address: str | None = None
    agent: str | None = None
    goods: str | None = None
    status: str | None = None
    assignee: str | None = None


class CheckBatch(BaseModel):
    filings: list[Filing] = Field(max_length=MAX_BATCH)


class CheckAnswer(BaseModel):
    filing_id: str
    applicant_id: str
    applicant_name: str
    score: float = Field(description="0-100, the applicant's score as tmscreen screen gives it")
    level: str = Field(description='high | medium | low | "" (below the lowest level)')
    flagged: bool = Field(description="score >= the rule set's threshold")
    rule_ids: list[str] = Field(description="rules that gave the applicant points, strongest first")
    reasons: list[str] = Field(description="one sentence per rule with its evidence, in the asked language")
    repeat_offender: bool = Field(description="the applicant or its linked cluster is on the confirmed list")


class CheckBatchAnswer(BaseModel):
    results: list[CheckAnswer]


class ErrorAnswer(BaseModel):
    detail: str = Field(description="the message in the asked language")
    error: dict = Field(description="{code, field, row, zh, en}")


ERRORS = {
    400: {"model": ErrorAnswer, "description": "the body is not JSON or not the shape asked for"},
    401: {"model": ErrorAnswer, "description": "no token, or a token nobody holds"},
    403: {"model": ErrorAnswer, "description": "a token (or workspace session) of a user who is not an api user"},
    422: {"model": ErrorAnswer, "description": "a filing breaks the filings contract (field and row named)"},
}
LANG = Annotated[str, Query(pattern="^(zh|en)$", description="language of reasons and messages (default zh)")]


class ApiError(Exception):
    """An API refusal: status code, a stable code word and the message in both languages."""

    def __init__(self, status: int, code: str, message: Text, field: str = "", row: int | None = None) -> None:
        super().__init__(message.en)
        self.status, self.code, self.message, self.field, self.row = status, code, message, field, row

    def response(self, lang: str) -> JSONResponse:
        body = {
            "detail": self.message.get(lang),
            "error": {
                "code": self.code,
                "field": self.field,
                "row": self.row,
                "zh": self.message.zh,
                "en": self.message.en,
            },
        }
        headers = {"WWW-Authenticate": "Bearer"} if self.status == 401 else None
        return JSONResponse(body, status_code=self.status, headers=headers)


def _body(request_bytes: bytes) -> object:
    try:
        return json.loads(request_bytes)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ApiError(
            400, "bad_json", Text(en=f"the body is not JSON: {exc}", zh=f"请求体不是合法的 JSON：{exc}")
        ) from None


def _filing(value: object, row: int | None) -> dict:
    """A filing object with scalar values (strings, numbers; null = absent)."""
    where = Text(en="" if row is None else f"filings[{row - 1}]: ", zh="" if row is None else f"filings[{row - 1}]：")
    if not isinstance(value, dict):
        raise ApiError(
            400,
            "not_an_object",
            Text(en=f"{where.en}a filing is a JSON object", zh=f"{where.zh}每件申请应为 JSON 对象"),
            row=row,
        )
    for key, cell in value.items():
        if isinstance(cell, (dict, list)):
            raise ApiError(
                422,
                "not_a_value",
                Text(
                    en=f"{where.en}field '{key}' must be a string or a number",
                    zh=f"{where.zh}字段“{key}”应为字符串或数字",
                ),
                field=key,
                row=row,
            )
    return {k: ("" if v is None else v) for k, v in value.items()}


def _contract_error(exc: InputDataError, batch: bool) -> ApiError:
    found = re.search(r"\d+", in_lang(exc.line, "en")) if exc.line is not None else None
    row = int(found.group()) if found else None
    return ApiError(
        422,
        "contract",
        Text(en=exc.render("en"), zh=exc.render("zh")),
        field=str(exc.column or ""),
        row=row if batch else None,
    )


def _authorise(request: Request) -> str:
    """The api user's name; ApiError 401/403 otherwise."""
    ctx = request.app.state.ctx
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        if ctx.codec.load(request) and ctx.codec.load(request).logged_in:
            raise ApiError(
                403,
                "wrong_role",
                Text(
                    en="the API is for api users' tokens; a workspace session may not call it",
                    zh="接口仅供 API 用户以令牌调用；工作台登录会话无权调用",
                ),
            )
        raise ApiError(
            401,
            "no_token",
            Text(
                en="send 'Authorization: Bearer TOKEN' (tmscreen users add NAME --role api prints a token)",
                zh="请发送“Authorization: Bearer 令牌”（tmscreen users add 名称 --role api 会打印令牌）",
            ),
        )
    who = ctx.tokens.resolve(token.strip(), lambda t: ctx.read("check_token", t))
    if who is None:
        raise ApiError(401, "bad_token", Text(en="unknown or disabled token", zh="令牌无效或用户已停用"))
    name, role = who
    if role != "api":
        raise ApiError(
            403,
            "wrong_role",
            Text(
                en=f"user {name} has role {role}; the API needs role api",
                zh=f"用户 {name} 的角色是 {role}，接口需要 api 角色",
            ),
        )
    return name


def _check(request: Request, filings: list[dict], lang: str, batch: bool) -> list[dict]:
    try:
        answers = request.app.state.ctx.check(filings, lang)
    except InputDataError as exc:
        raise _contract_error(exc, batch) from None
    return [a.as_dict() for a in answers]


_ONE = {"requestBody": {"required": True, "content": {"application/json": {"schema": Filing.model_json_schema()}}}}
_MANY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": CheckBatch.model_json_schema(ref_template="#/components/schemas/{model}")}
        },
    }
}


@router.post("/check", response_model=CheckAnswer, responses=ERRORS, openapi_extra=_ONE)
async def check(request: Request, lang: LANG = "zh") -> dict:
    """Screen one filing with the loaded rules, matchers and the registry's history."""
    await run_in_threadpool(_authorise, request)
    filing = _filing(_body(await request.body()), None)
    return (await run_in_threadpool(_check, request, [filing], lang, False))[0]


@router.post("/check-batch", response_model=CheckBatchAnswer, responses=ERRORS, openapi_extra=_MANY)
async def check_batch(request: Request, lang: LANG = "zh") -> dict:
    """Screen up to 1,000 filings as one batch (as `tmscreen screen` would screen them together)."""
    await run_in_threadpool(_authorise, request)
    body = _body(await request.body())
    filings = body.get("filings") if isinstance(body, dict) else None
    if not isinstance(filings, list) or not filings:
        raise ApiError(
            400,
            "no_filings",
            Text(
                en='the body is {"filings": [ ...one or more filings... ]}',
                zh='请求体应为 {"filings": [一件或多件申请]}',
            ),
        )
    if len(filings) > MAX_BATCH:
        raise ApiError(
            422,
            "too_many",
            Text(
                en=f"{len(filings)} filings: at most {MAX_BATCH} per call",
                zh=f"共 {len(filings)} 件：每次最多 {MAX_BATCH} 件",
            ),
            field="filings",
        )
    records = [_filing(f, i) for i, f in enumerate(filings, start=1)]
    return {"results": await run_in_threadpool(_check, request, records, lang, True)}


async def api_error_handler(request: Request, exc: ApiError) -> JSONResponse:
    return exc.response(pick_lang(request.query_params.get("lang")))
