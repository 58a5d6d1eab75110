"""Place-name marks: a county-or-higher place name alone or with only generic words (淄博烧烤, 苏州老酒, 北京烤鸭), and
whether the applicant is located somewhere else.

Trademark Law Art. 10(2) bars place names at or above county level; the Examination Guidelines treat a place name
combined only with the generic name of goods or a descriptive word as a place-name mark, since the whole has no other
meaning. Filed by a firm located elsewhere, such a mark also misleads about where the goods come from (Art. 16(1)
for geographical indications, Art. 10(1)(7)). Filed by a firm of that place it is its local specialty: the same bar
applies, but no sign of bad faith (the local association's collective mark is the Art. 10(2) exception).

- The place: a form (name or unambiguous short name) of an entry of a place_name list (rules/lists/place_names.yaml)
  at the start of the mark, after optional generic prefixes (正宗, 老 ...); never a form that is an everyday word
  with another meaning: a word of jieba's dictionary (MIT) used at least EVERYDAY_PER_MILLION times per million
  words and not tagged as a place name (凤凰 phoenix, 龙泉, 三门 are out; 苏州, 淄博 are places).
- The rest: only generic goods or service names (generic_terms, any class) and generic affixes (generic_affixes),
  with at least one goods or service name (淄博烧烤, 苏州老酒; not 安吉竹海云栖, not 金凤凰).
- Where the applicant is: the places its organisation name and its address begin with (福建省晋江市…,
  浙江省湖州市安吉县…, or a place in brackets: 大靖体育文化（北京）有限公司), the most specific division
  of each; natural persons by address only. Elsewhere: a location is known and no location is the mark's
  place, inside it or around it (a firm of 张店区 is in 淄博; a firm that states only 山东省 is not elsewhere
  for 淄博); a foreign place has no location to compare.

The lists come from the run (`x.lists`) when it hands them over; otherwise from the bundled rule set's lists.
"""

from __future__ import annotations

import re
from functools import lru_cache

import ahocorasick
import numpy as np
import pandas as pd

from detector.metrics.applicant.table import distinct_count, mark_codes
from detector.metrics.filing.table import FilingMetricInputs
from detector.metrics.registry import Columns, Metric, computes
from detector.normalize import canonical, canonical_list, jieba_words
from detector.text import Text

EVERYDAY_PER_MILLION = 5.0
_ADCODES = re.compile(r"adcodes? ([\d, ]+)")
_BRACKETS = re.compile(r"[（(]([^（）()]{2,12})[）)]")


@lru_cache(maxsize=1)
def other_meaning_words() -> frozenset[str]:
    """Everyday words of jieba's dictionary (>= EVERYDAY_PER_MILLION per million) not tagged as a place (ns); kept in
    the disk cache (detector/normalize/jieba_words.py)."""
    return jieba_words.word_set("other-meaning", _other_meaning_words, __file__)


def _other_meaning_words(text: str) -> frozenset[str]:
    rows = [line.split(" ") for line in text.splitlines() if line]
    counts = np.array([int(r[1]) for r in rows], dtype=np.int64)
    floor = EVERYDAY_PER_MILLION * counts.sum() / 1_000_000
    return frozenset(r[0] for r, c in zip(rows, counts.tolist()) if c >= floor and not r[2:3] == ["ns"])


@lru_cache(maxsize=1)
def _bundled_lists() -> dict:
    from detector.lists.load import load_list_file
    from detector.package_data import bundled_rules_dir

    folder = bundled_rules_dir() / "lists"
    return {n: load_list_file(folder / f"{n}.yaml") for n in ("place_names", "generic_terms", "generic_affixes")}


def _codes(entry: dict) -> tuple[str, ...]:
    found = _ADCODES.search(str(entry.get("note") or ""))
    if found:
        return tuple(c.strip() for c in found.group(1).split(",") if c.strip().isdigit())
    digits = str(entry.get("id", "")).rpartition("-")[2]
    return (digits,) if len(digits) == 6 and digits.isdigit() else ()


_READ = ("place_name", "generic_term", "generic_affix")  # the lists a place-name mark is parsed with


class PlaceVocabulary:
    """Place forms with their entry and division codes, and the generic words a place-name mark may add."""

    def __init__(self, lists: dict) -> None:
        refs = list(lists.values())
        other = other_meaning_words()
        self.places: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.generic: set[str] = set()
        self.affixes: set[str] = set()
        entries = [(ref, e) for ref in refs if ref.category in _READ for e in ref.entries]
        names = [[str(t) for t in [e["term"], *(e.get("aliases") or [])]] for _, e in entries]
        # Every name's canonical form in one pass (canonical_list equals canonical() text by text).
        canon = canonical_list([n for ns in names for n in ns])
        ends = np.cumsum([len(ns) for ns in names], dtype=np.int64).tolist()
        for (ref, e), start, end in zip(entries, [0, *ends][:-1], ends, strict=True):
            forms = set(canon[start:end])
            if ref.category == "place_name":
                for form in sorted(forms):
                    if len(form) >= 2 and form not in other and form not in self.places:
                        self.places[form] = (str(e["term"]), _codes(e))
            elif ref.category == "generic_term":
                self.generic |= forms
            elif ref.category == "generic_affix":
                self.affixes |= forms
        self.generic.discard("")
        self.affixes.discard("")
        self.words = self.generic | self.affixes
        self.widths = sorted({len(w) for w in self.words}, reverse=True)
        self.place_widths = sorted({len(p) for p in self.places}, reverse=True)
        self._finder = None  # every place form, to pass over the marks that contain none at once
        if self.places:
            self._finder = ahocorasick.Automaton()
            for form in self.places:
                self._finder.add_word(form, form)
            self._finder.make_automaton()

    def _generic_only(self, rest: str, need_goods: bool) -> bool:
        """`rest` splits into generic words (longest first, with backtracking), at least one a goods name."""
        if not rest:
            return not need_goods
        for w in self.widths:
            head = rest[:w]
            if len(head) == w and head in self.words:
                if self._generic_only(rest[w:], need_goods and head not in self.generic):
                    return True
        return False

    def parse_mark(self, mark: str) -> tuple[str, tuple[str, ...], bool]:
        """(place entry term, its codes, generic words added) of a place-name mark; ("", (), False) otherwise."""
        if self._finder is None or next(self._finder.iter(mark), None) is None:  # no place form in it: none
            return ("", (), False)
        for start in range(0, len(mark) - 1):
            if start and not self._generic_only(mark[:start], False):
                continue
            for w in self.place_widths:
                form = mark[start : start + w]
                if len(form) == w and form in self.places:
                    rest = mark[start + w :]
                    if not start and not rest:
                        return (*self.places[form], False)
                    if self._generic_only(rest, True):
                        return (*self.places[form], True)
        return ("", (), False)

    def located(self, text: str) -> tuple[str, ...]:
        """The most specific division codes of the places `text` begins with (and of a place in brackets)."""
        out: list[str] = []
        for part in [text, *_BRACKETS.findall(text)]:
            part, deepest = canonical(part), ()
            while part:
                for w in self.place_widths:
                    if part[:w] in self.places and self.places[part[:w]][1]:
                        deepest, part = self.places[part[:w]][1], part[w:]
                        break
                else:
                    break
            out.extend(deepest)
        return tuple(sorted(set(out)))


def _chain(code: str) -> set[str]:
    return {code[:2] + "0000", code[:4] + "00", code}


def related(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Some division of `a` is one of `b`, or contains it, or lies inside it."""
    return any(x in _chain(y) or y in _chain(x) for x in a for y in b)


@lru_cache(maxsize=1)
def _bundled_vocabulary() -> PlaceVocabulary:
    return PlaceVocabulary(_bundled_lists())


_LAST: list[tuple[tuple, PlaceVocabulary]] = []  # the lists last built from, with their vocabulary


def vocabulary(lists: dict | None) -> PlaceVocabulary:
    """The run's lists when they hold a place_name list, else the bundled ones (built once). The run's are built
    again only for other list objects: a server's checks share one loaded rule set (building reads every entry)."""
    if lists and any(ref.category == "place_name" for ref in lists.values()):
        refs = tuple(lists.values())
        if _LAST and len(_LAST[0][0]) == len(refs) and all(a is b for a, b in zip(_LAST[0][0], refs)):
            return _LAST[0][1]
        _LAST[:] = [(refs, PlaceVocabulary(lists))]
        return _LAST[0][1]
    return _bundled_vocabulary()


@computes(
    "filing",
    order=60,
    metrics=[
        Metric(
            "place_mark",
            "text",
            "",
            Text(
                en="The place name (county level or above, or a well-known foreign place) the whole mark consists of, "
                "alone or with only generic goods or service names and generic affixes (淄博烧烤); empty otherwise "
                "(detector/metrics/filing/place_mark.py)",
                zh="商标整体所构成的地名（县级以上行政区划或公众知晓的外国地名），单独或仅加商品/服务通用名称及通用前后缀"
                "（如淄博烧烤）；否则为空",
            ),
        ),
        Metric(
            "place_generic",
            "bool",
            "",
            Text(
                en="The mark is a place name combined only with generic goods or service names (and generic affixes)",
                zh="商标为地名仅与商品/服务通用名称（及通用前后缀）的组合",
            ),
        ),
        Metric(
            "place_elsewhere",
            "bool",
            "",
            Text(
                en="The mark is a place name with generic words and the applicant's name or address places it in "
                "another region (neither that place nor inside or around it)",
                zh="商标为地名加通用词的组合，而申请人名称或地址表明其位于其他地区（既非该地，也不在其辖区内或上级区划）",
            ),
        ),
        Metric(
            "place_elsewhere_classes",
            "number",
            "classes",
            Text(
                en="Distinct classes of the applicant's filings of place names with generic words from elsewhere",
                zh="申请人以异地地名加通用词申请所涉的不同类别数",
            ),
        ),
        Metric(
            "place_mark_places",
            "number",
            "places",
            Text(
                en="Distinct places among the applicant's place-name marks (alone or with generic words)",
                zh="申请人的地名商标（单独或加通用词）所涉不同地名数",
            ),
        ),
    ],
)
def place_mark(x: FilingMetricInputs) -> Columns:
    """Each distinct mark parsed once (the batch's shared mark codes); the per-applicant counts by integer codes
    (distinct_count) instead of frames, drop_duplicates, groupby and map."""
    voc = vocabulary(x.lists)
    f = x.filings
    n = len(f)
    codes, marks = mark_codes(x.batch)
    parsed = [voc.parse_mark(m) if isinstance(m, str) else ("", (), False) for m in marks.tolist()]
    terms = np.array([p[0] for p in parsed], dtype=object)
    place = terms[codes]
    generic = np.array([p[2] for p in parsed], dtype=bool)[codes]
    place_codes = [p[1] for p in parsed]

    apps = x.batch.applicants
    app = f["app"].to_numpy()
    elsewhere = np.zeros(n, dtype=bool)
    rows = np.flatnonzero(generic)
    if len(rows):
        org = apps["entity_type"].ne("individual").to_numpy() if "entity_type" in apps else np.ones(len(apps), bool)
        names = apps["name"].astype(str).to_numpy(dtype=object)
        addresses = apps["address"].astype(str).to_numpy(dtype=object) if "address" in apps else None
        seen: dict[str, tuple[str, ...]] = {}

        def where(text: str) -> tuple[str, ...]:
            if text not in seen:
                seen[text] = voc.located(text) if text else ()
            return seen[text]

        filed_at = f["applicant_address"].iloc[rows].astype(str).to_numpy(dtype=object)  # the rows' cells only
        for i, filed in zip(rows.tolist(), filed_at.tolist()):
            a = app[i]
            at = where(names[a]) if org[a] else ()
            at += where(filed) + (where(addresses[a]) if addresses is not None else ())
            target = place_codes[codes[i]]
            elsewhere[i] = bool(at) and bool(target) and not related(at, target)

    fc = x.batch.filing_classes
    fi = fc["filing_idx"].to_numpy()
    from_elsewhere = elsewhere[fi]
    n_apps = int(app.max()) + 1 if n else 0
    classes = distinct_count(app[fi][from_elsewhere], fc["nice_class"].to_numpy()[from_elsewhere], n_apps)
    term_code, _ = pd.factorize(terms)  # one code per place term: marks of one place count once
    marked = place != ""
    places = distinct_count(app[marked], term_code[codes][marked], n_apps)
    return {
        "place_mark": place,
        "place_generic": generic,
        "place_elsewhere": elsewhere,
        "place_elsewhere_classes": classes[app],
        "place_mark_places": places[app],
    }
