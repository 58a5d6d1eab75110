"""detector.text_lists: lists of texts as one pyarrow column, against the Python lists they hold."""

from __future__ import annotations

import numpy as np
import pandas as pd

from detector.text_lists import TextLists

LISTS = [["n:甲", "i:1"], [], ["n:乙"], ["n:甲", "n:丙", "i:2"]]


def test_lists_read_back_as_given():
    lists = TextLists.of(LISTS)
    assert len(lists) == 4 and lists.tolists() == LISTS and lists[3] == ["n:甲", "n:丙", "i:2"] and lists[1] == []
    assert lists.list_of_text().tolist() == [0, 0, 2, 3, 3, 3]
    column = lists.column()
    assert column.dtype == "str" and column.tolist() == [t for x in LISTS for t in x]


def test_texts_of_lists_in_the_order_asked_repeats_included():
    lists = TextLists.of(LISTS)
    got = lists.of_lists(np.array([3, 1, 0, 3]))
    assert got.dtype == "str" and isinstance(got, pd.Series)
    assert got.tolist() == LISTS[3] + LISTS[1] + LISTS[0] + LISTS[3]
    assert lists.of_lists(np.zeros(0, dtype=np.int64)).tolist() == []
    # Made anew: not the column's own buffers.
    assert got.array._pa_array.chunks[0].buffers()[2].address != lists.texts.buffers()[2].address


def test_no_lists():
    lists = TextLists.of([])
    assert len(lists) == 0 and lists.tolists() == [] and lists.column().tolist() == []
