"""A Chinese word list and dictionary segmentation: is a short term a word of the mark, or part of other words?

The list is jieba's dictionary (349,045 words, MIT licence; only its word column is read, once, lazily, and kept in
the disk cache: detector/normalize/jieba_words.py) when jieba is installed, else pypinyin's phrase dictionary
(47,111 phrases, far fewer everyday words). Two uses:

- `words()`: a homophone that is itself a word (期中, 天文, 终南山) is another word, not a disguise.
- `is_token(run, start, end)`: forward and backward maximum matching over a Han run, with the term added to the
  dictionary, cut no word across an edge of `run[start:end]`. `马龙` is a word of `马龙乒乓` but not of `斑马龙头`
  (斑马|龙头); `新冠` is not one of `新冠军` (backward: 新|冠军); `华为` is one of `华为之家`; `北京` is one of
  `北京烤鸭` (北京|烤鸭) but `新会` is not one of `新会员` (新|会员).
"""

from __future__ import annotations

from functools import lru_cache

from detector.normalize import jieba_words

MAX_WORD = 6


@lru_cache(maxsize=1)
def source() -> str:
    """Which word list is in use: 'jieba' or 'pypinyin'."""
    return "jieba" if jieba_words.dictionary_path() else "pypinyin"


@lru_cache(maxsize=1)
def words() -> frozenset[str]:
    """The word list (see module doc)."""
    if source() == "jieba":
        return jieba_words.word_set("lexicon", _dictionary_words, __file__)
    from pypinyin.phrases_dict import phrases_dict

    return frozenset(phrases_dict)


def _dictionary_words(text: str) -> list[str]:
    return [line.split(" ", 1)[0] for line in text.splitlines() if line]


def _forward(run: str, extra: str, skip: str = "") -> set[tuple[int, int]]:
    lex, out, i = words(), set(), 0
    while i < len(run):
        for n in range(min(MAX_WORD, len(run) - i), 0, -1):
            piece = run[i : i + n]
            if n == 1 or piece == extra or (piece in lex and piece != skip):
                out.add((i, i + n))
                i += n
                break
    return out


def _backward(run: str, extra: str, skip: str = "") -> set[tuple[int, int]]:
    lex, out, j = words(), set(), len(run)
    while j > 0:
        for n in range(min(MAX_WORD, j), 0, -1):
            piece = run[j - n : j]
            if n == 1 or piece == extra or (piece in lex and piece != skip):
                out.add((j - n, j))
                j -= n
                break
    return out


@lru_cache(maxsize=200_000)
def is_token(run: str, start: int, end: int, skip: str = "") -> bool:
    """Is `run[start:end]` a word of `run`: neither forward nor backward maximum matching (the term added to the
    dictionary, `skip` left out of it) cuts a word that straddles one of its edges? A longer word holding all of it
    counts for it only when the term is a word of that word in turn (北京烤鸭 = 北京|烤鸭 holds 北京; 新会员 =
    新|会员 does not hold 新会)."""
    extra = run[start:end]
    for a, b in _forward(run, extra, skip) | _backward(run, extra, skip):
        if (a < start < b or a < end < b) and not (a <= start and end <= b):
            return False
        if a <= start and end <= b and b - a > end - start and not is_token(run[a:b], start - a, end - a, run[a:b]):
            return False
    return True
