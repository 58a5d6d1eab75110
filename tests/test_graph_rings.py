"""Rings stay whole when they grow; busy agencies, incubators and common names still tie nobody (issue 15, part 3).

A value held by more applicants than its type's cap is cut as a hub, except between holders that also share a
second value of their own (graphs.rings): one phone and one e-mail, one phone and one boss. Published cases: 30
inter-linked trading companies (domain.md §6), 600+ filings across 19 related companies (§4), shared e-mails and
legal representatives (§5). The expected weights are worked out by hand in the docstrings.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from graph_batch import clusters_of, company, graph_of
from hypothesis import given, settings
from hypothesis import strategies as st

from detector.batch import prepare_batch
from detector.engines import make_executor
from detector.pipeline.plan import run_plan
from detector.pipeline.progress import Progress
from detector.pipeline.request import ScreenRequest
from detector.pipeline.result import ScreenResult
from graphs.rings import RING_COLUMNS, RingSettings, ring_groups

RING = {"phone": "13926881234", "email": "tmhub2023@163.com", "legal_representative": "钟伟强"}
AGENCY_PHONE = "010-66668888"


def _strangers(start: int, n: int) -> list[dict]:
    return [company(start + i) for i in range(n)]


@pytest.mark.parametrize("size", [10, 30, 40])
def test_ring_sharing_phone_email_and_boss_links_whole(tmp_path, size):
    """phone and e-mail (0.9, cap 8) as if held by 8: 0.9 * sqrt(3/8) = 0.5511 each; the boss (0.4, cap 6) as if
    held by 6: 0.4 * sqrt(3/6) = 0.2828, x 1.2 in one district = 0.3394; noisy-OR 1 - 0.4489^2 * 0.6606 = 0.867."""
    apps = [company(i, **RING) for i in range(size)] + _strangers(100, 20)
    result = graph_of(tmp_path, apps)
    assert clusters_of(result) == [{f"A{i:04d}" for i in range(size)}]
    ring = result.links[result.links["link_type"].eq("ring")]
    assert len(ring) == size * (size - 1) // 2
    assert ring["weight"].round(3).unique().tolist() == [0.867]
    assert ring["value"].iloc[0] == (
        f"email tmhub2023@163.com ({size}) + legal_representative 钟伟强 ({size}) + phone 13926881234 ({size})"
    )
    # Unrelated holders of the same values are still cut: the hub table keeps them.
    hubs = set(zip(result.clusters.hubs["link_type"], result.clusters.hubs["action"]))
    assert {("phone", "cut"), ("email", "cut"), ("legal_representative", "cut")} <= hubs


def test_the_same_thirty_firms_sharing_only_an_agency_phone_do_not_link(tmp_path):
    result = graph_of(tmp_path, [company(i, phone=AGENCY_PHONE) for i in range(30)])
    assert clusters_of(result) == [] and result.links.empty


def _agency_filings(apps: list[dict], agent: str) -> list[dict]:
    return [
        {
            "filing_id": f"F{i}-{j}",
            "mark_text": f"自有{i}品{j}",
            "applicant_id": a["applicant_id"],
            "applicant_name": a["name"],
            "agent": agent,
        }
        for i, a in enumerate(apps)
        for j in range(2)
    ]


def test_an_agency_phone_and_email_on_its_clients_records_are_the_agencys(tmp_path):
    """Thirty clients of one agency carry its phone and e-mail: with the agency named on their filings the two
    values are its own, not the clients'. The same records with a boss in common are a ring all the same."""
    clients = [company(i, phone=AGENCY_PHONE, email="tm@busy-agency.cn") for i in range(30)]
    result = graph_of(tmp_path / "agency", clients, _agency_filings(clients, "北京恒信知识产权代理有限公司"))
    assert clusters_of(result) == []
    ring = [a | {"legal_representative": "钟伟强"} for a in clients]
    result = graph_of(tmp_path / "ring", ring, _agency_filings(ring, "北京恒信知识产权代理有限公司"))
    assert clusters_of(result) == [{f"A{i:04d}" for i in range(30)}]


def test_a_ring_filing_through_a_busy_agency_is_still_a_ring(tmp_path):
    """Twelve firms share a phone and an e-mail and file through an agency that also serves forty other clients:
    twelve of fifty-two clients are no agency stamp (stamp_share: half of its clients), so they are a ring."""
    ring = [company(i, phone="13926881234", email="tmhub2023@163.com") for i in range(12)]
    others = _strangers(100, 40)
    result = graph_of(tmp_path, ring + others, _agency_filings(ring + others, "上海创联知识产权代理有限公司"))
    assert clusters_of(result) == [{f"A{i:04d}" for i in range(12)}]


def test_phone_and_email_alone_make_a_ring_up_to_the_contact_cap(tmp_path):
    """No person in common: a phone and an e-mail shared by 25 firms are a ring (0.5511 each: 0.799); by 60, more
    than ring_max_contact_holders (50), they are an intermediary's and tie nobody (as the busy-agency test's 300)."""
    shared = {"phone": "0579-85551234", "email": "ywbrand@163.com"}
    result = graph_of(tmp_path / "25", [company(i, **shared) for i in range(25)])
    assert [len(c) for c in clusters_of(result)] == [25]
    assert result.links["weight"].round(3).unique().tolist() == [0.799]
    assert clusters_of(graph_of(tmp_path / "60", [company(i, **shared) for i in range(60)])) == []


def test_incubator_room_and_front_desk_phone_tie_nobody(tmp_path):
    tenants = [
        company(i, address="四川省成都市高新区天府大道中段1388号菁蓉汇孵化器", phone="028-85330000") for i in range(20)
    ]
    result = graph_of(tmp_path, tenants)
    assert clusters_of(result) == []
    assert not result.links["link_type"].eq("ring").any()


def test_a_name_behind_an_agency_phone_is_a_coincidence_for_two_and_a_pattern_for_three(tmp_path):
    """Two of an agency's 30 clients headed by 陈国栋 stay apart (the phone stays cut, the name alone is 0.48); three
    are a ring (ring_min_name_holders): phone 0.5511 with the name 0.48, noisy-OR 0.767."""
    two = [company(i, phone=AGENCY_PHONE) for i in range(30)]
    for i in (3, 17):
        two[i]["legal_representative"] = "陈国栋"
    assert clusters_of(graph_of(tmp_path / "two", two)) == []
    three = [a | ({"legal_representative": "陈国栋"} if i == 25 else {}) for i, a in enumerate(two)]
    result = graph_of(tmp_path / "three", three)
    assert clusters_of(result) == [{"A0003", "A0017", "A0025"}]
    pairs = result.clusters.pairs
    assert set(pairs["link_types"]) == {"legal_representative;ring"}
    assert pairs["weight"].round(3).unique().tolist() == [0.767]


def test_common_names_at_an_incubator_tie_nobody(tmp_path):
    """Twenty firms at one incubator room, their legal representatives five common two-character names (four each):
    four firms headed by one name at one address are a ring group, which keeps the address as if held by 8
    (0.45 * sqrt(3/8) = 0.2756); 王伟 held by 4 ties at 0.4 * sqrt(3/4) * 0.6 * 1.2 = 0.2494 (two characters, one
    district): together 1 - 0.7244 * 0.7506 = 0.456 < 0.5."""
    names = ["王伟", "张伟", "李娜", "王芳", "刘洋"]
    apps = [
        company(i, address="广东省深圳市南山区粤海街道高新南七道创业大厦A座孵化器", legal_representative=names[i % 5])
        for i in range(20)
    ]
    result = graph_of(tmp_path, apps)
    assert clusters_of(result) == []
    assert result.links.loc[result.links["link_type"].eq("ring"), "weight"].round(3).unique().tolist() == [0.276]
    pairs = result.all_pairs
    assert pairs.loc[pairs["link_types"].eq("legal_representative;ring"), "weight"].round(3).unique().tolist() == [
        0.456
    ]


def test_legal_representative_and_sole_shareholder_links_firms(tmp_path):
    """杨春林 heads and wholly owns two firms in two provinces: 0.65 (two holders, no damping). A two-character name
    (王伟) weighs 0.6 x 0.65 = 0.39 and stays apart; a second shareholder, or another person as owner, is no tie."""
    pair = [
        company(0, legal_representative="杨春林", shareholders="杨春林", address="云南省昆明市五华区东风西路1号"),
        company(1, legal_representative="杨春林", shareholders="杨春林", address="贵州省贵阳市云岩区中华北路2号"),
    ]
    result = graph_of(tmp_path / "pair", pair + _strangers(10, 10))
    assert clusters_of(result) == [{"A0000", "A0001"}]
    assert result.clusters.pairs["link_types"].tolist() == ["legal_representative;shareholder;sole_owner"]
    assert result.clusters.pairs["weight"].tolist() == [0.65]
    common = [a | {"legal_representative": "王伟", "shareholders": "王伟"} for a in pair]
    assert clusters_of(graph_of(tmp_path / "common", common)) == []
    partner = [pair[0], pair[1] | {"shareholders": "杨春林;周敏"}]
    assert clusters_of(graph_of(tmp_path / "partner", partner)) == []
    other_owner = [pair[0] | {"shareholders": "周敏"}, pair[1] | {"shareholders": "吴刚"}]
    assert clusters_of(graph_of(tmp_path / "other_owner", other_owner)) == []


# ---- the vectorised ring groups against an obvious reference ------------------------------------------------


def _reference(rows: pd.DataFrame, agent: np.ndarray, s: RingSettings) -> set[tuple]:
    """Per hub value and second value, the co-holders, judged one group at a time (graphs.rings docstring)."""
    rows = rows[rows["key"] != ""]
    out = set()
    hubs = {(r.type, r.key, r.value, r.kind, r.holders) for r in rows.itertuples() if r.hub}
    for t, k, v, kind_v, _n in hubs:
        holders = {r.app for r in rows.itertuples() if r.type == t and r.key == k}
        for w, kind_w in {(r.value, r.kind) for r in rows.itertuples() if r.value != v}:
            co = sorted(holders & {r.app for r in rows.itertuples() if r.value == w})
            m = len(co)
            if m < 2 or m > s.max_members:
                continue
            control = kind_v in ("person", "owner") or kind_w in ("person", "owner")
            need = s.min_name_holders if "person" in (kind_v, kind_w) else 2
            agents = {int(agent[a]) for a in co}
            clients = sum(1 for x in agent if x == min(agents))
            stamped = len(agents) == 1 and min(agents) >= 0 and m >= s.stamp_share * clients
            contact = kind_v == kind_w == "contact"
            if (control and m >= need) or (contact and m <= s.max_contact_holders and not stamped):
                out |= {(a, b, t, k) for a, b in itertools.combinations(co, 2)}
    return out


_HOLDING = st.tuples(
    st.integers(0, 11),  # applicant
    st.sampled_from(
        [("phone", "contact"), ("email", "contact"), ("address", "place"), ("legal_representative", "person")]
    ),
    st.sampled_from(["", "x", "y", "z"]),
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(_HOLDING, min_size=0, max_size=60),
    st.lists(st.integers(-1, 1), min_size=12, max_size=12),
    st.integers(2, 4),
    st.integers(0, 6),
    st.integers(1, 3),
)
def test_ring_groups_agree_with_the_reference(holdings, agents, min_name, max_contact, cap):
    rows = pd.DataFrame(
        [{"app": a, "type": t, "kind": kind, "key": k} for a, (t, kind), k in holdings],
        columns=["app", "type", "kind", "key"],
    ).drop_duplicates(["app", "type", "key"])
    rows["value"] = np.where(rows["kind"].eq("person"), "person:", rows["type"] + ":") + rows["key"]
    rows["holders"] = rows.groupby(["type", "key"])["app"].transform("size")
    rows["hub"] = rows["holders"] > cap
    s = RingSettings(min_name, max_contact, 8, 0.5)
    agent = np.array(agents, dtype=np.int64)
    got = ring_groups(rows, agent, s)
    assert list(got.columns) == RING_COLUMNS
    assert set(zip(got["a"], got["b"], got["type"], got["key"])) == _reference(rows, agent, s)


# ---- screening: two members splitting their volume ----------------------------------------------------------


def screen(filings: list[dict], applicants: list[dict]) -> pd.DataFrame:
    """Scores of a batch through the real plan (pandas, one job), by applicant id, with its rules."""
    names = {a["applicant_id"]: a["name"] for a in applicants}
    filings = [
        {"filing_id": f"F{i + 1:05d}", "applicant_name": names[f["applicant_id"]], **f} for i, f in enumerate(filings)
    ]
    records = {"filings": filings, "applicants": applicants, "register": None, "source": "ring test"}
    result = ScreenResult(
        ScreenRequest(records=records, lang="en"), make_executor("pandas", jobs=1), Progress(quiet=True)
    )
    run_plan(result)
    ids = result.batch.applicants["applicant_id"].to_numpy()
    rules: dict[str, set[str]] = {}
    for c in result.hits.contributions:
        rules.setdefault(str(ids[c.app]), set()).add(c.rule_id)
    scores = result.scores.set_index("applicant_id")
    scores["rules"] = [";".join(sorted(rules.get(i, ()))) for i in scores.index]
    return scores


_WORDS = list("澜鲸拾光墨岚集栖木森鹿屿之禾谷云舟星野溪竹")


def _marks(person: str, n: int, first_class: int) -> list[dict]:
    """n unrelated three-character marks, one a day from 2022-10-01, in classes first_class .. first_class+11."""
    return [
        {
            "mark_text": _WORDS[i % 20] + _WORDS[(i // 20 + 3 * first_class) % 20] + _WORDS[(i * 7 + first_class) % 20],
            "nice_class": str(first_class + i % 12),
            "filing_date": f"2022-10-{1 + i % 28:02d}",
            "applicant_id": person,
        }
        for i in range(n)
    ]


COUPLE = [
    {"applicant_id": "P-LIU", "name": "刘德明", "entity_type": "individual", "phone": "13959510088",
     "address": "福建省莆田市荔城区镇海街道长寿路18号"},
    {"applicant_id": "P-CHEN", "name": "陈秀兰", "entity_type": "individual", "phone": "13959510088",
     "address": "福建省莆田市荔城区镇海街道长寿路18号"},
]  # fmt: skip


def test_two_people_splitting_their_volume_are_flagged_as_a_cluster():
    """18 + 18 filings, 24 classes: each under a natural person's line, together past it (CLUS-005)."""
    scores = screen(_marks("P-LIU", 18, 1) + _marks("P-CHEN", 18, 13), COUPLE)
    for person in ("P-LIU", "P-CHEN"):
        assert scores.loc[person, "flagged"], scores.loc[person].to_dict()
        assert "CLUS-005" in scores.loc[person, "rules"]
    alone = screen(_marks("P-LIU", 18, 1), COUPLE[:1])
    assert not alone.loc["P-LIU", "flagged"]


def test_two_strangers_at_an_incubator_are_not_a_cluster():
    """The same volumes by two strangers who share only an incubator's address: no tie, no cluster rule."""
    room = "广东省深圳市南山区粤海街道高新南七道创业大厦A座孵化器"
    strangers = [
        {
            "applicant_id": "P-LIU",
            "name": "刘德明",
            "entity_type": "individual",
            "phone": "13959510088",
            "address": room,
        },
        {
            "applicant_id": "P-WU",
            "name": "吴志强",
            "entity_type": "individual",
            "phone": "13600001111",
            "address": room,
        },
    ]
    scores = screen(_marks("P-LIU", 18, 1) + _marks("P-WU", 18, 13), strangers)
    assert not scores["flagged"].any(), scores[["score", "rules"]].to_string()
    assert not scores["rules"].str.contains("CLUS").any()


def test_a_couple_filing_for_one_shop_is_not_flagged():
    """A couple's 36 filings in three classes of one business: tied, but no spread (CLUS-005 needs 10 classes)."""
    shop = [
        dict(f, nice_class=str(29 + i % 3)) for i, f in enumerate(_marks("P-LIU", 18, 1) + _marks("P-CHEN", 18, 13))
    ]
    scores = screen(shop, COUPLE)
    assert not scores["flagged"].any(), scores[["score", "rules"]].to_string()


def test_prepare_batch_keeps_the_agent_column_the_ring_reads():
    from detector.io import inputs_from_records

    filings = [
        {
            "filing_id": "F1",
            "mark_text": "甲",
            "nice_class": "35",
            "filing_date": "2023-01-05",
            "applicant_name": "甲公司",
            "agent": "某知识产权代理有限公司",
        }
    ]
    batch = prepare_batch(inputs_from_records(filings, source="agent column"))
    assert batch.filings["agent"].tolist() == ["某知识产权代理有限公司"]
