"""report.html without a browser: self-contained, no network reference, input strings never appear as markup."""

from __future__ import annotations

import html
import json
import re

import pytest
from test_report_batch import HOSTILE, IMG_NAME, SCRIPT_NAME, screen_hostile

from detector.report.html_report import asset, csp_hash, embed_json

NETWORK_APIS = (
    r"\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts|Worker|SharedWorker|RTCPeerConnection"
    r"|open)\s*\("
)
MARKUP_SINKS = (
    r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\s*\(|new Function|setTimeout\s*\(\s*['\"]"
)


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = screen_hostile(tmp_path_factory.mktemp("html"), "en")
    return (out / "report.html").read_text(encoding="utf-8")


def _data(report: str) -> dict:
    m = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', report, re.DOTALL)
    return json.loads(m.group(1))


def test_one_file_no_network_reference(report):
    assert not re.search(r"""(src|href|action|poster|data)\s*=\s*["']?\s*(https?:|//|ftp:)""", report, re.IGNORECASE)
    assert "@import" not in report and "url(" not in asset("report.css")
    assert "<link" not in report and "<iframe" not in report
    js = asset("report.js")
    assert not re.search(NETWORK_APIS, js), re.search(NETWORK_APIS, js)
    assert not re.search(MARKUP_SINKS, js), re.search(MARKUP_SINKS, js)
    assert report.count("<script") == 2 and report.count("</script>") == 2


def test_csp_forbids_the_network_and_pins_the_inline_code(report):
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', report)
    assert m, "no CSP meta"
    csp = html.unescape(m.group(1))
    assert "default-src 'none'" in csp and "connect-src 'none'" in csp and "img-src data:" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert csp_hash(asset("report.js")) in csp and csp_hash(asset("report.css")) in csp
    assert report.index("Content-Security-Policy") < report.index("<script") and report.index(
        "Content-Security-Policy"
    ) < report.index("<style")


def test_input_strings_are_escaped_in_the_data_block(report):
    for name in HOSTILE.values():
        if "<" in name:
            assert name not in report
    block = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', report, re.DOTALL).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    names = {a["applicant_id"]: a["applicant_name"] for a in _data(report)["applicants"]}
    assert names["H-SCRIPT"] == SCRIPT_NAME and names["H-IMG"] == IMG_NAME


def test_embed_json_escapes_everything_that_could_close_the_block():
    hostile = "</script><script>alert(1)</script><!-- & \u2028 {{JS}}"
    text = embed_json({"x": hostile})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": hostile}


def test_report_carries_summary_details_and_clusters(report):
    data = _data(report)
    assert data["lang"] == "en" and data["labels"]["title"] == "Bad-faith trademark screening report"
    run = data["run"]
    assert run["counts"]["flagged"] == len(data["applicants"]) and run["rulesets"] and len(run["ruleset_sha256"]) == 64
    assert sum(run["levels"].values()) == run["counts"]["flagged"]
    assert {i["role"] for i in run["inputs"]} == {"filings", "applicants"}
    detail = data["details"]["H-SCRIPT"]
    assert detail["n_filings"] == 10 and len(detail["filings"]) == 10
    assert sum(n for _, n in detail["per_class"]) == 10 and sum(n for _, n in detail["per_month"]) == 10
    c = detail["contributions"][0]
    assert c["rule_id"] in data["rules"] and data["rules"][c["rule_id"]]["legal_basis"]
    assert c["evidence"] and c["trace"] and c["reason"]
    for cluster in data["clusters"]["items"]:
        assert set(cluster["pos"]) == {m["id"] for m in cluster["members"][: cluster["shown"]]}
        assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in cluster["pos"].values())


def test_zh_report_is_chinese(tmp_path):
    out = screen_hostile(tmp_path, "zh")
    text = (out / "report.html").read_text(encoding="utf-8")
    data = _data(text)
    assert data["labels"]["nav_clusters"] == "关联集群"
    assert "<title>商标恶意注册筛查报告</title>" in text and 'lang="zh-CN"' in text
    assert all("件申请" in a["reasons"] for a in data["applicants"] if "PUB-002" in a["rule_ids"])


def test_plain_report_scalars():
    """report_data.plain: texts as they are (a long one cut at MAX_EVIDENCE_CHARS with an ellipsis), numpy numbers as
    Python numbers, floats to 4 decimals, missing values as None, a text subclass as its text."""
    import numpy as np
    import pandas as pd

    from detector.report.report_data import MAX_EVIDENCE_CHARS, plain

    long = "商" * (MAX_EVIDENCE_CHARS + 5)
    assert plain("小米") == "小米" and plain("") == ""
    assert plain(long) == "商" * MAX_EVIDENCE_CHARS + "…"
    assert plain(np.str_(long)) == "商" * MAX_EVIDENCE_CHARS + "…"
    assert plain(np.float64(0.123456)) == 0.1235 and plain(np.int64(7)) == 7 and plain(np.bool_(True)) is True
    assert [plain(v) for v in (None, float("nan"), pd.NA, pd.NaT)] == [None] * 4
