"""`tmscreen registry ...`: the applicant list kept across batches (主体名录) — list, show, decide, diff, labels,
export, import, batches. Thin shell over detector.registry; every problem is a RegistryError (exit 2)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from detector.cli.options import lang_option
from detector.registry.statuses import STATUSES

if TYPE_CHECKING:
    import pandas as pd

REGISTRY_HELP = "Registry: a SQLite file path or a postgresql:// URL. 名录：SQLite 文件路径或 postgresql:// 地址。"


def registry_option(f):
    return click.option("--registry", "registry", required=True, metavar="PATH_OR_URL", help=REGISTRY_HELP)(f)


def _open(target: str, create: bool = False):
    from detector.registry import open_registry

    return open_registry(target, create=create)


def _write_text(path: str | None, text: str) -> None:
    """Write to a file atomically (temporary file renamed), or to stdout when no path is given."""
    if not path:
        click.echo(text, nl=not text.endswith("\n"))
        return
    out = Path(path)
    tmp = out.with_name(out.name + ".partial")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    os.replace(tmp, out)


def _csv(frame: pd.DataFrame) -> str:
    return frame.to_csv(index=False, lineterminator="\n")


def _json_records(frame: pd.DataFrame) -> str:
    return frame.to_json(orient="records", force_ascii=False, indent=1, date_format="iso") + "\n"


def _table(frame: pd.DataFrame, empty: str) -> str:
    import pandas as pd

    if frame.empty:
        return empty
    with pd.option_context("display.max_rows", None, "display.max_columns", None, "display.width", 200):
        return frame.to_string(index=False)


@click.group()
def registry() -> None:
    """The applicant registry (主体名录) kept across batches: the list, decisions, history, exchange.

    Screen with `tmscreen screen BATCH --registry DB` to record batches; review here.

    名录：跨批次维护的可疑主体名单、审查决定、历史与交换。用 `tmscreen screen 批次 --registry 名录` 记录批次。
    """


@registry.command("list")
@registry_option
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(STATUSES),
    help="Only entries with this status (repeatable). 只列出该状态的条目（可重复）。",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    default="csv",
    show_default=True,
    help="Output format. 输出格式。",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="Write to FILE instead of the screen. 写入文件而非屏幕。",
)
@lang_option
def list_command(registry: str, statuses: tuple[str, ...], fmt: str, out: str | None, lang: str) -> None:
    """The list, best first: repeat offenders, then by score.

    名录条目，按优先级排列：屡犯者在前，其余按分数从高到低。
    """
    with _open(registry) as reg:
        frame = reg.entries(list(statuses) or None)
    _write_text(out, _csv(frame) if fmt == "csv" else _json_records(frame))
    if out:
        click.echo(f"已写出 {len(frame)} 条：{out}" if lang == "zh" else f"wrote {len(frame)} entries to {out}")


@registry.command("show")
@click.argument("applicant_id")
@registry_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format. 输出格式。",
)
@lang_option
def show_command(applicant_id: str, registry: str, fmt: str, lang: str) -> None:
    """One entry: names, status and its history, batches, filings, cluster.

    单个条目：名称与曾用名、状态及其变更历史、所在批次、申请记录、关联团伙。
    """
    from detector.registry import RegistryError
    from detector.text import Text

    with _open(registry) as reg:
        found = reg.entry(applicant_id)
    if found is None:
        raise RegistryError(
            Text(en=f"no applicant '{applicant_id}' in this registry", zh=f"名录中没有申请人“{applicant_id}”"),
            file=reg.target,
            fix=Text(en="check the id with: tmscreen registry list", zh="用 tmscreen registry list 核对编号"),
        )
    if fmt == "json":
        import pandas as pd

        out = {k: (v.to_dict("records") if isinstance(v, pd.DataFrame) else v) for k, v in found.items()}
        click.echo(json.dumps(out, ensure_ascii=False, indent=1, default=str))
        return
    zh = lang == "zh"
    entry = found["entry"] or {}
    applicant = found["applicant"] or {}
    lines = [
        f"{'申请人' if zh else 'applicant'}: {applicant_id}  {entry.get('name') or applicant.get('name', '')}",
        f"{'状态' if zh else 'status'}: {entry.get('status', '-' if not entry else '')}"
        + (f"  {'分数' if zh else 'score'} {entry['score']:.1f} {entry['level']}" if entry else ""),
    ]
    if entry:
        lines += [
            f"{'类别' if zh else 'categories'}: {entry['categories']}  "
            f"{'规则' if zh else 'rules'}: {entry['rule_ids']}",
            f"{'团伙' if zh else 'cluster'}: {entry['cluster_id']}  {'屡犯' if zh else 'repeat offender'}: "
            f"{entry['repeat_offender']}",
            f"{'首次列入' if zh else 'first listed'}: {entry['first_listed']}  {'最近出现' if zh else 'last seen'}: "
            f"{entry['last_seen']}  {'批次数' if zh else 'batches'}: {entry['n_batches']}",
            f"{'来源' if zh else 'source'}: {entry['source']}",
        ]
    sections = [
        ("names", "名称与曾用名", "names and former names"),
        ("history", "状态历史", "status history"),
        ("batches", "批次", "batches"),
        ("filings", "申请记录", "filings"),
        ("cluster", "团伙成员", "cluster members"),
    ]
    for key, title_zh, title_en in sections:
        lines += ["", f"== {title_zh if zh else title_en} ==", _table(found[key], "（无）" if zh else "(none)")]
    click.echo("\n".join(lines))


@registry.command("decide")
@click.argument("applicant_id")
@click.option("--status", required=True, type=click.Choice(STATUSES), help="New status. 新状态。")
@click.option("--reason", required=True, help="Why (case number, evidence). 理由（案卷号、证据）。")
@click.option("--by", "by", required=True, help="Reviewer's name. 审查人姓名。")
@registry_option
@lang_option
def decide_command(applicant_id: str, status: str, reason: str, by: str, registry: str, lang: str) -> None:
    """Record a decision on an entry (kept in its status history with who, when and why).

    记录对条目的审查决定（连同审查人、时间、理由写入状态历史）。
    """
    with _open(registry) as reg:
        before = reg.entry(applicant_id)
        reg.decide(applicant_id, status, reason, by)
    old = (before or {}).get("entry") or {}
    previous = old.get("status", "-")
    click.echo(
        f"{applicant_id}：{previous} → {status}（{by}）"
        if lang == "zh"
        else f"{applicant_id}: {previous} -> {status} (by {by})"
    )


@registry.command("diff")
@registry_option
@click.option(
    "--since",
    default=None,
    metavar="BATCH_ID|DATE",
    help="Changes after this batch or date (default: what the last batch brought). 自该批次或日期之后的变化。",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format. 输出格式。",
)
@lang_option
def diff_command(registry: str, since: str | None, fmt: str, lang: str) -> None:
    """New entries, new members of listed applicants' clusters, and escalations.

    新增条目、已列入主体所在团伙的新成员，以及升级（确认、清除后因新证据重新可疑、风险等级上升）。
    """
    with _open(registry) as reg:
        changes = reg.diff(since)
    if fmt == "json":
        out = {k: v.to_dict("records") for k, v in changes.items()}
        click.echo(json.dumps(out, ensure_ascii=False, indent=1, default=str))
        return
    zh = lang == "zh"
    label = changes["since"].iloc[0]["since"]
    head = (
        (f"自 {label} 以来的变化" if label else "全部变化")
        if zh
        else (f"changes since {label}" if label else "all changes")
    )
    lines = [head]
    titles = {
        "new_entries": ("新增条目", "new entries"),
        "new_cluster_members": ("团伙新成员", "new cluster members"),
        "escalations": ("升级", "escalations"),
    }
    cols = {"new_entries": ["applicant_id", "name", "status", "score", "level", "rule_ids", "first_batch"]}
    for key, (title_zh, title_en) in titles.items():
        frame = changes[key]
        frame = frame[cols[key]] if key in cols else frame
        lines += [
            "",
            f"== {title_zh if zh else title_en} ({len(frame)}) ==",
            _table(frame, "（无）" if zh else "(none)"),
        ]
    click.echo("\n".join(lines))


@registry.command("labels")
@registry_option
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=str),
    help="labels.csv to write. 要写出的标签文件。",
)
@lang_option
def labels_command(registry: str, out: str, lang: str) -> None:
    """Review decisions as labels (confirmed 1, cleared 0) in the labels contract, for `eval` and `rules tune`.

    把审查决定导出为标签（确认为 1，清除为 0），格式符合标签数据约定，供 eval 与 rules tune 使用。
    """
    with _open(registry) as reg:
        frame = reg.labels()
    _write_text(out, _csv(frame))
    n1, n0 = int(frame["label"].sum()), int((frame["label"] == 0).sum())
    click.echo(
        f"已写出 {len(frame)} 个标签（确认 {n1}，清除 {n0}）：{out}"
        if lang == "zh"
        else f"wrote {len(frame)} labels ({n1} confirmed, {n0} cleared) to {out}"
    )


@registry.command("export")
@registry_option
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=str),
    help="Interchange file (JSON Lines) to write. 要写出的交换文件（JSON Lines）。",
)
@lang_option
def export_command(registry: str, out: str, lang: str) -> None:
    """Write the list as an interchange file (JSON Lines; schema: docs/registry-interchange.schema.json).

    把名录导出为交换文件（JSON Lines，结构见 docs/registry-interchange.schema.json），供其他单位或业务线导入。
    """
    with _open(registry) as reg:
        summary = reg.export(out)
    click.echo(
        f"已导出 {summary['entries']} 条（状态历史 {summary['history']} 条）：{out}"
        if lang == "zh"
        else f"exported {summary['entries']} entries ({summary['history']} history rows) to {out}"
    )


@registry.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@registry_option
@click.option(
    "--source", required=True, help="Who the file comes from (office, business line). 文件来源（单位、业务线）。"
)
@lang_option
def import_command(file: str, registry: str, source: str, lang: str) -> None:
    """Merge an interchange file: provenance kept per entry; a local decision is never overwritten (a conflict is
    recorded in the history and counted). Creates the registry when it does not exist yet.

    合并交换文件：保留每个条目的来源；不会覆盖本地决定（冲突写入状态历史并计数）。名录不存在时会新建。
    """
    from detector.registry.interchange import read_file

    read_file(file)  # validate before creating anything
    with _open(registry, create=True) as reg:
        summary = reg.import_(file, source)
    if lang == "zh":
        click.echo(
            f"已导入 {summary['entries']} 条：新增 {summary['new']}，更新 {summary['updated']}，"
            f"冲突 {summary['conflicts']}（保留本地决定），状态历史 {summary['history']} 条"
        )
    else:
        click.echo(
            f"imported {summary['entries']} entries: {summary['new']} new, {summary['updated']} updated, "
            f"{summary['conflicts']} conflicts (local decision kept), {summary['history']} history rows"
        )


@registry.command("batches")
@registry_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "csv", "json"]),
    default="text",
    show_default=True,
    help="Output format. 输出格式。",
)
@lang_option
def batches_command(registry: str, fmt: str, lang: str) -> None:
    """The batches recorded, oldest first, with counts and rule-set hash.

    已记录的批次（按时间先后），含数量统计与规则集哈希。
    """
    with _open(registry) as reg:
        frame = reg.batches()
    if fmt == "csv":
        click.echo(_csv(frame), nl=False)
    elif fmt == "json":
        click.echo(_json_records(frame), nl=False)
    else:
        shown = frame.drop(columns=["input_hashes"]).assign(ruleset_sha256=frame["ruleset_sha256"].str[:12])
        click.echo(_table(shown, "（还没有记录任何批次）" if lang == "zh" else "(no batches recorded yet)"))
