"""The graph's small-batch paths (dicts and integer codes instead of pandas steps, graphs.values.SMALL_KEYED,
graphs.address.SMALL_FUZZY) give exactly what the pandas paths give, and person_cross_role on integer codes gives
exactly what its former frame merges gave."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT

import detector.small_batch
import graphs
import graphs.address
import graphs.links.same_mark
import graphs.values
from detector.batch import prepare_batch
from detector.io import load_inputs
from detector.rules.load import load_ruleset
from graphs.config import graph_config
from graphs.damping import damped_weight
from graphs.links import LinkInputs, link_type
from graphs.links.person_cross_role import cross_role_links
from graphs.person_names import person_factor
from graphs.values import keyed_array, phone_key, text_codes

DEMO = ROOT / "fixtures" / "demo"


def force_paths(monkeypatch, small: bool) -> None:
    """Every size test takes the small path (`small`) or the pandas one."""
    limit = 10**9 if small else -1
    monkeypatch.setattr(graphs.values, "SMALL_KEYED", limit)
    monkeypatch.setattr(graphs.links.same_mark, "SMALL_KEYED", limit)
    monkeypatch.setattr(graphs.address, "SMALL_FUZZY", limit)
    monkeypatch.setattr(detector.small_batch, "SMALL_ROWS", limit)  # text_codes


def result_frames(result: graphs.GraphResult) -> list[pd.DataFrame]:
    c = result.clusters
    return [result.links, result.all_pairs, c.membership, c.pairs, c.bridges, c.hubs]


def test_small_and_pandas_paths_give_the_same_graph(monkeypatch):
    batch = prepare_batch(load_inputs(DEMO / "filings.csv", DEMO / "applicants.csv", DEMO / "register.csv", False))
    raw = load_ruleset(None)[0].graph
    out = {}
    for small in (True, False):
        force_paths(monkeypatch, small)
        out[small] = result_frames(graphs.link_and_cluster(batch.applicants, batch.filings, raw))
    assert len(out[True][0]) > 0
    for a, b in zip(out[True], out[False]):
        pd.testing.assert_frame_equal(a, b, check_exact=True)


def test_keys_and_codes_of_a_few_cells_match_pandas(monkeypatch):
    cells = pd.Series(["+86 138-0013-8000", None, "13800138000", "", "12", "+86 138-0013-8000"], dtype="str")
    small = keyed_array(cells, phone_key), text_codes(cells)
    force_paths(monkeypatch, False)
    big = keyed_array(cells, phone_key), text_codes(cells)
    assert small[0].tolist() == big[0].tolist() == ["13800138000", "", "13800138000", "", "", "13800138000"]
    assert small[1][0].tolist() == big[1][0].tolist() and small[1][1] == big[1][1]


def test_fuzzy_pairs_of_a_few_keys_match_pandas(monkeypatch):
    keys = pd.Series(
        ["深圳市南山区科技园路1号1203室", "深圳市南山区科技圆路1号1203室", "深圳市南山区科技园路1号1205室", "",
         "杭州市西湖区文三路101号", "杭州市西湖区文山路101号", "深圳市南山区科技园路1号1203室", None],
        dtype="str",
    )  # fmt: skip
    small = graphs.address.fuzzy_pairs(keys, 90, 3000)
    force_paths(monkeypatch, False)
    pd.testing.assert_frame_equal(small, graphs.address.fuzzy_pairs(keys, 90, 3000), check_exact=True)
    assert len(small) == 2


def former_cross_role(holders: dict, inputs: LinkInputs, same_role: list) -> pd.DataFrame:
    """person_cross_role as it was written on frames (merges, drop_duplicates), for comparison."""
    cfg, district = inputs.cfg, inputs.district
    roles = [r for r in holders if cfg.link_types[r].enabled and len(holders[r][0])]
    frames = []
    for role in roles:
        apps, keys = holders[role]
        keep = (keys != "") & link_type(role).is_person(keys)
        frames.append(pd.DataFrame({"app": apps[keep], "name": keys[keep], "role": role}))
    rows = pd.concat(frames, ignore_index=True).drop_duplicates()
    n_holders = rows.drop_duplicates(["app", "name"]).groupby("name")["app"].size()
    held = rows["name"].map(n_holders).to_numpy()
    rows = rows[(held >= 2) & (held <= max(cfg.link_types[r].max_holders for r in roles))]
    parts = []
    for i, left in enumerate(roles):
        for right in roles[i + 1 :]:
            lt_left, lt_right = cfg.link_types[left], cfg.link_types[right]
            x = rows[rows["role"] == left][["app", "name"]]
            y = rows[rows["role"] == right][["app", "name"]]
            m = x.merge(y, on="name", suffixes=("_x", "_y"))
            m = m[m["app_x"] != m["app_y"]]
            held = m["name"].map(n_holders).to_numpy()
            cap = min(lt_left.max_holders, lt_right.max_holders)
            m, held = m[held <= cap], held[held <= cap]
            a = np.minimum(m["app_x"].to_numpy(), m["app_y"].to_numpy()).astype(np.int64)
            b = np.maximum(m["app_x"].to_numpy(), m["app_y"].to_numpy()).astype(np.int64)
            names = m["name"].to_numpy(dtype=object)
            lengths = np.fromiter((len(k) for k in names), dtype=np.int64, count=len(names))
            w = damped_weight(min(lt_left.strength, lt_right.strength), held, cfg.free_holders, cfg.damping_exponent)
            w = np.minimum(w * person_factor(lengths, a, b, district, cfg.options["same_district_boost"]), 0.95)
            parts.append(pd.DataFrame({"a": a, "b": b, "name": names, "w": w}))
    ties = pd.concat(parts, ignore_index=True).sort_values(
        ["a", "b", "name", "w"], ascending=[True, True, True, False], kind="stable"
    )
    ties = ties.drop_duplicates(["a", "b", "name"])
    known = pd.concat([pd.DataFrame({"a": p[0], "b": p[1], "name": p[3]}) for p in same_role], ignore_index=True)
    seen = ties.merge(known.drop_duplicates(), on=["a", "b", "name"], how="left", indicator=True)["_merge"]
    return ties[~seen.eq("both").to_numpy()].reset_index(drop=True)


@pytest.mark.parametrize("seed", range(5))
def test_cross_role_ties_match_the_former_merges(seed):
    rng = np.random.default_rng(seed)
    n = 60
    names = np.array(["", "王伟", "李明华", "张三丰", "赵敏", "陈小春", "某某投资有限公司", "周杰"], dtype=object)
    holders = {
        role: (np.sort(rng.integers(0, n, size=size)), names[rng.integers(0, len(names), size=size)])
        for role, size in (("legal_representative", n), ("contact_person", n), ("shareholder", 2 * n))
    }
    district = np.array(["深圳市南山区", "", "杭州市西湖区"], dtype=object)[rng.integers(0, 3, size=n)]
    cfg = graph_config({"link_types": {r: {"max_holders": 30} for r in holders}})
    inputs = LinkInputs(pd.DataFrame({"applicant_id": np.arange(n)}), pd.DataFrame(), cfg, pd.Series(), district)
    pick = rng.random(3 * n) < 0.5
    a, b = rng.integers(0, n // 2, size=3 * n), rng.integers(n // 2, n, size=3 * n)
    same_role = [(a[pick], b[pick], None, names[rng.integers(1, len(names), size=3 * n)][pick], None)]
    part = cross_role_links(holders, inputs, same_role)
    former = former_cross_role(holders, inputs, same_role)
    assert len(former) > 0
    a, b, t, value, w = part[0]
    assert a.tolist() == former["a"].tolist() and b.tolist() == former["b"].tolist()
    assert value.tolist() == former["name"].tolist() and set(t.tolist()) == {"person_cross_role"}
    assert w.tobytes() == former["w"].to_numpy(dtype=np.float64).tobytes()
