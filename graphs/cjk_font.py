"""A font with Chinese characters for every picture the tool draws (matplotlib), found at run time.

matplotlib reads its font list once and caches it, so a CJK font installed later (Debian's fonts-wqy-microhei, a
.ttc collection) is often missing from it and Chinese text falls back to DejaVu Sans: empty boxes. font_style()
looks in matplotlib's list, then asks fontconfig (`fc-list :lang=zh`) and registers what it finds; when a picture
has Chinese text and no installed font can draw it, MissingFontError names the package to install instead.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from detector.errors import TmscreenError
from detector.text import Text

DEBIAN_PACKAGE = "fonts-wqy-microhei"
# Preferred families, best first: what Debian, Fedora, macOS and Windows ship.
PREFERRED = (
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans CJK JP",
    "Source Han Sans",
    "PingFang SC",
    "Hiragino Sans GB",
    "Microsoft YaHei",
    "SimHei",
)
PROBE = "关联集群申请人商标注册"  # a font qualifies when it has every one of these
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
_FILE_HINTS = ("wqy", "noto", "sourcehan", "source-han", "msyh", "simhei", "pingfang", "hiragino")


@dataclass(frozen=True)
class FontFile:
    """One installed font: its family name and file."""

    family: str
    path: str


@dataclass
class MissingFontError(TmscreenError):
    """A picture has Chinese text and no installed font can draw it (exit 1)."""


def missing_font_error() -> MissingFontError:
    return MissingFontError(
        Text(
            en="no installed font has Chinese characters, so the picture would show empty boxes instead of names; "
            f"install one (Debian/Ubuntu: sudo apt-get install {DEBIAN_PACKAGE}; or Noto Sans CJK, Source Han Sans)",
            zh="未找到能显示中文的字体，图中的名称会显示为空白方框；请先安装中文字体"
            f"（Debian/Ubuntu：sudo apt-get install {DEBIAN_PACKAGE}；或 Noto Sans CJK、思源黑体）",
        ),
        fix=f"sudo apt-get install {DEBIAN_PACKAGE}",
    )


def has_cjk(texts: Iterable[str]) -> bool:
    """True when any of `texts` has a Chinese (CJK) character."""
    return any(_CJK.search(str(t)) for t in texts)


def _matplotlib_fonts() -> list[FontFile]:
    from matplotlib import font_manager

    return [FontFile(f.name, f.fname) for f in font_manager.fontManager.ttflist]


def _fontconfig_fonts() -> list[FontFile]:
    """Fonts that fontconfig says cover Chinese; [] without fc-list (Windows, most Macs)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        done = subprocess.run(
            [fc_list, ":lang=zh", "--format", "%{family[0]}\t%{file}\n"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return []
    rows = (line.split("\t", 1) for line in done.stdout.splitlines() if "\t" in line)
    return sorted({FontFile(family.strip(), path.strip()) for family, path in rows}, key=lambda f: (f.family, f.path))


def _system_font_files() -> list[FontFile]:
    """Font files in the usual system folders whose file name looks Chinese (when fontconfig is not there)."""
    from matplotlib import font_manager

    paths = sorted(p for p in font_manager.findSystemFonts() if any(h in p.lower() for h in _FILE_HINTS))
    return [FontFile("", p) for p in paths]


def installed_fonts() -> list[FontFile]:
    """Candidate fonts: matplotlib's list, then fontconfig's Chinese fonts (or likely Chinese font files)."""
    return _matplotlib_fonts() + (_fontconfig_fonts() or _system_font_files())


def _ranked(fonts: Sequence[FontFile]) -> list[FontFile]:
    """Preferred families first (in PREFERRED order), then the rest by family name; each file once."""
    rank = {name.lower(): i for i, name in enumerate(PREFERRED)}
    seen: set[str] = set()
    out = []
    for f in sorted(fonts, key=lambda f: (rank.get(f.family.lower(), len(PREFERRED)), f.family, f.path)):
        if f.path not in seen:
            seen.add(f.path)
            out.append(f)
    return out


def _covers(path: str, probe: str = PROBE) -> str | None:
    """The family matplotlib reads from `path` when that font has every probe character, else None."""
    from matplotlib import font_manager

    try:
        font = font_manager.get_font(path)
        charmap = font.get_charmap()
    except (OSError, RuntimeError, ValueError):
        return None
    return font.family_name if all(ord(c) in charmap for c in probe) else None


def find_cjk_font(fonts: Sequence[FontFile] | None = None) -> str | None:
    """Family name of the best installed font with Chinese characters, registered with matplotlib; None if none.

    `fonts`: the candidates (default: installed_fonts()); a test passes [] to see the no-font path.
    """
    if fonts is None:
        return _default_cjk_font()
    from matplotlib import font_manager

    known = {f.name for f in font_manager.fontManager.ttflist}
    for f in _ranked(fonts):
        family = _covers(f.path)
        if family is None:
            continue
        if family not in known:
            font_manager.fontManager.addfont(f.path)
        return family
    return None


@cache
def _default_cjk_font() -> str | None:
    return find_cjk_font(installed_fonts())


def font_style(texts: Iterable[str] = (), fonts: Sequence[FontFile] | None = None) -> dict:
    """matplotlib rc settings that draw `texts` with a Chinese font (DejaVu Sans after it, for any glyph it lacks).

    Raises MissingFontError when `texts` has Chinese characters and no installed font has them; text without
    Chinese is drawn in DejaVu Sans then.
    """
    family = find_cjk_font(fonts)
    if family is None and has_cjk(texts):
        raise missing_font_error()
    families = ([family] if family else []) + ["DejaVu Sans"]
    # Named families, not "sans-serif": a text keeps them after the rc context closes (a figure saved later).
    return {"font.family": families, "font.sans-serif": families, "axes.unicode_minus": False}
