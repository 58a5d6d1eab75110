"""Helpers of the tmscreen serve tests: a registry holding a screened batch, and the real server in a subprocess.

`screened_registry(folder)` screens the hostile report batch (tests/test_report_batch.py: flagged applicants named
<script> and <img onerror>, a three-firm cluster sharing a phone and an address) through the real pipeline and
records it in a new SQLite registry with `tmscreen screen --registry`. `Server` runs `tmscreen serve --port 0`
and reads the URL it prints.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from test_report_batch import build_hostile_batch

ROOT = Path(__file__).resolve().parents[1]
TMSCREEN = [sys.executable, "-m", "detector"]


def screened_registry(folder: Path) -> tuple[Path, Path, Path]:
    """(registry path, filings.csv, applicants.csv): the hostile batch screened with `tmscreen screen --registry`."""
    filings, applicants = build_hostile_batch(folder)
    db = folder / "registry.db"
    done = subprocess.run(
        [
            *TMSCREEN,
            "screen",
            str(filings),
            "--applicants",
            str(applicants),
            "--registry",
            str(db),
            "--out",
            str(folder / "run"),
            "--lang",
            "en",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return db, filings, applicants


def add_user(db: Path, name: str, role: str) -> str:
    """`tmscreen users add` through the real CLI; the secret is its last line."""
    out = subprocess.run(
        [*TMSCREEN, "users", "add", name, "--role", role, "--registry", str(db), "--lang", "en"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return out.stdout.strip().splitlines()[-1]


class Server:
    """`tmscreen serve --registry DB --port 0` in a subprocess; `url` once it listens."""

    def __init__(self, db: Path, *extra: str, env: dict | None = None) -> None:
        self.proc = subprocess.Popen(
            [*TMSCREEN, "serve", "--registry", str(db), "--port", "0", "--lang", "en", *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env={**os.environ, "TMSCREEN_SERVE_SECRET": "test-secret", **(env or {})},
        )
        line = self.proc.stdout.readline()
        if "serving http://" not in line:
            self.proc.kill()
            raise AssertionError(f"server did not start: {line}{self.proc.stderr.read()}")
        self.url = line.split("serving ")[1].split()[0].rstrip("/")

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None):
        """(status, headers, body bytes) of one request; no proxy."""
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        req = urllib.request.Request(self.url + path, data=body, method=method, headers=headers or {})
        try:
            with opener.open(req, timeout=60) as resp:
                return resp.status, dict(resp.headers), resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()

    def api(self, path: str, payload, token: str | None, raw: bytes | None = None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        body = raw if raw is not None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
        status, _, data = self.request("POST", path, body, headers)
        return status, json.loads(data) if data else None

    def close(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        self.proc.stderr.close()


def wait_until(predicate, timeout: float = 20.0) -> bool:
    end = time.time() + timeout
    while time.time() < end:
        if predicate():
            return True
        time.sleep(0.1)
    return False


class Client:
    """A browser-like HTTP client of the workspace: keeps cookies, reads the CSRF token from a page's form."""

    def __init__(self, server: Server) -> None:
        import http.cookiejar

        self.server = server
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}), urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )

    def go(self, method: str, path: str, form: dict | None = None, headers: dict | None = None):
        """(status, headers, text)."""
        from urllib.parse import urlencode

        body = urlencode(form).encode() if form is not None else None
        hdrs = {"Content-Type": "application/x-www-form-urlencoded"} if form is not None else {}
        req = urllib.request.Request(
            self.server.url + path, data=body, method=method, headers={**hdrs, **(headers or {})}
        )
        try:
            with self.opener.open(req, timeout=120) as resp:
                return resp.status, dict(resp.headers), resp.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read().decode("utf-8", "replace")

    def csrf(self, path: str) -> str:
        import re

        _, _, html = self.go("GET", path)
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def login(self, name: str, password: str) -> int:
        token = self.csrf("/login")
        status, _, _ = self.go(
            "POST", "/login", {"csrf_token": token, "name": name, "password": password, "next": "/queue"}
        )
        return status


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
