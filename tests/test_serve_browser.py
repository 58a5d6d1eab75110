"""tmscreen serve in real headless Chromium (over the DevTools protocol, tests/test_report_cdp.py): log in, open the
queue, open an applicant whose name is a <script>/<img onerror> payload (shown as text, nothing runs), record a
decision (it is in the registry and in `tmscreen registry labels`), open a cluster page whose network is drawn from
local assets only. The README's screenshots come from the demo registry instead: docs/make_serve_screenshots.py."""

from __future__ import annotations

import os
import subprocess
from urllib.parse import urlparse

import pytest
import test_report_cdp
from serve_harness import TMSCREEN, Server, add_user, screened_registry
from test_report_batch import IMG_NAME, SCRIPT_NAME
from test_report_cdp import Browser, chromium_path

CHROMIUM = chromium_path()
if CHROMIUM is None and not os.environ.get("CI"):
    pytestmark = pytest.mark.skip(reason="chromium is not installed (apt-get install chromium); CI installs it")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve-browser")
    db, _, _ = screened_registry(folder)
    password = add_user(db, "ann", "reviewer")
    server = Server(db)
    # The report tests' Chromium reaches nothing at all; this one may reach the server on 127.0.0.1 and nothing else.
    flags = test_report_cdp.CHROMIUM_FLAGS
    saved = list(flags)
    flags[flags.index("--host-resolver-rules=MAP * ~NOTFOUND")] = (
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
    )
    flags.append("--proxy-bypass-list=127.0.0.1")
    try:
        browser = Browser(CHROMIUM, folder / "profile")
    finally:
        flags[:] = saved
    page = browser.page()
    yield server, db, password, page
    page.close()
    browser.close()
    server.close()


def _set(page, selector: str, value: str) -> None:
    page.evaluate(f"document.querySelector({selector!r}).value = {value!r}")


def test_review_in_chromium(served):
    server, db, password, page = served
    page.navigate(server.url + "/queue")
    page.wait_for("location.pathname === '/login' && document.querySelector('#login-form') !== null")
    _set(page, "#name", "ann")
    _set(page, "#password", password)
    page.evaluate("document.querySelector('#login-form').submit()")
    page.wait_for("location.pathname === '/queue' && document.querySelector('#queue-table') !== null")
    rows = page.evaluate("Array.from(document.querySelectorAll('#queue-table tbody tr')).map(r => r.dataset.applicant)")
    assert {"H-SCRIPT", "H-IMG", "C-1"} <= set(rows)
    names = page.evaluate("Array.from(document.querySelectorAll('#queue-table td.name')).map(td => td.textContent)")
    assert any(SCRIPT_NAME in n for n in names) and any(IMG_NAME in n for n in names)

    page.navigate(server.url + "/applicant/H-IMG")
    page.wait_for("document.querySelector('#applicant-name') !== null")
    assert page.evaluate("document.querySelector('#applicant-name').textContent") == IMG_NAME
    assert not page.evaluate("document.documentElement.hasAttribute('data-pwned') || document.title === 'PWNED'")
    assert page.evaluate("document.querySelectorAll('main img, main script').length") == 0
    page.evaluate("document.querySelector('input[name=decision][value=confirm]').checked = true")
    _set(page, "#reason", "files the Olympic mascots in ten classes")
    page.evaluate("document.querySelector('#decide-form').submit()")
    page.wait_for("document.querySelector('#notice') !== null")
    assert page.evaluate("document.querySelector('#history-table tbody tr:last-child').textContent").count("ann") == 1

    out = db.parent / "labels.csv"
    labels = subprocess.run(
        [*TMSCREEN, "registry", "labels", "--registry", str(db), "--out", str(out)], capture_output=True, text=True
    )
    assert labels.returncode == 0, labels.stderr
    rows = out.read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("H-IMG,1") for line in rows), rows

    page.navigate(server.url + "/queue")
    page.wait_for("document.querySelector('#cluster-table a') !== null")
    cluster = page.evaluate("document.querySelector('#cluster-table a').getAttribute('href')")
    page.navigate(server.url + cluster)
    page.wait_for("document.querySelectorAll('#network circle').length >= 3")
    assert page.evaluate("document.querySelectorAll('#network line').length") >= 2
    hosts = {urlparse(u).hostname for u in page.requests if u.startswith("http")}
    assert hosts == {"127.0.0.1"}, page.requests
    assert not page.exceptions, page.exceptions
