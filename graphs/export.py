"""Write one cluster graph as GraphML or GEXF (Gephi), node-link JSON, PNG or a self-contained HTML view."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

from graphs.layout import positions

FORMATS = ("html", "graphml", "gexf", "json", "png")


def _flat(g: nx.Graph) -> nx.Graph:
    """Copy without list attributes (GraphML and GEXF hold scalars only), with layout positions as x, y."""
    h = nx.Graph(**{k: v for k, v in g.graph.items() if isinstance(v, (str, int, float, bool))})
    pos = positions(g)
    for n, d in sorted(g.nodes(data=True)):
        h.add_node(n, **{k: v for k, v in d.items() if k != "filings"}, x=pos[n][0], y=pos[n][1])
    for u, v, d in sorted(g.edges(data=True)):
        h.add_edge(u, v, **d)
    return h


def node_link(g: nx.Graph) -> dict:
    """Node-link data with positions and each member's filings: what the JSON export and the HTML view carry."""
    pos = positions(g)
    nodes = [{"id": n, **d, "x": pos[n][0], "y": pos[n][1]} for n, d in sorted(g.nodes(data=True))]
    links = [
        {"source": u, "target": v, **d}
        for u, v, d in sorted((min(a, b), max(a, b), d) for a, b, d in g.edges(data=True))
    ]
    return {"directed": False, "multigraph": False, "graph": dict(g.graph), "nodes": nodes, "links": links}


def write_graph(g: nx.Graph, fmt: str, path: Path, lang: str = "zh") -> None:
    """Write `g` to `path` in `fmt` (one of FORMATS)."""
    path = Path(path)
    if fmt == "graphml":
        nx.write_graphml(_flat(g), path, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(_flat(g), path, encoding="utf-8")
    elif fmt == "json":
        path.write_text(json.dumps(node_link(g), ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    elif fmt == "html":
        from graphs.html_view import render_html

        path.write_text(render_html(node_link(g), lang), encoding="utf-8")
    elif fmt == "png":
        from graphs.png_view import render_png

        render_png(g, positions(g), path)
    else:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
