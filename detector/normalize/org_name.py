"""Canonical variants of an organisation's name, so that one firm is one key however it is written.

A Chinese company name is 行政区划 + 字号 + 行业 + 组织形式, or 字号 + 行业 + （行政区划） + 组织形式. The same firm
appears as 广州市指南针会计咨询有限公司, 广州指南针会计咨询有限公司 and 指南针会计咨询（广州）有限公司. `org_key` maps
all three to 广州指南针会计咨询: the place in brackets moves to the front, the level words of the leading place
(省, 市, 区, 县, 自治区, 自治州 ...) are dropped, a branch (…有限公司XX分公司) stands for its parent, and the
organisation form at the end (有限公司, 股份有限公司, 集团, Co., Ltd. ...) is dropped. The place and the industry words
stay: two firms of one trade name in different cities or trades are different firms.

Used by the watchlist (lists) and by agency recognition (metrics) alike.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from detector.normalize.canonical_form import BREAKS, canonical, canonical_list, fold_text

# Organisation forms at the end of a name, longest first; applied repeatedly (集团有限公司 -> 集团 -> '').
_FORMS = (
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "股份公司",
    "集团公司",
    "总公司",
    "公司",
    "集团",
    "特殊普通合伙",
    "普通合伙",
    "有限合伙",
    "合伙企业",
)
# Latin organisation forms, only after a space, comma or dot (so TESCO keeps its CO and ZINC its INC).
_LATIN_FORM = re.compile(
    r"(?:[\s,.]+(?:co\.?,?\s*ltd|co\.?,?\s*limited|company\s+limited|corporation|limited|ltd|inc|corp|llc|gmbh|co)\.?)+\s*$"
)
_FORM_RE = re.compile(r"(?:" + "|".join(re.escape(f) for f in _FORMS) + r")$")
# A branch: parent (ending in a company form) + branch name + 分公司 / 分所 / 办事处.
_BRANCH = re.compile(r"^(.+?(?:有限责任公司|股份有限公司|有限公司|公司|事务所))(.{1,12}?)(?:分公司|分所|办事处)$")
_BRACKETS = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
# Level words of the leading place: each segment is 2+ characters then a level word; at most three segments.
_LEVEL = r"(?:特别行政区|自治区|自治州|自治县|地区|省|市|区|县|盟|旗)"
_LEADING_PLACE = re.compile(r"^((?:[\u4e00-\u9fff]{2,7}?" + _LEVEL + r"){1,3})")
_LEVEL_AT_END = re.compile(_LEVEL + r"$")
_SEGMENT = re.compile(r"([\u4e00-\u9fff]{2,7}?)" + _LEVEL)
# Brackets whose content is an organisation form or a plain qualifier, not a place: dropped with their content.
_QUALIFIER = re.compile(r"^(?:有限合伙|普通合伙|特殊普通合伙|集团|中国|china|hk|香港)$")


def _fold(name: str) -> str:
    """NFKC, half-width (so （） are ( )), casefold, simplified; separators kept for now."""
    return fold_text(name).strip()


def _drop_levels(place: str) -> str:
    """广东省广州市 -> 广东广州; a segment is kept whole when it is only a level word."""
    return "".join(_SEGMENT.findall(place)) or place


def org_key(name: str) -> str:
    """The matching key of an organisation's (or a person's) name; '' for an empty name.

    Brackets: a place in brackets (（广州）) moves to the front; a qualifier (（有限合伙）, （中国）) is dropped.
    Then the leading place loses its level words, a branch becomes its parent and the organisation form at the end goes.
    A name that is nothing but a form or a place keeps its canonical form (never ''), so it still matches itself.
    """
    text = _fold(str(name or ""))
    if not text:
        return ""
    return _key_of_folded(text, canonical(text))


def org_key_list(names: Sequence[str]) -> list[str]:
    """org_key() of every name: the folding and the canonical form of the whole name each run once over all the
    names joined by newlines (names with a line break inside take the one-by-one way; tests/test_org_name.py
    checks the result equals org_key() name by name)."""
    texts = [str(n or "") for n in names]
    out = [""] * len(texts)
    joined = "\n".join(texts)
    if texts and joined.count("\n") == len(texts) - 1 and not any(b in joined for b in BREAKS[1:]):
        joinable: Sequence[int] = range(len(texts))  # no name holds a line break (nearly always): checked at once
    else:
        joinable = []
        for i, t in enumerate(texts):
            if any(b in t for b in BREAKS):
                out[i] = org_key(t)
            else:
                joinable.append(i)
        joined = "\n".join(texts[i] for i in joinable)
    if joinable:
        folded = [f.strip() for f in fold_text(joined).split("\n")]
        wholes = canonical_list(folded)
        for i, text, whole in zip(joinable, folded, wholes):
            out[i] = _key_of_folded(text, whole) if text else ""
    return out


def _key_of_folded(text: str, whole: str) -> str:
    """org_key() of a folded name `text` whose canonical form is `whole`."""
    cut = _LATIN_FORM.sub("", text.replace("【", "[").replace("】", "]"))
    front: list[str] = []
    for content in _BRACKETS.findall(cut):
        inner = canonical(content)
        if inner and not _QUALIFIER.match(inner) and not _FORM_RE.fullmatch(inner):
            front.append(inner)
    cut = _BRACKETS.sub("", cut)
    text = whole if cut == text else canonical(cut)  # most names: nothing cut, the canonical form is the whole's
    branch = _BRANCH.match(text)
    if branch:
        text = branch.group(1)
    for _ in range(4):
        stripped = _FORM_RE.sub("", text)
        if stripped == text:
            break
        text = stripped
    if front:
        text = "".join(front) + text
    lead = _LEADING_PLACE.match(text)
    if lead and len(text) > len(lead.group(1)):
        text = _drop_levels(lead.group(1)) + text[len(lead.group(1)) :]
    return text if len(text) >= 2 else whole


def org_keys(names: list[str]) -> set[str]:
    """The keys of several names (a watchlist entry's term, aliases and former names); empty names left out."""
    return {k for k in org_key_list(list(names)) if k}
