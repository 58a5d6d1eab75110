"""The seeded isolation forest built tree by tree, giving the same scores as scikit-learn's IsolationForest with
less overhead per tree.

`IsolationForest(n_estimators=100, random_state=SEED).fit(x)` spends about 2 ms a tree around the tree itself:
the ensemble clones its template estimator (get_params through `inspect`), validates parameters, and seeds a new
numpy RandomState three times (~0.15 ms each: legacy seeding). On a few hundred applicants that is ~200 ms, the
whole cost of the fit: the tail of an intake check whose history brings 50 applicants or more.

This module makes the same draws in the same order with one reseeded RandomState each, and fits each tree through
the public ExtraTreeRegressor with validation skipped (the input is checked once here):
- the ensemble's tree seeds: `RandomState(seed).randint(INT32_MAX, size=n_estimators)`;
- per tree: its random_state `RandomState(tree_seed).randint(INT32_MAX)`, then from a fresh RandomState(tree_seed)
  the feature draw (every feature, discarded) and the `max_samples` sample indices without replacement. The
  ensemble gives them to the tree as 0/1 sample weights on the whole matrix; the tree builder leaves rows of
  weight 0 out and keeps the others in row order, so fitting on those rows, sorted, builds the same tree without
  validating a weight per row of the matrix (~30 % of a tree's fit);
- the targets `RandomState(seed).uniform(size=n)`; the depth limit ceil(log2(max_samples));
- the score: the mean path length (leaf depth plus the average path length of its leaf's samples) over the trees,
  summed in tree order, as `2 ** -(depths / (n_estimators * c(max_samples)))`.

These are scikit-learn's internals, not its contract: isolation_forest.py uses this module only after checking, once
per installed scikit-learn and numpy, that both give the same bytes on probe matrices (`lean_matches`).
"""

from __future__ import annotations

import numpy as np

INT32_MAX = np.iinfo(np.int32).max


def average_path_length(n_samples: np.ndarray) -> np.ndarray:
    """c(n): the average path length of an unsuccessful search in a binary search tree of n samples
    (0 for n <= 1, 1 for n == 2), with scikit-learn's arithmetic."""
    n = np.asarray(n_samples)
    shape = n.shape
    n = n.reshape((1, -1))
    out = np.zeros(n.shape)
    one, two = n <= 1, n == 2
    rest = ~np.logical_or(one, two)
    out[one] = 0.0
    out[two] = 1.0
    out[rest] = 2.0 * (np.log(n[rest] - 1.0) + np.euler_gamma) - 2.0 * (n[rest] - 1.0) / n[rest]
    return out.reshape(shape)


def isolation_scores(x: np.ndarray, seed: int, n_estimators: int, max_samples: int) -> np.ndarray:
    """Each row's outlier score (higher: more unusual): `-IsolationForest(...).fit(x).score_samples(x)`."""
    import sklearn
    from sklearn.tree import ExtraTreeRegressor
    from sklearn.utils.random import sample_without_replacement

    matrix = np.ascontiguousarray(x, dtype=np.float32)
    if not np.isfinite(matrix).all():
        raise ValueError("the isolation forest's features must be finite")
    n, n_features = matrix.shape
    targets = np.random.RandomState(seed).uniform(size=n)
    max_depth = int(np.ceil(np.log2(max(max_samples, 2))))
    tree_seeds = np.random.RandomState(seed).randint(INT32_MAX, size=n_estimators)
    draws, tree_random = np.random.RandomState(0), np.random.RandomState(0)  # reseeded per tree: cheap
    depths = np.zeros(n, order="f")
    with sklearn.config_context(skip_parameter_validation=True, assume_finite=True):
        for tree_seed in tree_seeds:
            draws.seed(tree_seed)
            tree_random.seed(draws.randint(INT32_MAX))
            draws.seed(tree_seed)
            sample_without_replacement(n_features, n_features, random_state=draws)  # the ensemble's feature draw
            rows = np.sort(sample_without_replacement(n, max_samples, random_state=draws))
            tree = ExtraTreeRegressor(max_features=1, splitter="random", random_state=tree_random, max_depth=max_depth)
            tree.fit(matrix[rows], targets[rows], check_input=False)  # the rows of weight 1, in row order
            leaf_depth = tree.tree_.compute_node_depths()
            leaf_length = average_path_length(tree.tree_.n_node_samples)
            leaves = tree.apply(matrix, check_input=False)
            depths += leaf_depth[leaves] + leaf_length[leaves] - 1.0
    denominator = n_estimators * average_path_length([max_samples])
    return 2 ** (-np.divide(depths, denominator, out=np.ones_like(depths), where=denominator != 0))
