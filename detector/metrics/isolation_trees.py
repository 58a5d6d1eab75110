"""The seeded isolation forest built tree by tree, giving the same scores as scikit-learn's IsolationForest with
less overhead per tree.

`IsolationForest(n_estimators=100, random_state=SEED).fit(x)` spends about 2 ms a tree around the tree itself:
the ensemble clones its template estimator (get_params through `inspect`), validates parameters, and seeds a new
numpy RandomState three times (~0.15 ms each: legacy seeding). On a few hundred applicants that is ~200 ms, the
whole cost of the fit: the tail of an intake check whose history brings 50 applicants or more.

This module makes the same draws in the same order with one reseeded RandomState each, and builds each tree with
the objects ExtraTreeRegressor.fit itself makes (its criterion, random splitter, Tree and depth-first builder, taken
from scikit-learn's tree module; the estimator's own fit spends ~0.2 ms a tree on parameters, tags and checks
around a build of ~0.05 ms on a few hundred rows):
- the ensemble's tree seeds: `RandomState(seed).randint(INT32_MAX, size=n_estimators)`;
- per tree: its random_state `RandomState(tree_seed).randint(INT32_MAX)`, then from a fresh RandomState(tree_seed)
  the feature draw (every feature, discarded) and the `max_samples` sample indices without replacement. The
  ensemble gives them to the tree as 0/1 sample weights on the whole matrix; the tree builder leaves rows of
  weight 0 out and keeps the others in row order, so fitting on those rows, sorted, builds the same tree without
  validating a weight per row of the matrix (~30 % of a tree's fit);
- the targets `RandomState(seed).uniform(size=n)`; the depth limit ceil(log2(max_samples));
- the score: the mean path length (leaf depth plus the average path length of its leaf's samples) over the trees,
  summed in tree order, as `2 ** -(depths / (n_estimators * c(max_samples)))`. c(n) is read from a table of
  0..max_samples (a node holds at most max_samples rows), each entry computed with the same arithmetic.

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


def _tree_parts() -> tuple:
    """What ExtraTreeRegressor(splitter="random").fit builds a regression tree with: the squared-error criterion, the
    dense random splitter, the Tree and the depth-first builder (the classes its _fit looks up)."""
    from sklearn.tree import _classes

    return (
        _classes.CRITERIA_REG["squared_error"],
        _classes.DENSE_SPLITTERS["random"],
        _classes.Tree,
        _classes.DepthFirstTreeBuilder,
    )


def warm_up() -> None:
    """Import the tree module and the sampler (about 1 s) before the first fit."""
    _tree_parts()
    import sklearn.utils.random  # noqa: F401


def _fit_tree(parts: tuple, x: np.ndarray, y: np.ndarray, random_state, max_depth: int):
    """The tree `ExtraTreeRegressor(max_features=1, splitter="random", random_state=random_state,
    max_depth=max_depth).fit(x, y, check_input=False)` builds (x float32 C-ordered, y float64 of shape (n, 1)):
    its defaults min_samples_split 2, min_samples_leaf 1, no weights, min_impurity_decrease 0, no pruning."""
    criterion_class, splitter_class, tree_class, builder_class = parts
    n_rows, n_features = x.shape
    splitter = splitter_class(criterion_class(1, n_rows), 1, 1, 0.0, random_state, None)
    tree = tree_class(n_features, np.ones(1, dtype=np.intp), 1)
    builder_class(splitter, 2, 1, 0.0, max_depth, 0.0).build(tree, x, y, None, None)
    return tree


DISTINCT_ROWS_FROM = 2000  # below, the rows are scored as they are (np.unique's sort costs more than it saves)


def distinct_rows(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct, inverse): the matrix's distinct rows and each row's position among them (matrix == distinct[inverse]).

    Rows are told apart by their bits: one integer key per row, made from each column's codes, whose distinct
    values np.unique finds by sorting (a 1-D integer array asked for positions). `np.unique(matrix, axis=0,
    return_inverse=True)` compares the rows as raw bytes and took ~0.3-0.6 s at 300,000 applicants on the run's path
    (the run waits for the score). Two rows equal as numbers but not as bits (0.0 and
    -0.0) may stay apart: each is sent down the trees on its own, to the same leaf, so the scores are the same."""
    width = {4: np.uint32, 8: np.uint64}.get(matrix.dtype.itemsize)
    key = np.zeros(len(matrix), dtype=np.int64)
    span = 1
    for column in np.ascontiguousarray(matrix).view(width).T if width is not None else ():
        values, codes = np.unique(column, return_inverse=True)
        span *= len(values)
        if span >= 2**62:
            break
        key = key * len(values) + codes.reshape(-1)
    if width is None or span >= 2**62:  # the codes do not fit one integer: numpy's comparison of the rows
        found, inverse = np.unique(matrix, axis=0, return_inverse=True)
        return found, inverse.reshape(-1)
    _, first, inverse = np.unique(key, return_index=True, return_inverse=True)  # sorted, not hashed, with these
    return matrix[first], inverse.reshape(-1)


def isolation_scores(x: np.ndarray, seed: int, n_estimators: int, max_samples: int) -> np.ndarray:
    """Each row's outlier score (higher: more unusual): `-IsolationForest(...).fit(x).score_samples(x)`."""
    from sklearn.utils.random import sample_without_replacement

    parts = _tree_parts()
    matrix = np.ascontiguousarray(x, dtype=np.float32)
    if not np.isfinite(matrix).all():
        raise ValueError("the isolation forest's features must be finite")
    n, n_features = matrix.shape
    targets = np.random.RandomState(seed).uniform(size=n)
    max_depth = int(np.ceil(np.log2(max(max_samples, 2))))
    tree_seeds = np.random.RandomState(seed).randint(INT32_MAX, size=n_estimators)
    draws, tree_random = np.random.RandomState(0), np.random.RandomState(0)  # reseeded per tree: cheap
    path_length = average_path_length(np.arange(max_samples + 1))  # c(n) of a node of n rows
    # A row's depth in a tree depends on its values only: the trees are fitted on the rows drawn from the whole
    # matrix, and each distinct row is sent down them once (applicants share a handful of feature values: a batch
    # of 300,000 holds a few thousand distinct rows; applying the trees to every row took ~5 s).
    distinct, inverse = distinct_rows(matrix) if n >= DISTINCT_ROWS_FROM else (matrix, np.arange(n))
    depths = np.zeros(len(distinct), order="f")
    for tree_seed in tree_seeds:
        draws.seed(tree_seed)
        tree_random.seed(draws.randint(INT32_MAX))
        draws.seed(tree_seed)
        sample_without_replacement(n_features, n_features, random_state=draws)  # the ensemble's feature draw
        rows = np.sort(sample_without_replacement(n, max_samples, random_state=draws))
        # the rows of weight 1, in row order
        tree = _fit_tree(parts, matrix[rows], targets[rows].reshape(-1, 1), tree_random, max_depth)
        leaves = tree.apply(distinct)
        depths += tree.compute_node_depths()[leaves] + path_length[tree.n_node_samples[leaves]] - 1.0
    denominator = n_estimators * average_path_length([max_samples])
    scores = 2 ** (-np.divide(depths, denominator, out=np.ones_like(depths), where=denominator != 0))
    return scores[inverse.reshape(-1)]
