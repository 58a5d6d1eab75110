"""`tmscreen serve`: the review workspace and the intake API over a registry (FastAPI app on uvicorn).

Binds 127.0.0.1 by default. Another address only when --host is given on the command line: a non-loopback
address from TMSCREEN_SERVE_HOST alone is refused (exit 2), so nobody exposes the workspace by accident."""

from __future__ import annotations

import ipaddress
import os
import socket

import click
from click.core import ParameterSource

from detector import gc_pause
from detector.cli.options import lang_option, rules_option
from detector.errors import EXIT_BAD_INPUT, TmscreenError
from detector.text import Text

DEFAULT_HOST = "127.0.0.1"
SECRET_ENV = "TMSCREEN_SERVE_SECRET"


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_host(host: str, explicit: bool) -> None:
    """Refuse a non-loopback address that did not come from --host on the command line."""
    if not is_loopback(host) and not explicit:
        raise TmscreenError(
            Text(
                en=f"refusing to listen on {host}: the workspace would be reachable from other machines",
                zh=f"拒绝监听 {host}：工作台将可从其他机器访问",
            ),
            fix=Text(
                en=f"pass --host {host} on the command line to mean it, or leave it out to listen on 127.0.0.1",
                zh=f"确需如此请在命令行写明 --host {host}；否则省略，只监听 127.0.0.1",
            ),
            exit_code=EXIT_BAD_INPUT,
        )


def bind(host: str, port: int) -> socket.socket:
    """A listening socket (port 0: a free port), or a clear error when the address is taken or not ours."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise TmscreenError(
            Text(en=f"cannot listen on {host}:{port}: {exc.strerror}", zh=f"无法监听 {host}:{port}：{exc.strerror}"),
            fix=Text(en="choose another --port, or stop what uses it", zh="换一个 --port，或停止占用该端口的程序"),
            exit_code=EXIT_BAD_INPUT,
        ) from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


@click.command("serve")
@click.option("--registry", "target", required=True, help="Registry: a SQLite file or a postgresql:// URL. 主体名录。")
@click.option(
    "--host",
    default=DEFAULT_HOST,
    envvar="TMSCREEN_SERVE_HOST",
    show_default=True,
    help="Address to listen on; a non-loopback address only when given here. 监听地址。",
)
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535), help="Port (0: a free one).")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    help="Intake check processes (default: the usable CPUs, at most 4; 1: checks in the server process). "
    "入口核查工作进程数。",
)
@rules_option
@lang_option
@click.pass_context
def serve(ctx, target, host, port, workers, rules, lang) -> None:
    """Serve the review workspace and the intake API (/api/check, /api/check-batch, /api/openapi.json).

    Users come from `tmscreen users add`. Rules and lists are loaded once and the matchers kept warm.
    启动审查工作台与入口核查接口；规则只加载一次，匹配器常驻内存。
    """
    from pathlib import Path

    import uvicorn

    from detector.registry import open_registry
    from detector.serve import create_app
    from detector.serve.check_pool import CheckPool, default_workers

    check_host(host, ctx.get_parameter_source("host") == ParameterSource.COMMANDLINE)
    sock = bind(host, port)
    registry = open_registry(target, create=False)
    app = create_app(registry, target, [Path(p) for p in rules] or None, os.environ.get(SECRET_ENV))
    gc_pause.freeze_warm_heap()  # the warm rule set, matchers and caches: out of every later collection
    # Forked now, warm and before any thread starts: the workers share the warm pages (detector/serve/check_pool.py).
    pool = CheckPool.start(app.state.ctx.checker, workers or default_workers(), inherited=[sock])
    app.state.ctx.pool = pool
    bound_port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    click.echo(
        f"tmscreen serve: 正在服务 http://{shown}:{bound_port}/ （名录 {registry.target}）"
        if lang == "zh"
        else f"tmscreen serve: serving http://{shown}:{bound_port}/ (registry {registry.target})",
        err=False,
    )
    if not is_loopback(host):
        click.echo(
            "注意：工作台可从其他机器访问，请置于 HTTPS 反向代理之后。"
            if lang == "zh"
            else "note: the workspace is reachable from other machines; put it behind an HTTPS reverse proxy.",
            err=True,
        )
    config = uvicorn.Config(app, log_level="warning", access_log=False, proxy_headers=True)
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        if pool is not None:
            pool.close()
        registry.close()
