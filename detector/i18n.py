"""User-facing CLI messages in Chinese and English (rule texts carry their own zh/en)."""

from __future__ import annotations

import os

MESSAGES = {
    "finished": {"zh": "筛查完成", "en": "screening finished"},
    "batch": {
        "zh": "申请 {filings:,} 件，申请人 {applicants:,} 名，关联集群 {clusters:,} 个",
        "en": "{filings:,} filings, {applicants:,} applicants, {clusters:,} linked clusters",
    },
    "flagged": {
        "zh": "可疑申请人 {n:,} 名（高 {high} / 中 {medium} / 低 {low}），阈值 {threshold:g}",
        "en": "{n:,} suspicious applicants (high {high} / medium {medium} / low {low}), threshold {threshold:g}",
    },
    "top": {"zh": "排名靠前：", "en": "Top of the list:"},
    "outputs": {"zh": "输出目录：{out}", "en": "Outputs in {out}"},
    "report": {"zh": "报告：{path}", "en": "Report: {path}"},
    "network_written": {
        "zh": "已写出 {path}（成员 {members:,} 个，关联 {links:,} 条）",
        "en": "wrote {path} ({members:,} members, {links:,} links)",
    },
    "skipped": {
        "zh": "已跳过 {n:,} 行有问题的数据（见 run.json）",
        "en": "skipped {n:,} bad rows (listed in run.json)",
    },
    "error_input": {"zh": "输入数据错误", "en": "bad input data"},
    "error_rules": {"zh": "规则文件错误", "en": "bad rule file"},
    "error_other": {"zh": "错误", "en": "error"},
    "warning": {"zh": "警告", "en": "warning"},
    "aborted": {"zh": "已取消", "en": "aborted"},
    "interrupted": {"zh": "已中断", "en": "interrupted"},
    "internal": {
        "zh": "内部错误：{error}（设置 TMSCREEN_DEBUG=1 可查看详细信息）",
        "en": "internal error: {error} (set TMSCREEN_DEBUG=1 for details)",
    },
}


# Labels of report.html and suspicious_applicants.xlsx (detector/report); `{name}` placeholders are filled in by
# the report's JS.
REPORT_MESSAGES = {
    "title": {"zh": "商标恶意注册筛查报告", "en": "Bad-faith trademark screening report"},
    "nav_summary": {"zh": "概览", "en": "Summary"},
    "nav_applicants": {"zh": "可疑申请人", "en": "Suspicious applicants"},
    "nav_clusters": {"zh": "关联集群", "en": "Linked clusters"},
    "run": {"zh": "运行信息", "en": "Run"},
    "inputs": {"zh": "输入文件", "en": "Inputs"},
    "input_role": {"zh": "文件", "en": "File"},
    "path": {"zh": "路径", "en": "Path"},
    "rows": {"zh": "有效行数", "en": "Valid rows"},
    "sha256": {"zh": "SHA-256", "en": "SHA-256"},
    "role_filings": {"zh": "申请数据", "en": "Filings"},
    "role_applicants": {"zh": "申请人数据", "en": "Applicants"},
    "role_register": {"zh": "在先商标", "en": "Register"},
    "tool_version": {"zh": "工具版本", "en": "Tool version"},
    "ruleset": {"zh": "规则集版本", "en": "Rule-set version"},
    "ruleset_hash": {"zh": "规则集哈希", "en": "Rule-set hash"},
    "threshold": {"zh": "阈值", "en": "Threshold"},
    "counts": {"zh": "数量", "en": "Counts"},
    "registry_history": {
        "zh": "其中本批次 {batch:,} 件，名录历史 {earlier:,} 件；批次编号 {id}",
        "en": "of which {batch:,} in this batch and {earlier:,} from the registry's history; batch id {id}",
    },
    "registry_recorded": {"zh": "，已写入名录", "en": ", recorded in the registry"},
    "registry_known": {"zh": "，该批次此前已写入，名录未改变", "en": ", recorded before: the registry is unchanged"},
    "registry_read": {"zh": "（只读，未写入名录）", "en": " (read only, not recorded)"},
    "registry_repeat": {
        "zh": "其中 {n} 名为名录中已确认的重复恶意申请人（排在最前）",
        "en": "{n} of them are repeat offenders confirmed in the registry (listed first)",
    },
    "filings": {"zh": "申请件数", "en": "Filings"},
    "applicants": {"zh": "申请人", "en": "Applicants"},
    "clusters": {"zh": "关联集群", "en": "Linked clusters"},
    "flagged": {"zh": "可疑申请人", "en": "Suspicious applicants"},
    "by_level": {"zh": "按风险等级", "en": "By level"},
    "by_category": {"zh": "按类别（可疑申请人数）", "en": "By category (suspicious applicants)"},
    "by_rule": {"zh": "按规则（命中次数）", "en": "By rule (hits)"},
    "skipped_rows": {"zh": "跳过的行", "en": "Skipped rows"},
    "warnings": {"zh": "警告", "en": "Warnings"},
    "level_high": {"zh": "高", "en": "high"},
    "level_medium": {"zh": "中", "en": "medium"},
    "level_low": {"zh": "低", "en": "low"},
    "cat_hoarding": {"zh": "囤积", "en": "Hoarding"},
    "cat_squatting": {"zh": "抢注他人商标", "en": "Squatting"},
    "cat_public_interest": {"zh": "公共利益", "en": "Public interest"},
    "cat_cluster": {"zh": "关联集群", "en": "Linked cluster"},
    "cat_history": {"zh": "历史记录", "en": "History"},
    "cat_agent": {"zh": "代理机构", "en": "Agency"},
    "col_rank": {"zh": "排名", "en": "Rank"},
    "col_applicant_id": {"zh": "申请人编号", "en": "Applicant id"},
    "col_applicant_name": {"zh": "申请人名称", "en": "Applicant name"},
    "col_score": {"zh": "分数", "en": "Score"},
    "col_level": {"zh": "等级", "en": "Level"},
    "col_cluster_id": {"zh": "集群", "en": "Cluster"},
    "col_n_filings": {"zh": "申请数", "en": "Filings"},
    "col_n_classes": {"zh": "类别数", "en": "Classes"},
    "col_rule_ids": {"zh": "规则", "en": "Rules"},
    "col_reasons": {"zh": "理由", "en": "Reasons"},
    "col_n_members": {"zh": "成员数", "en": "Members"},
    "col_links": {"zh": "关联类型", "en": "Links"},
    "col_flagged_members": {"zh": "可疑成员", "en": "Suspicious members"},
    "search": {"zh": "搜索名称、编号、规则或理由…", "en": "Search name, id, rule or reason…"},
    "all_levels": {"zh": "全部等级", "en": "All levels"},
    "all_categories": {"zh": "全部类别", "en": "All categories"},
    "shown": {"zh": "显示 {n} / {total} 名", "en": "{n} of {total} shown"},
    "sort_hint": {
        "zh": "点击表头排序；点击申请人查看详情。",
        "en": "Click a column header to sort; click an applicant for details.",
    },
    "none": {"zh": "无", "en": "None"},
    "back": {"zh": "← 返回列表", "en": "← Back to the list"},
    "not_found": {"zh": "报告中没有该条目：{id}", "en": "Not in this report: {id}"},
    "rules_fired": {"zh": "触发的规则", "en": "Rules fired"},
    "rule": {"zh": "规则", "en": "Rule"},
    "points": {"zh": "分值", "en": "Points"},
    "times": {"zh": "次数", "en": "Times"},
    "legal_basis": {"zh": "法律依据", "en": "Legal basis"},
    "evidence": {"zh": "证据", "en": "Evidence"},
    "trace": {"zh": "条件判断", "en": "Condition trace"},
    "saw": {"zh": "实际值", "en": "saw"},
    "via_cluster": {"zh": "经关联集群 {id}", "en": "via linked cluster {id}"},
    "filings_of": {"zh": "申请记录", "en": "Filings"},
    "col_filing_id": {"zh": "申请号", "en": "Filing id"},
    "col_mark_text": {"zh": "商标", "en": "Mark"},
    "col_nice_class": {"zh": "类别", "en": "Classes"},
    "col_filing_date": {"zh": "申请日期", "en": "Filing date"},
    "col_agent": {"zh": "代理机构", "en": "Agency"},
    "col_hit_rules": {"zh": "命中规则", "en": "Rules hit"},
    "filings_capped": {"zh": "仅列出前 {n} 件（共 {total} 件）", "en": "Showing the first {n} of {total}"},
    "per_class": {"zh": "各尼斯分类的申请数", "en": "Filings per Nice class"},
    "per_month": {"zh": "每月申请数", "en": "Filings per month"},
    "cluster_of": {"zh": "所属关联集群", "en": "Its linked cluster"},
    "no_cluster": {"zh": "不属于任何关联集群。", "en": "Not in a linked cluster."},
    "network": {"zh": "关联网络", "en": "Network"},
    "members": {"zh": "成员", "en": "Members"},
    "link_evidence": {"zh": "关联证据", "en": "Link evidence"},
    "col_src": {"zh": "成员", "en": "Member"},
    "col_dst": {"zh": "关联成员", "en": "Linked member"},
    "col_link_type": {"zh": "关联类型", "en": "Link type"},
    "col_value": {"zh": "共享值", "en": "Shared value"},
    "col_weight": {"zh": "权重", "en": "Weight"},
    "network_capped": {
        "zh": "网络图仅显示得分最高的 {n} 名成员（共 {total} 名）",
        "en": "The network shows the {n} highest-scoring of {total} members",
    },
    "edges_capped": {"zh": "仅列出前 {n} 条关联（共 {total} 条）", "en": "Showing the first {n} of {total} links"},
    "no_network": {
        "zh": "该集群不在报告的详细范围内（只包含得分最高的集群）。",
        "en": "This cluster is outside the report's detailed range (top clusters only).",
    },
    "no_clusters": {"zh": "未发现关联集群。", "en": "No linked clusters found."},
    "legend_flagged": {"zh": "可疑申请人", "en": "suspicious applicant"},
    "legend_other": {"zh": "其他成员", "en": "other member"},
    "not_flagged": {"zh": "未列为可疑", "en": "not flagged"},
    "clusters_intro": {
        "zh": "共享电话、地址、邮箱、股东等信息的申请人被连成集群；点击集群查看关联网络与证据。",
        "en": (
            "Applicants that share phones, addresses, e-mails, shareholders and the like are linked into clusters; "
            "click a cluster for its network and evidence."
        ),
    },
    "clusters_capped": {
        "zh": "仅包含得分最高的 {n} 个集群（共 {total} 个）",
        "en": "Only the {n} highest-scoring of {total} clusters are included",
    },
    # link_<type> labels come from the link types themselves (report_labels, graphs/links/<type>.py)
    "link_shareholders": {"zh": "股东", "en": "shareholders"},
    "link_agent": {"zh": "代理机构", "en": "agency"},
    "link_trade_name": {"zh": "字号", "en": "trade name"},
    "link_assignee": {"zh": "受让人", "en": "assignee"},
    "link_assignment": {"zh": "商标转让", "en": "assignment"},
    "link_fuzzy_address": {"zh": "相似地址", "en": "similar address"},
    "no_js": {
        "zh": "此报告需要启用 JavaScript 才能显示（无需联网）。",
        "en": "This report needs JavaScript to display (no network needed).",
    },
    "offline_note": {
        "zh": (
            "由 tmscreen {version} 生成。本报告是离线单文件，不发起任何网络请求。筛查结果是线索，不是结论，需人工审查。"
        ),
        "en": (
            "Generated by tmscreen {version}. This report is one offline file and makes no network request. "
            "Results are leads, not findings: review them by hand."
        ),
    },
    "show_all": {"zh": "显示全部 {n} 行", "en": "Show all {n} rows"},
    "col_title": {"zh": "规则名称", "en": "Rule"},
    "col_hits": {"zh": "命中", "en": "Hits"},
    "col_category": {"zh": "类别", "en": "Category"},
    "open_cluster": {"zh": "查看集群 {id} →", "en": "Open cluster {id} →"},
    "rank_of": {"zh": "第 {rank} 名", "en": "rank {rank}"},
    "sheet_suspicious": {"zh": "可疑申请人", "en": "Suspicious applicants"},
}


def default_lang() -> str:
    lang = os.environ.get("TMSCREEN_LANG", "zh")
    return lang if lang in ("zh", "en") else "zh"


def t(key: str, lang: str, **values: object) -> str:
    """The message `key` in `lang`, formatted with `values`."""
    return MESSAGES[key][lang].format(**values)


def report_labels(lang: str) -> dict[str, str]:
    """Every report label in `lang` (placeholders such as `{n}` left for the report to fill in), with each link
    type's label as `link_<type>`."""
    from graphs.links import link_labels  # here, not at the top: the CLI loads this module first thing

    return {key: texts[lang] for key, texts in REPORT_MESSAGES.items()} | link_labels(lang)
