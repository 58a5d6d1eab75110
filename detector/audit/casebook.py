"""The casebook: hand-written small batches with the verdict the law gives each named applicant, screened through
the real pipeline and counted right or wrong per category.

Cases live in tests/casebook/*.yaml (format in tests/casebook/README.md). Each case is screened on its own, from
records, exactly as `tmscreen screen` would screen it (detector.pipeline.plan); an expected applicant is right when
its `flagged` column in the run's scores equals the expected verdict, and a case is right when all its expectations
are. The runner reports; it judges only when asked: with --require it exits 1 when overall accuracy or any
category's is under the given shares (CI: `make casebook`), otherwise 0 whenever it ran; 2 on a bad case file, 3 on
a bad rule file.

    python -m detector.audit.casebook [--rules PATH]... [--cases DIR] [--json FILE] [--verbose] [--only ID|CATEGORY]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from detector.engines.executor import default_jobs
from detector.errors import RuleFileError, TmscreenError
from detector.io.contract import APPLICANTS, FILINGS, REGISTER

DEFAULT_CASES = Path(__file__).resolve().parents[2] / "tests" / "casebook"
OFFICE_DIR = "office"  # <cases>/office/lists/*.yaml: the office's own lists (its watchlist), stated facts of cases
VERDICTS = ("flagged", "clear")
FAILURE_KINDS = range(1, 8)
CASE_KEYS = {"id", "source", "failure_kind", "filings", "applicants", "register", "expect", "note"}
TABLE_COLUMNS = {"filings": FILINGS.names(), "applicants": APPLICANTS.names(), "register": REGISTER.names()}
ALL = "*"  # expect: {applicant: "*"} = every applicant of the case that no other expectation names

# Random words for the compact form: everyday characters without those most used in place names and famous marks,
# and Latin syllables. Drawn with a per-case seed, distinct within a case.
HAN_POOL = (
    "禾木苗芽叶草花蕊蓝绿紫橙棕灰珠贝沙波浪帆舟桥亭阁楼窗门墙瓦砖灯烛琴棋书画笔墨纸砚茶米饭粥糕饼糖盐醋酱"
    "汤杯碗盘壶瓶罐盒箱袋鞋帽衣裙袜巾伞扇镜梳针线布纱丝棉麻毛皮革羽燕鹊鸭鹅虾蟹蝶蜂蚁猴狐雀鸽莺夕昼夜露霜"
    "篱径巷街坊铺舍屋堂廊院庭井池塘涧鲜嫩脆软凉圆方尖扁短低窄轻巧拙朴素简繁旧早晚快慢远近深浅厚薄粗细亮暗淡"
)
LATIN_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "tr", "pl", "gr")
LATIN_VOWELS = ("a", "e", "i", "o", "u")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = "建国明华伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛超霞平刚桂兰玉萍红志鹏海波宁辉斌浩凯琳婷雪飞春"

_PLACEHOLDER = re.compile(r"\{([a-z]+[0-9]*(?:-[0-9]+)?)(?:/([0-9]+))?(?::([^{}]*))?\}")
_DATE_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


class CaseFileError(Exception):
    """A case file that cannot be read or states a case badly (exit 2): names the file, line and case id."""

    exit_code = 2

    def __init__(self, message: str, file: str, line: int | None = None, case_id: str = "") -> None:
        self.message, self.file, self.line, self.case_id = message, file, line, case_id
        super().__init__(self.render())

    def render(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        return f"{where}: {'case ' + self.case_id + ': ' if self.case_id else ''}{self.message}"


@dataclass(frozen=True)
class Expectation:
    """The verdict the law gives one applicant of a case (named by applicant_id or applicant_name)."""

    applicant: str
    verdict: str


@dataclass
class Case:
    """One hand-written batch, expanded: contract records and the expected verdicts."""

    id: str
    category: str
    source: str
    file: str
    line: int
    filings: list[dict]
    applicants: list[dict] | None
    register: list[dict] | None
    expect: list[Expectation]
    failure_kind: int | None = None
    note: str = ""

    @property
    def is_control(self) -> bool:
        """A control: every named applicant must stay clear."""
        return all(e.verdict == "clear" for e in self.expect)

    def applicant_keys(self) -> dict[str, set[str]]:
        """Each way an expectation may name an applicant (its applicant_id or its applicant_name) -> the applicants
        it names (their applicant_id, or their name when the filings carry no id)."""
        keys: dict[str, set[str]] = {}
        for f in self.filings:
            who = f["applicant_id"] or f["applicant_name"]
            for k in {f["applicant_id"], f["applicant_name"]} - {""}:
                keys.setdefault(k, set()).add(who)
        return keys


@dataclass
class Outcome:
    """What the pipeline said about one expected applicant."""

    applicant: str
    expected: str
    got: str
    score: float
    rule_ids: str

    @property
    def right(self) -> bool:
        return self.expected == self.got


@dataclass
class CaseResult:
    case: Case
    outcomes: list[Outcome] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0

    @property
    def right(self) -> bool:
        return not self.error and all(o.right for o in self.outcomes)


# ---------------------------------------------------------------------------------------------------------------
# Loading and expanding


class _Words:
    """Distinct random words for one case (seeded by the case id, so every run draws the same words)."""

    def __init__(self, case_id: str) -> None:
        self.rng = random.Random(int(hashlib.sha256(case_id.encode("utf-8")).hexdigest()[:16], 16))
        self.used: set[str] = set()

    def _distinct(self, make) -> str:
        for _ in range(10_000):
            word = make()
            if word not in self.used:
                self.used.add(word)
                return word
        raise ValueError("ran out of distinct random words")

    def han(self, lo: int, hi: int) -> str:
        return self._distinct(lambda: "".join(self.rng.choice(HAN_POOL) for _ in range(self.rng.randint(lo, hi))))

    def latin(self, lo: int, hi: int) -> str:
        def make() -> str:
            n = self.rng.randint(lo, hi)
            word = ""
            while len(word) < n:
                word += self.rng.choice(LATIN_ONSETS) + self.rng.choice(LATIN_VOWELS)
            return word[:n].upper()

        return self._distinct(make)

    def person(self) -> str:
        return self._distinct(
            lambda: self.rng.choice(SURNAMES) + "".join(self.rng.choice(GIVEN) for _ in range(self.rng.randint(1, 2)))
        )


def _items(arg: str) -> list[str]:
    """`1-45` -> 1..45 (keeping zero padding: `01-12` -> 01..12); `a|b|c` -> a, b, c; `25,35` -> 25, 35."""
    m = re.fullmatch(r"(\d+)-(\d+)", arg.strip())
    if m:
        a, b = m.groups()
        width = len(a) if a.startswith("0") else 0
        return [str(v).zfill(width) for v in range(int(a), int(b) + 1)]
    sep = "|" if "|" in arg else ","
    return [x.strip() for x in arg.split(sep)]


def _fill(text: str, i: int, count: int, words: _Words, memo: dict) -> str:
    """One string of a compact record for its i-th copy (0-based) of `count`. `memo` keeps the random words drawn
    for this record, so that `{han4/2}` gives copies 0 and 1 the same word, copies 2 and 3 the next one, ..."""
    m = _DATE_RANGE.match(text)
    if m:
        start, end = (dt.date.fromisoformat(x) for x in m.groups())
        if end < start:
            raise ValueError(f"date range '{text}' ends before it starts")
        return (start + dt.timedelta(days=(i * ((end - start).days + 1)) // count)).isoformat()

    def sub(mt: re.Match) -> str:
        name, every, arg = mt.group(1), mt.group(2), mt.group(3)
        if every is not None and not re.fullmatch(r"(han|latin)\d.*|person", name):
            raise ValueError(f"{{{name}/{every}}}: only random words repeat every k copies")
        if name == "n":
            return format(i + 1, arg or "")
        if name in ("cycle", "block"):
            if not arg:
                raise ValueError(f"{{{name}}} needs items, e.g. {{{name}:1-45}}")
            items = _items(arg)
            return items[i % len(items)] if name == "cycle" else items[(i * len(items)) // count]
        k = int(every or 1)
        if k < 1:
            raise ValueError(f"{{{name}/{every}}}: k must be at least 1")
        key = (mt.start(), name, i // k)
        if key in memo:
            return memo[key]
        kind = re.fullmatch(r"(han|latin)(\d+)(?:-(\d+))?", name)
        if kind:
            lo = int(kind.group(2))
            hi = int(kind.group(3) or lo)
            if not (1 <= lo <= hi <= 12):
                raise ValueError(f"bad word length in {{{name}}}")
            memo[key] = words.han(lo, hi) if kind.group(1) == "han" else words.latin(lo, hi)
        elif name == "person":
            memo[key] = words.person()
        else:
            raise ValueError(f"unknown placeholder {{{name}}}")
        return memo[key]

    return _PLACEHOLDER.sub(sub, text)


def _scalar(value: object, column: str) -> str:
    if isinstance(value, bool):
        raise ValueError(f"{column} is a YAML boolean ({value}): quote it")
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def expand_records(records: Iterable[dict], table: str, words: _Words) -> list[dict]:
    """Contract records of `table` from a case's list: plain records as they are, `repeat: N` records as N copies
    with their placeholders filled; every record gets every column of the table (empty when not stated)."""
    columns = TABLE_COLUMNS[table]
    out: list[dict] = []
    for rec in records:
        if not isinstance(rec, dict):
            raise ValueError(f"{table}: each record is a mapping, not {type(rec).__name__}")
        unknown = sorted(str(k) for k in rec if k not in columns and k != "repeat")
        if unknown:
            raise ValueError(f"{table}: unknown column(s) {', '.join(unknown)} (the contract has {', '.join(columns)})")
        count = rec.get("repeat", 1)
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            raise ValueError(f"{table}: repeat must be a whole number >= 1, not {count!r}")
        base = {k: _scalar(v, k) for k, v in rec.items() if k != "repeat"}
        memos: dict[str, dict] = {c: {} for c in columns}
        for i in range(count):
            out.append({c: _fill(base.get(c, ""), i, count, words, memos[c]) for c in columns})
    return out


def _link_ids(filings: list[dict], applicants: list[dict] | None) -> None:
    """A filing with an applicant_id but no name takes the name of that applicants record; a filing with a name but
    no id takes the id of the applicants record of exactly that name."""
    by_id = {a["applicant_id"]: a for a in applicants or []}
    by_name = {a["name"]: a["applicant_id"] for a in applicants or [] if a["name"]}
    for f in filings:
        if not f["applicant_name"]:
            rec = by_id.get(f["applicant_id"])
            if rec is None or not rec["name"]:
                raise ValueError(f"filing {f['filing_id']}: no applicant_name and no applicants record naming it")
            f["applicant_name"] = rec["name"]
        elif not f["applicant_id"] and f["applicant_name"] in by_name:
            f["applicant_id"] = by_name[f["applicant_name"]]


def _number(rows: list[dict], column: str, prefix: str) -> None:
    """Give rows without an id one (`prefix` + running number); ids must be unique within the case."""
    for k, r in enumerate(rows, 1):
        if not r[column]:
            r[column] = f"{prefix}{k:05d}"
    seen: set[str] = set()
    for r in rows:
        if r[column] in seen:
            raise ValueError(f"duplicate {column} '{r[column]}'")
        seen.add(r[column])


def _expectations(raw: object, case: Case) -> list[Expectation]:
    if not isinstance(raw, list) or not raw:
        raise ValueError("expect: a list of {applicant: NAME or ID, verdict: flagged|clear}")
    keys = case.applicant_keys()
    named: list[tuple[str, str]] = []
    for e in raw:
        if not isinstance(e, dict) or set(e) - {"applicant", "applicants", "verdict"}:
            raise ValueError(f"expect: each item is {{applicant: NAME or ID, verdict: flagged|clear}}, not {e!r}")
        verdict = e.get("verdict")
        if verdict not in VERDICTS:
            raise ValueError(f"expect: verdict must be flagged or clear, not {verdict!r}")
        who = e.get("applicants", e.get("applicant"))
        who = [str(w) for w in who] if isinstance(who, list) else [str(who)] if who is not None else []
        if not who:
            raise ValueError("expect: name an applicant (applicant: NAME or ID, or applicants: [...])")
        named += [(w, verdict) for w in who]
    taken: dict[str, str] = {}
    for w, _ in named:
        if w == ALL:
            continue
        if w not in keys:
            raise ValueError(f"expect: no filing of the case has applicant '{w}' (by applicant_id or name)")
        if len(keys[w]) > 1:
            raise ValueError(f"expect: '{w}' names {len(keys[w])} applicants; name each by its applicant_id")
        (target,) = keys[w]
        if target in taken:
            raise ValueError(f"expect: applicant '{w}' is named twice")
        taken[target] = w
    out: list[Expectation] = []
    for w, verdict in named:
        if w != ALL:
            out.append(Expectation(w, verdict))
            continue
        rest = sorted({t for ts in keys.values() for t in ts} - set(taken))
        if not rest:
            raise ValueError("expect: '*' names no applicant (every applicant is named elsewhere)")
        out += [Expectation(t, verdict) for t in rest]
        taken.update({t: t for t in rest})
    return out


def _case(raw: object, category: str, file: str, seen: dict[str, str]) -> Case:
    line = getattr(raw, "line", None)
    if not isinstance(raw, dict):
        raise CaseFileError("each case is a mapping", file, line)
    cid = raw.get("id")
    if not isinstance(cid, str) or not re.fullmatch(r"[A-Z][A-Z0-9]*-\d{3}", cid):
        raise CaseFileError(f"id must look like SQF-001, not {cid!r}", file, line)
    if cid in seen:
        raise CaseFileError(f"duplicate case id (first in {seen[cid]})", file, line, cid)
    seen[cid] = file
    try:
        unknown = sorted(str(k) for k in raw if k not in CASE_KEYS)
        if unknown:
            raise ValueError(f"unknown key(s) {', '.join(unknown)} (a case has {', '.join(sorted(CASE_KEYS))})")
        source = raw.get("source")
        if not isinstance(source, str) or not source.strip():
            raise ValueError("source: say where the case comes from (a decision, a report, or a domain.md section)")
        kind = raw.get("failure_kind")
        if kind is not None and kind not in FAILURE_KINDS:
            raise ValueError(f"failure_kind must be 1-7, not {kind!r}")
        if not isinstance(raw.get("filings"), list) or not raw["filings"]:
            raise ValueError("filings: a non-empty list of filing records")
        words = _Words(cid)
        filings = expand_records(raw["filings"], "filings", words)
        applicants = expand_records(raw["applicants"], "applicants", words) if raw.get("applicants") else None
        register = expand_records(raw["register"], "register", words) if raw.get("register") else None
        if applicants:
            if any(not a["applicant_id"] for a in applicants):
                raise ValueError("applicants: every record needs its applicant_id")
            _number(applicants, "applicant_id", "")
        _number(filings, "filing_id", "F")
        _link_ids(filings, applicants)
        if register:
            _number(register, "registration_no", "R")
        case = Case(cid, category, source.strip(), file, line or 0, filings, applicants, register, [], kind)
        case.note = str(raw.get("note") or "")
        case.expect = _expectations(raw.get("expect"), case)
        return case
    except ValueError as exc:
        raise CaseFileError(str(exc), file, line, cid) from None


def load_case_file(path: Path, seen: dict[str, str] | None = None) -> list[Case]:
    """The expanded cases of one file (CaseFileError with file, line and case id on anything wrong)."""
    from detector.yaml_safe import load_yaml_text

    seen = {} if seen is None else seen
    file = str(path)
    try:
        data = load_yaml_text(path.read_bytes().decode("utf-8-sig"), file)
    except RuleFileError as exc:
        raise CaseFileError(exc.message if isinstance(exc.message, str) else str(exc), file, exc.line) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseFileError(f"cannot read: {exc}", file) from None
    if not isinstance(data, dict) or set(data) != {"category", "cases"}:
        raise CaseFileError("a case file has exactly two keys: category and cases", file, 1)
    category = data["category"]
    if not isinstance(category, str) or not re.fullmatch(r"[a-z][a-z0-9_]*", category):
        raise CaseFileError(f"category must be a snake_case word, not {category!r}", file, 1)
    if not isinstance(data["cases"], list) or not data["cases"]:
        raise CaseFileError("cases: a non-empty list", file, 1)
    return [_case(raw, category, file, seen) for raw in data["cases"]]


def load_casebook(folder: Path = DEFAULT_CASES) -> list[Case]:
    """Every case of every *.yaml file of `folder`, in file then case order."""
    files = sorted(Path(folder).glob("*.yaml"))
    if not files:
        raise CaseFileError("no case files (*.yaml)", str(folder))
    seen: dict[str, str] = {}
    cases = [c for f in files for c in load_case_file(f, seen)]
    categories: dict[str, str] = {}
    for c in cases:
        if categories.setdefault(c.category, c.file) != c.file:
            raise CaseFileError(f"category '{c.category}' is also the category of {categories[c.category]}", c.file)
    return cases


# ---------------------------------------------------------------------------------------------------------------
# Screening


def rule_paths(cases_dir: Path, rules: list[Path] | None) -> list[Path]:
    """The rule paths of a casebook run: the casebook's office lists first (its watchlist), then the rules under
    test (the shipped rule set when none are given)."""
    from detector.package_data import bundled_rules_dir

    office = Path(cases_dir) / OFFICE_DIR
    return ([office] if (office / "lists").is_dir() else []) + [Path(p) for p in rules or [bundled_rules_dir()]]


def screen_case(case: Case, ruleset=None, compiled=None, rules: list[Path] | None = None, cache=None) -> CaseResult:
    """Screen one case through the screening plan and compare each expected applicant's `flagged` with the law's
    verdict. A rule set loaded once (ruleset, compiled) may be handed in; otherwise `rules` are loaded. `cache`: a
    MatchCache that keeps the lists' matchers warm from case to case."""
    from detector.engines import make_executor
    from detector.errors import InputDataError
    from detector.pipeline.plan import run_plan
    from detector.pipeline.progress import Progress
    from detector.pipeline.request import ScreenRequest
    from detector.pipeline.result import ScreenResult

    records = {
        "filings": case.filings,
        "applicants": case.applicants,
        "register": case.register,
        "source": f"casebook {case.id}",
    }
    request = ScreenRequest(records=records, rules=rules, lang="en")
    result = ScreenResult(request, make_executor("pandas", jobs=1), Progress(quiet=True))
    if ruleset is not None:
        result.ruleset, result.compiled = ruleset, compiled
    result.match_cache = cache
    start = time.perf_counter()
    try:
        run_plan(result)
    except InputDataError as exc:
        raise CaseFileError(
            f"records break the input contract: {exc.render()}", case.file, case.line, case.id
        ) from None
    except Exception as exc:  # noqa: BLE001 - a crash on a case is reported as that case's outcome
        return CaseResult(case, [], f"{type(exc).__name__}: {exc}", time.perf_counter() - start)
    scores = result.scores
    filings = result.inputs.filings
    outcomes = []
    for e in case.expect:
        ids = set(filings.loc[filings["applicant_id"].eq(e.applicant), "applicant_id"])
        ids |= set(filings.loc[filings["applicant_name"].eq(e.applicant), "applicant_id"])
        rows = scores[scores["applicant_id"].isin(ids)]
        if rows.empty:
            outcomes.append(Outcome(e.applicant, e.verdict, "missing", 0.0, ""))
            continue
        best = rows.sort_values("score", ascending=False, kind="stable").iloc[0]
        got = "flagged" if bool(rows["flagged"].any()) else "clear"
        outcomes.append(Outcome(e.applicant, e.verdict, got, float(best["score"]), str(best.get("rule_ids", ""))))
    return CaseResult(case, outcomes, "", time.perf_counter() - start)


def run_casebook(cases: list[Case], rules: list[Path], progress=None, jobs: int = 1) -> list[CaseResult]:
    """Screen every case with the rule set at `rules` (loaded and checked once); the lists' matchers stay warm from
    case to case. `jobs` > 1: the cases are shared out to that many forked processes (same outcomes, in order)."""
    from detector.fork_map import fork_map
    from detector.pipeline.match_cache import MatchCache
    from detector.rules.load import load_ruleset

    ruleset, compiled, _ = load_ruleset(rules)
    cache = MatchCache()
    done = [0]

    def one(case: Case) -> CaseResult:
        result = screen_case(case, ruleset, compiled, cache=cache)
        done[0] += 1
        if progress:
            state = "right" if result.right else "WRONG"
            progress(f"[{done[0]}/{len(cases)}] {case.id} {state} ({result.seconds:.1f}s)")
        return result

    if jobs <= 1 or len(cases) < 2 * jobs:
        return [one(case) for case in cases]
    first = one(cases[0])  # warms the matchers the forked processes inherit
    rest = cases[1:]
    chunks = [rest[i::jobs] for i in range(jobs)]
    parts = fork_map(lambda i: [one(case) for case in chunks[i]], jobs, jobs, "casebook chunk")
    by_id = {r.case.id: r for part in parts for r in part}
    return [first, *(by_id[case.id] for case in rest)]


# ---------------------------------------------------------------------------------------------------------------
# Reporting


def summary(results: list[CaseResult]) -> dict:
    """Right/total per category, for controls and for the rest, and overall."""
    per: dict[str, list[int]] = {}
    for r in results:
        row = per.setdefault(r.case.category, [0, 0])
        row[0] += r.right
        row[1] += 1
    controls = [r for r in results if r.case.is_control]
    others = [r for r in results if not r.case.is_control]
    return {
        "categories": {k: {"right": v[0], "total": v[1]} for k, v in sorted(per.items())},
        "controls": {"right": sum(r.right for r in controls), "total": len(controls)},
        "to_flag": {"right": sum(r.right for r in others), "total": len(others)},
        "overall": {"right": sum(r.right for r in results), "total": len(results)},
    }


def _pct(right: int, total: int) -> str:
    return f"{right:>4}/{total:<4} {100 * right / total:5.1f} %" if total else f"{right:>4}/{total:<4}    -"


def render(results: list[CaseResult], verbose: bool = False) -> str:
    s = summary(results)
    width = max([len(k) for k in s["categories"]] + [22])
    lines = ["casebook: right/total per category", ""]
    lines += [f"  {k:<{width}} {_pct(v['right'], v['total'])}" for k, v in s["categories"].items()]
    lines += [
        "",
        f"  {'controls (must stay clear)':<{width}} {_pct(**s['controls'])}",
        f"  {'cases to flag':<{width}} {_pct(**s['to_flag'])}",
        f"  {'overall':<{width}} {_pct(**s['overall'])}",
    ]
    wrong = [r for r in results if not r.right]
    if verbose and wrong:
        lines += ["", f"wrong cases ({len(wrong)}):"]
        for r in wrong:
            c = r.case
            kind = f" [failure kind {c.failure_kind}]" if c.failure_kind else ""
            lines.append(f"  {c.id} ({c.category}){kind}: {c.source}")
            if r.error:
                lines.append(f"      error: {r.error}")
            for o in r.outcomes:
                if not o.right:
                    lines.append(
                        f"      {o.applicant}: expected {o.expected}, got {o.got}"
                        f" (score {o.score:g}; rules {o.rule_ids or '-'})"
                    )
    return "\n".join(lines)


def as_json(results: list[CaseResult]) -> dict:
    return {
        "summary": summary(results),
        "cases": [
            {
                "id": r.case.id,
                "category": r.case.category,
                "source": r.case.source,
                "failure_kind": r.case.failure_kind,
                "control": r.case.is_control,
                "right": r.right,
                "error": r.error,
                "expectations": [
                    {
                        "applicant": o.applicant,
                        "expected": o.expected,
                        "got": o.got,
                        "score": o.score,
                        "rules": o.rule_ids,
                    }
                    for o in r.outcomes
                ],
            }
            for r in results
        ],
    }


def shortfalls(results: list[CaseResult], overall: float, per_category: float) -> list[str]:
    """What falls short of the targets: overall right share under `overall`, a category's under `per_category`,
    or a control flagged (controls must all stay clear)."""
    s = summary(results)
    out = []
    o = s["overall"]
    if o["total"] and o["right"] / o["total"] < overall:
        out.append(f"overall {o['right']}/{o['total']} is under {overall:.0%}")
    for name, v in s["categories"].items():
        if v["total"] and v["right"] / v["total"] < per_category:
            out.append(f"{name} {v['right']}/{v['total']} is under {per_category:.0%}")
    c = s["controls"]
    if c["right"] < c["total"]:
        out.append(f"controls {c['right']}/{c['total']}: a control was flagged")
    return out


def select(cases: list[Case], only: list[str] | None) -> list[Case]:
    """Cases whose id or category is in `only` (all when empty)."""
    if not only:
        return cases
    return [c for c in cases if c.id in only or c.category in only]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m detector.audit.casebook", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--rules", action="append", type=Path, help="rule file or folder (repeatable; default: shipped)"
    )
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES, help="folder of case files (*.yaml)")
    parser.add_argument("--json", type=Path, help="also write every case's outcome to this JSON file")
    parser.add_argument("--verbose", action="store_true", help="list each wrong case with its source and scores")
    parser.add_argument("--only", action="append", help="run only this case id or category (repeatable)")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    parser.add_argument("--jobs", type=int, default=default_jobs(), help="forked processes (default: usable CPUs)")
    parser.add_argument(
        "--require",
        nargs=2,
        type=float,
        metavar=("OVERALL", "CATEGORY"),
        help="exit 1 when overall accuracy or any category's is under these shares, or a control is flagged "
        "(CI: 0.95 0.90)",
    )
    args = parser.parse_args(argv)
    try:
        cases = select(load_casebook(args.cases), args.only)
        say = None if args.quiet else (lambda t: print(t, file=sys.stderr, flush=True))
        results = run_casebook(cases, rule_paths(args.cases, args.rules), say, jobs=args.jobs)
    except (CaseFileError, TmscreenError) as exc:
        print(f"casebook: {exc.render()}", file=sys.stderr)
        return exc.exit_code
    print(render(results, args.verbose))
    if args.json:
        args.json.write_text(json.dumps(as_json(results), ensure_ascii=False, indent=1), encoding="utf-8")
    if args.require:
        short = shortfalls(results, *args.require)
        for line in short:
            print(f"casebook: {line}", file=sys.stderr)
        return 1 if short else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
