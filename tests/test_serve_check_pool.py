"""`tmscreen serve --workers N` (detector/serve/check_pool.py), on the real server: checks answered by forked
worker processes equal the server's own answers (--workers 1), side by side from several clients; a bad filing
is the same 422; a worker that dies is dropped, and with none left the server answers itself."""

from __future__ import annotations

import os
import shutil
import signal
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from serve_harness import Server, add_user, screened_registry, wait_until

FILINGS = [
    {
        "filing_id": f"P-{i}",
        "mark_text": mark,
        "nice_class": str(9 + i % 3),
        "filing_date": "2022-03-01",
        "applicant_name": name,
        "applicant_id": app,
    }  # fmt: skip
    for i, (mark, name, app) in enumerate(
        [
            ("冰墩墩", "<script>alert(1)</script>", "H-SCRIPT"),
            ("BING DWEN DWEN", "某某贸易有限公司", "P-A"),
            ("阳光", "另一家有限公司", "P-B"),
            ("华为手机", "第三家有限公司", "P-C"),
            ("谷爱凌", "<script>alert(1)</script>", "H-SCRIPT"),
            ("蓝湾12号", "第四家有限公司", "P-D"),
        ]
    )
]


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as fh:
            out += [int(c) for c in fh.read().split()]
    return out


def _workers(server: Server) -> list[int]:
    """The server's check workers: its live children (a killed worker, not yet reaped, has no command line)."""
    found = []
    for pid in _children(server.proc.pid):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if cmd:  # a forked worker runs the server's own command line
            found.append(pid)
    return found


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve-pool")
    db, _, _ = screened_registry(folder)
    token = add_user(db, "intake", "api")
    return db, token, folder


def _answers(server: Server, token: str, clients: int) -> list[dict]:
    def one(filing: dict) -> dict:
        status, body = server.api("/api/check?lang=en", filing, token)
        assert status == 200, body
        return body

    with ThreadPoolExecutor(clients) as pool:
        return list(pool.map(one, FILINGS * 3))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_workers_answer_as_the_server_does_and_survive_a_dead_worker(registry):
    db, token, folder = registry
    alone_db, pool_db = folder / "alone.db", folder / "pool.db"
    shutil.copyfile(db, alone_db)
    shutil.copyfile(db, pool_db)
    alone = Server(alone_db, "--workers", "1")
    try:
        assert _workers(alone) == []  # --workers 1: checks in the server process
        expected = _answers(alone, token, clients=1)
    finally:
        alone.close()
    assert any(a["flagged"] for a in expected) and any(not a["flagged"] for a in expected)

    server = Server(pool_db, "--workers", "2")
    try:
        workers = _workers(server)
        assert len(workers) == 2
        assert _answers(server, token, clients=4) == expected

        # A bad filing: the worker's InputDataError is the API's 422 with the CLI's field.
        status, body = server.api("/api/check?lang=en", {**FILINGS[0], "filing_date": "2022-13-03"}, token)
        assert status == 422 and body["error"]["field"] == "filing_date"

        os.kill(workers[0], signal.SIGKILL)
        assert wait_until(lambda: workers[0] not in _workers(server))
        assert _answers(server, token, clients=4) == expected  # the other worker, then it alone
        os.kill(workers[1], signal.SIGKILL)
        assert wait_until(lambda: _workers(server) == [])
        assert _answers(server, token, clients=2) == expected  # no worker left: the server answers itself
    finally:
        server.close()


@pytest.mark.parametrize("bad", ["0", "abc", "65"])
def test_a_bad_worker_count_is_refused_before_serving(registry, bad):
    import subprocess

    from serve_harness import ROOT, TMSCREEN

    db, _, _ = registry
    done = subprocess.run(
        [*TMSCREEN, "serve", "--registry", str(db), "--port", "0", "--workers", bad],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert done.returncode == 2
    assert "--workers" in done.stderr and "serving" not in done.stdout
