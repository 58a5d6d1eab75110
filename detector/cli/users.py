"""`tmscreen users add`: create a workspace or API user in a registry; its password or token is printed once."""

from __future__ import annotations

import click

from detector.cli.options import lang_option

ROLES = ("reviewer", "auditor", "api")


@click.group("users")
def users() -> None:
    """Users of `tmscreen serve`: reviewers decide, auditors read, api users call the intake API.

    审查工作台与接口的用户：审查员作决定，审计员只读，API 用户只能调用接口。
    """


@users.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLES), help="reviewer | auditor | api. 角色。")
@click.option("--registry", "target", required=True, help="Registry: a SQLite file or a postgresql:// URL. 主体名录。")
@lang_option
def add(name, role, target, lang) -> None:
    """Create user NAME with ROLE; prints its password (reviewer, auditor) or API token (api) once, as the last line.

    Only a hash (argon2) is stored: keep the printed secret, it cannot be shown again.
    创建用户并打印其密码或令牌（仅此一次，最后一行）；名录只保存其 argon2 哈希。
    """
    from detector.registry import open_registry

    with open_registry(target) as registry:
        secret = registry.add_user(name, role)
    kind = ("token", "令牌") if role == "api" else ("password", "密码")
    click.echo(
        f"已创建用户 {name}（{role}）。{kind[1]}只显示这一次："
        if lang == "zh"
        else f"user {name} ({role}) created; its {kind[0]} is shown this once:"
    )
    click.echo(secret)
