"""tmscreen serve over both registry backends: a SQLite file and a real PostgreSQL 15 server (tests/pg_server.py
starts a throwaway cluster, or TMSCREEN_TEST_PG_URL names one), parametrised like tests/test_registry_store.py.

The hostile batch (tests/test_report_batch.py) is screened into the registry with `tmscreen screen --registry URL`;
`tmscreen serve --registry URL` then answers an intake check (the batch's history makes H-SCRIPT a repeat filer of
Olympic marks), lists the queue, records a bulk decision for the three-firm cluster C-1/C-2/C-3 and a "needs more
information" on one applicant; both are read back from the registry through the public API (open_registry)."""

from __future__ import annotations

import re
import subprocess

from pg_server import pg_admin_url_fixture, pg_database_fixture, registry_url_fixture  # noqa: F401
from serve_harness import ROOT, TMSCREEN, Client, Server, add_user
from test_report_batch import build_hostile_batch

from detector.registry import open_registry

FILING = {
    "filing_id": "N-0001",
    "mark_text": "冰墩墩",
    "nice_class": "9",
    "filing_date": "2022-03-01",
    "applicant_name": "<script>alert(1)</script>",
    "applicant_id": "H-SCRIPT",
}


def test_serve_on_the_registry_backend(registry_url, tmp_path):
    filings, applicants = build_hostile_batch(tmp_path / "in")
    done = subprocess.run(
        [*TMSCREEN, "screen", str(filings), "--applicants", str(applicants), "--registry", registry_url]
        + ["--out", str(tmp_path / "run"), "--lang", "en", "--quiet"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    users = {"ann": add_user(registry_url, "ann", "reviewer"), "intake": add_user(registry_url, "intake", "api")}
    with open_registry(registry_url, create=False) as registry:
        entries = registry.entries(None).set_index("applicant_id")
    cluster_id = entries.loc["C-1", "cluster_id"]
    members = sorted(entries.index[entries["cluster_id"] == cluster_id])
    assert members == ["C-1", "C-2", "C-3"]

    server = Server(registry_url)
    try:
        status, answer = server.api("/api/check?lang=en", FILING, users["intake"])
        assert status == 200 and answer["flagged"] and answer["applicant_id"] == "H-SCRIPT", answer

        c = Client(server)
        assert c.login("ann", users["ann"]) == 303
        status, _, html = c.go("GET", "/queue?lang=en")
        assert status == 200 and {"H-SCRIPT", "C-1"} <= set(re.findall(r'data-applicant="([^"]+)"', html))

        token = c.csrf(f"/cluster/{cluster_id}")
        status, _, html = c.go(
            "POST",
            f"/cluster/{cluster_id}/decide",
            {"csrf_token": token, "decision": "confirm", "reason": "三家公司共用电话和地址，批量申请奥运标志"},
        )
        assert status == 303
        token = c.csrf("/applicant/H-PLUS")
        status, _, _ = c.go(
            "POST", "/applicant/H-PLUS/decide", {"csrf_token": token, "decision": "more_info", "reason": "补充授权"}
        )
        assert status == 303
        _, _, html = c.go("GET", "/applicant/H-PLUS")
        assert '<td class="status">需补充材料</td>' in html and "<td>补充授权</td>" in html
    finally:
        server.close()

    with open_registry(registry_url, create=False) as registry:
        for applicant_id in members:
            last = registry.entry(applicant_id)["history"].iloc[-1]
            assert (last["status"], last["decided_by"], last["reason"]) == (
                "confirmed",
                "ann",
                "三家公司共用电话和地址，批量申请奥运标志",
            )
        last = registry.entry("H-PLUS")["history"].iloc[-1]
        assert (last["status"], last["decided_by"], last["reason"]) == ("suspected", "ann", "需补充材料: 补充授权")
