"""The cluster page and cluster decisions of tmscreen serve, over the real server, with real headless Chromium.

The batch: 30 firms in one linked cluster (a chain of shared phones and e-mail addresses, 0571-8000000 shared by
N-00/N-01, ip@hz1trade.com by N-01/N-02, ...), each filing 2 to 26 Olympic marks, so all are flagged with scores
from 70 to 84.5 and filings from 2 to 26. On the page: members coloured by score on a scale and sized by filings,
edges labelled with the link type (in the page's language) and the shared value, no label over another label or
another member, every label of the page in the visitor's language, times as YYYY-MM-DD HH:MM. Then the bulk
decision (every member's status history gets it, with reviewer and reason), "needs more information" shown as such
in the status history, and an auditor who cannot decide.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
from pathlib import Path
from urllib.parse import urlparse

import pytest
import test_report_cdp
from serve_harness import ROOT, TMSCREEN, Client, Server, add_user
from test_report_batch import OLYMPIC
from test_report_cdp import Browser, chromium_path

from detector.registry import open_registry

CHROMIUM = chromium_path()
CITIES = ["北京", "上海", "广州", "深圳", "杭州", "南京", "成都", "武汉", "西安", "厦门"]
WORDS = [
    "嘉禾",
    "盛源",
    "恒瑞",
    "鼎新",
    "华兴",
    "瑞丰",
    "锦程",
    "宏达",
    "永泰",
    "德隆",
    "星辰",
    "海纳",
    "天成",
    "博远",
    "金鹏",
]
MEMBERS = 30
TIME = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d$")


def _write(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def build_chain_cluster(folder: Path, n: int = MEMBERS) -> tuple[Path, Path]:
    """filings.csv and applicants.csv of `n` firms linked in a chain (see the module's docstring)."""
    filings, applicants = [], []
    for i in range(n):
        app_id, name = f"N-{i:02d}", f"{CITIES[i % 10]}市{WORDS[i % 15]}{'商贸' if i % 2 else '科技'}有限公司"
        applicants.append(
            {
                "applicant_id": app_id,
                "name": name,
                "phone": f"0571-8{i // 2:06d}",
                "email": f"ip@hz{(i + 1) // 2}trade.com",
                "address": f"浙江省杭州市某区{i % 10}号",
            }
        )
        for j in range(2 + (i % 7) * 4):
            filings.append(
                {
                    "filing_id": f"N{len(filings) + 1:05d}",
                    "mark_text": OLYMPIC[(i + j) % 10],
                    "nice_class": str(1 + (i * 3 + j) % 45),
                    "filing_date": f"2023-0{1 + j % 9}-{1 + i % 28:02d}",
                    "applicant_name": name,
                    "applicant_id": app_id,
                    "agent": "",
                }
            )
    folder.mkdir(parents=True, exist_ok=True)
    return _write(folder / "filings.csv", filings), _write(folder / "applicants.csv", applicants)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve-cluster")
    filings, applicants = build_chain_cluster(folder / "in")
    db = folder / "registry.db"
    done = subprocess.run(
        [*TMSCREEN, "screen", str(filings), "--applicants", str(applicants), "--registry", str(db)]
        + ["--out", str(folder / "run"), "--lang", "en", "--quiet"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    with open_registry(db, create=False) as registry:
        entries = registry.entries(None)
    clusters = set(entries["cluster_id"])
    assert len(entries) == MEMBERS and len(clusters) == 1, entries[["applicant_id", "cluster_id", "score"]]
    users = {"ann": add_user(db, "ann", "reviewer"), "aud": add_user(db, "aud", "auditor")}
    server = Server(db)
    yield server, db, users, clusters.pop()
    server.close()


@pytest.fixture(scope="module")
def page(served, tmp_path_factory):
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed")
        pytest.skip("chromium is not installed (apt-get install chromium); CI installs it")
    server, _, users, _ = served
    flags = test_report_cdp.CHROMIUM_FLAGS  # this Chromium reaches the server on 127.0.0.1 and nothing else
    saved = list(flags)
    flags[flags.index("--host-resolver-rules=MAP * ~NOTFOUND")] = (
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
    )
    flags.append("--proxy-bypass-list=127.0.0.1")
    try:
        browser = Browser(CHROMIUM, tmp_path_factory.mktemp("profile"))
    finally:
        flags[:] = saved
    tab = browser.page()
    tab.navigate(server.url + "/login")
    tab.evaluate("document.querySelector('#name').value = 'aud'")
    tab.evaluate(f"document.querySelector('#password').value = {users['aud']!r}")
    tab.evaluate("document.querySelector('#login-form').submit()")
    tab.wait_for("location.pathname === '/queue'")
    yield tab
    tab.close()
    browser.close()


# Two boxes overlap when they share more than a pixel (getBoundingClientRect of the placed labels and members).
OVERLAPS = """(() => {
  const box = e => e.getBoundingClientRect();
  const labels = Array.from(document.querySelectorAll('#network text.name, #network text.edge'));
  const circles = Array.from(document.querySelectorAll('#network circle.node'));
  const hit = (a, b) => a.left + 1 < b.right && b.left + 1 < a.right && a.top + 1 < b.bottom && b.top + 1 < a.bottom;
  const out = [];
  labels.forEach((a, i) => {
    labels.slice(i + 1).forEach(b => { if (hit(box(a), box(b))) out.push([a.textContent, b.textContent]); });
    circles.forEach(c => { if (hit(box(a), box(c))) out.push([a.textContent, c.dataset.id]); });
  });
  return out;
})()"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cluster_network_in_chromium(served, page, lang):
    server, db, _, cluster_id = served
    page.navigate(f"{server.url}/lang/{lang}?next=/cluster/{cluster_id}")
    page.wait_for(f"document.querySelectorAll('#network circle.node').length === {MEMBERS}")
    nodes = page.evaluate(
        "Array.from(document.querySelectorAll('#network circle.node'))"
        ".map(c => [c.dataset.id, c.getAttribute('fill'), Number(c.getAttribute('r'))])"
    )
    with open_registry(db, create=False) as registry:
        entries = registry.entries(None).set_index("applicant_id")
    scores = {i: float(entries.loc[i, "score"]) for i, _, _ in nodes}
    fills = {i: f for i, f, _ in nodes}
    # a scale, not one colour: as many colours as scores, a higher score always darker (lower luminance)
    assert len(set(fills.values())) == len(set(scores.values())) >= 3

    def luminance(colour: str) -> float:
        r, g, b = (int(colour[k : k + 2], 16) for k in (1, 3, 5))
        return 0.299 * r + 0.587 * g + 0.114 * b

    ranked = sorted(scores, key=scores.get)
    assert all(luminance(fills[a]) >= luminance(fills[b]) for a, b in zip(ranked, ranked[1:]) if scores[a] < scores[b])
    radii = sorted({r for _, _, r in nodes})
    assert len(radii) >= 3  # sized by filings (2 to 26)

    assert page.evaluate(OVERLAPS) == []
    names = page.evaluate("Array.from(document.querySelectorAll('#network text.name')).map(t => t.dataset.for)")
    assert len(names) >= 0.8 * MEMBERS, names
    edge_labels = page.evaluate("Array.from(document.querySelectorAll('#network text.edge')).map(t => t.textContent)")
    phone, email = {"zh": ("电话", "邮箱"), "en": ("phone", "e-mail")}[lang]
    assert any(t.startswith(f"{phone} 0571") for t in edge_labels), edge_labels
    assert any(t.startswith(f"{email} ip@hz") for t in edge_labels), edge_labels
    # a click on a link shows both ends, its type and its value in the side panel
    page.evaluate("document.querySelector('#network line').dispatchEvent(new MouseEvent('click'))")
    assert phone in page.evaluate("document.querySelector('#detail').textContent") or email in page.evaluate(
        "document.querySelector('#detail').textContent"
    )

    statuses = page.evaluate(
        "Array.from(document.querySelectorAll('#members-table td.status')).map(t => t.textContent)"
    )
    assert set(statuses) == {"疑似" if lang == "zh" else "suspected"}

    page.navigate(f"{server.url}/queue")
    page.wait_for("document.querySelector('#queue-table') !== null")
    cells = page.evaluate(
        "Array.from(document.querySelectorAll('#queue-table tbody tr')).map(r => "
        "Array.from(r.querySelectorAll('td')).map(td => td.textContent.trim()))"
    )
    status, level, category, seen = {c[2] for c in cells}, {c[3] for c in cells}, {c[7] for c in cells}, cells[0][9]
    assert status == {"疑似" if lang == "zh" else "suspected"} and level == {"高" if lang == "zh" else "high"}
    words = {"zh": {"关联集群", "公共利益", "囤积"}, "en": {"Linked cluster", "Public interest", "Hoarding"}}[lang]
    found = {w for cell in category for w in re.split("、|, ", cell)}
    assert {"关联集群", "公共利益"} <= found if lang == "zh" else {"Linked cluster", "Public interest"} <= found
    assert found <= words, found
    assert TIME.match(seen), seen
    assert page.evaluate("document.querySelector('#cluster-table td.status').textContent") == status.pop()
    hosts = {urlparse(u).hostname for u in page.requests if u.startswith("http")}
    assert hosts == {"127.0.0.1"} and not page.exceptions, (page.requests, page.exceptions)


def test_auditor_cannot_decide_for_a_cluster(served):
    server, db, users, cluster_id = served
    c = Client(server)
    assert c.login("aud", users["aud"]) == 303
    status, _, html = c.go("GET", f"/cluster/{cluster_id}")
    assert status == 200 and 'id="decide-form"' not in html and "Auditors read only" not in html  # zh by default
    assert "审计员只读" in html
    token = c.csrf(f"/cluster/{cluster_id}")
    status, _, html = c.go(
        "POST", f"/cluster/{cluster_id}/decide", {"csrf_token": token, "decision": "confirm", "reason": "x"}
    )
    assert status == 403 and "审计员只读" in html
    with open_registry(db, create=False) as registry:
        assert set(registry.entries(None)["status"]) == {"suspected"}


def _last_decisions(db: Path) -> set[tuple[str, str, str, str]]:
    with open_registry(db, create=False) as registry:
        ids = registry.entries(None)["applicant_id"].tolist()
        rows = [registry.entry(i)["history"].iloc[-1] for i in ids]
    return {(r["status"], r["kind"], r["decided_by"], r["reason"]) for r in rows}


def test_bulk_decision_and_needs_more_information(served):
    server, db, users, cluster_id = served
    c = Client(server)
    assert c.login("ann", users["ann"]) == 303
    token = c.csrf(f"/cluster/{cluster_id}")
    form = {"csrf_token": token, "decision": "more_info", "reason": "ask for the licences"}
    status, headers, _ = c.go("POST", f"/cluster/{cluster_id}/decide?lang=en", form)
    assert status == 303 and headers["location"].endswith(f"?done={MEMBERS}")
    (last,) = _last_decisions(db)  # every member, the same decision
    assert last[0] == "suspected" and last[2] == "ann" and last[3] == "needs more information: ask for the licences"
    for lang, word in (("zh", "需补充材料"), ("en", "needs more information")):
        _, _, html = c.go("GET", f"/applicant/N-07?lang={lang}")
        row = re.findall(r'<tr data-status="([^"]+)"><td>([^<]*)</td><td class="status">([^<]*)</td>', html)[-1]
        assert row[0] == "more_info" and row[2] == word and TIME.match(row[1]), row
        assert "<td>ask for the licences</td>" in html

    token = c.csrf(f"/cluster/{cluster_id}")
    form = {"csrf_token": token, "decision": "confirm", "reason": "one ring: shared phones and e-mails, case 2024-17"}
    status, _, html = c.go("POST", f"/cluster/{cluster_id}/decide", form)
    assert status == 303
    (last,) = _last_decisions(db)
    assert last == ("confirmed", last[1], "ann", "one ring: shared phones and e-mails, case 2024-17") and last[1]
    labels = db.parent / "labels.csv"
    out = subprocess.run(
        [*TMSCREEN, "registry", "labels", "--registry", str(db), "--out", str(labels)], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    lines = labels.read_text(encoding="utf-8").splitlines()
    assert sum(1 for line in lines if re.match(r"N-\d\d,1\b", line)) == MEMBERS, lines
