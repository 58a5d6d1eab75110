"""A run allocates pyarrow memory from jemalloc where pyarrow has it (detector/arrow_pool.py), and puts the
previous pool back after; a pool the user chose (ARROW_DEFAULT_MEMORY_POOL) stands."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

import detector.pipeline.run as run_module
from detector import arrow_pool
from detector.pipeline.run import screen

DEMO = Path(__file__).resolve().parents[1] / "fixtures" / "demo"


def _has_jemalloc() -> bool:
    try:
        pa.jemalloc_memory_pool()
    except NotImplementedError:
        return False
    return True


needs_jemalloc = pytest.mark.skipif(not _has_jemalloc(), reason="this pyarrow build has no jemalloc")


@needs_jemalloc
def test_the_block_allocates_from_jemalloc_and_restores_the_pool(monkeypatch):
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    before = pa.default_memory_pool().backend_name
    with arrow_pool.returning():
        assert pa.default_memory_pool().backend_name == "jemalloc"
        kept = pa.array(["甲", "乙"] * 1000)  # made inside, freed after the block: back to its own pool
    assert pa.default_memory_pool().backend_name == before
    assert kept.to_pylist()[:2] == ["甲", "乙"]
    del kept


@needs_jemalloc
def test_the_pool_is_restored_when_the_block_raises(monkeypatch):
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    before = pa.default_memory_pool().backend_name
    with pytest.raises(RuntimeError), arrow_pool.returning():
        raise RuntimeError("boom")
    assert pa.default_memory_pool().backend_name == before


def test_a_chosen_pool_stands(monkeypatch):
    monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "system")
    before = pa.default_memory_pool().backend_name
    with arrow_pool.returning():
        assert pa.default_memory_pool().backend_name == before


@needs_jemalloc
def test_a_screening_runs_on_jemalloc(monkeypatch):
    monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL", raising=False)
    seen: list[str] = []
    real = run_module.run_plan

    def spy(s):
        seen.append(pa.default_memory_pool().backend_name)
        return real(s)

    monkeypatch.setattr(run_module, "run_plan", spy)
    before = pa.default_memory_pool().backend_name
    screen(DEMO / "filings.csv", DEMO / "applicants.csv", DEMO / "register.csv", lang="en", jobs=1)
    assert seen == ["jemalloc"] and pa.default_memory_pool().backend_name == before
