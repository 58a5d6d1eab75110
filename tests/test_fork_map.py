"""fork_map runs numbered tasks in forked processes with the parent's state; normalization in parallel gives the
same canonical texts as in one process."""

from __future__ import annotations

import os

import numpy as np
import pytest

import detector.batch as batch_module
from detector.errors import TmscreenError
from detector.fork_map import fork_beside, fork_map, map_chunks
from detector.normalize import canonical_list


def test_results_in_task_order_from_other_processes() -> None:
    state = {"base": 100}  # read by the children through fork, never pickled
    out = fork_map(lambda i: (state["base"] + i, os.getpid()), 5, 2, order=[4, 3, 2, 1, 0])
    assert [v for v, _ in out] == [100, 101, 102, 103, 104]
    assert os.getpid() not in {pid for _, pid in out}
    assert len({pid for _, pid in out}) == 2  # two workers, each given its next task when done with the last
    assert all(_gone(pid) for _, pid in out)  # and gone once no task was left


def test_a_worker_keeps_what_its_earlier_tasks_left() -> None:
    """Without `fresh`, a worker runs several tasks in turn: state a task leaves in the worker's memory is there
    for its next one (a cache it builds once), and never reaches the parent."""
    seen: list[int] = []

    def task(i: int) -> tuple[int, list[int]]:
        before = list(seen)
        seen.append(i)
        return os.getpid(), before

    out = fork_map(task, 6, 2)
    assert seen == [] and len({p for p, _ in out}) == 2
    for pid in {p for p, _ in out}:
        done = [i for i, (p, _) in enumerate(out) if p == pid]
        assert [before for p, before in out if p == pid] == [done[:k] for k in range(len(done))]
    assert sorted(i for i, (p, _) in enumerate(out)) == list(range(6))


def test_fresh_gives_each_task_a_worker_forked_for_it() -> None:
    """`fresh`: no worker takes a second task (the partitions: a worker holds what its task left, so one that took
    a second partition held both at once), at most `jobs` at a time, results in task order, errors as without."""
    seen: list[int] = []

    def task(i: int) -> tuple[int, int, list[int]]:
        before = list(seen)
        seen.append(i)
        return i * 10, os.getpid(), before

    out = fork_map(task, 5, 2, order=[4, 3, 2, 1, 0], fresh=True)
    assert [v for v, _, _ in out] == [0, 10, 20, 30, 40]
    assert len({pid for _, pid, _ in out}) == 5 and os.getpid() not in {pid for _, pid, _ in out}
    assert all(before == [] for _, _, before in out)  # nothing of an earlier task in any worker
    assert seen == [] and all(_gone(pid) for _, pid, _ in out)

    sizes = [3_000_000, 10, 2_000_000]
    arrays = fork_map(lambda i: np.arange(sizes[i], dtype=np.int64) + i, 3, 2, fresh=True)
    assert all(np.array_equal(a, np.arange(sizes[i], dtype=np.int64) + i) for i, a in enumerate(arrays))

    def dies(i: int) -> int:
        if i == 3:
            os._exit(7)
        return i

    with pytest.raises(TmscreenError, match=r"partition 4 of 4 died \(exit code 7\)"):
        fork_map(dies, 4, 2, fresh=True)


def test_each_result_of_a_worker_comes_back_whole() -> None:
    """Large results (their arrays through the worker's one memory file) of different sizes, one after another."""
    sizes = [3_000_000, 400_000, 2_000_000, 10, 1_500_000]
    out = fork_map(lambda i: np.arange(sizes[i], dtype=np.int64) * (i + 1), len(sizes), 2)
    for i, values in enumerate(out):
        assert np.array_equal(values, np.arange(sizes[i], dtype=np.int64) * (i + 1))


def test_a_worker_that_dies_mid_run_is_reported() -> None:
    def task(i: int) -> int:
        if i == 3:
            os._exit(5)
        return i

    with pytest.raises(TmscreenError, match=r"partition 4 of 5 died \(exit code 5\)"):
        fork_map(task, 5, 2)


def test_one_job_runs_in_this_process() -> None:
    assert fork_map(lambda i: os.getpid(), 3, 1) == [os.getpid()] * 3


def test_unpicklable_failure_in_a_child_is_reported() -> None:
    def task(i: int) -> int:
        if i == 2:
            raise KeyError("boom")
        return i

    with pytest.raises(TmscreenError, match=r"chunk 3 of 4 failed: KeyError: 'boom'"):
        fork_map(task, 4, 2, "chunk")


def test_beside_runs_the_task_in_a_child_while_this_process_runs_its_own() -> None:
    """Each side sees the other's start: the child waits for a file this process writes, so the two ran at once."""
    import tempfile
    import time

    with tempfile.TemporaryDirectory() as folder:
        flag = os.path.join(folder, "parent-started")

        def child() -> tuple[int, bool]:
            deadline = time.monotonic() + 20
            while not os.path.exists(flag) and time.monotonic() < deadline:
                time.sleep(0.01)
            return os.getpid(), os.path.exists(flag)

        def parent() -> int:
            open(flag, "w").close()
            return os.getpid()

        (child_pid, saw_parent), parent_pid = fork_beside(child, parent, "herd")
    assert parent_pid == os.getpid() and child_pid != os.getpid()
    assert saw_parent


def test_beside_reports_the_childs_failure_and_its_own() -> None:
    def fails() -> int:
        raise KeyError("boom")

    with pytest.raises(TmscreenError, match=r"herd 1 of 1 failed: KeyError: 'boom'"):
        fork_beside(fails, lambda: 1, "herd")
    with pytest.raises(TmscreenError, match=r"died \(exit code 3\)"):
        fork_beside(lambda: os._exit(3), lambda: 1, "herd")

    def here_fails() -> int:
        raise ValueError("mine")

    with pytest.raises(ValueError, match="mine"):
        fork_beside(lambda: 1, here_fails, "herd")


def test_parallel_canonical_equals_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = np.array(
        ["ＮＩＫＥ 耐克", "冰 墩 墩", "華為", "", "Li-Ning", "谷愛凌", "BING DUN DUN", "小米®"] * 40, dtype=object
    )
    serial = batch_module.canonical_many(texts, 1)
    monkeypatch.setattr(batch_module, "PARALLEL_CANONICAL_MIN", 10)
    monkeypatch.setattr(batch_module, "canonical_list", lambda ts: [c + f"|{os.getpid()}" for c in canonical_list(ts)])
    tagged = batch_module.canonical_many(texts, 3)
    assert [t.rsplit("|", 1)[0] for t in tagged] == serial.tolist()
    assert os.getpid() not in {int(t.rsplit("|", 1)[1]) for t in tagged}  # computed in the children


def _gone(pid: int) -> bool:
    """The process no longer runs (a zombie waiting for its new parent to reap it counts as gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as fh:
            return any(line.startswith("State:") and "Z" in line.split()[1] for line in fh)
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="Linux /proc")
def test_children_die_with_a_killed_parent(tmp_path) -> None:
    """A run killed with SIGKILL leaves no worker behind (it would keep writing into a staging folder)."""
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    script = (
        "import os, sys, time\n"
        f"sys.path.insert(0, {str(root)!r})\n"
        "from detector.fork_map import fork_map\n"
        f"folder = {str(tmp_path)!r}\n"
        "def task(i):\n"
        "    open(os.path.join(folder, f'child-{i}'), 'w').write(str(os.getpid()))\n"
        "    time.sleep(120)\n"
        "fork_map(task, 2, 2)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("child-*"))) < 2 or any(not p.read_text() for p in tmp_path.glob("child-*")):
        assert time.monotonic() < deadline, "the children did not start"
        time.sleep(0.1)
    pids = [int(p.read_text()) for p in tmp_path.glob("child-*")]
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 20
    while not all(_gone(pid) for pid in pids):
        assert time.monotonic() < deadline, "a child outlived its killed parent"
        time.sleep(0.1)


def test_later_gives_the_childs_result_when_asked() -> None:
    from detector.fork_map import fork_later

    state = {"base": 7}
    pending = fork_later(lambda: (state["base"] * 6, os.getpid()), "identity keys")
    assert pending.elsewhere  # a child computes it
    value, pid = pending.result()
    assert value == 42 and pid != os.getpid()
    assert not pending.elsewhere
    assert pending.result() == (value, pid)  # kept: asked again, the same answer


def test_later_reports_a_failure_and_cancel_stops_the_child() -> None:
    import time

    from detector.fork_map import Pending, fork_later

    def fails() -> int:
        raise KeyError("gone")

    with pytest.raises(TmscreenError, match=r"identity keys 1 of 1 failed: KeyError: 'gone'"):
        fork_later(fails, "identity keys").result()
    slow = fork_later(lambda: time.sleep(60), "identity keys")
    pid = slow._proc.pid
    slow.cancel()
    assert _gone(pid)
    with pytest.raises(RuntimeError, match="cancelled"):
        slow.result()
    assert Pending.ready(5).result() == 5 and not Pending.ready(5).elsewhere and not slow.elsewhere


def test_an_executor_stops_the_children_nobody_asked_for() -> None:
    import time

    from detector.engines import make_executor

    executor = make_executor("pandas", jobs=2)
    with executor:
        pending = executor.later(lambda: time.sleep(60), "identity keys", worth=True)
        pid = pending._proc.pid
        now = executor.later(lambda: os.getpid(), "identity keys", worth=False)
        assert now.result() == os.getpid()  # not worth a child: made at once, here
    assert _gone(pid)


@pytest.mark.parametrize("jobs", [2, 3])
def test_map_chunks_is_the_function_over_all_values_in_order(jobs):
    values = np.array([f"v{i}" for i in range(101)], dtype=object)
    got = map_chunks(lambda chunk: [f"{v}!{os.getpid()}" for v in chunk], values, jobs, "test chunk")
    assert [g.split("!")[0] for g in got] == values.tolist()
    assert len({g.split("!")[1] for g in got}) == jobs  # each chunk in a process of its own


@pytest.mark.skipif(not os.path.exists("/proc/self/comm"), reason="Linux: /proc/PID/comm")
def test_forked_children_are_named_for_what_they_do() -> None:
    """ps and top show a forked child as tm-<what> (at most 15 bytes), not as another python."""

    def comm() -> str:
        with open("/proc/self/comm") as fh:
            return fh.read().strip()

    here = comm()
    assert fork_map(lambda i: comm(), 3, 2, "partition", fresh=True) == ["tm-partition"] * 3
    assert fork_map(lambda i: comm(), 2, 2, "output writer") == ["tm-output-write"] * 2
    assert fork_beside(comm, comm, "identity keys") == ("tm-identity-key", here)
