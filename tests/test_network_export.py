"""`tmscreen network` and network.graphml: a flagged cluster of a real screening run exports and loads back."""

from __future__ import annotations

import json
import re
import subprocess

import networkx as nx
import pandas as pd
import pytest
from conftest import ROOT, run_cli
from graph_batch import company, write_batch

MARKS = ["冰墩墩", "雪容融", "冰墩墩家族", "北京2022", "谷爱凌", "冬奥宝贝"]


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("net")
    chain = [
        company(0, phone="13800000001"),
        company(1, phone="13800000001", legal_representative="陈国栋", contact_person="刘晓燕"),
        company(
            2,
            legal_representative="陈国栋",
            contact_person="刘晓燕",
            email="boss@chain.cn",
            name="杭州市<script>alert(1)</script>科技有限公司",
        ),
        company(3, email="boss@chain.cn"),
    ]
    strangers = [company(10 + i) for i in range(20)]
    filings = []
    for i, a in enumerate(chain):
        for j, mark in enumerate(MARKS[i % 3 : i % 3 + 3]):
            filings.append(
                {
                    "filing_id": f"C{i}-{j}",
                    "mark_text": mark,
                    "nice_class": "28",
                    "filing_date": f"2022-02-0{1 + j}",
                    "applicant_id": a["applicant_id"],
                    "applicant_name": a["name"],
                }
            )
    for i, a in enumerate(strangers):
        filings.append(
            {
                "filing_id": f"S{i}",
                "mark_text": f"自有品牌{i}号",
                "applicant_id": a["applicant_id"],
                "applicant_name": a["name"],
            }
        )
    f, apps = write_batch(folder / "in", chain + strangers, filings)
    out = folder / "out"
    code, _, err = run_cli(["screen", f, "--applicants", apps, "--out", out, "--lang", "en", "--quiet"])
    assert code == 0, err
    clusters = pd.read_csv(out / "clusters.csv", dtype=str)
    assert len(clusters) == 1
    return out, clusters["cluster_id"].iloc[0]


def test_screen_writes_members_filings_and_graphml(run):
    out, cid = run
    members = pd.read_csv(out / "cluster_members.csv", dtype=str)
    assert set(members["applicant_id"]) == {"A0000", "A0001", "A0002", "A0003"}
    assert (members["cluster_id"] == cid).all()
    filings = pd.read_csv(out / "cluster_filings.csv", dtype=str, keep_default_na=False)
    assert len(filings) == 12 and filings["rule_ids"].ne("").any()
    g = nx.read_graphml(out / "network.graphml")
    assert set(g.nodes) == set(members["applicant_id"]) and g.number_of_edges() == 3
    assert {d["link_types"] for _, _, d in g.edges(data=True)} == {
        "phone",
        "contact_person;legal_representative",
        "email",
    }


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_gephi_formats_load_back(run, tmp_path, fmt, reader):
    out, cid = run
    target = tmp_path / f"c.{fmt}"
    code, _stdout, err = run_cli(["network", out, "--cluster", cid, "--format", fmt, "--out", target])
    assert code == 0, err
    g = reader(target)
    assert g.number_of_nodes() == 4 and g.number_of_edges() == 3
    scores = {n: float(d["score"]) for n, d in g.nodes(data=True)}
    assert max(scores.values()) >= 40
    values = " ".join(d["values"] for _, _, d in g.edges(data=True))
    assert "13800000001" in values and "boss@chain.cn" in values


def test_json_is_node_link_with_filings(run, tmp_path):
    out, cid = run
    target = tmp_path / "c.json"
    assert run_cli(["network", out, "--cluster", cid, "--format", "json", "--out", target])[0] == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    g = nx.node_link_graph(data, edges="links")
    assert g.number_of_nodes() == 4
    node = next(n for n in data["nodes"] if n["id"] == "A0000")
    assert [f["mark_text"] for f in node["filings"]] == MARKS[0:3]
    bridges = [(e["source"], e["target"]) for e in data["links"] if e["bridge"]]
    assert bridges == [("A0001", "A0002")]


def test_png_is_written(run, tmp_path):
    out, cid = run
    target = tmp_path / "c.png"
    assert run_cli(["network", out, "--cluster", cid, "--format", "png", "--out", target])[0] == 0
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and target.stat().st_size > 5000


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_png_draws_every_chinese_glyph(run, tmp_path, lang):
    """Chinese names (and zh labels) through the CLI: matplotlib's missing-glyph warning fails the test."""
    import warnings

    from test_pictures import require_cjk_font

    require_cjk_font()
    out, cid = run
    target = tmp_path / "c.png"
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r"Glyph .* missing from font")
        code, _, err = run_cli(["network", out, "--cluster", cid, "--format", "png", "--out", target, "--lang", lang])
    assert code == 0, err
    assert target.stat().st_size > 5000


def test_png_without_cjk_font_is_a_clear_error(run, tmp_path, monkeypatch):
    from graphs import cjk_font

    monkeypatch.setattr(cjk_font, "_default_cjk_font", lambda: None)
    out, cid = run
    target = tmp_path / "c.png"
    code, _, err = run_cli(["network", out, "--cluster", cid, "--format", "png", "--out", target, "--lang", "en"])
    assert code == 1 and "fonts-wqy-microhei" in err and "Traceback" not in err
    assert not target.exists() and not list(tmp_path.glob(".c.png*"))


def test_html_is_offline_and_escapes_names(run, tmp_path):
    out, cid = run
    target = tmp_path / "c.html"
    assert run_cli(["network", out, "--cluster", cid, "--format", "html", "--out", target, "--lang", "zh"])[0] == 0
    html = target.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html and "\\u003cscript\\u003e" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", html) and "@import" not in html
    assert "default-src 'none'" in html


def test_html_opens_in_headless_browser_offline(run, tmp_path):
    """The view renders every member in a real browser, requests nothing but itself, and runs no payload."""
    import os

    from test_report_cdp import Browser, chromium_path

    chromium = chromium_path()
    if chromium is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing in CI (.ci/run installs it)")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    out, cid = run
    target = tmp_path / "c.html"
    assert run_cli(["network", out, "--cluster", cid, "--format", "html", "--out", target, "--lang", "en"])[0] == 0
    browser = Browser(chromium, tmp_path / "profile")
    try:
        page = browser.page()
        page.navigate(target.as_uri())
        assert page.wait_for("document.querySelectorAll('#net circle').length") == 4
        rows = page.evaluate("Array.from(document.querySelectorAll('#members tbody tr')).map(r => r.dataset.id)")
        assert sorted(rows) == ["A0000", "A0001", "A0002", "A0003"]
        page.evaluate("document.querySelector('#members tbody tr[data-id=\"A0002\"]').click()")
        detail = page.evaluate("document.getElementById('detail').textContent")
        assert (
            "<script>alert(1)</script>" in detail and "冰墩墩" in detail
        )  # the name as text, its filings one click away
        assert page.evaluate("document.scripts.length") == 2 and page.dialogs == []
        others = [
            u for u in page.requests if u.split("#")[0] != target.as_uri() and not u.startswith(("data:", "about:"))
        ]
        assert others == [] and page.exceptions == []
        page.screenshot(ROOT / "test-artifacts" / "network.png")
    finally:
        browser.close()


def test_unknown_cluster_and_missing_run_are_input_errors(run, tmp_path):
    out, _ = run
    code, _, err = run_cli(["network", out, "--cluster", "C-nope", "--format", "json"])
    assert code == 2 and "C-nope" in err and "clusters.csv" in err and "Traceback" not in err
    code, _, err = run_cli(["network", tmp_path, "--cluster", "C-x"])
    assert code == 2 and "run.json" in err
    assert not list(out.glob(".C-nope*"))


def test_python_dash_m_lists_the_network_command():
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "detector", "network", "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "--cluster" in done.stdout


@pytest.fixture(scope="module")
def ring_run(tmp_path_factory):
    """Six applicants tied in a ring by phones and e-mails: a cluster big enough for the spring layout."""
    folder = tmp_path_factory.mktemp("ring")
    apps = [company(i) for i in range(6)]
    for i in range(6):
        j = (i + 1) % 6
        if i % 2 == 0:
            apps[j]["phone"] = apps[i]["phone"]
        else:
            apps[j]["email"] = apps[i]["email"]
    filings = [
        {
            "filing_id": f"R{i}-{k}",
            "mark_text": MARKS[(i + k) % 6],
            "applicant_id": a["applicant_id"],
            "applicant_name": a["name"],
            "filing_date": f"2022-02-0{1 + k}",
        }
        for i, a in enumerate(apps)
        for k in range(1 + i % 3)
    ]
    f, a = write_batch(folder / "in", apps, filings)
    out = folder / "out"
    code, _, err = run_cli(["screen", f, "--applicants", a, "--out", out, "--lang", "en", "--quiet"])
    assert code == 0, err
    clusters = pd.read_csv(out / "clusters.csv", dtype=str)
    assert clusters["n_members"].tolist() == ["6"]
    return out, clusters["cluster_id"].iloc[0]


def report_positions(out, cid) -> dict:
    html = (out / "report.html").read_text(encoding="utf-8")
    raw = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html, re.S).group(1)

    def walk(o):
        if isinstance(o, dict):
            if o.get("cluster_id") == cid and "pos" in o:
                yield o["pos"]
            for v in o.values():
                yield from walk(v)
        elif isinstance(o, list):
            for v in o:
                yield from walk(v)

    return next(walk(json.loads(raw)))


def test_network_export_draws_the_cluster_as_report_html_does(ring_run, tmp_path):
    """One layout (graphs.layout): the JSON/HTML/PNG export of a cluster puts every member where report.html does."""
    from graphs.export import VIEW_SIZE

    out, cid = ring_run
    pos = report_positions(out, cid)
    assert len(pos) == 6 and len({tuple(p) for p in pos.values()}) == 6
    target = tmp_path / "c.json"
    assert run_cli(["network", out, "--cluster", cid, "--format", "json", "--out", target])[0] == 0
    nodes = json.loads(target.read_text(encoding="utf-8"))["nodes"]
    back = {
        n["id"]: [round((n["x"] - 20) / (VIEW_SIZE - 40), 3), round((n["y"] - 20) / (VIEW_SIZE - 40), 3)] for n in nodes
    }
    assert back == pos


def test_cluster_layout_is_stable_and_in_the_unit_square():
    from graphs.layout import cluster_layout

    assert cluster_layout([], []) == {} and cluster_layout(["a"], []) == {"a": [0.5, 0.5]}
    square = cluster_layout(["a", "b", "c", "d"], [("a", "b", 0.9)])
    assert square == {"a": [0.5, 1.0], "b": [0.0, 0.5], "c": [0.5, 0.0], "d": [1.0, 0.5]}  # a polygon up to four
    nodes = [f"n{i}" for i in range(12)]
    edges = [(nodes[i], nodes[(i + 1) % 12], 0.9) for i in range(12)] + [("n0", "n6", 0.01)]
    first = cluster_layout(nodes, edges)
    assert first == cluster_layout(nodes, list(reversed(edges)))
    xy = [v for p in first.values() for v in p]
    assert min(xy) == 0.0 and max(xy) == 1.0 and all(v == round(v, 3) for v in xy)
