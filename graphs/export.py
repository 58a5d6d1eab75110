"""Write one cluster graph as GraphML or GEXF (Gephi), node-link JSON, PNG or a self-contained HTML view."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from graphs.layout import graph_layout

FORMATS = ("html", "graphml", "gexf", "json", "png")
VIEW_SIZE = 1000.0  # the HTML view's drawing space: x, y in [20, VIEW_SIZE - 20]
GEPHI_SKIP = {"filings", "pair_weight"}  # a list, and the layout's edge weight: not in GraphML or GEXF

Positions = dict[str, tuple[float, float]]


def view_positions(g: nx.Graph, size: float = VIEW_SIZE) -> Positions:
    """The cluster's layout (graphs.layout, the same as in report.html) in a [20, size - 20]² drawing space."""
    return {
        n: (round(20 + x * (size - 40), 1), round(20 + y * (size - 40), 1)) for n, (x, y) in graph_layout(g).items()
    }


def _flat(g: nx.Graph, pos: Positions) -> nx.Graph:
    """Copy without the GEPHI_SKIP attributes (GraphML and GEXF hold scalars only), with positions as x, y."""
    h = nx.Graph(**{k: v for k, v in g.graph.items() if isinstance(v, (str, int, float, bool))})
    for n, d in sorted(g.nodes(data=True)):
        h.add_node(n, **{k: v for k, v in d.items() if k not in GEPHI_SKIP}, x=pos[n][0], y=pos[n][1])
    for u, v, d in sorted(g.edges(data=True)):
        h.add_edge(u, v, **{k: x for k, x in d.items() if k not in GEPHI_SKIP})
    return h


def node_link(g: nx.Graph, pos: Positions | None = None) -> dict:
    """Node-link data with positions and each member's filings: what the JSON export and the HTML view carry."""
    pos = view_positions(g) if pos is None else pos
    nodes = [{"id": n, **d, "x": pos[n][0], "y": pos[n][1]} for n, d in sorted(g.nodes(data=True))]
    links = [
        {"source": u, "target": v, **d}
        for u, v, d in sorted((min(a, b), max(a, b), d) for a, b, d in g.edges(data=True))
    ]
    return {"directed": False, "multigraph": False, "graph": dict(g.graph), "nodes": nodes, "links": links}


def write_graph(g: nx.Graph, fmt: str, path: Path, lang: str = "zh", pos: Positions | None = None) -> None:
    """Write `g` to `path` in `fmt` (one of FORMATS); `pos`: node positions (default: view_positions of a cluster)."""
    path = Path(path)
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    pos = view_positions(g) if pos is None else pos
    if fmt == "graphml":
        nx.write_graphml(_flat(g, pos), path, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(_flat(g, pos), path, encoding="utf-8")
    elif fmt == "json":
        data = node_link(g, pos)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    elif fmt == "html":
        from graphs.html_view import render_html

        path.write_text(render_html(node_link(g, pos), lang), encoding="utf-8")
    else:
        from graphs.png_view import render_png

        render_png(g, pos, path, lang)
