"""The anomaly score's isolation forest: one seeded fit and its outlier scores, run in this process or in the forked
helper (anomaly_helper.py), so both give the same bytes.

The scores are scikit-learn's IsolationForest's. They are computed by isolation_trees.py (the same trees with less
overhead: ~50 ms instead of ~200 ms for a few hundred applicants) once that module has been seen to give the same
bytes as IsolationForest itself with the installed scikit-learn and numpy; the check runs once per installation and
its answer is kept in the disk cache. Where it fails, IsolationForest is used."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from detector.disk_cache import cached_check, package_stamp, source_bytes
from detector.metrics import isolation_trees

MIN_APPLICANTS = 50  # fewer applicants: no forest, all scores 0
SEED = 20221
N_ESTIMATORS = 100
MAX_SAMPLES = 256
# scikit-learn's files the check depends on: the ensemble's draws, the tree, the sampler; numpy's seeding.
SKLEARN_FILES = (
    "__init__.py",
    "ensemble/_iforest.py",
    "ensemble/_bagging.py",
    "ensemble/_base.py",
    "tree/_classes.py",
    "utils/random.py",
)


def forest_scores(x: np.ndarray) -> np.ndarray:
    """-score_samples(x) of the seeded isolation forest fitted on `x` (higher: more unusual)."""
    max_samples = min(MAX_SAMPLES, len(x))
    if np.isfinite(x).all() and lean_matches():
        return isolation_trees.isolation_scores(x, SEED, N_ESTIMATORS, max_samples)
    return reference_scores(x, max_samples)


def reference_scores(x: np.ndarray, max_samples: int) -> np.ndarray:
    """The same scores from scikit-learn's IsolationForest (its import: ~1 s)."""
    from sklearn.ensemble import IsolationForest

    forest = IsolationForest(n_estimators=N_ESTIMATORS, max_samples=max_samples, random_state=SEED, n_jobs=1)
    forest.fit(x)
    return -forest.score_samples(x)


def probe_matrices() -> list[np.ndarray]:
    """Fixed matrices for the check: subsampled (300 rows) and not (60), with ties and a constant column."""
    rng = np.random.RandomState(7)
    big = np.log1p(rng.randint(0, 40, size=(300, 6)).astype(np.float64))
    big[:, 2] = 0.0
    small = np.log1p(rng.randint(0, 3, size=(60, 6)).astype(np.float64))
    return [big, small]


def _same_as_reference() -> bool:
    for x in probe_matrices():
        max_samples = min(MAX_SAMPLES, len(x))
        try:
            lean = isolation_trees.isolation_scores(x, SEED, N_ESTIMATORS, max_samples)
        except Exception:  # scikit-learn's tree internals changed shape (a class, a signature): use IsolationForest
            return False
        if lean.tobytes() != np.asarray(reference_scores(x, max_samples), dtype=np.float64).tobytes():
            return False
    return True


@lru_cache(maxsize=1)
def lean_matches() -> bool:
    """Whether isolation_trees gives IsolationForest's bytes with the installed packages (checked once, cached)."""
    parts = [
        source_bytes(isolation_trees.__file__, __file__),
        package_stamp("sklearn", SKLEARN_FILES),
        package_stamp("numpy", ["version.py", "random/__init__.py"]),
    ]
    return cached_check("isolation-forest-check", parts, _same_as_reference)


def warm_up() -> None:
    """Import what the fit will use (the forked helper does this while the run screens)."""
    if lean_matches():
        isolation_trees.warm_up()
    else:
        import sklearn.ensemble  # noqa: F401
