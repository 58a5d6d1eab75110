"""The intake API of tmscreen serve on a real loopback server: check and check-batch give what `tmscreen screen`
gives on the same filings and registry history; 400/401/403/422 with the CLI's field-level message; the OpenAPI
schema; a bounded concurrent load with no error (latency figures live in benchmarks/bench_serve.py)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

import pandas as pd
import pytest
from serve_harness import TMSCREEN, Client, Server, add_user, screened_registry

FILING = {
    "filing_id": "N-0001",
    "mark_text": "冰墩墩",
    "nice_class": "9",
    "filing_date": "2022-03-01",
    "applicant_name": "<script>alert(1)</script>",
    "applicant_id": "H-SCRIPT",
}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve-api")
    db, _, _ = screened_registry(folder)
    users = {"intake": add_user(db, "intake", "api"), "ann": add_user(db, "ann", "reviewer")}
    pristine = folder / "pristine.db"
    shutil.copyfile(db, pristine)
    server = Server(db)
    yield server, db, pristine, users
    server.close()


def screen_cli(filings: list[dict], registry, folder) -> pd.DataFrame:
    """`tmscreen screen` of `filings` against a copy of the registry; applicant_hits.jsonl as a table."""
    path = folder / "filings.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(filings[0]))
        writer.writeheader()
        writer.writerows(filings)
    copy = folder / "registry-copy.db"
    shutil.copyfile(registry, copy)
    out = folder / "run"
    done = subprocess.run(
        [*TMSCREEN, "screen", str(path), "--registry", str(copy), "--out", str(out), "--lang", "en", "--quiet"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return pd.read_json(out / "applicant_hits.jsonl", lines=True, dtype=False)


def test_check_equals_tmscreen_screen(served, tmp_path):
    server, _, pristine, users = served
    status, answer = server.api("/api/check?lang=en", FILING, users["intake"])
    assert status == 200, answer
    assert answer["filing_id"] == "N-0001" and answer["applicant_id"] == "H-SCRIPT"
    cli = screen_cli([FILING], pristine, tmp_path).set_index("applicant_id").loc["H-SCRIPT"]
    assert answer["score"] == pytest.approx(float(cli["score"]))
    assert answer["level"] == cli["level"] and answer["flagged"] == bool(cli["flagged"])
    assert answer["rule_ids"] == [c["rule_id"] for c in cli["contributions"]][: len(answer["rule_ids"])] or set(
        answer["rule_ids"]
    ) == {c["rule_id"] for c in cli["contributions"] if c.get("points", 1) > 0}
    assert answer["flagged"] and answer["reasons"]


def test_check_batch_answers_each_filing_in_order(served):
    server, _, _, users = served
    filings = [
        FILING,
        {
            **FILING,
            "filing_id": "N-0002",
            "applicant_id": "",
            "applicant_name": "普通贸易有限公司",
            "mark_text": "青松",
        },
        {**FILING, "filing_id": "N-0003", "nice_class": 25},
    ]
    status, body = server.api("/api/check-batch", {"filings": filings}, users["intake"])
    assert status == 200, body
    assert [r["filing_id"] for r in body["results"]] == ["N-0001", "N-0002", "N-0003"]
    assert body["results"][1]["applicant_id"].startswith("AN-") and not body["results"][1]["flagged"]


def test_bad_json_is_400(served):
    server, _, _, users = served
    status, body = server.api("/api/check", None, users["intake"], raw=b'{"filing_id": ')
    assert status == 400 and body["error"]["code"] == "bad_json"
    status, body = server.api("/api/check", [FILING], users["intake"])
    assert status == 400
    status, body = server.api("/api/check-batch", {"filings": []}, users["intake"])
    assert status == 400


def test_contract_breach_is_422_with_the_cli_message(served, tmp_path):
    server, _, _, users = served
    bad = {**FILING, "filing_date": "2022-13-03"}
    status, body = server.api("/api/check?lang=en", bad, users["intake"])
    assert status == 422 and body["error"]["field"] == "filing_date"
    path = tmp_path / "bad.csv"
    pd.DataFrame([bad]).to_csv(path, index=False)
    cli = subprocess.run(
        [*TMSCREEN, "screen", str(path), "--out", str(tmp_path / "o"), "--lang", "en"], capture_output=True, text=True
    )
    assert cli.returncode == 2
    message = body["detail"].split("column 'filing_date': ", 1)[1]
    assert message in cli.stderr
    status, body = server.api(
        "/api/check-batch?lang=en",
        {"filings": [FILING, {**FILING, "filing_id": "N-9", "nice_class": "99"}]},
        users["intake"],
    )
    assert status == 422 and body["error"]["field"] == "nice_class" and body["error"]["row"] == 2
    status, body = server.api("/api/check", {**FILING, "mark_text": {"nested": 1}}, users["intake"])
    assert status == 422 and body["error"]["field"] == "mark_text"
    status, body = server.api("/api/check-batch", {"filings": [FILING] * 1001}, users["intake"])
    assert status == 422 and body["error"]["code"] == "too_many"


def test_no_token_401_wrong_role_403(served):
    server, _, _, users = served
    status, body = server.api("/api/check", FILING, None)
    assert status == 401 and body["error"]["code"] == "no_token"
    status, body = server.api("/api/check", FILING, "tms_not_a_token")
    assert status == 401
    reviewer = Client(server)
    assert reviewer.login("ann", users["ann"]) == 303
    status, _, text = reviewer.go("POST", "/api/check", None, {"Content-Type": "application/json"})
    assert status == 403 and "wrong_role" in text


def test_openapi_schema(served):
    server, _, _, _ = served
    import json

    status, _, data = server.request("GET", "/api/openapi.json")
    schema = json.loads(data)
    assert status == 200 and {"/api/check", "/api/check-batch"} <= set(schema["paths"])
    check = schema["paths"]["/api/check"]["post"]
    assert {"200", "400", "401", "403", "422"} <= set(check["responses"])
    assert "filing_date" in check["requestBody"]["content"]["application/json"]["schema"]["properties"]


def test_bounded_concurrent_load_has_no_error(served):
    server, _, _, users = served

    def one(i: int) -> int:
        return server.api("/api/check", {**FILING, "filing_id": f"L-{i}"}, users["intake"])[0]

    with ThreadPoolExecutor(4) as pool:
        statuses = list(pool.map(one, range(40)))
    assert statuses == [200] * 40
