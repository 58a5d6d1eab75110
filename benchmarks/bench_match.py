"""Benchmark of the matching stage: 1,000,000 marks x 100,000 terms (seeded), next to a plain rapidfuzz loop.

Run: .venv/bin/python benchmarks/bench_match.py [--filings 1000000 --terms 100000 --sample 2000]

Prints wall time, texts/s and matches/s, peak RSS of the matching stage, and the recall of the matcher and of a plain
`rapidfuzz.process.extractOne` loop on a sample of planted variants with known answers. The variants are generated
from the disguises of docs/domain section 3 (homophone swap, traditional characters, spelled pinyin, spacing and
full width, generic suffix, Latin look-alikes, 形近字, typing edits), not from any test fixture.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from detector.match import METHODS, Matcher
from detector.normalize import canonical, pinyin_key, visual_groups

SUFFIXES = ["家族", "宝贝", "公主", "医疗", "智能", "科技", "食品", "旗舰店"]
LATIN_SUFFIXES = ["STORE", "SHOP", "TECH", "PLUS", "GROUP"]
ONSETS = ["b", "c", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "cl", "st", "tr"]
NUCLEI = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou"]
CODAS = ["", "", "n", "r", "s", "x", "l", "m", "nd", "ck"]


def common_han() -> list[str]:
    """GB2312 level-1 characters (3,755 most common Han characters)."""
    out = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return out


def latin_word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(ONSETS) + rng.choice(NUCLEI) + rng.choice(CODAS) for _ in range(syllables)).upper()


def make_terms(n: int, rng: random.Random, han: list[str]) -> pd.DataFrame:
    """n distinct terms: 60% Han of 2-5 characters, 30% Latin words, 10% Han + digits or Latin."""
    seen: set[str] = set()
    terms: list[str] = []
    while len(terms) < n:
        kind = rng.random()
        if kind < 0.6:
            t = "".join(rng.choices(han, k=rng.choice([2, 3, 3, 4, 4, 5])))
        elif kind < 0.9:
            t = latin_word(rng, rng.choice([2, 2, 3, 3, 4]))
        else:
            t = "".join(rng.choices(han, k=rng.choice([2, 3]))) + rng.choice(
                [str(rng.randint(1, 2030)), latin_word(rng, 1)]
            )
        c = canonical(t)
        if c not in seen:
            seen.add(c)
            terms.append(t)
    return pd.DataFrame({"term_id": [f"T{i:06d}" for i in range(n)], "term": terms})


class Disguiser:
    """Makes a disguised variant of a term, per the disguises of domain.md section 3."""

    def __init__(self, rng: random.Random, han: list[str]) -> None:
        import opencc

        self.rng = rng
        self.s2t = opencc.OpenCC("s2t")
        by_sound: dict[str, list[str]] = {}
        for ch in han:
            by_sound.setdefault(pinyin_key(ch).strip(), []).append(ch)
        self.homophones = {ch: [o for o in by_sound[pinyin_key(ch).strip()] if o != ch] for ch in han}
        groups: dict[str, list[str]] = {}
        for ch, rep in visual_groups().items():
            groups.setdefault(rep, []).append(ch)
        self.lookalike = {ch: [o for o in groups[rep] if o != ch] for ch, rep in visual_groups().items()}

    def variant(self, term: str) -> tuple[str, str]:
        rng = self.rng
        has_han = any("\u4e00" <= c <= "\u9fff" for c in term)
        options = ["spaced", "fullwidth", "suffix"]
        if has_han:
            options += ["homophone", "homophone", "traditional", "pinyin", "pinyin_spaced", "han_pinyin"]
            if any(c in self.lookalike for c in term):
                options += ["visual", "visual"]
        else:
            options += ["lookalike", "lookalike", "typo"]
        kind = rng.choice(options)
        if kind == "spaced":
            return kind, " ".join(term)
        if kind == "fullwidth":
            return kind, "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in term) + rng.choice(["", " "])
        if kind == "suffix":
            return kind, term + (rng.choice(SUFFIXES) if has_han else " " + rng.choice(LATIN_SUFFIXES))
        if kind == "homophone":
            idx = [i for i, c in enumerate(term) if self.homophones.get(c)]
            if not idx:
                return "exact", term
            i = rng.choice(idx)
            return kind, term[:i] + rng.choice(self.homophones[term[i]]) + term[i + 1 :]
        if kind == "traditional":
            return kind, self.s2t.convert(term)
        if kind in ("pinyin", "pinyin_spaced"):
            tokens = pinyin_key(term).split()
            sep = rng.choice([" ", "-", "·"]) if kind == "pinyin_spaced" else ""
            return kind, sep.join(tokens).upper()
        if kind == "han_pinyin":
            return kind, term + " " + "".join(pinyin_key(term).split()).upper()
        if kind == "visual":
            idx = [i for i, c in enumerate(term) if c in self.lookalike]
            i = rng.choice(idx)
            return kind, term[:i] + rng.choice(self.lookalike[term[i]]) + term[i + 1 :]
        if kind == "lookalike":
            swaps = {"O": "0", "I": "l", "L": "I", "S": "5", "M": "RN", "B": "8"}
            idx = [i for i, c in enumerate(term) if c in swaps]
            if not idx:
                return "exact", term
            i = rng.choice(idx)
            return kind, term[:i] + swaps[term[i]] + term[i + 1 :]
        # typo: drop or double one letter of a Latin term
        i = rng.randrange(len(term))
        return kind, (term[:i] + term[i + 1 :]) if rng.random() < 0.5 else (term[: i + 1] + term[i:])


def make_filings(n: int, terms: pd.DataFrame, rng: random.Random, han: list[str], planted_share: float) -> pd.DataFrame:
    """n marks: random marks plus `planted_share` disguised variants of random terms (answers kept)."""
    disguiser = Disguiser(rng, han)
    term_list = terms["term"].tolist()
    texts, answer, kinds = [], [], []
    for _ in range(n):
        if rng.random() < planted_share:
            j = rng.randrange(len(term_list))
            kind, text = disguiser.variant(term_list[j])
            texts.append(text)
            answer.append(terms["term_id"].iat[j])
            kinds.append(kind)
        else:
            r = rng.random()
            if r < 0.6:
                text = "".join(rng.choices(han, k=rng.choice([2, 3, 4, 5, 6])))
            elif r < 0.85:
                text = latin_word(rng, rng.choice([2, 3, 4]))
            else:
                text = "".join(rng.choices(han, k=rng.choice([2, 3]))) + " " + latin_word(rng, 2)
            texts.append(text)
            answer.append("")
            kinds.append("noise")
    return pd.DataFrame({"mark_text": texts, "answer": answer, "kind": kinds})


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def plain_loop(texts: list[str], terms: pd.DataFrame, cutoff: int) -> list[str]:
    """The obvious baseline: rapidfuzz process.extractOne of each text over all terms (WRatio, default processor)."""
    from rapidfuzz import fuzz, process, utils

    choices = terms["term"].tolist()
    out = []
    for t in texts:
        best = process.extractOne(t, choices, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=cutoff)
        out.append(terms["term_id"].iat[best[2]] if best else "")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--filings", type=int, default=1_000_000)
    ap.add_argument("--terms", type=int, default=100_000)
    ap.add_argument("--sample", type=int, default=2_000, help="planted texts for the recall comparison")
    ap.add_argument("--planted", type=float, default=0.05, help="share of filings that are planted variants")
    ap.add_argument("--min-similarity", type=int, default=85)
    ap.add_argument("--seed", type=int, default=20260101)
    args = ap.parse_args()

    rng = random.Random(args.seed)
    han = common_han()
    t0 = time.perf_counter()
    terms = make_terms(args.terms, rng, han)
    filings = make_filings(args.filings, terms, rng, han, args.planted)
    print(f"generated {len(filings):,} filings and {len(terms):,} terms in {time.perf_counter() - t0:.1f} s")
    rss_before = peak_rss_mb()

    t0, cpu0 = time.perf_counter(), time.process_time()
    matcher = Matcher(terms)
    texts = filings["mark_text"].tolist()
    hits = matcher.match(texts, list(METHODS), args.min_similarity)
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    rss_after = peak_rss_mb()
    print(
        f"matching stage: {wall:.1f} s wall for {len(texts):,} texts x {len(terms):,} terms, "
        f"methods={','.join(METHODS)}, "
        f"min_similarity={args.min_similarity}"
    )
    print(f"  {cpu:.1f} s CPU (all threads; on a busy machine the wall time grows, the CPU time much less)")
    print(f"  {len(hits):,} matches, {len(hits) / wall:,.0f} matches/s, {len(texts) / wall:,.0f} texts/s")
    print(f"  peak RSS {rss_after:,.0f} MB (before the stage {rss_before:,.0f} MB)")
    print("  by method:", hits["method"].value_counts().to_dict())

    planted = filings[filings["kind"] != "noise"]
    sample = planted.sample(n=min(args.sample, len(planted)), random_state=args.seed)
    found = set(zip(hits["text_idx"].tolist(), hits["term_id"].tolist()))
    ours = np.array([(i, a) in found for i, a in zip(sample.index, sample["answer"])])
    t0 = time.perf_counter()
    theirs = (
        np.array(plain_loop(sample["mark_text"].tolist(), terms, args.min_similarity)) == sample["answer"].to_numpy()
    )
    loop_wall = time.perf_counter() - t0
    print(
        f"plain rapidfuzz extractOne loop: {len(sample):,} texts in {loop_wall:.1f} s "
        f"({len(sample) / loop_wall:,.1f} texts/s; "
        f"{args.filings / (len(sample) / loop_wall) / 3600:,.1f} h for all filings)"
    )
    print(f"recall on {len(sample):,} planted variants: matcher {ours.mean():.3f}, plain loop {theirs.mean():.3f}")
    by_kind = (
        pd.DataFrame({"kind": sample["kind"].to_numpy(), "matcher": ours, "plain_loop": theirs}).groupby("kind").mean()
    )
    print(by_kind.round(3).to_string())
    noise = filings.index[filings["kind"] == "noise"]
    noisy_hits = hits[hits["text_idx"].isin(noise)]
    print(
        f"hits on random (unplanted) marks: {noisy_hits['text_idx'].nunique():,} of {len(noise):,} marks "
        f"({noisy_hits['text_idx'].nunique() / max(len(noise), 1):.2%}); "
        f"by method {noisy_hits['method'].value_counts().to_dict()}"
    )


if __name__ == "__main__":
    main()
