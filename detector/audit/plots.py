"""pr_curve.png: the precision-recall curve and precision / recall / F1 against the threshold (matplotlib Agg).

Text is drawn in a Chinese font found at run time (graphs.cjk_font), as in every picture the tool writes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from detector.errors import TmscreenError
from detector.text import Text

TEXT = {
    "zh": {
        "pr": "精确率-召回率曲线",
        "by_threshold": "各阈值下的精确率、召回率与F1",
        "precision": "精确率",
        "recall": "召回率",
        "threshold": "阈值",
        "value": "取值",
        "current": "当前阈值 {t:g}",
    },
    "en": {
        "pr": "Precision-recall curve",
        "by_threshold": "Precision, recall and F1 by threshold",
        "precision": "precision",
        "recall": "recall",
        "threshold": "threshold",
        "value": "value",
        "current": "current threshold {t:g}",
    },
}


def _pyplot():
    """matplotlib with the non-interactive Agg backend, imported lazily (it is slow to import)."""
    try:
        import matplotlib
    except ImportError:
        raise TmscreenError(
            Text(
                en="matplotlib is not installed; it draws pr_curve.png",
                zh="没有安装 matplotlib，无法绘制 pr_curve.png",
            ),
            fix="pip install matplotlib",
        ) from None
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def plot_pr_curve(curve: pd.DataFrame, threshold: float, path: Path, lang: str = "en") -> None:
    """Draw the curve into `path` (PNG), labelled in `lang`; Chinese labels need a Chinese font (graphs.cjk_font)."""
    from graphs.cjk_font import font_style

    plt = _pyplot()
    text = TEXT["zh" if lang == "zh" else "en"]
    style = font_style(text.values())  # MissingFontError for Chinese labels without a Chinese font, not boxes
    with plt.rc_context(style):
        fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.6), dpi=100)
        try:
            _draw_pr(left, curve, threshold, text)
            _draw_by_threshold(right, curve, threshold, text)
            fig.tight_layout()
            fig.savefig(path, format="png", metadata={"Software": None})
        finally:
            plt.close(fig)


def _draw_pr(ax, curve: pd.DataFrame, threshold: float, text: dict) -> None:
    # From the highest threshold down: recall grows; each step is drawn at the precision it ends with.
    pts = curve.dropna(subset=["precision", "recall"]).sort_values("threshold", ascending=False, kind="stable")
    ax.plot(
        pts["recall"], pts["precision"], drawstyle="steps-pre", marker=".", markersize=3, linewidth=1.5, color="#1f77b4"
    )
    here = curve[np.isclose(curve["threshold"], threshold)]
    if len(here) and not here[["precision", "recall"]].isna().any(axis=None):
        row = here.iloc[0]
        ax.plot([row["recall"]], [row["precision"]], marker="o", markersize=9, color="#d62728", linestyle="none")
        ax.annotate(
            text["current"].format(t=threshold),
            (row["recall"], row["precision"]),
            textcoords="offset points",
            xytext=(-8, -16),
            ha="right",  # left of the point, below the curve: clear of the step down from it
        )
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.05)
    ax.set_xlabel(text["recall"])
    ax.set_ylabel(text["precision"])
    ax.set_title(text["pr"])
    ax.grid(True, alpha=0.3)


def _draw_by_threshold(ax, curve: pd.DataFrame, threshold: float, text: dict) -> None:
    for column, color in (("precision", "#1f77b4"), ("recall", "#2ca02c"), ("f1", "#ff7f0e")):
        label = text.get(column, "F1")
        ax.plot(curve["threshold"], curve[column], label=label, color=color, linewidth=1.5)
    ax.axvline(threshold, color="#d62728", linestyle="--", linewidth=1, label=text["current"].format(t=threshold))
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.02, 1.05)
    ax.set_xlabel(text["threshold"])
    ax.set_ylabel(text["value"])
    ax.set_title(text["by_threshold"])
    ax.legend(loc="lower left", fontsize=8)
    ax.grid(True, alpha=0.3)
