"""Regenerate docs/serve-queue.png and docs/serve-cluster.png (README, "Review and intake") from a realistic registry.

The demo batch (fixtures/demo) is split by filing year into three batches and screened one after another into a
fresh SQLite registry with `tmscreen screen --registry`, as an office would screen its monthly intake. A reviewer
then records a few decisions through the workspace's own forms (confirm, clear, needs more information), and real
headless Chromium (the test suite's DevTools driver, tests/test_report_cdp.py) logs in and captures the queue and
the cluster page of the registry's largest cluster, in Chinese (the workspace's default language).

    .venv/bin/python docs/make_serve_screenshots.py [--out docs] [--work DIR] [--lang zh|en]

`make docs-screenshots` runs it. It takes a few minutes (three screenings of 1,100-1,450 filings each).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import test_report_cdp  # noqa: E402 - the suite's helpers, found through the path above
from serve_harness import TMSCREEN, Client, Server, add_user  # noqa: E402
from test_report_cdp import Browser, chromium_path  # noqa: E402

DEMO = ROOT / "fixtures" / "demo"
BATCHES = {"2017-2020": ("0000", "2020"), "2021-2022": ("2021", "2022"), "2023-2024": ("2023", "9999")}
REVIEWER = "wang.li"


def split_demo(work: Path) -> list[Path]:
    """The demo filings as three CSV batches by filing year (oldest first)."""
    filings = pd.read_csv(DEMO / "filings.csv", dtype=str, keep_default_na=False)
    year = filings["filing_date"].str[:4]
    out = []
    for name, (lo, hi) in BATCHES.items():
        path = work / f"filings-{name}.csv"
        filings[(year >= lo) & (year <= hi)].to_csv(path, index=False)
        out.append(path)
    return out


def screen_into(registry: Path, batches: list[Path], work: Path) -> None:
    for path in batches:
        subprocess.run(
            [
                *TMSCREEN,
                "screen",
                str(path),
                "--applicants",
                str(DEMO / "applicants.csv"),
                "--register",
                str(DEMO / "register.csv"),
                "--registry",
                str(registry),
                "--out",
                str(work / f"out-{path.stem}"),
                "--quiet",
            ],
            check=True,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )


def largest_cluster(registry: Path) -> str:
    """The cluster with the most listed members (best score, then id, breaks ties)."""
    from detector.registry import open_registry

    with open_registry(registry, create=False) as reg:
        entries = reg.entries(None)
    listed = entries[entries["cluster_id"].fillna("") != ""]
    sizes = listed.groupby("cluster_id").agg(n=("applicant_id", "size"), best=("score", "max")).reset_index()
    return str(sizes.sort_values(["n", "best", "cluster_id"], ascending=[False, False, True]).iloc[0]["cluster_id"])


def record_decisions(server: Server, password: str, registry: Path, cluster_id: str) -> None:
    """Three decisions through the workspace's forms, as a reviewer would record them."""
    from detector.registry import open_registry

    with open_registry(registry, create=False) as reg:
        entries = reg.entries(None)
    in_cluster = entries[entries["cluster_id"] == cluster_id]["applicant_id"].tolist()
    alone = entries[entries["cluster_id"].fillna("") == ""]["applicant_id"].tolist()
    client = Client(server)
    client.login(REVIEWER, password)
    decisions = [
        (in_cluster[0], "confirm", "与集群其他成员共用电话和邮箱，批量申请他人知名商标，已立案（案卷 2024-0173）"),
        (alone[0], "confirm", "在多个类别申请奥运会相关标志，违反《商标法》第十条"),
        (alone[-1], "clear", "申请人为商标权利人的授权经销商，已核实授权书"),
        (alone[1], "more_info", "请申请人说明与在先商标权利人的关系并提供使用证据"),
    ]
    for applicant_id, decision, reason in decisions:
        path = f"/applicant/{applicant_id}"
        token = client.csrf(path)
        status, _, _ = client.go(
            "POST", f"{path}/decide", {"csrf_token": token, "decision": decision, "reason": reason}
        )
        assert status == 303, (applicant_id, status)


def capture(server: Server, password: str, cluster_id: str, out: Path, lang: str, profile: Path) -> None:
    flags = test_report_cdp.CHROMIUM_FLAGS  # the suite's Chromium reaches nothing; this one reaches 127.0.0.1 only
    saved = list(flags)
    flags[flags.index("--host-resolver-rules=MAP * ~NOTFOUND")] = (
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
    )
    flags.append("--proxy-bypass-list=127.0.0.1")
    try:
        browser = Browser(chromium_path(), profile)
    finally:
        flags[:] = saved
    page = browser.page()
    try:
        page.navigate(f"{server.url}/lang/{lang}?next=/queue")
        page.wait_for("document.querySelector('#login-form') !== null")
        page.evaluate(f"document.querySelector('#name').value = {REVIEWER!r}")
        page.evaluate(f"document.querySelector('#password').value = {password!r}")
        page.evaluate("document.querySelector('#login-form').submit()")
        page.wait_for("location.pathname === '/queue' && document.querySelector('#queue-table') !== null")
        page.screenshot(out / "serve-queue.png", 1400, 900)
        page.navigate(f"{server.url}/cluster/{cluster_id}")
        page.wait_for("document.querySelectorAll('#network circle.node').length > 0")
        page.evaluate("document.querySelector('#network circle.node').dispatchEvent(new MouseEvent('click'))")
        page.screenshot(out / "serve-cluster.png", 1400, 1000)
        assert not page.exceptions, page.exceptions
    finally:
        page.close()
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs", help="folder of the PNGs (default: docs)")
    parser.add_argument("--work", type=Path, help="keep the registry and runs here (default: a temporary folder)")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh", help="the workspace's language (default zh)")
    args = parser.parse_args(argv)
    if chromium_path() is None:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="serve-shots-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        registry = work / "registry.db"
        if registry.exists():
            registry.unlink()
        screen_into(registry, split_demo(work), work)
        password = add_user(registry, REVIEWER, "reviewer")
        cluster_id = largest_cluster(registry)
        server = Server(registry)
        try:
            record_decisions(server, password, registry, cluster_id)
            capture(server, password, cluster_id, args.out, args.lang, Path(tmp) / "profile")
        finally:
            server.close()
    print(f"wrote {args.out / 'serve-queue.png'} and {args.out / 'serve-cluster.png'} (cluster {cluster_id})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
