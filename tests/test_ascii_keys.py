"""graphs/ascii_keys.py: phone and e-mail keys of many texts by pyarrow (the ASCII ones) give what phone_key and
email_key give cell by cell, for any text: separators, prefixes, repeated digits, whitespace, case, line breaks,
several @, and non-ASCII cells mixed in (those keep the one-by-one way)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from graphs.values import MANY_KEYS, email_key, keys_of, phone_key

ASCII = st.characters(min_codepoint=0, max_codepoint=127)
PHONE_PARTS = st.sampled_from(["+86", "0086", "86", "138", "0013", "8000", "1", "7", "-", " ", "(", ")", "x12", "\n"])
EMAIL_PARTS = st.sampled_from(["Li.Ming", "@", "Example", ".com", ".", " ", "\t", "\x1c", "\n", "A", "", "@@", "ü"])
OTHER = st.sampled_from(["１３８００１３８０００", "电话13800138000", "李明@例子.中国", "Ｌｉ@Ｅｘ.com", "\u3000a@b.c"])


def texts(parts):
    joined = st.lists(parts, max_size=8).map("".join)
    return st.lists(st.one_of(joined, st.text(ASCII, max_size=20), OTHER), min_size=1, max_size=60)


def _padded(cells: list[str]) -> list[str]:
    """The cells, then enough plain ones to reach MANY_KEYS (below it keys_of takes the one-by-one way)."""
    return cells + [f"{i:011d}" for i in range(MANY_KEYS)]


@settings(max_examples=60, deadline=None)
@given(texts(PHONE_PARTS))
def test_phone_keys_as_phone_key(cells):
    cells = _padded(cells)
    assert keys_of(cells, phone_key).tolist() == [phone_key(c) for c in cells]


@settings(max_examples=60, deadline=None)
@given(texts(EMAIL_PARTS))
def test_email_keys_as_email_key(cells):
    cells = _padded(cells)
    assert keys_of(cells, email_key).tolist() == [email_key(c) for c in cells]


def test_known_keys():
    edges = [
        "+86 138-0013-8000",
        "0086 13800138000",
        "8613800138",
        "00861380013800",  # 0086 before 10 digits: kept whole
        "861380013800",  # 86 before 10 digits: kept whole
        "1111111",
        "123456",
        " Li.Ming@Example.Com ",
        "\x1cli@ex.com\x1f",  # str.strip() strips the ASCII separators 0x1c-0x1f too
        "\x0bli@ex.com\x0c",
        "li@ex.com\n@",
        "@ex.com",
        "li@excom",
    ]
    cells = _padded(edges)
    phones, emails = keys_of(cells, phone_key), keys_of(cells, email_key)
    assert phones.tolist() == [phone_key(c) for c in cells] and emails.tolist() == [email_key(c) for c in cells]
    assert phones[:7].tolist() == ["13800138000", "13800138000", "8613800138", "00861380013800", "861380013800", "", ""]
    assert emails[7:13].tolist() == ["li.ming@example.com", "li@ex.com", "li@ex.com", "", "", ""]
    assert emails.dtype == object and isinstance(phones, np.ndarray)
