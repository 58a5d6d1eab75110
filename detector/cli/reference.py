"""Render the CLI reference (docs/cli.md) from the commands' own --help, so the docs cannot drift.

`tmscreen cli-docs --out docs/cli.md` (hidden; run by `make docs`) writes it. The command reads the command tree
from its own click context, so this module never imports the entry point.
"""

from __future__ import annotations

import click


def _walk(command: click.Command, path: list[str]):
    yield path, command
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            sub = command.commands[name]
            if not sub.hidden:
                yield from _walk(sub, [*path, name])


def render_cli_reference(root: click.Command) -> str:
    """Markdown: the --help of `root` and of every visible command under it, in name order."""
    lines = ["# CLI reference", "", "Generated from `--help` by `make docs`; do not edit by hand.", ""]
    for path, command in _walk(root, ["tmscreen"]):
        ctx = click.Context(
            command,
            info_name=" ".join(path),
            terminal_width=100,
            max_content_width=100,
            help_option_names=["-h", "--help"],
        )
        lines += [f"## `{' '.join(path)}`", "", "```", command.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(lines)


@click.command("cli-docs", hidden=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=str), required=True)
@click.pass_context
def cli_docs(ctx: click.Context, out: str) -> None:
    """Write the CLI reference (docs/cli.md) from --help."""
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(render_cli_reference(ctx.find_root().command))
