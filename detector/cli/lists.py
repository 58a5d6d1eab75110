"""`tmscreen lists ...`: an office's own list entries, with their provenance."""

from __future__ import annotations

from pathlib import Path

import click

from detector.cli.options import lang_option


@click.group()
def lists() -> None:
    """Reference lists: import an office's own entries. 参考名单：导入本单位自己的条目。"""


@lists.command("import")
@click.argument("csv_file", metavar="FILE.csv", type=click.Path(exists=True, dir_okay=False, path_type=str))
@click.option("--list", "list_id", required=True, help="List to add to (file name without .yaml), e.g. watchlist.")
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=str),
    help="List folder to write into, e.g. rules-local/lists (never the installed rules).",
)
@click.option("--category", default=None, help="Category of a new list (watchlist, public_figure, famous_mark ...).")
@click.option("--title", default="", help="Title of a new list.")
@click.option(
    "--id-prefix", default=None, help="Prefix of generated entry ids. Default: the list name, upper case, -L."
)
@lang_option
def import_command(csv_file, list_id, out_dir, category, title, id_prefix, lang) -> None:
    """Add entries from FILE.csv to a list, each with its source and source_date.

    Columns: term, source, source_date (required); id, aliases, kind, rights_holders, event_date, classes,
    former_names, ids, verified, distinctive, note. Several values in one cell are separated by ';'. A shipped list
    (watchlist, public_figures ...) is copied into --out first, so the local list extends it; screen with
    --rules DIR (the folder holding lists/) before the rule set, or import into a copy of the rule set. A bad
    row stops the import with its row and column (exit 2), a list file that would not pass `tmscreen rules check`
    with its line (exit 3); nothing is written then.

    从 CSV 导入条目（每条须有来源 source 与来源日期 source_date），写入 --out 指定的名单文件夹。
    """
    from detector.lists.imports import import_entries

    result = import_entries(Path(csv_file), list_id, Path(out_dir), category=category, title=title, id_prefix=id_prefix)
    if lang == "zh":
        origin = "（由安装包自带名单复制后追加）" if result.from_bundled else ""
        click.echo(f"已导入 {len(result.added)} 条到 {result.path}{origin}")
    else:
        origin = " (started from a copy of the shipped list)" if result.from_bundled else ""
        click.echo(f"imported {len(result.added)} entries into {result.path}{origin}")
