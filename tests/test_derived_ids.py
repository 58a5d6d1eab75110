"""Ids derived from names: the distinct names canonicalized in one pass give each name's own id."""

from __future__ import annotations

import pandas as pd

from detector.io.validate import _derived_id, derive_applicant_id

NAMES = [
    "深圳市鑫隆达贸易有限公司",
    "深圳市鑫隆達貿易有限公司",  # traditional: the same canonical name
    "ＡＢＣ　Trading Co., Ltd.",
    "abc trading co ltd",
    "王 小明",
    "line\nbreak inside",
    "tab\tand\r\nbreaks",
    "",
    "深圳市鑫隆达贸易有限公司",
]


def test_each_name_gets_its_own_derived_id():
    ids = derive_applicant_id(pd.Series(NAMES, dtype="str", index=range(10, 10 + len(NAMES))))
    assert ids.tolist() == [_derived_id(n) for n in NAMES]
    assert ids.index.tolist() == list(range(10, 10 + len(NAMES)))
    assert ids.iloc[0] == ids.iloc[1] == ids.iloc[-1] and ids.iloc[0].startswith("AN-") and len(ids.iloc[0]) == 15


def test_no_names_no_ids():
    assert derive_applicant_id(pd.Series([], dtype="str")).tolist() == []
