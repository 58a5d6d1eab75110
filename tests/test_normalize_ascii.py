"""ASCII texts take a short way through fold_text and strip_separators: the same result as the full steps."""

from __future__ import annotations

import random

import pytest

from detector.normalize.canonical_form import canonical, canonical_list, fold_text
from detector.normalize.case import fold_case
from detector.normalize.separators import _SEPARATORS, strip_separators
from detector.normalize.traditional import to_simplified
from detector.normalize.unicode_form import nfkc
from detector.normalize.width import to_halfwidth

ASCII = "".join(map(chr, range(128)))


def full_fold(text: str) -> str:
    """fold_text's steps, each run (the way every non-ASCII text takes)."""
    return to_simplified(nfkc(fold_case(to_halfwidth(nfkc(text)))))


def ascii_texts(n: int = 3000, seed: int = 18) -> list[str]:
    """Seeded ASCII texts: ids, e-mails, Latin marks with punctuation, control characters and runs of spaces."""
    rng = random.Random(seed)
    pools = [ASCII, "ABCxyz019 -_.,;:/\\()[]{}'\"!?@#$%^&*+=<>|~`\t", "0123456789X", "Nike AIR-max 90  Co., Ltd."]
    texts = ["".join(rng.choice(rng.choice(pools)) for _ in range(rng.randint(0, 24))) for _ in range(n)]
    return texts + ["", "_", "__a__", "a_b", "110101196001032924", "91440300MA5F0XYZ1K", "Tom & Jerry's"]


@pytest.mark.parametrize("c", list(ASCII))
def test_each_ascii_character_folds_and_strips_as_the_full_steps(c):
    for text in (c, f"a{c}b", c * 3, f"{c}Z{c}"):
        assert fold_text(text) == full_fold(text)
        assert strip_separators(text) == _SEPARATORS.sub("", text)


def test_opencc_leaves_every_ascii_character_alone():
    # The short way rests on this: were a converter update to map an ASCII character, this fails first.
    assert to_simplified(ASCII) == ASCII
    assert to_simplified("\n".join(ASCII)) == "\n".join(ASCII)


def test_ascii_texts_and_their_joined_pass_match_the_full_steps():
    texts = ascii_texts()
    for t in texts:
        assert fold_text(t) == full_fold(t)
        assert strip_separators(t) == _SEPARATORS.sub("", t)
    joined = "\n".join(t.replace("\n", " ") for t in texts)
    assert strip_separators(fold_text(joined)) == _SEPARATORS.sub("", full_fold(joined))
    slow = [_SEPARATORS.sub("", full_fold(t.replace("\n", " ").replace("\r", " "))) for t in texts]
    assert canonical_list(texts) == slow == [canonical(t) for t in texts]


def test_non_ascii_texts_still_take_every_step():
    assert fold_text("ＮＩＫＥ") == "nike"  # full-width letters: NFKC and the half-width map
    assert canonical("鍾南山") == "钟南山"  # traditional -> simplified
    assert canonical("Straße™ Ａ－Ｂ") == "strassea" + "b"  # notice blanked, ß case folded, full-width dash removed
    assert strip_separators("格力，GREE_空调") == "格力GREE空调"
