"""A self-contained, offline HTML view of one cluster: SVG from precomputed positions, details on click.

The page makes no network request (a Content-Security-Policy forbids any), inlines its script and style, and
writes every input string with textContent, so a hostile applicant name shows as text.
"""

from __future__ import annotations

import json
from importlib import resources

LABELS = {
    "zh": {
        "title": "关联集群",
        "name": "名称",
        "members": "成员",
        "links": "关联",
        "score": "评分",
        "filings": "申请",
        "rules": "命中规则",
        "bridge": "桥接边（单一关联连接两组成员，需复核）",
        "click": "点击成员或连线查看详情",
        "search": "搜索成员",
        "mark": "商标",
        "class": "类别",
        "date": "申请日期",
        "link_types": "关联类型",
        "values": "共同信息",
        "weight": "强度",
    },
    "en": {
        "title": "Linked cluster",
        "name": "name",
        "members": "members",
        "links": "links",
        "score": "score",
        "filings": "filings",
        "rules": "rules",
        "bridge": "bridge edge (a single link holds two groups together: check it)",
        "click": "Click a member or a link for details",
        "search": "Search members",
        "mark": "mark",
        "class": "class",
        "date": "filed",
        "link_types": "link types",
        "values": "shared values",
        "weight": "weight",
    },
}


def _safe_json(data: object) -> str:
    """JSON that cannot close the <script> element it sits in."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def render_html(data: dict, lang: str = "zh") -> str:
    """The page for node-link `data` (graphs.export.node_link)."""
    template = resources.files("graphs").joinpath("assets/network_view.html").read_text(encoding="utf-8")
    payload = {"graph": data, "labels": LABELS["zh" if lang == "zh" else "en"], "lang": lang}
    return template.replace("/*DATA*/null", _safe_json(payload)).replace("{{LANG}}", "zh-CN" if lang == "zh" else "en")
