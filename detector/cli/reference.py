"""Render the CLI reference (docs/cli.md) from the commands' own --help, so the docs cannot drift."""

from __future__ import annotations

import click


def _walk(command: click.Command, path: list[str]):
    yield path, command
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            yield from _walk(command.commands[name], [*path, name])


def render_cli_reference() -> str:
    from detector.cli.main import cli

    lines = ["# CLI reference", "", "Generated from `--help` by `make docs`; do not edit by hand.", ""]
    for path, command in _walk(cli, ["tmscreen"]):
        ctx = click.Context(
            command,
            info_name=" ".join(path),
            terminal_width=100,
            max_content_width=100,
            help_option_names=["-h", "--help"],
        )
        lines += [f"## `{' '.join(path)}`", "", "```", command.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(lines)
