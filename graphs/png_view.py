"""A static PNG of one cluster (matplotlib, Agg backend) that reads on its own, in Chinese or English.

Title: cluster id, members, filings. Nodes: area by filings, colour by level (the report's colours), names beside
them where they fit without covering another. Edges: one colour per link type (a pair tied several ways gets
parallel lines), width by pair weight, bridges dashed. A legend for each. Text is drawn in a Chinese font
(graphs.cjk_font), or the export fails with MissingFontError: a picture of empty boxes is never written.
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import numpy as np

from graphs.cjk_font import font_style
from graphs.layout import rank_order
from graphs.links import link_labels

LEVELS = ("high", "medium", "low", "")
LEVEL_COLOURS = {"high": "#c62828", "medium": "#e07b00", "low": "#b59a00", "": "#8a96a8"}  # as in report.html
LINK_COLOURS = {
    "phone": "#1f77b4",
    "email": "#17becf",
    "legal_representative": "#6a3d9a",
    "contact_person": "#9467bd",
    "shareholder": "#c5a3e0",
    "person_cross_role": "#e377c2",
    "address": "#2ca02c",
    "transfer": "#8c564b",
    "same_mark": "#393b79",
    "name_pattern": "#9aa22b",
}
OTHER_LINK_COLOUR = "#555555"
COMPANY_FORMS = ("股份有限公司", "有限责任公司", "有限公司")
LABEL_GAP = 2.0  # pixels kept free around each name
MAX_LABELS = 60  # more members than this: no names at all (small dots, a crowd of names reads as noise)
FIG_SIZE = (10.0, 8.0)
DPI = 100
AXES = (0.01, 0.01, 0.71, 0.89)  # left, bottom, width, height in figure fractions; legends to the right
XLIM, YLIM = (-0.12, 1.12), (-0.12, 1.1)
LABELS = {
    "zh": {
        "title": "关联集群 {cid}：成员 {members} 名，申请 {filings} 件",
        "level": "风险等级",
        "high": "高",
        "medium": "中",
        "low": "低",
        "": "未列为可疑",
        "links": "关联类型",
        "bridge": "桥接边（需复核）",
        "size": "圆面积 = 申请件数",
        "size_item": "{n} 件",
        "size_one": "1 件",
    },
    "en": {
        "title": "Linked cluster {cid}: {members} members, {filings} filings",
        "level": "Level",
        "high": "high",
        "medium": "medium",
        "low": "low",
        "": "not flagged",
        "links": "Link type",
        "bridge": "bridge edge (check it)",
        "size": "Circle area = filings",
        "size_item": "{n} filings",
        "size_one": "1 filing",
    },
}


def link_label(link_type: str, lang: str) -> str:
    """The link type's label in `lang` (its class's, as in the report), or the type itself when it has none."""
    return link_labels(lang).get(f"link_{link_type}", link_type)


def node_area(filings: np.ndarray | float, top: float, n_members: int) -> np.ndarray:
    """Marker area (points²): a floor plus a part proportional to filings, reaching the cap at `top` filings; the
    cap shrinks as members grow (the picture has the same room for 5 members as for 500)."""
    hi = max(30.0, min(1300.0, 14000.0 / max(n_members, 1)))
    lo = hi / 10
    return lo + (hi - lo) * np.clip(np.asarray(filings, dtype=float), 0, None) / max(top, 1.0)


def _unit_positions(nodes: list[str], pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Positions in [0, 1]², y up (matplotlib) from the layout's y down (screen)."""
    if len(nodes) == 1:
        return {nodes[0]: (0.5, 0.5)}
    raw = np.array([pos[k] for k in nodes], dtype=float).reshape(-1, 2)
    lo, hi = raw.min(axis=0), raw.max(axis=0)
    unit = (raw - lo) / np.where(hi - lo > 1e-9, hi - lo, 1.0)
    return {k: (float(x), 1.0 - float(y)) for k, (x, y) in zip(nodes, unit)}


def _edge_segments(g: nx.Graph, xy: dict, px: tuple[float, float], gap_px: float) -> list[tuple]:
    """One segment per (edge, link type); the types of one pair side by side, `gap_px` apart on screen.

    `px`: pixels per data unit on x and y (the axes are not square). Returns (points, type, width, bridge).
    """
    sx, sy = px
    out = []
    for u, v in sorted((min(a, b), max(a, b)) for a, b in g.edges):
        d = g.edges[u, v]
        types = [t for t in str(d.get("link_types", "")).split(";") if t] or ["?"]
        (x0, y0), (x1, y1) = xy[u], xy[v]
        dx, dy = (x1 - x0) * sx, (y1 - y0) * sy
        length = math.hypot(dx, dy) or 1.0
        ox, oy = -dy / length / sx, dx / length / sy  # the unit normal on screen, in data units per pixel
        width = 0.8 + 2.2 * float(d.get("pair_weight", d.get("weight", 0.5)))
        for i, t in enumerate(types):
            off = (i - (len(types) - 1) / 2) * gap_px
            seg = ((x0 + ox * off, y0 + oy * off), (x1 + ox * off, y1 + oy * off))
            out.append((seg, t, width, bool(d.get("bridge"))))
    return out


def _wrap(name: str, width: int = 10) -> str:
    """A long name on two lines (Chinese names have no spaces: break before the company form, else at `width`)."""
    if len(name) <= width + 2:
        return name
    for form in COMPANY_FORMS:
        head = name[: -len(form)]
        if name.endswith(form) and 2 <= len(head) <= width + 4:
            return head + "\n" + form
    return name[:width] + "\n" + name[width : 2 * width] + ("…" if len(name) > 2 * width else "")


def _place_labels(ax, fig, g: nx.Graph, xy: dict, radius: dict[str, float]) -> None:
    """Names below, above, beside or diagonally off their node, best-ranked members first; a name that would cover
    another name or a node wherever it goes is left out (the member is still drawn)."""
    renderer = fig.canvas.get_renderer()
    to_px = ax.transData.transform
    order = rank_order(g)
    taken = []  # pixel boxes: first every node (in `order`), then each name placed
    for k in order:
        cx, cy = to_px(xy[k])
        taken.append((cx - radius[k], cy - radius[k], cx + radius[k], cy + radius[k]))
    for i, k in enumerate(order):
        r_pt = radius[k] * 72 / DPI
        d = r_pt * 0.75 + 2
        for dx, dy, ha, va in (
            (0, -r_pt - 2, "center", "top"),
            (0, r_pt + 2, "center", "bottom"),
            (r_pt + 3, 0, "left", "center"),
            (-r_pt - 3, 0, "right", "center"),
            (d, -d, "left", "top"),
            (-d, -d, "right", "top"),
            (d, d, "left", "bottom"),
            (-d, d, "right", "bottom"),
        ):
            label = ax.annotate(
                _wrap(str(g.nodes[k].get("name") or k)),
                xy[k],
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va=va,
                fontsize=8,
                zorder=3,
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            )
            b = label.get_window_extent(renderer)
            box = (b.x0 - LABEL_GAP, b.y0 - LABEL_GAP, b.x1 + LABEL_GAP, b.y1 + LABEL_GAP)
            inside = ax.bbox.x0 <= box[0] and box[2] <= ax.bbox.x1 and ax.bbox.y0 <= box[1] and box[3] <= ax.bbox.y1
            clash = any(
                box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3]
                for j, t in enumerate(taken)
                if j != i  # its own node is not in the way
            )
            if inside and not clash:
                taken.append(box)
                break
            label.remove()


def _legends(fig, handles: list[tuple[str, list, dict]]) -> None:
    """Legends stacked top-down in the right-hand column, each placed below the one before it."""
    renderer = fig.canvas.get_renderer()
    top = AXES[1] + AXES[3]
    x = AXES[0] + AXES[2] + 0.01
    for title, items, extra in handles:
        if not items:
            continue
        legend = fig.legend(
            handles=items,
            title=title,
            loc="upper left",
            bbox_to_anchor=(x, top),
            frameon=False,
            fontsize=9,
            title_fontsize=10,
            alignment="left",
            **extra,
        )
        box = legend.get_window_extent(renderer).transformed(fig.transFigure.inverted())
        top = box.y0 - 0.02


def _draw_edges(ax, g: nx.Graph, xy: dict, many: bool) -> None:
    from matplotlib.collections import LineCollection

    w_px, h_px = AXES[2] * FIG_SIZE[0] * DPI, AXES[3] * FIG_SIZE[1] * DPI
    px = (w_px / (XLIM[1] - XLIM[0]), h_px / (YLIM[1] - YLIM[0]))
    segments = _edge_segments(g, xy, px, gap_px=1.5 if many else 4.0)
    for dashed in (False, True):
        part = [s for s in segments if s[3] == dashed]
        if part:
            ax.add_collection(
                LineCollection(
                    [s[0] for s in part],
                    colors=[LINK_COLOURS.get(s[1], OTHER_LINK_COLOUR) for s in part],
                    linewidths=[s[2] * (0.4 if many else 1.0) for s in part],
                    linestyles="dashed" if dashed else "solid",
                    alpha=0.85,
                    zorder=1,
                )
            )


def _dot(colour: str, size: float, label: str):
    from matplotlib.lines import Line2D

    return Line2D(
        [],
        [],
        marker="o",
        linestyle="none",
        markersize=size,
        markerfacecolor=colour,
        markeredgecolor="white",
        label=label,
    )


def _legend_groups(g: nx.Graph, levels: list[str], filings: np.ndarray, lang: str) -> list[tuple[str, list, dict]]:
    """(title, handles, legend options) for level, link type and circle size."""
    from matplotlib.lines import Line2D

    text = LABELS[lang]
    n = len(levels)
    level_items = [_dot(LEVEL_COLOURS[lv], 10, text[lv]) for lv in LEVELS if lv in levels]
    link_items = [
        Line2D([], [], color=LINK_COLOURS.get(t, OTHER_LINK_COLOUR), linewidth=3, label=link_label(t, lang))
        for t in _link_types(g)
    ]
    if any(d.get("bridge") for _, _, d in g.edges(data=True)):
        link_items.append(Line2D([], [], color="#333333", linewidth=1.5, linestyle="dashed", label=text["bridge"]))
    top = float(filings.max()) if n else 1.0
    counts = sorted({int(filings.min()), int(filings.max())}) if n else []
    diameters = [math.sqrt(float(node_area(c, top, n))) for c in counts]
    size_items = [
        _dot(LEVEL_COLOURS[""], d, text["size_one" if c == 1 else "size_item"].format(n=c))
        for c, d in zip(counts, diameters)
    ]
    em = max(diameters, default=0.0) / 9  # the biggest circle in units of the legend's font size
    size_layout = {"labelspacing": max(0.5, 0.8 * em), "handlelength": max(2.0, em), "borderpad": 0.4}
    return [(text["level"], level_items, {}), (text["links"], link_items, {}), (text["size"], size_items, size_layout)]


def _link_types(g: nx.Graph) -> list[str]:
    return sorted({t for _, _, d in g.edges(data=True) for t in str(d.get("link_types", "")).split(";") if t})


def cluster_figure(g: nx.Graph, pos: dict[str, tuple[float, float]], lang: str = "zh"):
    """The picture of cluster `g` at `pos` (graphs.export.view_positions: y grows downward, as on screen), as a
    matplotlib Figure (Agg canvas, no pyplot state). MissingFontError when its text needs a Chinese font and none is
    installed."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    lang = "zh" if lang == "zh" else "en"
    text = LABELS[lang]
    nodes = sorted(g.nodes)
    n = len(nodes)
    many = n > MAX_LABELS
    names = [str(g.nodes[k].get("name") or k) for k in nodes]
    levels = [str(g.nodes[k].get("level") or "") for k in nodes]
    filings = np.array([int(g.nodes[k].get("n_filings", 0) or 0) for k in nodes], dtype=float)
    title = text["title"].format(cid=g.graph.get("cluster_id", ""), members=n, filings=int(filings.sum()))
    style = font_style([title, *names, *text.values(), *(link_label(t, lang) for t in _link_types(g))])
    xy = _unit_positions(nodes, pos) if n else {}
    with rc_context(style):  # every text is created here, so each keeps the font family it was given
        fig = Figure(figsize=FIG_SIZE, dpi=DPI)
        FigureCanvasAgg(fig)
        ax = fig.add_axes(AXES)
        ax.set_xlim(*XLIM)
        ax.set_ylim(*YLIM)
        ax.set_axis_off()
        fig.suptitle(title, x=AXES[0] + AXES[2] / 2, y=0.965, fontsize=14)
        _draw_edges(ax, g, xy, many)
        area = node_area(filings, float(filings.max()) if n else 1.0, n)
        if n:
            ax.scatter(
                [xy[k][0] for k in nodes],
                [xy[k][1] for k in nodes],
                s=area,
                c=[LEVEL_COLOURS.get(lv, LEVEL_COLOURS[""]) for lv in levels],
                edgecolors="white",
                linewidths=1.0,
                zorder=2,
            )
        if n and not many:
            radius = {k: math.sqrt(a) / 2 * DPI / 72 for k, a in zip(nodes, area)}  # s is the marker's box, in pt²
            _place_labels(ax, fig, g, xy, radius)
        _legends(fig, _legend_groups(g, levels, filings, lang))
    return fig


def render_png(g: nx.Graph, pos: dict[str, tuple[float, float]], path: Path, lang: str = "zh") -> None:
    """Write cluster_figure(g, pos, lang) to `path` as PNG."""
    cluster_figure(g, pos, lang).savefig(path, format="png", metadata={"Software": None})
