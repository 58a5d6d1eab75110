"""tmscreen serve over HTTP (the real server on a loopback port): login, roles, CSRF, login rate limit, decisions,
exports with formula neutralisation, `tmscreen users add`, and the refusal to listen off loopback by accident."""

from __future__ import annotations

import io
import os
import re
import subprocess

import pytest
from openpyxl import load_workbook
from serve_harness import TMSCREEN, Client, Server, add_user, screened_registry
from test_report_batch import FORMULA_NAME, PLUS_NAME, SCRIPT_NAME


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve-workspace")
    db, _, _ = screened_registry(folder)
    users = {
        "ann": add_user(db, "ann", "reviewer"),
        "aud": add_user(db, "aud", "auditor"),
        "intake": add_user(db, "intake", "api"),
    }
    server = Server(db)
    yield server, db, users
    server.close()


def test_pages_need_a_login(served):
    server, _, _ = served
    status, headers, _ = Client(server).go("GET", "/queue?level=high")
    assert status == 303 and headers["location"] == "/login?next=%2Fqueue%3Flevel%3Dhigh"


def test_security_headers_and_cookie(served):
    server, _, _ = served
    status, headers, _ = Client(server).go("GET", "/login")
    assert status == 200
    assert "default-src 'none'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    cookie = headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


def test_reviewer_queue_applicant_and_decision(served):
    server, db, users = served
    c = Client(server)
    assert c.login("ann", users["ann"]) == 303
    status, _, html = c.go("GET", "/queue")
    assert status == 200
    assert {"H-SCRIPT", "H-IMG", "C-1"} <= set(re.findall(r'data-applicant="([^"]+)"', html))
    assert SCRIPT_NAME not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    _, _, html = c.go("GET", "/queue?status=suspected&q=H-SCRIPT")
    assert re.findall(r'data-applicant="([^"]+)"', html) == ["H-SCRIPT"]
    token = c.csrf("/applicant/H-IMG")
    status, headers, _ = c.go(
        "POST", "/applicant/H-IMG/decide", {"csrf_token": token, "decision": "clear", "reason": "licensed reseller"}
    )
    assert status == 303
    from detector.registry import open_registry

    with open_registry(db, create=False) as registry:
        history = registry.entry("H-IMG")["history"]
    last = history.iloc[-1]
    assert (last["status"], last["decided_by"], last["reason"]) == ("cleared", "ann", "licensed reseller")


def test_form_without_csrf_token_is_refused(served):
    server, db, users = served
    c = Client(server)
    assert c.login("ann", users["ann"]) == 303
    status, _, html = c.go("POST", "/applicant/H-PLUS/decide", {"decision": "confirm", "reason": "x"})
    assert status == 403 and "CSRF" in html
    status, _, _ = c.go(
        "POST", "/applicant/H-PLUS/decide", {"csrf_token": "forged", "decision": "confirm", "reason": "x"}
    )
    assert status == 403
    status, _, _ = Client(server).go("POST", "/login", {"name": "ann", "password": users["ann"]})
    assert status == 403
    from detector.registry import open_registry

    with open_registry(db, create=False) as registry:
        assert registry.entry("H-PLUS")["entry"]["status"] == "suspected"


def test_decision_needs_a_reason(served):
    server, _, users = served
    c = Client(server)
    c.login("ann", users["ann"])
    token = c.csrf("/applicant/H-PLUS")
    status, _, _ = c.go("POST", "/applicant/H-PLUS/decide", {"csrf_token": token, "decision": "confirm", "reason": " "})
    assert status == 422


def test_auditor_reads_but_cannot_decide(served):
    server, _, users = served
    c = Client(server)
    assert c.login("aud", users["aud"]) == 303
    status, _, html = c.go("GET", "/applicant/H-PLUS")
    assert status == 200 and 'id="decide-form"' not in html
    token = c.csrf("/queue")
    status, _, _ = c.go("POST", "/applicant/H-PLUS/decide", {"csrf_token": token, "decision": "confirm", "reason": "x"})
    assert status == 403


def test_api_user_cannot_use_the_workspace(served):
    server, _, users = served
    assert Client(server).login("intake", users["intake"]) in (401, 403)


def test_login_rate_limit(served):
    server, _, _ = served
    c = Client(server)
    statuses = []
    for _ in range(6):
        token = c.csrf("/login")
        status, headers, _ = c.go("POST", "/login", {"csrf_token": token, "name": "nobody", "password": "guess"})
        statuses.append(status)
    assert statuses[:5] == [401] * 5 and statuses[5] == 429 and int(headers["retry-after"]) > 0


def test_exports_neutralise_formulas(served):
    server, _, users = served
    c = Client(server)
    c.login("ann", users["ann"])
    status, headers, text = c.go("GET", "/queue.csv?q=H-")
    assert status == 200 and "attachment" in headers["content-disposition"]
    assert "'" + FORMULA_NAME.replace('"', '""') in text and "'" + PLUS_NAME in text
    req_status, _, _ = c.go("GET", "/queue.pdf")
    assert req_status == 404
    import urllib.request

    opener = c.opener
    with opener.open(urllib.request.Request(server.url + "/queue.xlsx?q=H-FORMULA"), timeout=60) as resp:
        ws = load_workbook(io.BytesIO(resp.read())).active
    names = [row[1] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert names == ["'" + FORMULA_NAME]


def test_users_add_prints_the_secret_last_and_refuses_a_bad_role(tmp_path):
    db = tmp_path / "r.db"
    out = subprocess.run(
        [*TMSCREEN, "users", "add", "x", "--role", "api", "--registry", str(db), "--lang", "en"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0 and len(out.stdout.strip().splitlines()[-1]) >= 20
    again = subprocess.run(
        [*TMSCREEN, "users", "add", "x", "--role", "api", "--registry", str(db), "--lang", "en"],
        capture_output=True,
        text=True,
    )
    assert again.returncode == 2 and "Traceback" not in again.stderr and "exists" in again.stderr
    bad = subprocess.run(
        [*TMSCREEN, "users", "add", "y", "--role", "boss", "--registry", str(db)], capture_output=True, text=True
    )
    assert bad.returncode == 2


def test_refuses_a_non_loopback_host_unless_given_explicitly(tmp_path):
    db = tmp_path / "r.db"
    add_user(db, "ann", "reviewer")
    env = {**os.environ, "TMSCREEN_SERVE_HOST": "0.0.0.0"}
    out = subprocess.run(
        [*TMSCREEN, "serve", "--registry", str(db), "--port", "0", "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 2 and "--host 0.0.0.0" in out.stderr and "Traceback" not in out.stderr
    missing = subprocess.run(
        [*TMSCREEN, "serve", "--registry", str(tmp_path / "none.db"), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
