"""Build data/shape_pairs.tsv, the derived 形近字 relation, from the glyph data of the char-similar package.

A developer's tool, run by hand when the selection or the review below changes; nothing imports it at run time
and the package is no dependency (it pins old versions of tqdm and macropodus). Get its wheel and run:

    pip download --no-deps -d /tmp/cs char-similar==0.0.2
    python -m detector.normalize.shape_build --source /tmp/cs/char_similar-0.0.2-py2.py3-none-any.whl

Source: char-similar 0.0.2 by yongzhuo (https://github.com/yongzhuo/char-similar), licence MIT in its metadata
and Apache-2.0 in its LICENSE file (both permissive; the table records both). Its dictionaries give, per
character, the first-level decomposition (拆字, from kfcd/chaizi), the stroke order (1 横 2 竖 3 撇 4 点 5 折), the
structure code, the four-corner code (四角号码), the stroke count, the radical and a corpus frequency. Its own
similarity score is not used (it is uneven: 墩/敦 scores below 我/他).

Two kinds of pair are selected over the 6,763 characters of GB2312, then reviewed by eye (REJECTED lists the
pairs dropped in review, with the reason):

- ``stroke``: one stroke added, dropped or changed: same structure, stroke orders at Levenshtein distance <= 1,
  and the same four corners of the four-corner code (古/吉, 未/末, 乌/鸟, 问/间, 晴/睛).
- ``component``: one thin component added or removed: the character is exactly two components, one of them a
  thin radical (亻 氵 扌 忄 讠 口 艹 冫 彳 土 日) that is the character's radical, the other a character of 5+
  strokes carrying at least 60 % of the strokes (墩/敦, 蓉/容, 液/夜, 清/青); both characters reasonably common
  (corpus frequency >= 10 in the package's scale).

Pairs already in the hand table (data/visual_chars.tsv) are left out: that table stays the reviewed core.
"""

from __future__ import annotations

import argparse
import json
import zipfile
from pathlib import Path

from rapidfuzz.distance import Levenshtein

PACKAGE, VERSION = "char-similar", "0.0.2"
LICENCE = "MIT (package metadata); Apache-2.0 (LICENSE file)"
OUT = Path(__file__).with_name("data") / "shape_pairs.tsv"
FIELDS = ("stroke", "order", "struct", "fourangle", "number", "component", "frequency")
THIN = frozenset("亻氵扌忄讠口艹冫彳土日")
# bases that are a radical's full form: the decomposition names the radical, not a character one would swap
RADICAL_FORMS = frozenset("丝邑示衣玉竹草肉金言阜食页病革石米冰母业")
MIN_BASE_STROKES = 5
MIN_BASE_SHARE = 0.6
MAX_ADDED_STROKES = 4
MIN_FREQUENCY = 10.0

# Dropped in review (2026-11): a reader does not take one for the other, or one side is only a component.
REJECTED: dict[str, str] = {
    **dict.fromkeys("丨丿 亻彳 冫氵 卩阝 礻衤 廾艹 彡彳 心灬 刂川 凵山 口囗 么厶 厶幺 攵父 住隹".split(), "component"),
    **dict.fromkeys(
        "三二 三工 三王 二工 五工 工王 丑卫 东木 乃刀 仫伥 俱候 共芙 凸凹 刭到 匝叵 叼吗 吴足 吹呗 呃呕 哐旺 嗪睐 "
        "圾坍 均坞 坎坝 奂负 奸妍 字安 宙宫 巯疏 庇庑 忪怜 扔扬 扛扯 扭把 扼抠 捉损 攻玫 政玫 昀明 昊是 权极 杌枢 "
        "杓构 条枭 松柃 林栋 某茉 某茱 柱桩 汉汲 汐沟 汨泊 汩泊 汲没 沿洛 洁浩 矸研 矾砜 笏笫 笙筌 纫纲 肓育 肽胁 "
        "芑芒 芑苣 芘苣 芸苌 苗莒 苫莒 茱茶 茱荼 荽莩 蚣蛉 蝶蝾 讯记 诘诰 账贬 辽迅 迁近 进违 钡钦 钥钨 钧钨 钨钩 "
        "钮钯 铅铬 铅铭 黾电".split(),
        "not alike at a glance",
    ),
}


def load_features(source: Path) -> dict[str, dict[str, object]]:
    """The package's dictionaries (field -> {char: value}) from its wheel or from its installed data folder."""
    out = {}
    for field in FIELDS:
        name = f"char_{field}.dict"
        if source.suffix == ".whl":
            with zipfile.ZipFile(source) as whl:
                out[field] = json.loads(whl.read(f"char_similar/data/{name}").decode("utf-8"))
        else:
            out[field] = json.loads((source / name).read_text(encoding="utf-8"))
    return out


def _gb2312(c: str) -> bool:
    try:
        c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return "\u4e00" <= c <= "\u9fff"


def stroke_pairs(f: dict[str, dict]) -> list[tuple[str, str, str]]:
    """One stroke added, dropped or changed (see the module doc)."""
    chars = [c for c in f["order"] if len(c) == 1 and _gb2312(c) and all(c in f[k] for k in FIELDS[1:5])]
    by_len: dict[int, list[str]] = {}
    for c in chars:
        by_len.setdefault(len(f["order"][c]), []).append(c)
    out = []
    for a in chars:
        oa = f["order"][a]
        for n in (len(oa) - 1, len(oa), len(oa) + 1):
            for b in by_len.get(n, []):
                if b <= a or f["struct"][a] != f["struct"][b] or f["fourangle"][a][:4] != f["fourangle"][b][:4]:
                    continue
                if Levenshtein.distance(oa, f["order"][b]) <= 1:
                    out.append((a, b, f"stroke: order {oa}/{f['order'][b]}, four corners {f['fourangle'][a][:4]}"))
    return out


def component_pairs(f: dict[str, dict]) -> list[tuple[str, str, str]]:
    """One thin component added or removed (see the module doc)."""
    out = []
    for c, parts in f["stroke"].items():
        if len(c) != 1 or not _gb2312(c) or len(parts) != 2 or f["component"].get(c) not in THIN:
            continue
        for base in parts:
            if base == c or not _gb2312(base) or base in RADICAL_FORMS or base not in f["number"]:
                continue
            if f["component"].get(base) == f["component"][c]:
                continue
            nc, nb = f["number"][c], f["number"][base]
            if nb < MIN_BASE_STROKES or nc - nb > MAX_ADDED_STROKES or nb / nc < MIN_BASE_SHARE:
                continue
            if min(f["frequency"].get(c, 0), f["frequency"].get(base, 0)) < MIN_FREQUENCY:
                continue
            out.append((c, base, f"component: {c} = {f['component'][c]} + {base}"))
    return out


def hand_pairs() -> set[frozenset[str]]:
    from detector.normalize.visual import load_pairs

    return {frozenset((a, b)) for a, b, _ in load_pairs()}


def build(source: Path) -> list[tuple[str, str, str]]:
    """Selected, reviewed pairs not in the hand table, sorted and unique."""
    f = load_features(source)
    hand, seen, rows = hand_pairs(), set(), []
    for a, b, why in sorted(stroke_pairs(f) + component_pairs(f)):
        key = frozenset((a, b))
        if key in hand or key in seen or a + b in REJECTED or b + a in REJECTED:
            continue
        seen.add(key)
        rows.append((a, b, why))
    return rows


HEADER = f"""# 形近字 derived from glyph data (see detector/normalize/shape_build.py, which writes this file).
# Format: char<TAB>look-alike char<TAB>kind and the features that selected the pair.
# Provenance: {PACKAGE} {VERSION} (https://github.com/yongzhuo/char-similar), licence {LICENCE};
# its dictionaries cite kfcd/chaizi, houbb/nlp-hanzi-similar, contr4l/SimilarCharacter and CNMan/UnicodeCJK-WuBi.
# Selection over GB2312: 'stroke' = one stroke added, dropped or changed (same structure, stroke orders at
# edit distance <= 1, same four corners of the four-corner code); 'component' = one thin radical added or
# removed (the other part a character of 5+ strokes holding 60 %+ of the strokes). Reviewed by eye: pairs a
# reader does not confuse were dropped (shape_build.REJECTED). Pairs of the hand table are not repeated.
# Use: one swap per term of 3+ characters (detector/match/methods/visual.py); never chained, never folded.
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="char-similar wheel, or its data folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = build(args.source)
    text = HEADER + "".join(f"{a}\t{b}\t{why}\n" for a, b, why in rows)
    args.out.write_text(text, encoding="utf-8")
    print(f"{len(rows)} pairs -> {args.out}")


if __name__ == "__main__":
    main()
