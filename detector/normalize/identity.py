"""Who an applicant is, as keys an owner's id or name can meet — never its trade name.

Keys are strings `i:<id>` (an applicant id or registry code, canonical) and `n:<name>` (a name key). A name key is
the canonical name without its company form at the end (有限公司, 集团, Inc. ...) and without the level words of its
leading place (武汉市 -> 武汉), so 腾讯科技（深圳）有限公司 and 腾讯科技(深圳)有限公司 are one key, while
深圳市耐克优品贸易有限公司 never meets 耐克创新有限合伙公司: a name that merely contains a brand is no identity.

An applicant's own keys (`self_keys`): its id, its name key, and for an organisation that is not a company
(医院, 委员会, 协会, 基金会, 大学, 研究院 ...):
- its name without its leading city or province (武汉火神山医院 is the 火神山医院 a list names), when what is left
  still has a name of three or more characters before its form (人民医院 stays 武汉人民医院);
- the body it is a unit of, when its full name begins with that body's full name (国家航天局探月与航天工程中心 is a
  unit of 国家航天局). A company cannot register a name that begins with another body's full name.

Its related keys (`related_keys`, from the applicants table: Provisions 2019 Art. 8(1) "persons related to it"):
- its shareholders and its legal representative (a company whose sole shareholder is 宝洁公司 belongs to 宝洁公司; a
  company whose legal representative is the athlete 武大靖 is his);
- the applicants it holds shares in (a parent files for its subsidiary);
- the applicants that share an organisation shareholder, or a person of three or more characters as shareholder or
  legal representative, with it. Two-character names (王伟, 张敏) collide too often to prove anything, and a value
  held by more than `HUB_HOLDERS` applicants (a state asset commission, a busy nominee) ties nobody.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import pandas as pd

from detector.int_pairs import distinct_pairs
from detector.normalize.canonical_form import canonical, canonical_list
from detector.normalize.key_pairs import CodedKeyTable, RowKeys, coded, equal_pairs
from detector.normalize.separators import strip_separators
from detector.normalize.trade_name import _SHORT_PLACE
from detector.small_batch import SMALL_ROWS, plain_texts, text_codes
from detector.text_isin import arrow_text, text_isin

ID, NAME = "i:", "n:"
SEPARATOR = "\n"
HUB_HOLDERS = 10

# Company forms at the end of a canonical name, applied repeatedly (集团有限公司 -> 集团 -> '').
COMPANY_FORMS = (
    "股份有限公司",
    "有限责任公司",
    "集团有限公司",
    "有限公司",
    "股份公司",
    "集团公司",
    "总公司",
    "公司",
    "集团",
    "有限合伙",
    "普通合伙",
    "合伙企业",
)
_COMPANY_FORM = re.compile("(?:" + "|".join(COMPANY_FORMS) + ")$")
_FORM_ENDS = frozenset(f[-1] for f in COMPANY_FORMS)
# The forms by length, longest first. Where two forms end a name, the longer ends with the shorter and stands
# before it in COMPANY_FORMS: the first form of COMPANY_FORMS a name ends with is its longest, one lookup a length.
_FORMS_BY_LENGTH = tuple(
    (n, frozenset(f for f in COMPANY_FORMS if len(f) == n))
    for n in sorted({len(f) for f in COMPANY_FORMS}, reverse=True)
)
# Latin forms at the end of a canonical (separator-free, lower-case) name.
_LATIN_FORM = re.compile(
    r"(?<=[a-z0-9]{3})(?:coltd|colimited|companylimited|corporation|limited|ltd|inc|corp|llc|gmbh)$"
)
# Organisations that are not companies: public bodies, institutions, associations (Issue 15 required 1).
ORG_FORMS = (
    "医院",
    "委员会",
    "组委会",
    "协会",
    "基金会",
    "大学",
    "学院",
    "研究院",
    "科学院",
    "研究所",
    "学会",
    "商会",
    "联合会",
    "中心",
    "办公室",
    "管理局",
    "局",
    "天文台",
    "博物馆",
    "纪念馆",
)
_ORG_FORM = re.compile("(?:" + "|".join(ORG_FORMS) + ")$")
# Bodies a unit may belong to: the full name of the body ends in one of these.
_PARENT_END = re.compile(r"(?:局|委员会|部|厅|署|办公室|科学院|研究院|大学|协会|学会|基金会|有限公司|总公司|集团)")
_LEVEL = r"(?:特别行政区|自治区|自治州|自治县|地区|省|市|区|县|盟|旗)"
_LEVEL_CHARS = frozenset("省市区县盟旗州")
_SEGMENT = re.compile(r"([\u4e00-\u9fff]{2,7}?)" + _LEVEL)
_PLACE_SEGMENT = re.compile(r"[\u4e00-\u9fff]{2,7}?" + _LEVEL)
_ID_LIKE = re.compile(r"^[0-9a-z\-]{6,}$")
_PLACEHOLDER = {"", "无", "暂无", "none", "null", "nan", "n/a", "na", "-", "/", "未知", "unknown"}
_LIST_SPLIT = re.compile(r"[;；、]")


def _drop_levels(place: str) -> str:
    """广东省广州市 -> 广东广州."""
    return "".join(_SEGMENT.findall(place)) or place


def _leading_place(text: str) -> int:
    """Length of the leading place of a name: up to three segments, each two or more characters then a level word
    (广东省广州市天河区 ...); 0 when there is none."""
    end = 0
    for _ in range(3):
        seg = _PLACE_SEGMENT.match(text, end)
        if not seg:
            break
        end = seg.end()
    return end


def name_key(canon: str) -> str:
    """The name key of a canonical name: company forms at the end and level words of the leading place dropped."""
    text = canon
    for _ in range(4):
        form = _company_form(text) if text[-1:] in _FORM_ENDS else ""
        stripped = text[: -len(form)] if form else text
        if not form and stripped[-1:].isascii():
            stripped = _LATIN_FORM.sub("", stripped)
        if stripped == text or len(stripped) < 2:
            break
        text = stripped
    if not _LEVEL_CHARS.isdisjoint(text[:24]):
        end = _leading_place(text)
        if 0 < end < len(text):
            text = _drop_levels(text[:end]) + text[end:]
    return text


def _company_form(text: str) -> str:
    """The company form `text` ends with (the first of COMPANY_FORMS it ends with), or ""."""
    for n, forms in _FORMS_BY_LENGTH:
        if text[-n:] in forms:
            return text[-n:]
    return ""


def is_organisation(canon: str) -> bool:
    """A canonical name ending in an organisation form that is not a company (医院, 委员会, 协会 ...)."""
    return bool(_ORG_FORM.search(canon)) and not _COMPANY_FORM.search(canon)


def _without_places(canon: str) -> list[str]:
    """An organisation's name with one, two or three leading place segments removed (武汉市火神山医院 and
    武汉火神山医院 -> 火神山医院), each kept only when three or more characters stand before its form."""
    out: list[str] = []
    todo = [canon]
    for _ in range(3):
        nxt = []
        for text in todo:
            for lead in (_PLACE_SEGMENT.match(text), _SHORT_PLACE.match(text)):
                if not lead or not lead.group(0):
                    continue
                rest = text[len(lead.group(0)) :]
                if re.match(_LEVEL, rest):
                    continue  # 武汉|市…: the level word belongs to the place
                form = _ORG_FORM.search(rest)
                if form is not None and form.start() >= 3 and rest not in out:
                    out.append(rest)
                    nxt.append(rest)
        todo = nxt
    return out


def _parent_bodies(canon: str) -> list[str]:
    """The bodies a unit's name begins with: prefixes of four or more characters ending in a body's form, with two
    or more characters after them (国家航天局探月与航天工程中心 -> 国家航天局)."""
    return [canon[: m.end()] for m in _PARENT_END.finditer(canon) if m.end() >= 4 and len(canon) - m.end() >= 2]


@lru_cache(maxsize=200_000)
def _name_keys(canon: str) -> tuple[str, ...]:
    if not canon:
        return ()
    key = name_key(canon)
    if not is_organisation(canon):  # nearly every name: its one key
        return (NAME + key,) if key else ()
    keys = [key, *(name_key(n) for n in _without_places(canon)), *(name_key(p) for p in _parent_bodies(canon))]
    return tuple(NAME + k for k in dict.fromkeys(keys) if k)


def name_keys(canon: str) -> list[str]:
    """Every name key a canonical name stands for (see the module docstring)."""
    return list(_name_keys(canon))


def holder_keys(value: str) -> list[str]:
    """The keys of a rights holder or owner written as a name, or as an id (registry code)."""
    return _holder_keys_of(canonical(str(value or "")))


def holder_keys_many(values: list[str]) -> list[list[str]]:
    """holder_keys() of each of `values`, their canonical forms made in one pass (canonical_list)."""
    return [_holder_keys_of(canon) for canon in canonical_list([str(v or "") for v in values])]


def _holder_keys_of(canon: str) -> list[str]:
    if canon in _PLACEHOLDER:
        return []
    keys = name_keys(canon)
    return [ID + canon, *keys] if _ID_LIKE.match(canon) else keys


def id_key(value: str) -> str:
    """The key of an applicant id or registry code ('' for none): its canonical form (ASCII ids, nearly all of
    them, take the short way to the same result: case folded, separators removed)."""
    text = str(value or "")
    return _id_of(strip_separators(text.casefold()) if text.isascii() else canonical(text))


def id_keys(values: Iterable[object]) -> list[str]:
    """id_key() of each value; the ASCII ones (nearly all) case folded and stripped in one pass over them joined by
    newlines, which neither step changes (a value holding a newline is keyed alone)."""
    texts = [str(v or "") for v in values]
    plain = [t.isascii() and "\n" not in t for t in texts]
    joined = "\n".join([t for t, p in zip(texts, plain) if p])
    canons = iter(strip_separators(joined.casefold()).split("\n") if any(plain) else ())
    return [_id_of(next(canons)) if p else id_key(t) for t, p in zip(texts, plain)]


def _id_of(canon: str) -> str:
    """The id key of a canonical id ('' for a placeholder)."""
    return "" if canon in _PLACEHOLDER else ID + canon


def _keys_of_distinct(values: pd.Series | list[str], fn) -> list[list[str]]:
    """fn() of each distinct value once, as one list per row."""
    codes, uniques = text_codes(values)
    table = [fn(u) for u in uniques]
    return [table[c] if c >= 0 else [] for c in codes]


def _ids(values: pd.Series) -> list:
    """`values.astype(str).tolist()` (missing values stay NaN); a `str` column's list read as it is."""
    return values.tolist() if values.dtype == "str" else values.astype(str).tolist()


def own_keys(ids: pd.Series, canon_names: pd.Series | list[str]) -> list[list[str]]:
    """Per applicant: its own keys (id, name keys), from its id and its canonical name."""
    names = _keys_of_distinct(canon_names, name_keys)
    return [[i, *n] if i else n for i, n in zip(id_keys(_ids(ids)), names)]


def self_keys(apps: pd.DataFrame) -> list[list[str]]:
    """Per applicant row: its own keys (id, name keys)."""
    canon = apps["canon_name"] if "canon_name" in apps.columns else apps["name"].map(canonical)
    return own_keys(apps["applicant_id"], canon)


def _people_of_distinct(values: pd.Series) -> list[list[str]]:
    """Per row: the canonical people of its `;`-separated cell (placeholders left out); each distinct cell split
    once and every part canonicalized in one pass."""
    codes, uniques = text_codes(values)
    split = [_LIST_SPLIT.split(cell or "") for cell in uniques]
    flat = canonical_list([part for parts in split for part in parts])
    table, start = [], 0
    for parts in split:
        table.append([p for p in flat[start : start + len(parts)] if p not in _PLACEHOLDER])
        start += len(parts)
    return [table[c] if c >= 0 else [] for c in codes]


PEOPLE = ("shareholders", "legal_representative")  # the columns that tie applicants to parties


def related_keys(
    apps: pd.DataFrame, registry: pd.DataFrame | None = None, own: list[list[str]] | None = None
) -> pd.Series:
    """Per applicant row: the keys of the parties tied to it (module docstring), `SEPARATOR`-joined, sorted.

    `registry`: applicant records of parties that file nothing here (an owner's record); they tie, and get no row.
    `own`: self_keys(apps), when the caller has it already. Up to SMALL_ROWS rows (applicants and such records) in
    plain Python over sets (_related_small), above by frame merges (_related_frames): the same keys."""
    keep = _registry_only(registry, apps)
    if len(apps) + (int(keep.sum()) if keep is not None else 0) <= SMALL_ROWS:
        return pd.Series(_related_small(apps, registry, keep, own), index=apps.index, dtype="str")
    return _related_frames(apps, registry, keep, own)


def _registry_only(registry: pd.DataFrame | None, apps: pd.DataFrame) -> np.ndarray | None:
    """Which rows of `registry` are parties no applicant row is (None: no registry, or one without ids)."""
    if registry is None or not len(registry) or "applicant_id" not in registry.columns:
        return None
    ids, known = registry["applicant_id"], apps["applicant_id"]
    if len(ids) + len(known) <= SMALL_ROWS and ids.dtype == "str" and known.dtype == "str":
        wanted = set(_missing_as_none(known.tolist()))  # a few ids: a set (pyarrow's fixed cost per call is larger)
        return np.array([v not in wanted for v in _missing_as_none(ids.tolist())], dtype=bool)
    return ~text_isin(ids, known)


def _missing_as_none(values: list) -> list:
    """A `str` column's list with its missing values (NaN) as None: one missing value matches another, as in isin."""
    return [v if v.__class__ is str else None for v in values]


def _related_small(
    apps: pd.DataFrame, registry: pd.DataFrame | None, keep: np.ndarray | None, own: list[list[str]] | None
) -> list[str]:
    """related_keys() of a few rows: the applicants and, after them, the registry's rows in `keep` (their own keys
    from their id and canonical name), as _related_frames ties them."""
    n = len(apps)
    if n == 0 or not set(PEOPLE) & set(apps.columns):
        return [""] * n
    own = self_keys(apps) if own is None else own
    holders, reps = (_people_of_column(apps, c) for c in PEOPLE)
    if keep is not None and keep.any():
        rows = np.flatnonzero(keep)
        others = {c: registry[c].iloc[rows] for c in ("applicant_id", "name", *PEOPLE) if c in registry.columns}
        own = own + own_keys(others["applicant_id"], canonical_list(plain_texts(others["name"])))
        holders += _people_of_column(apps, PEOPLE[0], others, len(rows))
        reps += _people_of_column(apps, PEOPLE[1], others, len(rows))
    return _related_sets([list(dict.fromkeys([*h, *r])) for h, r in zip(holders, reps)], own)[:n]


def _people_of_column(
    apps: pd.DataFrame, column: str, others: dict[str, pd.Series] | None = None, n_others: int = 0
) -> list[list[str]]:
    """Per row of `apps` (or of `others`, the registry's columns at its rows, when given): the people of `column`;
    none where the column is missing, and none for `others` when `apps` lacks it (_related_frames keeps only the
    applicants' columns of a registry)."""
    frame = apps if others is None else others
    if column not in apps.columns or column not in frame:
        return [[] for _ in range(len(apps) if others is None else n_others)]
    return _people_of_distinct(frame[column])


def _related_sets(held: list[list[str]], own: list[list[str]]) -> list[str]:
    """Per row: the keys of the parties tied to it, from the distinct people each row holds (`held`) and every row's
    own keys; each row's keys a set, so the ties _related_frames merges give the same keys."""
    rows_of: dict[str, list[int]] = {}  # a value -> the rows holding it
    for row, values in enumerate(held):
        for value in values:
            rows_of.setdefault(value, []).append(row)
    if not rows_of:
        return [""] * len(held)
    owners_of: dict[str, list[int]] = {}  # a key -> the rows whose own keys hold it
    for row, keys in enumerate(own):
        for key in keys:
            owners_of.setdefault(key, []).append(row)
    got: list[set[str]] = [set() for _ in held]
    for value, rows in rows_of.items():
        keys = name_keys(value) or [NAME + value]
        parents = {p for k in keys for p in owners_of.get(k, ())}
        for row in rows:
            got[row].update(keys)  # its shareholders and legal representative
            for parent in parents - {row}:  # a parent and its child: each gets the other's own keys
                got[row].update(own[parent])
                got[parent].update(own[row])
        if 2 <= len(rows) <= HUB_HOLDERS and _strong(value):  # siblings
            for row in rows:
                for other in rows:
                    if other != row:
                        got[row].update(own[other])
    return [SEPARATOR.join(sorted(keys)) for keys in got]


def _strong(value: str) -> bool:
    """A value that ties the applicants sharing it: an organisation, a company, or a name of 3+ characters."""
    return is_organisation(value) or bool(_COMPANY_FORM.search(value)) or len(value) >= 3


def _related_frames(
    apps: pd.DataFrame, registry: pd.DataFrame | None, keep: np.ndarray | None, own: list[list[str]] | None
) -> pd.Series:
    """related_keys() by array joins (many rows): `keep` as _registry_only gives it."""
    n = len(apps)
    found = _related_coded(apps, registry, keep, own)
    if found is None:
        return pd.Series([""] * n, index=apps.index, dtype="str")
    return pd.Series(found.joined(n, SEPARATOR), index=apps.index, copy=False)


def related_keys_and_table(
    apps: pd.DataFrame, registry: pd.DataFrame | None, own: list[list[str]]
) -> tuple[pd.api.extensions.ExtensionArray, CodedKeyTable]:
    """related_keys(apps, registry, own).array and the key table of those applicants (key_table() of them with
    that column) with its keys coded, made from one set of coded pairs above SMALL_ROWS rows."""
    keep = _registry_only(registry, apps)
    n = len(apps)
    if n + (int(keep.sum()) if keep is not None else 0) > SMALL_ROWS:
        found = _related_coded(apps, registry, keep, own)
        if found is not None:
            return found.joined(n, SEPARATOR), found.coded_table(n)
    related = related_keys(apps, registry, own).array
    return related, CodedKeyTable.of_frame(key_table(pd.DataFrame({"identity_keys": related}), own=own))


def _related_coded(
    apps: pd.DataFrame, registry: pd.DataFrame | None, keep: np.ndarray | None, own: list[list[str]] | None
) -> RowKeys | None:
    """Every row's related keys as coded (row, key) pairs: the applicants' rows, then the registry's rows in `keep`
    (the parties that file nothing here); None when no row holds a party."""
    if keep is not None:
        others = registry[keep]
        if len(others):
            others = others.assign(canon_name=others["name"].astype(str).map(canonical))
            others = others[[c for c in others.columns if c in apps.columns or c == "canon_name"]]
            both = pd.concat([apps, others]).reset_index(drop=True)
            return _related_coded(both, None, None, (self_keys(apps) if own is None else own) + self_keys(others))
    if len(apps) == 0 or not set(PEOPLE) & set(apps.columns):
        return None
    blank = pd.Series("", index=apps.index)
    holders = _people_of_distinct(apps.get("shareholders", blank))
    reps = _people_of_distinct(apps.get("legal_representative", blank))
    held = _table([list(dict.fromkeys([*h, *r])) for h, r in zip(holders, reps)], "value").drop_duplicates()
    if held.empty:
        return None
    held_row = held["row"].to_numpy(dtype=np.int64)
    held_value, values = pd.factorize(held["value"].to_numpy(dtype=object))
    values = np.asarray(values, dtype=object).tolist()
    vocab, (own_lists, value_lists) = coded(
        self_keys(apps) if own is None else own, [name_keys(v) or [NAME + v] for v in values]
    )
    # Its shareholders and legal representative.
    parts = [value_lists.of(held_row, held_value)]
    # Children: the applicants whose shareholders name this one; both get the other's own keys.
    value_of, value_code = value_lists.pairs()
    owner_of, owner_code = own_lists.pairs()
    at_value, at_owner = equal_pairs(value_code, owner_code)
    named_value, parent = value_of[at_value], owner_of[at_owner]  # a value that names this applicant
    at_held, at_named = equal_pairs(held_value, named_value)
    child, parent = held_row[at_held], parent[at_named]
    other = child != parent
    child, parent = distinct_pairs(child[other], parent[other])
    parts += [own_lists.of(child, parent), own_lists.of(parent, child)]
    # Siblings: a shared organisation, or a person of three or more characters, held by 2..HUB_HOLDERS applicants.
    size = np.bincount(held_value, minlength=len(values))[held_value]
    strong = np.fromiter((_strong(v) for v in values), dtype=bool, count=len(values))[held_value]
    shared = (size >= 2) & (size <= HUB_HOLDERS) & strong
    shared_row, shared_value = held_row[shared], held_value[shared]
    left, right = equal_pairs(shared_value, shared_value)
    other = shared_row[left] != shared_row[right]
    parts.append(own_lists.of(shared_row[left][other], shared_row[right][other]))
    rows, codes = (np.concatenate([part[i] for part in parts]) for i in (0, 1))
    return RowKeys.of(rows, codes, vocab, own_lists)


def _table(lists: list[list[str]], column: str) -> pd.DataFrame:
    """(row, column) rows: each list's items with the list's position."""
    lengths = [len(x) for x in lists]
    return pd.DataFrame(
        {
            "row": np.repeat(np.arange(len(lists), dtype=np.int64), lengths),
            column: pd.Series([v for x in lists for v in x], dtype=object),
        }
    )


def key_table(
    apps: pd.DataFrame, codes: Iterable[int] | None = None, own: list[list[str]] | None = None
) -> pd.DataFrame:
    """(app, key) rows: every applicant's own and related keys (column `identity_keys` when the batch has it).
    `own`: self_keys(apps) of every row, when the caller has it already."""
    idx = np.arange(len(apps)) if codes is None else np.asarray(sorted(set(codes)), dtype=np.int64)
    sub = apps.iloc[idx]
    own = self_keys(sub) if own is None else [own[i] for i in idx.tolist()]
    if len(idx) > SMALL_ROWS and "identity_keys" in sub.columns:
        return _key_rows(idx, own, sub["identity_keys"])
    related = (
        sub["identity_keys"].fillna("").astype(str).tolist()
        if "identity_keys" in sub.columns
        else related_keys(sub).tolist()
    )
    app, key = [], []
    for code, mine, rel in zip(idx.tolist(), own, related):
        keys = dict.fromkeys([*mine, *(rel.split(SEPARATOR) if rel else [])])
        app.extend([code] * len(keys))
        key.extend(keys)
    return pd.DataFrame({"app": np.asarray(app, dtype=np.int64), "key": pd.Series(key, dtype="str")})


def _key_rows(idx: np.ndarray, own: list[list[str]], related: pd.Series) -> pd.DataFrame:
    """key_table()'s rows by pyarrow and numpy (a Python loop took ~6 s at 1,000,000 filings, 300,000 applicants):
    per applicant its own keys, then its related keys that are not own ones. Own keys are distinct (an id key, then
    distinct name keys) and a related cell is distinct keys in text order (related_keys), so a related key repeats
    nothing but an own key of its row."""
    import pyarrow as pa
    import pyarrow.compute as pc

    n = len(own)
    n_own = np.fromiter((len(k) for k in own), dtype=np.int64, count=n)
    own_keys = pa.array([k for keys in own for k in keys], type=pa.large_string())
    cells = pc.fill_null(arrow_text(related).combine_chunks(), "")
    parts = pc.split_pattern(cells, SEPARATOR)
    n_rel = pc.list_value_length(parts).to_numpy(zero_copy_only=False).astype(np.int64)
    rel_row = np.repeat(np.arange(n, dtype=np.int64), n_rel)
    keep = np.repeat(pc.not_equal(cells, "").to_numpy(zero_copy_only=False), n_rel)  # "" holds no key
    rel_keys = pc.list_flatten(parts)
    own_start = np.cumsum(n_own) - n_own
    for j in range(int(n_own.max()) if n else 0):  # drop a related key equal to the row's j-th own key
        has = n_own[rel_row] > j
        at = pa.array(own_start[rel_row] + j, mask=~has)
        same = pc.fill_null(pc.equal(rel_keys, own_keys.take(at)), False)
        keep &= ~same.to_numpy(zero_copy_only=False)
    rel_keys, rel_row = rel_keys.filter(pa.array(keep)), rel_row[keep]
    row = np.concatenate([np.repeat(np.arange(n, dtype=np.int64), n_own), rel_row])
    order = np.argsort(row, kind="stable")  # two sorted runs: a row's own keys, then its related ones
    keys = pa.concat_arrays([own_keys, rel_keys.cast(pa.large_string())]).take(pa.array(order))
    return pd.DataFrame({"app": idx[row[order]].astype(np.int64), "key": pd.array(keys, dtype="str")})
