"""A small hostile input batch for the report tests: flagged applicants whose names are HTML and formula payloads.

`build_hostile_batch(folder)` writes filings.csv and applicants.csv; `screen_hostile(folder, lang)` screens them
through the real CLI and returns the run folder. The single test here checks the batch does what the others
rely on: every hostile applicant is flagged.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

SCRIPT_NAME = "<script>alert(1)</script>"
IMG_NAME = "<img src=x onerror=\"document.title='PWNED';document.documentElement.setAttribute('data-pwned','1')\">"
FORMULA_NAME = '=HYPERLINK("http://x")'
PLUS_NAME = "+cmd|' /C calc'!A0"
HOSTILE = {"H-SCRIPT": SCRIPT_NAME, "H-IMG": IMG_NAME, "H-FORMULA": FORMULA_NAME, "H-PLUS": PLUS_NAME}
OLYMPIC = [
    "冰墩墩",
    "雪容融",
    "冰敦敦",
    "BINGDUNDUN",
    "冬梦",
    "一起向未来",
    "雪容融宝宝",
    "冰墩墩乐园",
    "飞扬",
    "冰丝带",
]
CLUSTER = {"C-1": "北京甲乙商贸有限公司", "C-2": "北京丙丁商贸有限公司", "C-3": "北京戊己商贸有限公司"}
BENIGN_MARKS = ["阳光", "青禾", "蓝湾", "松石", "禾木", "云栖", "山川", "晨曦", "远航", "匠心"]


def _filing_rows() -> list[dict]:
    rows: list[dict] = []
    n = 0

    def add(app_id: str, name: str, mark: str, cls: str, date: str, agent: str = "") -> None:
        nonlocal n
        n += 1
        rows.append(
            {
                "filing_id": f"T{n:05d}",
                "mark_text": mark,
                "nice_class": cls,
                "filing_date": date,
                "applicant_name": name,
                "applicant_id": app_id,
                "agent": agent,
            }
        )

    for k, (app_id, name) in enumerate(HOSTILE.items()):
        for i, mark in enumerate(OLYMPIC):
            add(app_id, name, mark, str(25 + (i % 10)), f"2022-02-{(i + k) % 20 + 1:02d}", "<b>代理</b>")
    for k, (app_id, name) in enumerate(CLUSTER.items()):
        for i, mark in enumerate(OLYMPIC[:6]):
            add(app_id, name, mark + "牌", str(28 + i), f"2022-0{1 + i % 3}-{k + 10:02d}")
    for j in range(30):
        mark = BENIGN_MARKS[j % len(BENIGN_MARKS)] + str(j)
        add(f"B-{j:02d}", f"普通商贸{j}有限公司", mark, str(1 + j % 40), f"2021-0{1 + j % 9}-15")
    return rows


def _applicant_rows() -> list[dict]:
    rows = []
    for app_id, name in HOSTILE.items():
        rows.append({"applicant_id": app_id, "name": name, "phone": "", "address": ""})
    for app_id, name in CLUSTER.items():
        rows.append({"applicant_id": app_id, "name": name, "phone": "010-88886666", "address": "北京市朝阳区某路1号"})
    for j in range(30):
        rows.append(
            {
                "applicant_id": f"B-{j:02d}",
                "name": f"普通商贸{j}有限公司",
                "phone": f"021-5555{j:04d}",
                "address": f"上海市{j}号",
            }
        )
    return rows


def _write(path: Path, rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def build_hostile_batch(folder: Path) -> tuple[Path, Path]:
    """Write filings.csv and applicants.csv into `folder`; returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    return _write(folder / "filings.csv", _filing_rows()), _write(folder / "applicants.csv", _applicant_rows())


def screen_hostile(folder: Path, lang: str = "en", extra: tuple[str, ...] = ()) -> Path:
    """Screen the hostile batch through the CLI into folder/out-<lang>; returns the run folder."""
    from conftest import run_cli

    filings, applicants = build_hostile_batch(folder / "in")
    out = folder / f"out-{lang}"
    code, _, err = run_cli(
        ["screen", filings, "--applicants", applicants, "--out", out, "--lang", lang, "--quiet", *extra]
    )
    assert code == 0, err
    return out


def test_hostile_applicants_are_flagged(tmp_path):
    out = screen_hostile(tmp_path)
    sus = pd.read_csv(out / "suspicious_applicants.csv", dtype=str, keep_default_na=False)
    assert set(HOSTILE) <= set(sus["applicant_id"]), sus[["applicant_id", "score"]]
    assert dict(zip(sus["applicant_id"], sus["applicant_name"]))["H-SCRIPT"] == SCRIPT_NAME
