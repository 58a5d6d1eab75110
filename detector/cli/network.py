"""`tmscreen network`: export one cluster of a finished run for enforcement staff (HTML, Gephi, JSON, PNG)."""

from __future__ import annotations

from pathlib import Path

import click

from detector.cli.options import lang_option
from detector.i18n import t

FORMATS = ("html", "graphml", "gexf", "json", "png")


@click.command("network")
@click.argument("run_dir", type=click.Path(file_okay=False, path_type=str))
@click.option("--cluster", "cluster_id", required=True, help="Cluster id from clusters.csv (e.g. C-1a2b3c4d5e).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="html", show_default=True, help="Output format.")
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False, path_type=str),
    default=None,
    help="Output file (default: <cluster>.<format> in RUN_DIR).",
)
@lang_option
def network(run_dir, cluster_id, fmt, out, lang) -> None:
    """Write cluster ID of the screening run in RUN_DIR as an offline HTML view, GraphML/GEXF (Gephi), JSON or PNG.

    Members are coloured by score; edges carry the link types and the shared values; bridge edges are marked.
    导出一次筛查结果中的一个关联集群（离线网页、Gephi 文件、JSON 或图片）。
    """
    import os
    import tempfile

    from detector.report.cluster_files import load_cluster
    from graphs.export import write_graph

    g = load_cluster(Path(run_dir), cluster_id)
    target = Path(out) if out else Path(run_dir) / f"{cluster_id}.{fmt}"
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    try:
        write_graph(g, fmt, Path(tmp), lang)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    click.echo(t("network_written", lang, path=target, members=g.number_of_nodes(), links=g.number_of_edges()))
