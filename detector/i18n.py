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
    "skipped": {"zh": "已跳过 {n:,} 行有问题的数据（见 run.json）", "en": "skipped {n:,} bad rows (listed in run.json)"},
    "error_input": {"zh": "输入数据错误", "en": "bad input data"},
    "error_rules": {"zh": "规则文件错误", "en": "bad rule file"},
    "error_other": {"zh": "错误", "en": "error"},
    "internal": {
        "zh": "内部错误：{error}（设置 TMSCREEN_DEBUG=1 可查看详细信息）",
        "en": "internal error: {error} (set TMSCREEN_DEBUG=1 for details)",
    },
}


def default_lang() -> str:
    lang = os.environ.get("TMSCREEN_LANG", "zh")
    return lang if lang in ("zh", "en") else "zh"


def t(key: str, lang: str, **values: object) -> str:
    """The message `key` in `lang`, formatted with `values`."""
    return MESSAGES[key][lang].format(**values)
