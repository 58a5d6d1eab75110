"""The reference terms prepared once per Matcher: their forms and one KeyIndex per form and purpose."""

from __future__ import annotations

from functools import cached_property

import numpy as np
import pandas as pd

from detector.match import guards
from detector.match.form_table import FormTable, bigram_table
from detector.match.key_index import KeyIndex
from detector.normalize import syllables
from detector.normalize.english import english_pinyin_words
from detector.normalize.forms_cache import cached_form_lists
from detector.normalize.shape import shape_partners


class TermIndex:
    """Forms of the terms, per-term thresholds and lazily built key indexes (built on first use only)."""

    def __init__(self, terms: pd.DataFrame, cache_forms: bool = False) -> None:
        """`cache_forms`: the terms' forms come from the disk cache (a reference list's; not a batch's register)."""
        missing = {"term_id", "term"} - set(terms.columns)
        if missing:
            raise ValueError(f"terms table lacks column(s): {', '.join(sorted(missing))}")
        # As one pyarrow text column: the ids of a match's terms are taken without touching a Python string (a forked
        # worker reading the parent's would copy the pages that hold them: ~10 MB a worker for the register's hits).
        self.term_id = pd.array(terms["term_id"].astype(str).tolist(), dtype="str")
        texts = terms["term"].fillna("").astype(str).tolist()
        self.forms = FormTable(texts, cached_form_lists(texts) if cache_forms else None)
        if "min_similarity" in terms.columns:
            own = pd.to_numeric(terms["min_similarity"], errors="coerce").fillna(0)
            self.min_similarity = own.clip(0, 100).astype("int64").to_numpy()
        else:
            self.min_similarity = np.zeros(len(terms), dtype=np.int64)
        if "distinctive" in terms.columns:
            flag = terms["distinctive"].astype(object).where(terms["distinctive"].notna(), False)
            self.distinctive = np.array([str(v).strip().lower() in ("1", "true", "yes") for v in flag], dtype=bool)
        else:
            self.distinctive = np.zeros(len(terms), dtype=bool)

    def __len__(self) -> int:
        return self.forms.n

    def prepare_lookups(self) -> None:
        """Build the lookups (KeyIndex.prepare) of every key index made so far (see build_matchers)."""
        for index in list(vars(self).values()):
            if isinstance(index, KeyIndex):
                index.prepare()

    @cached_property
    def spelled_len(self) -> np.ndarray:
        return np.fromiter((len(s) for s in self.forms.forms["spelled"]), dtype=np.int64, count=len(self))

    @cached_property
    def fold_len(self) -> np.ndarray:
        return np.fromiter((len(s) for s in self.forms.forms["latin_fold"]), dtype=np.int64, count=len(self))

    @cached_property
    def pure_latin(self) -> np.ndarray:
        return ~self.forms.has_han

    @cached_property
    def sound_ok(self) -> np.ndarray:
        """Terms that sound alone may match: 3+ pinyin syllables, or marked distinctive (guards.MIN_SOUND_SYLLABLES)."""
        return (self.forms.pinyin_tokens >= guards.MIN_SOUND_SYLLABLES) | self.distinctive

    @cached_property
    def latin_syllables(self) -> np.ndarray:
        """Pinyin syllables of pure-letter canonical terms (-1: not pinyin, or not pure letters); distinctive terms
        count as 3+."""
        out = np.array(
            [syllables.count(c) if c.isascii() and c.isalpha() else -1 for c in self.forms.forms["canon"]],
            dtype=np.int64,
        )
        return np.where(self.distinctive & (out > 0), np.maximum(out, guards.MIN_SOUND_SYLLABLES), out)

    def _index(self, form: str, eligible: np.ndarray) -> KeyIndex:
        return KeyIndex(self.forms.arr(form), eligible)

    @cached_property
    def canon(self) -> KeyIndex:
        """Every term by canonical form (exact)."""
        return self._index("canon", np.ones(len(self), dtype=bool))

    @cached_property
    def canon_inside(self) -> KeyIndex:
        """Terms of 2+ characters by canonical form (contains)."""
        return self._index("canon", self.forms.canon_len >= guards.MIN_TERM_LEN)

    @cached_property
    def spelled(self) -> KeyIndex:
        """Terms with Han characters by their pinyin spelled in Latin letters ('bingdundun')."""
        eligible = (
            self.forms.has_han
            & (self.forms.canon_len >= guards.MIN_TERM_LEN)
            & (self.spelled_len >= guards.MIN_SPELLED)
        )
        return self._index("spelled", eligible & self.sound_ok)

    @cached_property
    def spelled_pair(self) -> KeyIndex:
        """Two-character Han terms by their spelled pinyin of 5+ letters, unless that spelling is an English word
        (李宁 LINING): sought only beside an English word (pinyin_contains, guards.beside_english_ok)."""
        english = english_pinyin_words()
        eligible = (
            self.forms.has_han
            & (self.forms.canon_len == 2)
            & (self.forms.han_len == 2)
            & (self.forms.pinyin_tokens == 2)
            & (self.spelled_len >= guards.MIN_SPELLED)
            & np.array([s not in english for s in self.forms.forms["spelled"]], dtype=bool)
        )
        return self._index("spelled", eligible)

    @cached_property
    def pinyin(self) -> KeyIndex:
        """Terms with Han characters of 3+ syllables (or distinctive) by toneless pinyin key (' bing dun dun ')."""
        return self._index("pinyin", self.forms.has_han & (self.forms.canon_len >= guards.MIN_TERM_LEN) & self.sound_ok)

    @cached_property
    def pinyin_inside(self) -> KeyIndex:
        """Terms of 3+ pinyin tokens with Han characters (pinyin contains)."""
        eligible = self.forms.has_han & (self.forms.pinyin_tokens >= guards.MIN_PINYIN_CONTAINS_TOKENS)
        return self._index("pinyin", eligible)

    @cached_property
    def latin(self) -> KeyIndex:
        """Terms with Latin letters by look-alike fold."""
        eligible = self.forms.ascii_letters & (self.forms.canon_len >= guards.MIN_LATIN_LEN)
        return self._index("latin_fold", eligible)

    @cached_property
    def visual(self) -> KeyIndex:
        """Terms with Han characters of 2+ characters by 形近字 fold."""
        return self._index("visual_fold", self.forms.has_han & (self.forms.canon_len >= guards.MIN_TERM_LEN))

    @cached_property
    def visual_inside(self) -> KeyIndex:
        """Terms with Han characters of 3+ characters by 形近字 fold (visual contains)."""
        return self._index("visual_fold", self.forms.has_han & (self.forms.canon_len >= guards.MIN_VISUAL_CONTAINS))

    @cached_property
    def _shape_variants(self) -> tuple[np.ndarray, np.ndarray]:
        """Every one-swap variant (derived 形近字) of the all-Han terms of 3+ characters, and its term."""
        partners = shape_partners()
        keys: list[str] = []
        owner: list[int] = []
        canon = self.forms.forms["canon"]
        all_han = (self.forms.canon_len >= guards.MIN_VISUAL_CONTAINS) & (self.forms.han_len == self.forms.canon_len)
        for t in np.flatnonzero(all_han).tolist():
            term = canon[t]
            for i, ch in enumerate(term):
                for p in partners.get(ch, ""):
                    keys.append(term[:i] + p + term[i + 1 :])
                    owner.append(t)
        return np.array(keys, dtype=object), np.array(owner, dtype=np.int64)

    @cached_property
    def shape(self) -> KeyIndex:
        """One-swap variants of Han terms of 3+ characters (visual, derived table); `shape_owner` maps the index's
        entries back to terms."""
        keys, _ = self._shape_variants
        return KeyIndex(keys, np.ones(len(keys), dtype=bool))

    @property
    def shape_owner(self) -> np.ndarray:
        return self._shape_variants[1]

    @cached_property
    def shape_bigrams(self) -> np.ndarray:
        """Bitmap of the character pairs of the variants (FormTable.holding_chain prefilter)."""
        return bigram_table(self._shape_variants[0].tolist())

    @cached_property
    def latin_weak(self) -> KeyIndex:
        """Terms of 6+ Latin letters by weak look-alike fold (latin, at most two such letters)."""
        letters = np.array([sum(c.isascii() and c.isalpha() for c in s) for s in self.forms.forms["canon"]])
        eligible = self.pure_latin & (letters >= guards.MIN_WEAK_LATIN)
        return KeyIndex(self.forms.arr("weak_fold"), eligible)
