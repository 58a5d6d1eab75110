"""The one catalogue of metrics a rule may name, per scope, with unit and description (docs/metrics.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    """A named, documented measurement of a filing, applicant, cluster or agent."""

    name: str
    scope: str  # filing | applicant | cluster | agent
    kind: str  # number | text | bool
    unit: str
    en: str
    zh: str


def _m(scope: str, name: str, kind: str, unit: str, en: str, zh: str) -> Metric:
    return Metric(name, scope, kind, unit, en, zh)


METRICS: tuple[Metric, ...] = (
    # --- filing ---
    _m("filing", "n_classes", "number", "classes", "Nice classes designated by the filing", "该申请指定的类别数"),
    _m("filing", "mark_length", "number", "characters", "Length of the canonical mark text", "规范化后商标文字长度"),
    _m("filing", "is_figurative", "bool", "", "The filing has no mark text (figurative mark)", "无文字的图形商标"),
    _m(
        "filing",
        "herd_applicants",
        "number",
        "applicants",
        "Distinct applicants (not linked to this one) that filed the same canonical mark within 30 days either side",
        "前后30天内提交相同商标（规范化后）的其他无关联申请人数",
    ),
    _m(
        "filing",
        "herd_concentration",
        "number",
        "share 0-1",
        "Share of all applicants of this mark in the batch that filed within that 30-day burst",
        "该商标在本批次的全部申请人中，集中在该30天内的比例",
    ),
    _m(
        "filing",
        "register_owners_same_mark",
        "number",
        "owners",
        "Distinct owners of the same canonical mark in the prior register (common words have many)",
        "在先注册簿中相同商标（规范化后）的不同权利人数",
    ),
    _m(
        "filing",
        "assigned",
        "bool",
        "",
        "The filing names an assignee other than the applicant",
        "该申请记载了申请人以外的受让人",
    ),
    # --- applicant ---
    _m(
        "applicant",
        "n_filings",
        "number",
        "filings",
        "Filings of the applicant in the batch",
        "申请人在本批次的申请件数",
    ),
    _m("applicant", "n_classes", "number", "classes", "Distinct Nice classes designated", "指定的不同类别数"),
    _m("applicant", "n_marks", "number", "marks", "Distinct canonical mark texts filed", "不同商标（规范化后）数"),
    _m("applicant", "peak_filings_per_day", "number", "filings", "Most filings on a single day", "单日最多申请件数"),
    _m(
        "applicant",
        "active_days",
        "number",
        "days",
        "Days from first to last filing in the batch, inclusive",
        "本批次首次至末次申请的天数（含首尾）",
    ),
    _m("applicant", "entity_type", "text", "company|individual", "Company or natural person", "企业或自然人"),
    _m(
        "applicant",
        "registered_capital",
        "number",
        "CNY",
        "Registered capital from the registry (missing when unknown)",
        "注册资本（元，未知为空）",
    ),
    _m(
        "applicant",
        "company_age_days",
        "number",
        "days",
        "Days from establishment to the first filing in the batch (missing when unknown)",
        "成立日至本批次首次申请日的天数（未知为空）",
    ),
    _m(
        "applicant",
        "registry_status",
        "text",
        "text",
        "Registry status as given (e.g. 存续, 注销, 吊销)",
        "登记状态（如存续、注销、吊销）",
    ),
    _m(
        "applicant",
        "registry_inactive",
        "bool",
        "",
        "Registry status says cancelled, revoked or dissolved (注销/吊销/撤销/清算)",
        "登记状态为注销、吊销、撤销或清算",
    ),
    _m(
        "applicant",
        "out_of_scope_share",
        "number",
        "share 0-1",
        "Share of designated classes that the business scope does not cover (missing without a scope)",
        "指定类别中超出经营范围的比例（无经营范围时为空）",
    ),
    _m(
        "applicant",
        "transfer_ratio",
        "number",
        "share 0-1",
        "Share of filings assigned to someone else",
        "已转让（记载受让人）的申请比例",
    ),
    _m("applicant", "distinct_assignees", "number", "assignees", "Distinct assignees of its filings", "不同受让人数"),
    _m(
        "applicant",
        "short_mark_share",
        "number",
        "share 0-1",
        "Share of marks that are short (2-3 Chinese characters or up to 6 Latin letters) and share no "
        "character with the applicant's trade name",
        "与申请人字号无任何相同字、且较短（2-3个汉字或不超过6个字母）的商标比例",
    ),
    _m(
        "applicant",
        "own_mark_share",
        "number",
        "share 0-1",
        "Share of filings that are variants of the applicant's own mark: its registered marks or its trade name",
        "属于申请人自有商标（在先注册商标或字号）变体的申请比例",
    ),
    _m(
        "applicant",
        "owns_famous_mark",
        "bool",
        "",
        "The applicant owns a famous mark in the prior register",
        "申请人在注册簿中拥有驰名/知名商标",
    ),
    _m(
        "applicant",
        "protected_sign_hits",
        "number",
        "filings",
        "Filings hit by a public-interest rule (Olympic, emergency, public figure, project ...)",
        "命中公共利益类规则的申请件数",
    ),
    _m(
        "applicant",
        "famous_mark_hits",
        "number",
        "filings",
        "Filings hit by a squatting rule (copies of others' marks)",
        "命中抢注他人商标类规则的申请件数",
    ),
    _m(
        "applicant",
        "distinct_owners_copied",
        "number",
        "owners",
        "Distinct owners whose marks the applicant's filings copy",
        "被其申请摹仿的不同商标权利人数",
    ),
    _m(
        "applicant",
        "max_filings_one_owner",
        "number",
        "filings",
        "Most filings copying marks of one and the same owner",
        "摹仿同一权利人商标的最多申请件数",
    ),
    _m(
        "applicant",
        "place_name_filings",
        "number",
        "filings",
        "Filings whose whole mark is a place name",
        "商标整体为地名的申请件数",
    ),
    _m(
        "applicant",
        "generic_term_filings",
        "number",
        "filings",
        "Filings whose whole mark is a generic name for goods in a designated class",
        "商标整体为指定类别商品通用名称的申请件数",
    ),
    _m("applicant", "watchlist", "bool", "", "Applicant is on a watchlist of prior findings", "申请人在在先认定名单中"),
    _m(
        "applicant",
        "is_agency",
        "bool",
        "",
        "Applicant's name is also an agency named in the batch",
        "申请人同时是本批次中的代理机构",
    ),
    _m(
        "applicant",
        "non45_filings",
        "number",
        "filings",
        "Filings designating any class other than 45",
        "指定第45类以外类别的申请件数",
    ),
    _m(
        "applicant",
        "cluster_size",
        "number",
        "applicants",
        "Members of the applicant's linked cluster (1 if none)",
        "所在关联集群的成员数（无则为1）",
    ),
    _m(
        "applicant",
        "anomaly_score",
        "number",
        "0-1",
        "Isolation-forest outlier score over applicant metrics (0 ordinary .. 1 most unusual); "
        "unusual is not bad faith",
        "基于申请人指标的孤立森林异常分（0普通…1最异常）；异常不等于恶意",
    ),
    # --- cluster ---
    _m("cluster", "n_members", "number", "applicants", "Applicants in the cluster", "集群成员数"),
    _m("cluster", "n_filings", "number", "filings", "Filings of all members", "全部成员的申请件数"),
    _m("cluster", "n_classes", "number", "classes", "Distinct classes over all members", "全部成员指定的不同类别数"),
    _m("cluster", "n_marks", "number", "marks", "Distinct canonical marks over all members", "全部成员的不同商标数"),
    _m(
        "cluster",
        "max_member_filings",
        "number",
        "filings",
        "Filings of the largest member (volume split shows as a low share)",
        "成员中最大申请量",
    ),
    _m(
        "cluster",
        "protected_sign_hits",
        "number",
        "filings",
        "Member filings hit by public-interest rules",
        "成员命中公共利益类规则的申请件数",
    ),
    _m(
        "cluster",
        "famous_mark_hits",
        "number",
        "filings",
        "Member filings hit by squatting rules",
        "成员命中抢注类规则的申请件数",
    ),
    _m(
        "cluster",
        "distinct_owners_copied",
        "number",
        "owners",
        "Distinct owners copied by members",
        "成员摹仿的不同权利人数",
    ),
    _m("cluster", "n_link_types", "number", "types", "Distinct kinds of links tying the members", "成员间关联类型数"),
    _m(
        "cluster",
        "transfer_ratio",
        "number",
        "share 0-1",
        "Share of member filings assigned to others",
        "成员申请中已转让的比例",
    ),
    _m("cluster", "short_mark_share", "number", "share 0-1", "Share of short arbitrary marks", "短小随意商标比例"),
    _m(
        "cluster",
        "own_mark_share",
        "number",
        "share 0-1",
        "Share of filings of members' own marks",
        "成员自有商标申请比例",
    ),
    # --- agent ---
    _m("agent", "n_clients", "number", "applicants", "Distinct applicants the agency filed for", "代理的不同申请人数"),
    _m("agent", "n_filings", "number", "filings", "Filings the agency handled", "代理的申请件数"),
    _m(
        "agent",
        "flagged_filings",
        "number",
        "filings",
        "Filings of flagged applicants handled by the agency",
        "代理的被标记申请人的申请件数",
    ),
    _m(
        "agent",
        "flagged_share",
        "number",
        "share 0-1",
        "Share of the agency's filings that belong to flagged applicants",
        "代理申请中属于被标记申请人的比例",
    ),
    _m("agent", "flagged_clients", "number", "applicants", "Flagged applicants among its clients", "被标记的委托人数"),
    _m("agent", "watchlist", "bool", "", "Agency is on a watchlist of prior findings", "代理机构在在先认定名单中"),
)

BY_SCOPE: dict[str, dict[str, Metric]] = {}
for _metric in METRICS:
    BY_SCOPE.setdefault(_metric.scope, {})[_metric.name] = _metric


def metric(scope: str, name: str) -> Metric | None:
    """The catalogue entry for `name` in `scope`, or None."""
    return BY_SCOPE.get(scope, {}).get(name)
