"""Graph stage at scale: N applicants with realistic collisions (common names, shared buildings, agency phones).

Prints wall time and peak memory of link building and clustering, and how many planted chains were found whole.
Run: .venv/bin/python benchmarks/bench_graph.py --applicants 1000000
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from memory import PeakSampler

SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
GIVEN = list("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国红文玉辉鹏飞宇浩然子轩雨欣梓涵")
CITIES = [
    "深圳市南山区",
    "深圳市福田区",
    "广州市天河区",
    "杭州市西湖区",
    "杭州市余杭区",
    "上海市浦东新区",
    "北京市朝阳区",
    "义乌市",
    "温州市鹿城区",
    "成都市武侯区",
]
ROADS = list("科技园路中山路人民路建设路解放路文一路文三路滨江路学院路新华路")


def make_batch(n: int, chains: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame, list[list[int]]]:
    rng = np.random.default_rng(seed)
    ids = np.array([f"A{i:08d}" for i in range(n)], dtype=object)
    names = np.array([f"公司{i}" for i in range(n)], dtype=object)
    person = (
        np.array(SURNAMES, dtype=object)[rng.integers(0, len(SURNAMES), n)]
        + np.array(GIVEN, dtype=object)[rng.integers(0, len(GIVEN), n)]
    )
    three = rng.random(n) < 0.6
    person[three] = person[three] + np.array(GIVEN, dtype=object)[rng.integers(0, len(GIVEN), int(three.sum()))]
    phone = np.array([f"13{x:09d}" for x in rng.integers(0, 10**9, n)], dtype=object)
    agency = rng.random(n) < 0.02  # 2% filed with one of 30 agencies' phones
    phone[agency] = np.array([f"0755-8{x:07d}" for x in rng.integers(0, 30, int(agency.sum()))], dtype=object)
    email = np.array([f"u{i}@mail{i % 997}.com" for i in range(n)], dtype=object)
    city = np.array(CITIES, dtype=object)[rng.integers(0, len(CITIES), n)]
    road = np.array(ROADS, dtype=object)[rng.integers(0, len(ROADS), n) // 2 * 2]
    address = (
        city
        + road
        + pd.Series(rng.integers(1, 400, n)).astype(str).to_numpy(dtype=object)
        + "号"
        + pd.Series(rng.integers(100, 3000, n)).astype(str).to_numpy(dtype=object)
        + "室"
    )
    incubator = rng.random(n) < 0.01
    address[incubator] = "深圳市南山区科技园路1号创业大厦101室"
    apps = pd.DataFrame(
        {
            "applicant_id": ids,
            "name": names,
            "entity_type": "company",
            "address": address,
            "phone": phone,
            "email": email,
            "legal_representative": person,
            "contact_person": "",
            "shareholders": "",
        }
    )
    planted = []
    for c in range(chains):
        members = rng.choice(n, 30, replace=False).tolist()
        for k in range(len(members) - 1):
            a, b = members[k], members[k + 1]
            col = ["phone", "email", "shareholders"][k % 3]
            value = {
                "phone": f"1990{c:03d}{k:04d}",
                "email": f"c{c}k{k}@ring.cn",
                "shareholders": f"环{c}号{k}投资有限公司",
            }[col]
            apps.loc[[a, b], col] = value
        planted.append(members)
    apps["canon_name"] = apps["name"]
    apps["canon_trade_name"] = ""
    filings = pd.DataFrame(
        {
            "app": np.arange(n),
            "canon": pd.Series(rng.integers(0, n * 3, n)).astype(str).radd("标").to_numpy(),
            "assignee": "",
        }
    )
    return apps, filings, planted


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--applicants", type=int, default=200_000)
    parser.add_argument("--chains", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    import graphs
    from detector.rules.load import load_ruleset

    t0 = time.perf_counter()
    apps, filings, planted = make_batch(args.applicants, args.chains, args.seed)
    print(f"generated {args.applicants:,} applicants in {time.perf_counter() - t0:.1f}s")
    cfg = graphs.graph_config(load_ruleset(None)[0].graph)
    sampler = PeakSampler()
    ids = apps["applicant_id"].to_numpy(dtype=object)
    with sampler.stage("links", args.applicants):
        links = graphs.build_links(apps, filings, cfg)
    with sampler.stage("pairs", len(links.a)):
        pairs = graphs.combine_pairs(links, len(apps), cfg.min_pair_weight)
    with sampler.stage("clusters", int(pairs["kept"].sum())):
        result = graphs.find_clusters(ids, pairs, links.hubs, cfg)
    sampler.close()
    m = result.membership.set_index("applicant_id")["cluster_id"]
    whole = sum(
        1 for members in planted if m.reindex(ids[members]).nunique() == 1 and m.reindex(ids[members]).notna().all()
    )
    print(
        f"{len(links.a):,} links, {int(pairs['kept'].sum()):,} kept pairs, {m.nunique():,} clusters, "
        f"{len(result.hubs):,} hub values"
    )
    print("kept pairs by link types:", pairs.loc[pairs["kept"], "link_types"].value_counts().head(6).to_dict())
    print(
        f"planted 30-company chains found whole: {whole}/{len(planted)}; "
        f"largest cluster {result.membership['cluster_id'].value_counts().max() if len(m) else 0}"
    )
    print(f"{'stage':<10}{'seconds':>9}{'peak MB':>9}")
    for r in sampler.rows:
        print(f"{r['stage']:<10}{r['seconds']:>9}{r['peak_rss_mb']:>9}")
    print(f"total {sum(r['seconds'] for r in sampler.rows):.1f}s")


if __name__ == "__main__":
    main()
