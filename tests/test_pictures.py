"""Pictures read in Chinese: a CJK font is found at run time (or a clear error names the package to install), no
glyph is drawn as an empty box, and the cluster PNG and the PR curve carry a title, legends and axis labels in the
language asked for. The missing-glyph warning of matplotlib is turned into a test failure."""

from __future__ import annotations

import io
import os
import warnings

import pandas as pd
import pytest
from matplotlib import font_manager
from matplotlib.text import Text

from detector.audit.plots import plot_pr_curve
from graphs import cjk_font
from graphs.cjk_font import FontFile, MissingFontError, find_cjk_font, font_style
from graphs.export import view_positions, write_graph
from graphs.network import cluster_graph
from graphs.png_view import cluster_figure

# Company and person names with characters beyond the most common few thousand (鑫 淼 喆 堃 犇 昇 珺 甯).
MEMBERS = [
    ("A1", "深圳市鑫淼电子商务有限公司", 97.5, "high", 30),
    ("A2", "杭州喆堃贸易有限公司", 88.0, "high", 12),
    ("A3", "北京犇昇文化传媒有限公司", 61.0, "medium", 8),
    ("A4", "苏州珺甯服饰有限公司", 45.0, "low", 3),
    ("A5", "欧阳娜", 12.0, "", 1),
    ("A6", "广州市天河区冰墩墩玩具商行", 52.0, "low", 5),
]
EVIDENCE = [
    ("A1", "A2", "phone", "13800000001", 0.9),
    ("A1", "A2", "legal_representative", "陈国栋", 0.4),
    ("A2", "A3", "email", "boss@chain.cn", 0.9),
    ("A3", "A4", "transfer", "冰墩墩 -> 雪容融", 0.8),
    ("A3", "A4", "address", "浙江省杭州市西湖区文三路100号", 0.45),
    ("A4", "A5", "shareholder", "欧阳娜", 0.7),
    ("A5", "A6", "person_cross_role", "欧阳娜", 0.5),
    ("A1", "A6", "contact_person", "刘晓燕", 0.35),
    ("A1", "A6", "same_mark", "冰墩墩", 0.45),
    ("A1", "A6", "name_pattern", "冰墩墩*", 0.3),
]


def require_cjk_font() -> None:
    if find_cjk_font() is None:
        if os.environ.get("CI"):
            pytest.fail("no CJK font in CI (.ci/run installs fonts-wqy-microhei)")
        pytest.skip("no CJK font installed (apt-get install fonts-wqy-microhei)")


@pytest.fixture
def glyphs_must_exist():
    """Any 'Glyph ... missing from font(s)' warning while drawing fails the test."""
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=r"Glyph .* missing from font")
        yield


def chinese_cluster():
    members = pd.DataFrame(MEMBERS, columns=["applicant_id", "applicant_name", "score", "level", "n_filings"])
    members = members.assign(cluster_id="C-test", flagged=members["level"].ne(""), n_classes=3, rule_ids="")
    evidence = pd.DataFrame(EVIDENCE, columns=["src", "dst", "link_type", "value", "weight"]).assign(
        cluster_id="C-test"
    )
    g = cluster_graph(members, evidence)
    g.graph["cluster_id"] = "C-test"
    return g


def texts_of(fig) -> set[str]:
    return {t.get_text() for t in fig.findobj(Text) if t.get_text()}


def test_the_glyph_check_catches_empty_boxes(glyphs_must_exist):
    """The control: Chinese text in DejaVu Sans (matplotlib's fallback) raises under the filter the tests use."""
    from matplotlib import rc_context
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with rc_context({"font.family": ["DejaVu Sans"]}):
        fig = Figure()
        FigureCanvasAgg(fig)
        fig.text(0.5, 0.5, "冰墩墩")
        with pytest.raises(UserWarning, match="missing from font"):
            fig.savefig(io.BytesIO(), format="png")


def test_chinese_cluster_png_has_every_glyph(tmp_path, glyphs_must_exist):
    require_cjk_font()
    g = chinese_cluster()
    target = tmp_path / "c.png"
    write_graph(g, "png", target, "zh")
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    fig = cluster_figure(g, view_positions(g), "zh")
    fig.savefig(io.BytesIO(), format="png")
    names = {name for _, name, *_ in MEMBERS}
    drawn = {t.replace("\n", "") for t in texts_of(fig)}
    assert names <= drawn  # six members: every name finds a free place


def test_png_has_title_and_legends_in_chinese(glyphs_must_exist):
    require_cjk_font()
    fig = cluster_figure(chinese_cluster(), view_positions(chinese_cluster()), "zh")
    texts = texts_of(fig)
    assert "关联集群 C-test：成员 6 名，申请 59 件" in texts
    assert {"风险等级", "高", "中", "低", "未列为可疑"} <= texts
    assert {"关联类型", "电话", "邮箱", "法定代表人", "联系人", "股东", "同一人不同身份", "地址", "商标转让"} <= texts
    assert {"相同商标", "名称模式"} <= texts
    assert {"圆面积 = 申请件数", "1 件", "30 件"} <= texts
    fig.savefig(io.BytesIO(), format="png")


def test_png_has_title_and_legends_in_english():
    fig = cluster_figure(chinese_cluster(), view_positions(chinese_cluster()), "en")
    texts = texts_of(fig)
    assert "Linked cluster C-test: 6 members, 59 filings" in texts
    assert {"Level", "high", "medium", "low", "not flagged", "Link type", "phone", "e-mail", "transfer"} <= texts
    assert {"legal representative", "address", "shareholder", "Circle area = filings", "1 filing"} <= texts


def test_bridge_edges_get_a_legend_entry():
    g = chinese_cluster()
    g.edges["A3", "A4"]["bridge"] = True
    assert "bridge edge (check it)" in texts_of(cluster_figure(g, view_positions(g), "en"))
    g.edges["A3", "A4"]["bridge"] = False
    assert "bridge edge (check it)" not in texts_of(cluster_figure(g, view_positions(g), "en"))


def test_no_cjk_font_is_a_clear_error_naming_the_package():
    with pytest.raises(MissingFontError) as caught:
        font_style(["冰墩墩"], fonts=[])
    err = caught.value
    assert err.exit_code == 1 and "fonts-wqy-microhei" in err.render()
    assert "fonts-wqy-microhei" in err.message.zh and "字体" in err.message.zh
    assert "fonts-wqy-microhei" in err.message.en
    # Text without Chinese needs no Chinese font: DejaVu Sans draws it.
    assert font_style(["precision", "recall"], fonts=[])["font.family"] == ["DejaVu Sans"]


def test_png_without_cjk_font_fails_and_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(cjk_font, "_default_cjk_font", lambda: None)
    g = chinese_cluster()
    target = tmp_path / "c.png"
    with pytest.raises(MissingFontError, match="fonts-wqy-microhei"):
        write_graph(g, "png", target, "en")  # English labels, Chinese names: still needs the font
    assert not target.exists()


def test_font_matplotlib_has_not_listed_is_found_and_registered(monkeypatch):
    """matplotlib's cached font list misses a font installed after it was built; the finder registers the file."""
    require_cjk_font()
    real = next(f for f in cjk_font.installed_fonts() if cjk_font._covers(f.path))
    family = cjk_font._covers(real.path)
    stale = [f for f in font_manager.fontManager.ttflist if f.name != family]
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    assert find_cjk_font([FontFile(real.family, real.path)]) == family
    assert family in {f.name for f in font_manager.fontManager.ttflist}


def test_fonts_without_chinese_do_not_count():
    dejavu = font_manager.findfont("DejaVu Sans")
    assert find_cjk_font([FontFile("DejaVu Sans", dejavu)]) is None


def curve() -> pd.DataFrame:
    thresholds = [float(t) for t in range(0, 101, 10)]
    precision = [0.2 + 0.07 * i for i in range(11)]
    recall = [1.0 - 0.09 * i for i in range(11)]
    f1 = [2 * p * r / (p + r) for p, r in zip(precision, recall)]
    return pd.DataFrame({"threshold": thresholds, "precision": precision, "recall": recall, "f1": f1})


def test_pr_curve_in_chinese_has_every_glyph(tmp_path, glyphs_must_exist):
    require_cjk_font()
    target = tmp_path / "pr.png"
    plot_pr_curve(curve(), 40.0, target, "zh")
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and target.stat().st_size > 10_000


def test_pr_curve_in_chinese_without_font_is_an_error_english_is_drawn(tmp_path, monkeypatch, glyphs_must_exist):
    monkeypatch.setattr(cjk_font, "_default_cjk_font", lambda: None)
    with pytest.raises(MissingFontError, match="fonts-wqy-microhei"):
        plot_pr_curve(curve(), 40.0, tmp_path / "zh.png", "zh")
    assert not (tmp_path / "zh.png").exists()
    plot_pr_curve(curve(), 40.0, tmp_path / "en.png", "en")
    assert (tmp_path / "en.png").stat().st_size > 10_000
