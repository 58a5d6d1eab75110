"""Applicant graph: hubs merge nothing, chains and transfers are found, fuzzy addresses tie, ids are stable."""

from __future__ import annotations

import numpy as np
from graph_batch import clusters_of, company, graph_of


def test_unrelated_applicants_form_no_cluster(tmp_path):
    result = graph_of(tmp_path, [company(i) for i in range(40)])
    assert clusters_of(result) == []
    assert result.links.empty


def test_busy_agency_contact_details_merge_nothing(tmp_path):
    # 300 clients filed through one agency that put its own phone and e-mail on every application.
    apps = [company(i, phone="010-66668888", email="tm@busy-agency.cn") for i in range(300)]
    result = graph_of(tmp_path, apps)
    assert clusters_of(result) == []
    hubs = result.clusters.hubs
    cut = set(zip(hubs["link_type"], hubs["action"]))
    assert ("phone", "cut") in cut and ("email", "cut") in cut
    assert int(hubs.loc[hubs["link_type"].eq("phone"), "holders"].iloc[0]) == 300


def test_shared_incubator_address_merges_nothing(tmp_path):
    # 150 firms registered at one incubator room, and 150 more in other rooms of the same building.
    same_room = [company(i, address="广东省深圳市南山区科技园路1号创新大厦A座101室") for i in range(150)]
    other_rooms = [company(150 + i, address=f"深圳市南山区科技园路1号创新大厦A座{1200 + i}室") for i in range(150)]
    result = graph_of(tmp_path, same_room + other_rooms)
    assert clusters_of(result) == []
    assert not result.links["link_type"].eq("address").any()


def test_common_person_name_alone_merges_nothing(tmp_path):
    apps = [company(i, legal_representative="王伟") for i in range(2)] + [
        company(2 + i, legal_representative="李静") for i in range(5)
    ]
    result = graph_of(tmp_path, apps)
    assert clusters_of(result) == []
    assert result.links["link_type"].eq("legal_representative").any()  # the tie is recorded, just too weak alone


def test_chain_tied_pairwise_by_different_values_is_one_cluster(tmp_path):
    chain = [
        company(0, phone="13800000001"),
        company(1, phone="138-0000-0001", legal_representative="陈国栋", contact_person="刘晓燕"),
        company(2, legal_representative="陈国栋", contact_person="刘晓燕", email="boss@chain.cn"),
        company(3, email="BOSS@chain.cn ", shareholders="深圳市前海宏图投资有限公司;林晓峰"),
        company(4, shareholders="深圳市前海宏图投资有限公司"),
    ]
    strangers = [company(10 + i) for i in range(30)]
    result = graph_of(tmp_path, chain + strangers)
    assert clusters_of(result) == [{"A0000", "A0001", "A0002", "A0003", "A0004"}]
    pairs = result.clusters.pairs
    assert set(pairs["link_types"]) == {"phone", "contact_person;legal_representative", "email", "shareholder"}
    # The inner links of a chain each hold two groups together: they are the bridges to check.
    bridges = set(zip(result.clusters.bridges["src"], result.clusters.bridges["dst"]))
    assert bridges == {("A0001", "A0002"), ("A0002", "A0003")}


def test_weak_ties_add_up_but_not_alone(tmp_path):
    # Same serial name pattern alone: weak. Pattern plus a shared 2-character name: linked.
    a = company(0, name="义乌市鑫隆一号贸易有限公司")
    b = company(1, name="义乌市鑫隆二号贸易有限公司")
    result = graph_of(tmp_path / "alone", [a, b])
    assert clusters_of(result) == []
    assert result.links["link_type"].tolist() == ["name_pattern"]
    result = graph_of(tmp_path / "both", [a | {"legal_representative": "张敏"}, b | {"legal_representative": "张敏"}])
    assert clusters_of(result) == [{"A0000", "A0001"}]


def test_fuzzy_address_same_room_ties_neighbours_do_not(tmp_path):
    apps = [
        company(0, address="浙江省杭州市余杭区文一西路969号3幢508室"),
        company(1, address="杭州市余杭区文一西路９６９号 3幢508室"),  # full-width digits, no province: identical key
        company(2, address="杭州市余杭区文一西路969号3栋508室"),  # 栋 for 幢: near-identical
        company(3, address="杭州市余杭区文一西路969号3幢509室"),  # next-door room: no tie
        company(4, address="杭州市余杭区文一西路968号3幢508室"),  # next-door building: no tie
    ]
    result = graph_of(tmp_path / "alone", apps)
    addr = result.links[result.links["link_type"].eq("address")]
    tied = set(zip(addr["src"], addr["dst"]))
    assert ("A0000", "A0001") in tied
    assert ("A0000", "A0002") in tied and any("≈" in v for v in addr["value"])
    assert not any("A0003" in pair or "A0004" in pair for pair in tied)
    assert clusters_of(result) == []  # an address alone (a virtual office) merges nobody
    result = graph_of(tmp_path / "with_person", [a | {"legal_representative": "韩秀文"} for a in apps])
    assert clusters_of(result) == [{"A0000", "A0001", "A0002"}]


def _transfer_filings(seller: str, buyers: list[str], marks_each: int) -> list[dict]:
    rows = []
    for b, buyer in enumerate(buyers):
        for m in range(marks_each):
            rows.append(
                {
                    "filing_id": f"T{b}-{m}",
                    "mark_text": f"转{b}标{m}",
                    "applicant_id": seller,
                    "applicant_name": "卖方",
                    "assignee": buyer,
                }
            )
    return rows


def test_transfer_ties_assignor_and_assignee(tmp_path):
    apps = [company(0, name="宁波市甲方贸易有限公司"), company(1, name="宁波市乙方商贸有限公司"), company(2)]
    filings = _transfer_filings("A0000", ["宁波市乙方商贸有限公司"], 4)
    filings += [
        {"filing_id": f"O{i}", "mark_text": f"其它{i}", "applicant_id": a["applicant_id"], "applicant_name": a["name"]}
        for i, a in enumerate(apps)
    ]
    result = graph_of(tmp_path, apps, filings)
    assert clusters_of(result) == [{"A0000", "A0001"}]
    link = result.links[result.links["link_type"].eq("transfer")].iloc[0]
    assert "(4)" in link["value"]


def test_seller_to_many_buyers_is_a_hub(tmp_path):
    apps = [company(0, name="温州市转让贸易有限公司")] + [company(1 + i) for i in range(20)]
    filings = _transfer_filings("A0000", [a["name"] for a in apps[1:]], 1)
    filings += [
        {"filing_id": f"O{i}", "mark_text": f"其它{i}", "applicant_id": a["applicant_id"], "applicant_name": a["name"]}
        for i, a in enumerate(apps)
    ]
    result = graph_of(tmp_path, apps, filings)
    assert clusters_of(result) == []
    assert ("transfer", "cut") in set(zip(result.clusters.hubs["link_type"], result.clusters.hubs["action"]))


def test_common_word_by_strangers_ties_nobody_but_shared_rare_marks_do(tmp_path):
    apps = [company(i) for i in range(40)]
    filings = [
        {"filing_id": f"G{i}", "mark_text": "好运", "applicant_id": a["applicant_id"], "applicant_name": a["name"]}
        for i, a in enumerate(apps)
    ]
    for j, mark in enumerate(["澜鲸拾光", "墨岚集", "栖木森", "鹿屿之"]):
        for a in apps[:2]:
            filings.append(
                {
                    "filing_id": f"R{j}-{a['applicant_id']}",
                    "mark_text": mark,
                    "applicant_id": a["applicant_id"],
                    "applicant_name": a["name"],
                }
            )
    result = graph_of(tmp_path, apps, filings)
    assert clusters_of(result) == [{"A0000", "A0001"}]
    assert result.links["link_type"].tolist() == ["same_mark"]


def test_cluster_ids_are_stable_and_derived_from_members(tmp_path):
    apps = [company(0, phone="13900000009"), company(1, phone="13900000009")] + [company(2 + i) for i in range(10)]
    first = graph_of(tmp_path / "a", apps)
    second = graph_of(tmp_path / "b", list(reversed(apps)))
    import graphs

    assert first.clusters.membership.equals(second.clusters.membership)
    assert first.clusters.membership["cluster_id"].iloc[0] == graphs.cluster_id(["A0001", "A0000"])


def test_component_over_the_size_cap_is_split_by_communities(tmp_path):
    # Two groups of 8 fully tied inside, joined by one weak-but-kept tie; cap 10 forces a split.
    group_a = [company(i, phone="13700000001") for i in range(6)]
    group_b = [company(10 + i, phone="13700000002") for i in range(6)]
    group_b[0]["email"] = group_a[0]["email"]
    config = {"community_size_cap": 10, "link_types": {"phone": {"max_holders": 20}}}
    result = graph_of(tmp_path, group_a + group_b, config=config)
    found = clusters_of(result)
    assert len(found) == 2 and all(len(c) == 6 for c in found)
    assert result.clusters.split_components == 1
    assert np.isin(result.clusters.pairs["link_types"], ["phone"]).all()


def test_a_person_name_alone_never_links_but_adds_to_other_ties(tmp_path):
    a = company(0, legal_representative="陈国栋", address="广东省深圳市南山区科技园路8号")
    b = company(1, legal_representative="陈国栋", address="浙江省杭州市西湖区文三路90号")
    c = company(2, legal_representative="陈国栋", address="深圳市南山区海德三道20号")
    result = graph_of(tmp_path / "alone", [a, b, c])
    assert clusters_of(result) == []
    weights = dict(zip(zip(result.links["src"], result.links["dst"]), result.links["weight"]))
    assert weights[("A0000", "A0001")] < weights[("A0000", "A0002")] < 0.5  # same district counts more
    result = graph_of(
        tmp_path / "with_contact", [a | {"contact_person": "刘晓燕"}, b, c | {"contact_person": "刘晓燕"}]
    )
    assert clusters_of(result) == [{"A0000", "A0002"}]


def test_organisation_shareholder_ties_across_cities(tmp_path):
    a = company(0, shareholders="宁波梅山保税港区鼎盛投资合伙企业（有限合伙）", address="广东省深圳市南山区科技园路8号")
    b = company(
        1, shareholders="宁波梅山保税港区鼎盛投资合伙企业（有限合伙）;周敏", address="浙江省杭州市西湖区文三路90号"
    )
    result = graph_of(tmp_path, [a, b])
    assert clusters_of(result) == [{"A0000", "A0001"}]


def test_one_person_in_two_roles_is_one_piece_of_evidence(tmp_path):
    a = company(0, legal_representative="赵欣燕", shareholders="赵欣燕")
    b = company(1, legal_representative="赵欣燕", shareholders="赵欣燕;刘春")
    result = graph_of(tmp_path, [a, b])
    assert sorted(result.links["link_type"]) == ["legal_representative", "shareholder"]  # each role is evidence ...
    assert clusters_of(result) == []  # ... but the name counts once


def test_one_person_as_legal_representative_of_one_and_shareholder_of_another(tmp_path):
    """The head of one firm among the owners of the next: a person tie across roles. Like any person name it never
    links alone, but it adds to another tie; without it the other tie alone links nobody."""
    a = company(0, legal_representative="周建华", contact_person="刘晓燕")
    b = company(1, shareholders="周建华;深圳市前海鼎盛投资有限公司", contact_person="刘晓燕")
    result = graph_of(tmp_path / "both", [a, b])
    ties = result.links[result.links["link_type"] == "person_cross_role"]
    assert ties[["src", "dst", "value"]].values.tolist() == [["A0000", "A0001", "周建华"]]
    assert 0 < ties["weight"].iloc[0] < 0.5
    assert clusters_of(result) == [{"A0000", "A0001"}]
    assert clusters_of(graph_of(tmp_path / "alone", [a | {"contact_person": ""}, b | {"contact_person": ""}])) == []
    other = b | {"shareholders": "深圳市前海鼎盛投资有限公司"}
    assert clusters_of(graph_of(tmp_path / "contact_only", [a, other])) == []


def test_a_batch_of_one_applicant_has_no_links_and_no_hubs():
    import pandas as pd

    from graphs import build_links, graph_config
    from graphs.links.build import HUB_COLUMNS

    apps = pd.DataFrame([company(1)])
    links = build_links(apps, pd.DataFrame({"app": [0, 0]}), graph_config(None))
    assert len(links.a) == 0 and links.hubs.empty and list(links.hubs.columns) == HUB_COLUMNS


def _scipy_labels(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n)).tocsr()
    return connected_components(graph, directed=False)[1]


def test_components_numbered_as_scipy_numbers_them_on_both_paths(monkeypatch):
    """Small graphs go through networkx, large ones through scipy: the same labels, component by smallest node."""
    from graphs import clusters

    rng = np.random.default_rng(7)
    for n, pairs in [(1, 0), (5, 1), (50, 30), (400, 150), (400, 600), (3000, 2500)]:
        a, b = rng.integers(0, n, pairs), rng.integers(0, n, pairs)
        want = _scipy_labels(a, b, n)
        for threshold in (0, 10**9):  # 0: always scipy; 10**9: always networkx
            monkeypatch.setattr(clusters, "SCIPY_MIN_PAIRS", threshold)
            got = clusters._components(a, b, n)
            assert got.tolist() == want.tolist() and got.dtype == want.dtype, (n, pairs, threshold)
