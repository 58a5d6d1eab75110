"""networkx's spring layout of 500 nodes or more, with the same arithmetic and less copying.

`nx.spring_layout` places a graph of 500+ nodes by its "energy" method: L-BFGS (scipy) over the Fruchterman-Reingold
energy, whose gradient it computes in blocks of 500 rows. Each evaluation turns a sparse block (the attraction along
edges) into a dense matrix to subtract the dense repulsion from it, which took ~40 % of the time of network.graphml's
layout at 1,000,000 filings (808 nodes: 1.1-1.4 s in the writer that ends last). `spring_positions` makes the same
matrices without that copy: the block's dense matrix is the negated repulsion with the edges' terms written in, each
entry computed with the operations scipy uses (a sparse array divided by k is multiplied by 1/k; 0.0 - x is -x), and
every sum (the gradient's einsum, the energy's sums) is the same call on the same arrays, so the optimizer takes the
same steps and the positions are the same floats.

These are networkx's internals, not its contract: graphs.layout uses this module only after checking, once per
installed networkx, scipy and numpy, that it gives nx.spring_layout's floats on probe graphs (`matches_networkx`).
"""

from __future__ import annotations

from functools import lru_cache

import networkx as nx
import numpy as np

MIN_NODES = 500  # spring_layout's energy method starts here ("auto": "force" below 500 nodes)
THRESHOLD = 1e-4  # spring_layout's default threshold, the optimizer's gtol
BATCH = 500  # rows per block of the gradient, as networkx computes it
NETWORKX_FILES = ("__init__.py", "drawing/layout.py", "convert_matrix.py", "utils/decorators.py", "utils/misc.py")
SCIPY_FILES = ("__init__.py", "optimize/_lbfgsb_py.py", "optimize/_minimize.py", "sparse/_base.py")


def _energy(a, n: int, k: float, pos: np.ndarray, iterations: int, gravity: float = 1.0) -> np.ndarray:
    """networkx's _energy_fruchterman_reingold (2 dimensions, no fixed nodes), the dense block made directly."""
    import scipy as sp

    a = a.tocsr()
    a = np.abs(a)
    a = (a + a.T) / 2
    n_components, labels = sp.sparse.csgraph.connected_components(a, directed=False)
    bincount = np.bincount(labels)
    inverse_k = 1 / k  # scipy divides a sparse array by k as a product with 1/k

    def cost_and_grad(x: np.ndarray) -> tuple[float, np.ndarray]:
        pos = x.reshape((n, 2))
        grad = np.zeros((n, 2))
        cost = 0.0
        for lo in range(0, n, BATCH):
            hi = min(lo + BATCH, n)
            delta = pos[lo:hi, np.newaxis, :] - pos[np.newaxis, :, :]
            squares = delta * delta
            distance2 = np.maximum(squares[:, :, 0] + squares[:, :, 1], 1e-10)
            distance = np.sqrt(distance2)
            ad = a[lo:hi] * distance  # sparse (COO): the edges' entries only
            repulsion = k**2 / distance2
            block = np.negative(repulsion)  # the dense todense(ad / k) - repulsion: 0.0 - x off the edges
            rows, cols = ad.coords
            block[rows, cols] = ad.data * inverse_k - repulsion[rows, cols]
            grad[lo:hi] = 2 * np.einsum("ij,ijk->ik", block, delta)
            cost += np.sum(ad * distance2) / (3 * k)
            cost -= k**2 * np.sum(np.log(distance))
        centers = np.zeros((n_components, 2))
        np.add.at(centers, labels, pos)
        delta0 = centers / bincount[:, np.newaxis] - 0.5
        grad += gravity * delta0[labels]
        cost += gravity * 0.5 * np.sum(bincount * np.linalg.norm(delta0, axis=1) ** 2)
        return cost, grad.ravel()

    options = {"maxiter": iterations, "gtol": THRESHOLD}
    found = sp.optimize.minimize(cost_and_grad, pos.ravel(), method="L-BFGS-B", jac=True, options=options)
    return found.x.reshape((n, 2))


def spring_positions(g: nx.Graph, seed: int, iterations: int) -> dict:
    """nx.spring_layout(g, seed=seed, iterations=iterations, weight="weight") for a graph of MIN_NODES+ nodes."""
    a = nx.to_scipy_sparse_array(g, weight="weight", dtype="f")
    n = a.shape[0]
    pos = np.asarray(np.random.RandomState(seed).rand(n, 2), dtype=a.dtype)
    xy = _energy(a, n, np.sqrt(1.0 / n), pos, iterations)
    xy = nx.rescale_layout(xy, scale=1) + np.zeros(2)
    return dict(zip(g, xy))


# (nodes, seed, iterations) of the check's graphs: one block of rows and three (the last one short).
PROBES = ((520, 20221, 8), (1010, 7, 3))


def probe_graph(n: int) -> nx.Graph:
    """A fixed weighted graph of `n` nodes in many components (clusters of 40), as network.graphml has them."""
    rng = np.random.RandomState(n)
    g = nx.Graph()
    g.add_nodes_from(f"n{i:05d}" for i in range(n))
    for _ in range(int(n * 1.7)):
        u = rng.randint(0, n)
        v = min(n - 1, u // 40 * 40 + rng.randint(0, 40))
        if u != v:
            g.add_edge(f"n{u:05d}", f"n{v:05d}", weight=float(rng.choice([0.05, 0.35, 0.9, 1.0])))
    return g


def same_floats(mine: dict, theirs: dict) -> bool:
    """The same nodes in the same order at the same positions, bit for bit."""
    return list(mine) == list(theirs) and all(
        np.asarray(mine[v]).tobytes() == np.asarray(theirs[v]).tobytes() for v in theirs
    )


def _same_as_networkx() -> bool:
    for n, seed, iterations in PROBES:
        g = probe_graph(n)
        try:
            mine = spring_positions(g, seed, iterations)
        except Exception:  # networkx's or scipy's internals changed shape: use spring_layout itself
            return False
        if not same_floats(mine, nx.spring_layout(g, seed=seed, iterations=iterations, weight="weight")):
            return False
    return True


@lru_cache(maxsize=1)
def matches_networkx() -> bool:
    """Whether spring_positions gives nx.spring_layout's floats with the installed packages (checked once, cached)."""
    from detector.disk_cache import cached_check, package_stamp, source_bytes

    parts = [
        source_bytes(__file__),
        package_stamp("networkx", NETWORKX_FILES),
        package_stamp("scipy", SCIPY_FILES),
        package_stamp("numpy", ["version.py"]),
    ]
    return cached_check("spring-layout-check", parts, _same_as_networkx)
