"""Packaging: every package is listed in setup.cfg, and a built wheel ships the default rules as package data."""

from __future__ import annotations

import configparser
import subprocess
import sys
import zipfile

from conftest import ROOT


def _listed_packages() -> set[str]:
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    return {p.strip() for p in cfg["options"]["packages"].split() if p.strip()}


def test_every_package_is_listed():
    found = set()
    for top in ("detector", "graphs"):
        for init in (ROOT / top).rglob("__init__.py"):
            found.add(".".join(init.parent.relative_to(ROOT).parts))
    assert found <= _listed_packages(), sorted(found - _listed_packages())


def test_wheel_ships_rules(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    wheel = next(tmp_path.glob("tmscreen-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n.split("detector/bundled_rules/", 1)[1] for n in names if n.startswith("detector/bundled_rules/")}
    expected = {p.relative_to(ROOT / "rules").as_posix() for p in (ROOT / "rules").rglob("*.yaml")}
    assert expected <= shipped
    assert any(n.endswith("entry_points.txt") for n in names)


def test_wheel_ships_every_data_file(tmp_path):
    """Templates, scripts and tables beside the code (report assets, graph view, normalization data) are in the
    wheel."""
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    names = set(zipfile.ZipFile(next(tmp_path.glob("tmscreen-*.whl"))).namelist())
    data = [
        p
        for top in ("detector", "graphs")
        for p in (ROOT / top).rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc")
    ]
    data = [p for p in data if "__pycache__" not in p.parts]
    assert data, "expected data files beside the code"
    missing = [p.relative_to(ROOT).as_posix() for p in data if p.relative_to(ROOT).as_posix() not in names]
    assert not missing, missing
