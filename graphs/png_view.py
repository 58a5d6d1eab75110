"""A static PNG of one cluster (matplotlib, Agg backend): nodes coloured by score, bridge edges dashed."""

from __future__ import annotations

from pathlib import Path

import networkx as nx


def _cjk_font() -> list[str]:
    from matplotlib import font_manager

    names = {f.name for f in font_manager.fontManager.ttflist}
    wanted = [
        "WenQuanYi Micro Hei",
        "WenQuanYi Zen Hei",
        "Noto Sans CJK SC",
        "Noto Sans SC",
        "SimHei",
        "Microsoft YaHei",
    ]
    return [n for n in wanted if n in names] + ["DejaVu Sans"]


def render_png(g: nx.Graph, pos: dict[str, tuple[float, float]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["font.sans-serif"] = _cjk_font()
    n = g.number_of_nodes()
    fig, ax = plt.subplots(figsize=(10, 10), dpi=100)
    xy = {k: (x, -y) for k, (x, y) in pos.items()}
    solid = [(u, v) for u, v, d in g.edges(data=True) if not d.get("bridge")]
    dashed = [(u, v) for u, v, d in g.edges(data=True) if d.get("bridge")]
    nx.draw_networkx_edges(g, xy, edgelist=solid, ax=ax, edge_color="#8090a0", width=1.0)
    nx.draw_networkx_edges(g, xy, edgelist=dashed, ax=ax, edge_color="#c03030", width=1.6, style="dashed")
    nodes = sorted(g.nodes)
    nx.draw_networkx_nodes(
        g, xy, nodelist=nodes, node_color=[g.nodes[k]["colour"] for k in nodes], node_size=300 if n <= 60 else 40, ax=ax
    )
    if n <= 60:
        nx.draw_networkx_labels(g, xy, labels={k: g.nodes[k].get("name") or k for k in nodes}, font_size=7, ax=ax)
    ax.set_axis_off()
    fig.tight_layout()
    fig.savefig(path, format="png", metadata={"Software": None})
    plt.close(fig)
