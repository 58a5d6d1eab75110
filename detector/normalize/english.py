"""English words that can also be read as pinyin (HOUSE hou|se, CHINA chi|na, LINING li|ning): data/english_pinyin.tsv.

The matcher reads a Latin run as English when it is not pinyin at all (SMART, WINE) or when it is one of these
words. Two uses in `pinyin_contains`: a two-syllable term whose spelling is such a word (李宁 LINING) is not sought
beside English words, and a word of this list next to a spelled term counts as the English word beside it
(HUAWEI HOUSE).

Built by `python -m detector.normalize.english --source /usr/share/dict/american-english` from SCOWL's American
English list as Debian's wamerican 2020.12.07-2 ships it (copyright Kevin Atkinson and others; permission to use,
copy, modify, distribute and sell granted with the notice kept, see /usr/share/doc/wamerican/copyright): every
lowercase word of 4+ letters that splits into pinyin syllables (detector.normalize.syllables).
"""

from __future__ import annotations

import argparse
from functools import lru_cache
from importlib import resources
from pathlib import Path

from detector.normalize import syllables

MIN_LETTERS = 4
OUT = Path(__file__).with_name("data") / "english_pinyin.tsv"
HEADER = """# English words of 4+ letters that also split into pinyin syllables (see detector/normalize/english.py).
# Source: SCOWL American English word list (Debian wamerican 2020.12.07-2), copyright 2000-2011 Kevin Atkinson
# and others; permission to use, copy, modify, distribute and sell granted provided the copyright notice and
# permission notice appear in all copies. Derived: lowercase ASCII words split by detector.normalize.syllables.
"""


@lru_cache(maxsize=1)
def english_pinyin_words() -> frozenset[str]:
    """The shipped list (lowercase)."""
    text = resources.files("detector.normalize").joinpath("data/english_pinyin.tsv").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def is_english(run: str) -> bool:
    """A lowercase letter run reads as English: not pinyin at all, or an English word that also reads as pinyin."""
    return not syllables.is_pinyin(run) or run in english_pinyin_words()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build data/english_pinyin.tsv from an English word list.")
    parser.add_argument("--source", type=Path, required=True, help="one word a line (e.g. wamerican's file)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    words = {w.strip() for w in args.source.read_text(encoding="utf-8").splitlines()}
    keep = sorted(
        w
        for w in words
        if len(w) >= MIN_LETTERS and w.isascii() and w.isalpha() and w.islower() and syllables.is_pinyin(w)
    )
    args.out.write_text(HEADER + "\n".join(keep) + "\n", encoding="utf-8")
    print(f"{len(keep)} words -> {args.out}")


if __name__ == "__main__":
    main()
