"""Noise guards shared by methods: how much evidence a short term needs before it counts as a match.

- A one-character term matches only as the whole mark (exact); never inside a longer mark, by sound or by edit.
- Latin terms inside a longer Latin string need word boundaries: both ends for 4 letters or fewer, one end above.
- Edit distance is allowed only for terms of 5+ characters: 1 edit up to 9 characters, 2 edits from 10.
- Sound alone (homophones, spelled pinyin) counts only for terms of 3+ syllables, unless the term is marked
  distinctive: a two-syllable homophone (易铭 for 翊鸣, KANGYI for 抗疫) is an ordinary name or word far too often.
  Spelled pinyin of a distinctive two-syllable term needs both word boundaries (or the whole mark).
- A Latin term inside a longer letter run that reads as pinyin must be whole syllables of it, and have 3+
  syllables (HONGQIANXING is hong|qian|xing: it does not hold Hongqi).
- A two-character Han term inside a longer Han run must be a word of it by dictionary segmentation (马龙 is not in
  斑马龙头, 新冠 is not in 新冠军).
- Weak Latin look-alikes (C/G, U/V ...) only in terms of 6+ letters, at most two, at most two changes in all.
- The spelled pinyin of a two-syllable term counts inside a longer mark only as a word beside an English word
  (HUAWEI SMART, MaotaiWine), never at the end of an English word (conTAINING).
"""

from __future__ import annotations

import re

import numpy as np

from detector.normalize import lexicon, syllables
from detector.normalize.english import is_english
from detector.normalize.width import to_halfwidth

MIN_TERM_LEN = 2
SHORT_LATIN = 4
MIN_SPELLED = 5
MIN_PINYIN_CONTAINS_TOKENS = 3
MIN_VISUAL_CONTAINS = 3
MIN_LATIN_LEN = 3
MIN_WEAK_LATIN = 6
MAX_WEAK_SWAPS = 2
MIN_SOUND_SYLLABLES = 3
MIN_ENGLISH_WORD = 3
SHORT_HAN_WORD = 2


def boundary_ok(
    starts_latin: np.ndarray,
    ends_latin: np.ndarray,
    pure_latin: np.ndarray,
    term_len: np.ndarray,
    start_bnd: np.ndarray,
    end_bnd: np.ndarray,
) -> np.ndarray:
    """Word-boundary rule for a term found inside a longer canonical mark (vectorized)."""
    start_ok = ~starts_latin | start_bnd
    end_ok = ~ends_latin | end_bnd
    both = start_ok & end_ok
    either = start_ok | end_ok
    long_latin = pure_latin & (term_len > SHORT_LATIN)
    return np.where(long_latin, either, both)


def max_edits(length: np.ndarray, min_similarity: int) -> np.ndarray:
    """Edits allowed for a string of `length`: 0 below 5 chars, 1 below 10, else 2; never more than min_similarity
    allows."""
    length = np.asarray(length, dtype=np.int64)
    cap = np.where(length < 5, 0, np.where(length < 10, 1, 2))
    by_threshold = ((100 - min_similarity) * length) // max(min_similarity, 1)
    return np.minimum(cap, by_threshold)


def _run(flags: np.ndarray, offset: int, start: int, end: int) -> tuple[int, int]:
    """The word (between boundary flags) around [start, end) of the text whose flags start at `offset`."""
    while start > 0 and not flags[offset + start]:
        start -= 1
    while not flags[offset + end]:
        end += 1
    return start, end


def pinyin_run_ok(text: str, flags: np.ndarray, offset: int, start: int, end: int, term_syllables: int) -> bool:
    """A Latin term found at text[start:end]: when the letter run around it reads as pinyin, the term must be whole
    syllables of it and have 3+ syllables (term_syllables: syllables.count of the term, -1 if not pinyin).
    Runs that are not pinyin (English words) keep the word-boundary rule alone. The rule for one find, as written;
    the match methods apply it to all their finds at once (pinyin_runs_ok, tested against this)."""
    lo, hi = _run(flags, offset, start, end)
    if lo == start and hi == end:
        return True
    run = text[lo:hi]
    if not (run.isascii() and run.isalpha()) or not syllables.is_pinyin(run):
        return True
    return term_syllables >= MIN_SOUND_SYLLABLES and syllables.on_edges(run, start - lo, end - lo)


def run_edges(flags: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per position of `flags` (boundary_flags of newline-joined texts) the nearest boundary at or before it and at or
    after it: where _run's walks end (every text starts and ends at a boundary)."""
    at = np.arange(len(flags))
    before = np.maximum.accumulate(np.where(flags, at, 0))
    after = np.minimum.accumulate(np.where(flags, at, len(flags) - 1)[::-1])[::-1]
    return before, after


def pinyin_runs_ok(
    texts: np.ndarray,
    bounds: tuple[np.ndarray, np.ndarray],
    edges: tuple[np.ndarray, np.ndarray],
    text: np.ndarray,
    start: np.ndarray,
    end: np.ndarray,
    term_syllables: np.ndarray,
) -> np.ndarray:
    """pinyin_run_ok of many finds at once (texts[text[i]][start[i]:end[i]], term_syllables[i]; bounds: (flags,
    offsets) of `texts`, edges: run_edges of the flags): the letter runs around them found by array lookups, each
    distinct run's pinyin reading tested once, whole syllables only where a run reads as pinyin."""
    offsets = bounds[1]
    off = offsets[text]
    lo = np.maximum(edges[0][off + start], off) - off
    hi = edges[1][off + end] - off
    out = np.ones(len(text), dtype=bool)
    pinyin: dict[tuple[int, int, int], str | None] = {}  # (text, lo, hi) -> the run when it reads as pinyin
    inside = np.flatnonzero((lo != start) | (hi != end))
    for i, t, a, b, s, e in zip(
        inside.tolist(), text[inside].tolist(), lo[inside].tolist(), hi[inside].tolist(),
        start[inside].tolist(), end[inside].tolist(),
    ):  # fmt: skip
        key = (t, a, b)
        if key in pinyin:
            run = pinyin[key]
        else:
            run = texts[t][a:b]
            run = pinyin[key] = run if run.isascii() and run.isalpha() and syllables.is_pinyin(run) else None
        if run is not None:
            out[i] = bool(term_syllables[i] >= MIN_SOUND_SYLLABLES) and syllables.on_edges(run, s - a, e - a)
    return out


def han_word_ok(text: str, flags: np.ndarray, offset: int, start: int, end: int) -> bool:
    """A short Han term found at text[start:end] is a word of the Han run around it (lexicon.is_token)."""
    lo, hi = _run(flags, offset, start, end)
    if lo == start and hi == end:
        return True
    return lexicon.is_token(text[lo:hi], start - lo, end - lo)


_RAW_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[a-z]+")


def latin_words(raw: str) -> list[str]:
    """The Latin words of a mark as written, split at non-letters and at case changes (MaotaiWine -> maotai, wine;
    HUAWEI SMART -> huawei, smart; CONTAINING stays one word), lowercased; full-width letters count."""
    return [w.lower() for w in _RAW_WORD.findall(to_halfwidth(raw))]


def beside_english_ok(raw: str, spelled: str) -> bool:
    """The spelled pinyin of a two-syllable term stands as a brand name beside an English word: it is a whole word
    of the mark as written (words split at spaces, punctuation and case changes: HUAWEI SMART, MaotaiWine), and
    another word of 3+ letters reads as English (not pinyin, or a word of the English list that also reads as
    pinyin: HOUSE). Ends of English words (conTAINING, exCLUDING) and pinyin phrases (HUAWEI TIANXIA) do not
    count."""
    words = latin_words(raw)
    if spelled not in words:
        return False
    return any(w != spelled and len(w) >= MIN_ENGLISH_WORD and is_english(w) for w in words)
