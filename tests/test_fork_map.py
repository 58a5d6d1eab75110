"""fork_map runs numbered tasks in forked processes with the parent's state; normalization in parallel gives the
same canonical texts as in one process."""

from __future__ import annotations

import os

import numpy as np
import pytest

import detector.batch as batch_module
from detector.engines.fork_map import fork_map
from detector.errors import TmscreenError
from detector.normalize import canonical


def test_results_in_task_order_from_other_processes() -> None:
    state = {"base": 100}  # read by the children through fork, never pickled
    out = fork_map(lambda i: (state["base"] + i, os.getpid()), 5, 2, order=[4, 3, 2, 1, 0])
    assert [v for v, _ in out] == [100, 101, 102, 103, 104]
    assert os.getpid() not in {pid for _, pid in out}
    assert len({pid for _, pid in out}) == 5  # a fresh child per task


def test_one_job_runs_in_this_process() -> None:
    assert fork_map(lambda i: os.getpid(), 3, 1) == [os.getpid()] * 3


def test_unpicklable_failure_in_a_child_is_reported() -> None:
    def task(i: int) -> int:
        if i == 2:
            raise KeyError("boom")
        return i

    with pytest.raises(TmscreenError, match=r"chunk 3 of 4 failed: KeyError: 'boom'"):
        fork_map(task, 4, 2, "chunk")


def test_parallel_canonical_equals_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = np.array(["ＮＩＫＥ 耐克", "冰 墩 墩", "華為", "", "Li-Ning", "谷愛凌", "BING DUN DUN", "小米®"] * 40, dtype=object)
    serial = batch_module.canonical_many(texts, 1)
    monkeypatch.setattr(batch_module, "PARALLEL_CANONICAL_MIN", 10)
    monkeypatch.setattr(batch_module, "canonical", lambda t: canonical(t) + f"|{os.getpid()}")
    tagged = batch_module.canonical_many(texts, 3)
    assert [t.rsplit("|", 1)[0] for t in tagged] == serial.tolist()
    assert os.getpid() not in {int(t.rsplit("|", 1)[1]) for t in tagged}  # computed in the children
