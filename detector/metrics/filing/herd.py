"""Herds and waves: unrelated applicants filing the same mark, or variants of one term, within days of each other
(a name in the news; 蹭热点). Computed over the whole batch, since a herd crosses partitions (`batch_herd`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from detector.batch import register_owner_counts
from detector.metrics.filing.table import FilingMetricInputs
from detector.metrics.filing.wave_terms import TermRules, term_pairs
from detector.metrics.registry import Columns, Metric, column_values, computes
from detector.object_memo import derived
from detector.runs import run_positions
from detector.sorted_sets import search
from detector.text import Text

if TYPE_CHECKING:
    from detector.batch import Batch

HERD_DAYS = 30
MAX_MEMBERS_SHOWN = 8
HERD_COLUMNS = (
    "herd_applicants",
    "herd_concentration",
    "wave_term",
    "wave_applicants",
    "wave_concentration",
    "wave_members",
    "wave_register_owners",
)


def _bursts(key: np.ndarray, actor: np.ndarray, day: np.ndarray) -> pd.DataFrame:
    """Per (key, actor): its first day, the actors of the key whose first day lies within ±HERD_DAYS of it (burst,
    itself included) and all actors of the key in the batch (total)."""
    # Sorted by key, actor, day (numpy: a group-by costs milliseconds on the few rows of an intake check), the first
    # row of each (key, actor) holds its first day; rows in (key, actor) order as a sorted group-by gives them.
    order = np.lexsort((day, actor, key))
    ks, acts, days = key[order], actor[order], day[order]
    first = np.ones(len(order), dtype=bool)
    first[1:] = (ks[1:] != ks[:-1]) | (acts[1:] != acts[:-1])
    k = ks[first].astype(np.int64)
    d = days[first].astype(np.int64)
    if not len(k):
        return pd.DataFrame({"k": k, "a": acts[first], "d": d, "burst": k, "total": k})
    d0 = d - d.min()
    width = int(d0.max()) + 2 * HERD_DAYS + 2
    pos = k * width + d0 + HERD_DAYS
    # Each window searched for in ascending order (in (key, actor) order the days jump: a cache miss a step).
    by_pos = np.argsort(pos)
    ordered = pos[by_pos]
    lo, hi = np.empty(len(pos), dtype=np.intp), np.empty(len(pos), dtype=np.intp)
    lo[by_pos] = np.searchsorted(ordered, ordered - HERD_DAYS, side="left")
    hi[by_pos] = np.searchsorted(ordered, ordered + HERD_DAYS, side="right")
    total = np.bincount(k, minlength=int(k.max()) + 1)[k]
    return pd.DataFrame({"k": k, "a": acts[first], "d": d, "burst": hi - lo, "total": total})


def herd_counts(
    mark: np.ndarray, actor: np.ndarray, day: np.ndarray, valid: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per filing: other actors filing the same mark within ±HERD_DAYS of this actor's first filing of it,
    and that burst's share of all actors of the mark in the batch."""
    n = len(mark)
    herd = np.zeros(n, dtype=np.int64)
    conc = np.zeros(n, dtype=float)
    idx = np.flatnonzero(valid)
    if not len(idx):
        return herd, conc
    pair = _bursts(mark[idx], actor[idx], day[idx])
    at = _pair_rows(pair, mark[idx], actor[idx])
    burst, total = pair["burst"].to_numpy()[at], pair["total"].to_numpy()[at]
    herd[idx] = burst - 1
    conc[idx] = burst / total
    return herd, conc


def _pair_rows(bursts: pd.DataFrame, key: np.ndarray, actor: np.ndarray) -> np.ndarray:
    """The row of `bursts` (one per (key, actor), sorted by both, as _bursts makes it) of each given (key, actor),
    all of which it holds: a binary search on one combined integer, where a merge costs milliseconds per call."""
    width = int(max(bursts["a"].max(), actor.max())) + 1 if len(actor) else 1
    combined = bursts["k"].to_numpy(dtype=np.int64) * width + bursts["a"].to_numpy(dtype=np.int64)
    return search(combined, key.astype(np.int64) * width + actor.astype(np.int64))


def filing_actor(app: np.ndarray, cluster_code: np.ndarray, n_apps: int) -> np.ndarray:
    """Who files: the cluster code for linked applicants, n_apps + applicant code for the others."""
    return np.where(cluster_code[app] >= 0, cluster_code[app], n_apps + app) if len(app) else app


def _members(wave: pd.DataFrame, firsts: pd.DataFrame, names: np.ndarray, marks: np.ndarray) -> list[str]:
    """Per row of `wave` (t, a, d: the first day of actor a's filings of term t): 'name date mark; ...' of the other
    actors of term t whose first filing of it lies within ±HERD_DAYS of d, the first MAX_MEMBERS_SHOWN by date, then
    '+N'. On arrays: a loop turn per (term, actor) took 0.77 s for 136,812 of them at 1,000,000 filings."""
    firsts = firsts.sort_values(["t", "d", "row"], kind="stable")
    ft, fa, fd, frow = (firsts[c].to_numpy().astype(np.int64) for c in ("t", "a", "d", "row"))
    # Each distinct (t, a) once; its window of firsts found by two binary searches over all of them at once, on one
    # integer per (term, day) whose days of a term never reach the next term's.
    wt, wa, wd = (wave[c].to_numpy().astype(np.int64) for c in ("t", "a", "d"))
    span = int(max(fa.max(), wa.max())) + 1
    pair, at = np.unique(wt * span + wa, return_index=True)
    t, a, d = wt[at], wa[at], wd[at]
    low = int(min(fd.min(), d.min()))
    width = int(max(fd.max(), d.max())) - low + 2 * HERD_DAYS + 2
    ordered = ft * width + (fd - low + HERD_DAYS)
    here = t * width + (d - low + HERD_DAYS)
    lo = search(ordered, here - HERD_DAYS, side="left")
    hi = search(ordered, here + HERD_DAYS, side="right")
    # The actor's own firsts in its window (one, as firsts hold one row per (t, a)): counted by a search of
    # (term, actor, position) keys, the others are the window less those.
    n = np.int64(len(ft))
    own_key = np.sort((ft * span + fa) * n + np.arange(n))
    base = (t * span + a) * n
    own = np.searchsorted(own_key, base + hi) - np.searchsorted(own_key, base + lo)
    n_near = (hi - lo) - own
    # The first MAX_MEMBERS_SHOWN others: among the first MAX_MEMBERS_SHOWN + (own firsts) rows of the window.
    reach = MAX_MEMBERS_SHOWN + int(own.max()) if len(own) else 0
    cell = lo[:, None] + np.arange(reach)[None, :]
    inside = cell < hi[:, None]
    cell = np.where(inside, cell, 0)
    other = inside & (fa[cell] != a[:, None])
    shown = other & (np.cumsum(other, axis=1) <= MAX_MEMBERS_SHOWN)
    picked = cell[shown]  # row-major: pairs in order, each pair's members by date
    n_shown = shown.sum(axis=1)
    used, slot = np.unique(picked, return_inverse=True)
    days, day_slot = np.unique(fd[used], return_inverse=True)
    day_text = [f"{pd.Timestamp(int(x), unit='D'):%Y-%m-%d}" for x in days.tolist()]  # each day formatted once
    rows = frow[used]
    day_of = np.asarray(day_text, dtype=object)[day_slot.reshape(-1)]
    label = [
        f"{name} {day} {mark}" for name, day, mark in zip(names[rows].tolist(), day_of.tolist(), marks[rows].tolist())
    ]
    flat = [label[k] for k in slot.reshape(-1).tolist()]
    ends = np.cumsum(n_shown).tolist()
    more = (n_near - n_shown).tolist()
    texts, begin = [], 0
    for end, extra in zip(ends, more):
        text = "; ".join(flat[begin:end])
        texts.append(text + f"; +{extra}" if extra > 0 else text)
        begin = end
    return np.asarray(texts, dtype=object)[search(pair, wt * span + wa)].tolist()


def _own_longer_name(batch: Batch, row: np.ndarray, term_len: np.ndarray) -> np.ndarray:
    """Per (filing row, term): an organisation files its own full trade name (字号), of which the term is only a part
    (晨光文具12有限公司 files 晨光文具12; 三星堆火锅 files its shop name). A firm filing its own name shows a business
    need, not a wave on the term; a firm named after the term itself (冰墩墩贸易有限公司 files 冰墩墩) still counts.
    `term_len`: the length of the term of each row."""
    apps = batch.applicants
    app = batch.filings["app"].to_numpy()[row]
    company = apps["entity_type"].ne("individual").to_numpy()[app]
    trade = apps["canon_trade_name"].astype("str")
    trade_len = trade.str.len().fillna(0).to_numpy(dtype=np.int64)  # characters, as len() counts them
    mark = batch.filings["canon"].astype("str").to_numpy(dtype=object)[row]
    return company & (mark == trade.to_numpy(dtype=object)[app]) & (trade_len[app] > term_len)


def _term_rows(
    mark_code: np.ndarray, pair_mark: np.ndarray, term_code: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Columns (m, row, t), one row per filing row and term its mark contains: the inner join of the filings' mark
    codes with the (mark, term) pairs, in filing order and, per filing, in pair order, as a merge on m gives it
    (the pairs come sorted by mark). Made by index arithmetic: a merge costs milliseconds on an intake check."""
    by_mark = np.argsort(pair_mark, kind="stable")
    sorted_mark = pair_mark[by_mark]
    start = np.searchsorted(sorted_mark, mark_code, side="left")
    count = np.searchsorted(sorted_mark, mark_code, side="right") - start
    row = np.repeat(np.arange(len(mark_code), dtype=np.int64), count)
    pair = by_mark[run_positions(start, count)]
    return mark_code[row], row, term_code[pair]


def _group_starts(*keys: np.ndarray) -> np.ndarray:
    """Over rows sorted by `keys`: True where a new group of equal keys starts."""
    n = len(keys[0])
    start = np.ones(n, dtype=bool)
    if n > 1:
        start[1:] = np.logical_or.reduce([k[1:] != k[:-1] for k in keys])
    return start


def _waves(batch: Batch, actor: np.ndarray, rules: TermRules) -> dict[str, np.ndarray]:
    """Per filing: the term of its largest wave (ties: the longer term, then the first in code order), the other
    unrelated actors in that wave, their share of all actors of the term, the members and register owners."""
    f = batch.filings
    n = len(f)
    term_out = np.full(n, "", dtype=object)
    others = np.zeros(n, dtype=np.int64)
    conc = np.zeros(n, dtype=float)
    members = np.full(n, "", dtype=object)
    reg = batch.register
    owners = np.full(n, np.nan) if reg is None or reg.empty else np.zeros(n)
    mark_code, uniques = pd.factorize(f["canon"])
    pairs = _term_pairs(batch, uniques, rules)
    if pairs.empty:
        return {"wave_term": term_out, "wave_applicants": others, "wave_concentration": conc, "wave_members": members,
                "wave_register_owners": owners}  # fmt: skip
    term_code, term_index = pd.factorize(pairs["term"])
    terms = np.asarray(term_index, dtype=object)
    _, row, t = _term_rows(mark_code, pairs["mark"].to_numpy(), term_code)
    term_len = np.fromiter((len(x) for x in terms.tolist()), dtype=np.int64, count=len(terms))
    keep = ~_own_longer_name(batch, row, term_len[t])
    row, t = row[keep], t[keep]
    a, d = actor[row], f["day"].to_numpy()[row]
    bursts = _bursts(t, a, d)
    at = _pair_rows(bursts, t, a)
    burst, total = bursts["burst"].to_numpy()[at], bursts["total"].to_numpy()[at]
    # Per filing row its best term: the largest burst, then the longer term, then the first term code ((row, t) is
    # unique, so the order is total); numpy sorts, as the frame sorts they replace cost milliseconds per check.
    order = np.lexsort((t, -term_len[t], -burst, row))
    best = order[_group_starts(row[order])]
    r = row[best]
    term_out[r] = terms[t[best]]
    others[r] = burst[best] - 1
    conc[r] = burst[best] / total[best]
    # Members: the first filing of each (term, actor), for the waves of two or more other actors only.
    wave = best[burst[best] >= 3]
    if len(wave):
        in_waves = np.flatnonzero(np.isin(t, np.unique(t[wave])))
        by_first = in_waves[np.lexsort((row[in_waves], d[in_waves], a[in_waves], t[in_waves]))]
        first = by_first[_group_starts(t[by_first], a[by_first])]  # sorted by (t, a): one row per pair
        firsts = pd.DataFrame({"t": t[first], "a": a[first], "d": d[first], "row": row[first]})
        first_day = d[first][_pair_rows(firsts.rename(columns={"t": "k"}), t[wave], a[wave])]
        waves = pd.DataFrame({"t": t[wave], "a": a[wave], "d": first_day, "row": row[wave]})
        names = f["applicant_name"].to_numpy(dtype=object)
        marks = f["mark_text"].to_numpy(dtype=object)
        members[row[wave]] = _members(waves, firsts, names, marks)
    if reg is not None and not reg.empty:
        held = register_owner_counts(reg)
        codes, distinct = pd.factorize(term_out)  # each distinct term looked up once (most filings have none)
        owners = pd.Series(distinct, dtype=object).map(held).fillna(0).to_numpy(dtype=float)[codes]
    return {"wave_term": term_out, "wave_applicants": others, "wave_concentration": conc, "wave_members": members,
            "wave_register_owners": owners}  # fmt: skip


WAVE_TERM_PAIRS = "wave_term_pairs"  # batch.memo: the term pairs of the batch's marks, made beforehand


def wave_term_memo(marks: pd.api.extensions.ExtensionArray, lists: dict | None) -> dict:
    """The term pairs of the distinct canonical `marks` (the batch's column canon) under `lists`, as the batch memo
    entry _waves takes instead of making them: the normalize stage has the identity keys' child make them (1.8 s
    at 1,000,000 filings) while the graph is built, off the partition stage's herd. The entry names its lists by
    id(): the child is a fork, so the id is that of the same live object in the process that reads the entry."""
    _, uniques = pd.factorize(pd.Series(marks, copy=False))
    pairs = term_pairs(np.asarray(uniques, dtype=object), _term_rules(lists))
    return {WAVE_TERM_PAIRS: (id(lists), len(uniques), pairs)}


def _term_pairs(batch: Batch, uniques, rules: TermRules) -> pd.DataFrame:
    """term_pairs() of the distinct marks `uniques` (first-appearance order of the batch's canon): the memo's, made
    under the same lists for these marks, or made now."""
    made = batch.memo.get(WAVE_TERM_PAIRS)
    if made is not None and made[0] == rules.lists_id and made[1] == len(uniques):
        return made[2]
    return term_pairs(np.asarray(uniques, dtype=object), rules)


def _term_rules(lists: dict | None) -> TermRules:
    """The lists' TermRules, built once per loaded lists (a server screens many batches with them)."""
    if lists is None:
        return TermRules(None)
    return derived(lists, "term_rules", lambda: TermRules(lists))


def batch_herd(batch: Batch, cluster_code: np.ndarray, lists: dict | None = None) -> pd.DataFrame:
    """The herd and wave columns (HERD_COLUMNS) of every filing of `batch`, one row per filing in batch order:
    the exact-mark herd (marks of >= 2 canonical characters) and the wave of the terms its mark contains (`lists`:
    the run's reference lists, for the generic affixes and terms a wave's term may not be)."""
    f = batch.filings
    canon = f["canon"]
    mark_code, _ = pd.factorize(canon)
    actor = filing_actor(f["app"].to_numpy(), cluster_code, batch.n_apps)
    herd, conc = herd_counts(mark_code, actor, f["day"].to_numpy(), (canon.str.len() >= 2).to_numpy())
    columns = {"herd_applicants": herd, "herd_concentration": conc, **_waves(batch, actor, _term_rules(lists))}
    return pd.DataFrame(columns, columns=list(HERD_COLUMNS))


@computes(
    "filing",
    order=30,
    metrics=[
        Metric(
            "herd_applicants",
            "number",
            "applicants",
            Text(
                en="Distinct applicants (not linked to this one) that filed the same canonical mark within 30 days "
                "either side",
                zh="前后30天内提交相同商标（规范化后）的其他无关联申请人数",
            ),
        ),
        Metric(
            "herd_concentration",
            "number",
            "share 0-1",
            Text(
                en="Share of all applicants of this mark in the batch that filed within that 30-day burst",
                zh="该商标在本批次的全部申请人中，集中在该30天内的比例",
            ),
        ),
        Metric(
            "wave_term",
            "text",
            "",
            Text(
                en="The term of this filing's largest wave: the mark itself or a term its mark contains (also the core "
                "left after generic prefixes and suffixes), at least 2 Chinese characters or 5 letters (not one pinyin "
                "syllable), at least 40% of each mark, no generic affix or goods name and no everyday word "
                "(detector/metrics/filing/wave_terms.py)",
                zh="本申请所属最大浪潮的核心词：商标本身或其包含的词（也包括去掉通用前后缀后的核心），至少2个汉字或5个字母"
                "（不是单个拼音音节），占每个商标至少40%，且不是通用前后缀、商品通用名称或日常用词",
            ),
        ),
        Metric(
            "wave_applicants",
            "number",
            "applicants",
            Text(
                en="Distinct applicants (not linked to this one) that filed a mark containing the wave term within "
                "30 days either side of this applicant's first such filing",
                zh="在本申请人首次申请前后30天内，申请含该核心词商标的其他无关联申请人数",
            ),
        ),
        Metric(
            "wave_concentration",
            "number",
            "share 0-1",
            Text(
                en="Share of all applicants of the wave term in the batch that filed within that 30-day burst",
                zh="该核心词在本批次的全部申请人中，集中在该30天内的比例",
            ),
        ),
        Metric(
            "wave_members",
            "text",
            "",
            Text(
                en="The other applicants of the wave with the date and mark of their first filing of the term (the "
                "first 8 by date, then +N), for waves of two or more others",
                zh="浪潮中其他申请人及其首次申请该核心词的日期和商标（按日期列前8个，其余记为+N），仅在有两个以上其他申请人时列出",
            ),
        ),
        Metric(
            "wave_register_owners",
            "number",
            "owners",
            Text(
                en="Distinct owners of the wave term in the prior register (missing without a register; an everyday "
                "word has several)",
                zh="在先注册簿中该核心词的不同权利人数（无注册簿时缺失；常用词会有多个）",
            ),
        ),
    ],
)
def herd(x: FilingMetricInputs) -> Columns:
    table = batch_herd(x.batch, x.cluster_code, x.lists) if x.herd is None else x.herd
    return {c: column_values(table[c]) for c in HERD_COLUMNS}
