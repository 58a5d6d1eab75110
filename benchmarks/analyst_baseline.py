"""The plain analyst baseline of issue 18: what an analyst writes in an afternoon with pandas and rapidfuzz, run on
the same batch in the same process as tmscreen so that benchmarks/run.py can print tmscreen's time as a ratio of
it.

1. read the three CSVs with pandas;
2. exact-name lists: a filing whose mark text is, exactly, a term of the bundled reference lists (protected words,
   public figures, places, famous marks ...) or a famous register mark;
3. fuzzy: `rapidfuzz.process.extractOne` of each distinct mark against the famous register marks (WRatio, cutoff
   85) until the time budget is spent; the marks covered are reported (the generated batches' registers mark 288
   marks famous: at 250,000 filings the pass covers all 81,636 distinct marks in ~14.5 s, within the default 30 s);
4. counts per applicant: filings, classes, exact and fuzzy hits;
5. a networkx graph of applicants sharing a phone number, its connected components;
6. the applicants with any hit or more than 50 filings, ranked by hits then filings, written to a CSV.

Nothing here is imported by tmscreen; it reads the list files with PyYAML's safe C loader.
"""

from __future__ import annotations

import time
from pathlib import Path

FUZZY_CUTOFF = 85
HOARDING_FILINGS = 50


def list_terms(lists_dir: Path) -> set[str]:
    """Every `term` and `aliases` entry of the reference lists, as written."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # what a careful analyst uses: safe, and in C
    terms: set[str] = set()
    for path in sorted(lists_dir.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        for entry in data.get("entries") or []:
            if isinstance(entry, dict):
                for value in [entry.get("term"), *(entry.get("aliases") or [])]:
                    if value is not None and str(value).strip():
                        terms.add(str(value).strip())
    return terms


def run_baseline(folder: Path, out: Path, lists_dir: Path, budget_s: float) -> dict:
    """Run the analyst script on folder/{filings,applicants,register}.csv; returns its figures (seconds, counts)."""
    import networkx as nx
    import pandas as pd
    from rapidfuzz import fuzz, process

    start = time.perf_counter()
    figures: dict = {}
    filings = pd.read_csv(folder / "filings.csv", dtype=str, keep_default_na=False)
    applicants = pd.read_csv(folder / "applicants.csv", dtype=str, keep_default_na=False)
    register = pd.read_csv(folder / "register.csv", dtype=str, keep_default_na=False)
    figures["read_s"] = time.perf_counter() - start

    t = time.perf_counter()
    famous = sorted(set(register.loc[register["famous"] == "1", "mark_text"].str.strip()) - {""})
    protected = list_terms(lists_dir) | set(famous)
    marks = filings["mark_text"].str.strip()
    filings["exact_hit"] = marks.isin(protected)
    figures["exact_s"] = time.perf_counter() - t

    t = time.perf_counter()
    distinct = [m for m in marks.unique() if len(m) >= 2]
    fuzzy: dict[str, str] = {}
    done = 0
    for mark in distinct:
        if time.perf_counter() - t > budget_s:
            break
        found = process.extractOne(mark, famous, scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF)
        if found is not None:
            fuzzy[mark] = found[0]
        done += 1
    filings["fuzzy_hit"] = marks.map(fuzzy).notna()
    figures["fuzzy_s"] = time.perf_counter() - t
    figures["fuzzy_marks_done"] = done
    figures["fuzzy_marks_total"] = len(distinct)

    t = time.perf_counter()
    classes = filings.assign(nice_class=filings["nice_class"].str.split(";")).explode("nice_class")
    per_app = filings.groupby("applicant_id").agg(
        name=("applicant_name", "first"),
        n_filings=("filing_id", "size"),
        exact_hits=("exact_hit", "sum"),
        fuzzy_hits=("fuzzy_hit", "sum"),
    )
    per_app["n_classes"] = classes.groupby("applicant_id")["nice_class"].nunique()
    figures["counts_s"] = time.perf_counter() - t

    t = time.perf_counter()
    graph = nx.Graph()
    with_phone = applicants.loc[applicants["phone"].str.strip() != "", ["applicant_id", "phone"]]
    for _, group in with_phone.groupby("phone"):
        ids = group["applicant_id"].tolist()
        graph.add_edges_from(zip(ids, ids[1:]))
    component = {a: i for i, members in enumerate(nx.connected_components(graph)) for a in members}
    per_app["phone_group"] = per_app.index.map(component)
    figures["graph_s"] = time.perf_counter() - t
    figures["phone_groups"] = len(set(component.values()))

    t = time.perf_counter()
    hits = per_app["exact_hits"] + per_app["fuzzy_hits"]
    flagged = per_app[(hits > 0) | (per_app["n_filings"] > HOARDING_FILINGS)]
    flagged = flagged.assign(hits=hits).sort_values(["hits", "n_filings"], ascending=False)
    out.mkdir(parents=True, exist_ok=True)
    flagged.to_csv(out / "baseline_suspicious.csv")
    figures["write_s"] = time.perf_counter() - t
    figures["flagged"] = len(flagged)
    figures["total_s"] = time.perf_counter() - start
    return figures
