"""The isolation forest built tree by tree (detector/metrics/isolation_trees.py) gives scikit-learn's
IsolationForest's scores byte for byte, and forest_scores falls back to IsolationForest when the check fails."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT

from detector.metrics import isolation_forest, isolation_trees
from detector.metrics.isolation_forest import MAX_SAMPLES, N_ESTIMATORS, SEED, reference_scores


def _matrix(seed: int, n: int, high: int, constant: bool) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = np.log1p(rng.integers(0, high, size=(n, 6)).astype(np.float64))
    if constant:
        x[:, 3] = 0.0
    return x


@pytest.mark.parametrize(
    "seed,n,high,constant",
    [
        (1, 50, 40, False),  # MIN_APPLICANTS: the smallest batch with a forest
        (2, 51, 2, True),  # mostly ties, a constant column
        (3, 255, 5, False),
        (4, 256, 40, True),  # max_samples == n
        (5, 257, 40, False),  # the first subsampled size
        (6, 1500, 30, False),
        (7, 400, 1, False),  # every row the same
        (9, 2000, 4, False),  # DISTINCT_ROWS_FROM: each distinct row sent down the trees once
        (10, 6000, 40, True),
        (11, 3000, 1, False),
    ],
)
def test_same_bytes_as_isolation_forest(seed, n, high, constant):
    x = _matrix(seed, n, high, constant)
    max_samples = min(MAX_SAMPLES, n)
    lean = isolation_trees.isolation_scores(x, SEED, N_ESTIMATORS, max_samples)
    reference = reference_scores(x, max_samples)
    assert lean.dtype == np.float64
    assert lean.tobytes() == np.asarray(reference, dtype=np.float64).tobytes()


def test_distinct_rows_score_as_every_row(monkeypatch):
    """Above DISTINCT_ROWS_FROM rows the trees see each distinct row once: each row's bytes are those of the
    rows scored one by one, also with rows that differ only in the last bits."""
    x = _matrix(12, 5000, 6, False)
    x[:, 3:] = 0.0  # 216 combinations of values
    x[::7] += 1e-7  # near-ties of other rows (some the same in float32, some not)
    lean = isolation_trees.isolation_scores(x, SEED, N_ESTIMATORS, MAX_SAMPLES)
    assert len(np.unique(np.asarray(x, dtype=np.float32), axis=0)) < len(x) // 10
    monkeypatch.setattr(isolation_trees, "DISTINCT_ROWS_FROM", 10**9)
    assert lean.tobytes() == isolation_trees.isolation_scores(x, SEED, N_ESTIMATORS, MAX_SAMPLES).tobytes()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_distinct_rows_groups_rows_as_numpy_unique(dtype):
    """distinct_rows: every row is its group's row, and rows are grouped exactly as np.unique(axis=0) groups them;
    0.0 and -0.0 stay apart (scored alike)."""
    x = _matrix(13, 4000, 5, False).astype(dtype)
    x[::11, 2] = -0.0
    distinct, inverse = isolation_trees.distinct_rows(x)
    assert inverse.shape == (len(x),) and distinct.dtype == x.dtype
    assert np.array_equal(distinct[inverse], x)
    found, reference = np.unique(np.where(x == 0, 0.0, x).astype(dtype), axis=0, return_inverse=True)
    pairs = set(zip(inverse.tolist(), reference.reshape(-1).tolist()))
    assert len({a for a, _ in pairs}) == len(pairs)  # no group of distinct_rows spans two of numpy's
    by_bytes = np.unique(x.view(np.uint8).reshape(len(x), -1), axis=0)
    assert len(found) < len(distinct) == len(by_bytes)  # one group per distinct row of bits


def test_distinct_rows_too_many_codes_for_one_integer():
    """Columns whose distinct values multiply past an int64 key: numpy's row comparison, the same grouping."""
    rng = np.random.default_rng(14)
    x = rng.integers(0, 1000, size=(3000, 8)).astype(np.float32)
    x[1000:2000] = x[:1000]
    distinct, inverse = isolation_trees.distinct_rows(x)
    assert np.array_equal(distinct[inverse], x)
    assert len(distinct) == len(np.unique(x, axis=0))


def test_other_seeds_and_sizes_of_forest():
    x = _matrix(8, 120, 20, False)
    for seed, trees, samples in [(0, 10, 64), (123456, 37, 120), (2**31 - 2, 5, 2)]:
        lean = isolation_trees.isolation_scores(x, seed, trees, samples)
        from sklearn.ensemble import IsolationForest

        forest = IsolationForest(n_estimators=trees, max_samples=samples, random_state=seed, n_jobs=1).fit(x)
        assert lean.tobytes() == (-forest.score_samples(x)).tobytes()


def test_average_path_length():
    got = isolation_trees.average_path_length(np.array([0, 1, 2, 3, 256]))
    assert got[:3].tolist() == [0.0, 0.0, 1.0]
    assert got[3] == pytest.approx(2.0 * (np.log(2.0) + np.euler_gamma) - 2.0 * 2.0 / 3.0)
    assert got[4] == pytest.approx(2.0 * (np.log(255.0) + np.euler_gamma) - 2.0 * 255.0 / 256.0)


def test_forest_scores_uses_the_check(monkeypatch):
    x = _matrix(9, 80, 30, False)
    expected = reference_scores(x, 80).tobytes()
    assert isolation_forest.lean_matches() is True  # this installation passes the check
    calls = []
    monkeypatch.setattr(isolation_forest, "lean_matches", lambda: calls.append(1) or False)
    monkeypatch.setattr(isolation_trees, "isolation_scores", lambda *a: pytest.fail("lean path used after a failure"))
    assert isolation_forest.forest_scores(x).tobytes() == expected
    assert calls


def _fresh_process(code: str, cache: Path) -> list[str]:
    """The words `code` prints in a new Python process with its own disk cache folder (it must exit 0)."""
    env = {"TMSCREEN_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_a_failed_check_is_remembered_and_falls_back(tmp_path):
    """A check that finds different bytes (here: the lean module altered to draw with another seed) makes a fresh
    process use IsolationForest, and the cached answer is a plain False, not rebuilt as True."""
    code = """
import numpy as np
from detector.metrics import isolation_forest, isolation_trees
real = isolation_trees.isolation_scores
isolation_trees.isolation_scores = lambda x, seed, n, m: real(x, seed + 1, n, m)
x = isolation_forest.probe_matrices()[0]
print(isolation_forest.lean_matches())
print(isolation_forest.forest_scores(x).tobytes() == isolation_forest.reference_scores(x, 256).tobytes())
"""
    assert _fresh_process(code, tmp_path) == ["False", "True"]
    assert list(tmp_path.glob("isolation-forest-check-*.marshal"))


def test_changed_tree_internals_fall_back(tmp_path):
    """scikit-learn's tree classes taking other arguments (here: the builder made to raise TypeError, as a changed
    signature would) make the check answer False, and the scores come from IsolationForest: no crash."""
    code = """
from detector.metrics import isolation_forest, isolation_trees
def changed(*args):
    raise TypeError("__cinit__() takes exactly 7 positional arguments")
isolation_trees._fit_tree = changed
x = isolation_forest.probe_matrices()[1]
print(isolation_forest.lean_matches())
print(isolation_forest.forest_scores(x).tobytes() == isolation_forest.reference_scores(x, 60).tobytes())
"""
    assert _fresh_process(code, tmp_path) == ["False", "True"]
