"""`tmscreen` entry point: the command group and the one place where errors become exit codes."""

from __future__ import annotations

import atexit
import os
import sys
import threading

import click

from detector import gc_pause
from detector.errors import EXIT_OTHER, InputDataError, RuleFileError, TmscreenError
from detector.i18n import default_lang, t
from detector.version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(__version__, prog_name="tmscreen")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """tmscreen — screen trademark filings for hoarding and squatting; rank and explain suspicious applicants.

    商标恶意注册筛查：识别囤积与抢注，输出可解释的可疑申请人名单。
    """
    if ctx.invoked_subcommand not in gc_pause.ONE_RUN_COMMANDS:
        gc_pause.resume()  # entry() paused it for one screening; this command may run many, or serve


def _register() -> None:
    from detector.cli.audit import eval_command, rules_diff, rules_tune
    from detector.cli.explain import explain
    from detector.cli.fixtures import fixtures
    from detector.cli.lists import lists
    from detector.cli.metrics import metrics
    from detector.cli.network import network
    from detector.cli.reference import cli_docs
    from detector.cli.registry import registry
    from detector.cli.rules import rules
    from detector.cli.screen import screen
    from detector.cli.serve import serve
    from detector.cli.users import users

    for command in (screen, rules, lists, explain, network, eval_command, fixtures, metrics, cli_docs):
        cli.add_command(command)
    cli.add_command(registry)  # issue 16
    for command in (serve, users):  # issue 17
        cli.add_command(command)
    for command in (rules_diff, rules_tune):
        rules.add_command(command)


_register()


def _lang_from_argv(argv: list[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("zh", "en"):
            return argv[i + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in ("zh", "en"):
            return arg.split("=", 1)[1]
    return default_lang()


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; user errors print one clear message and exit 2 (input), 3 (rules) or 1 (other)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _lang_from_argv(argv)
    try:
        cli.main(args=argv, prog_name="tmscreen", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo(t("aborted", lang), err=True)
        sys.exit(EXIT_OTHER)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except TmscreenError as exc:
        key = (
            "error_input"
            if isinstance(exc, InputDataError)
            else "error_rules"
            if exc.exit_code == 3 or isinstance(exc, RuleFileError)
            else "error_other"
        )
        colon = "：" if lang == "zh" else ":"
        click.echo(f"tmscreen: {t(key, lang)}{colon}\n{exc.render(lang)}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo(t("interrupted", lang), err=True)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("TMSCREEN_DEBUG"):
            raise
        click.echo("tmscreen: " + t("internal", lang, error=f"{type(exc).__name__}: {exc}"), err=True)
        sys.exit(EXIT_OTHER)
    sys.exit(0)


def entry() -> None:
    """The `tmscreen` command and `python -m detector`: main(), then an exit without the interpreter's teardown.

    Freeing a screening's objects one by one at exit (rules, lists, matchers, frames) took about 0.5 s of the demo's
    5 s. The exit handlers still run (atexit: Dask, multiprocessing, logging) and the standard streams are flushed;
    only the deallocation is skipped. While another thread still runs, the exit is the usual one.

    The cyclic garbage collector is paused from the start (the imports included) for a command that screens one
    batch and exits (detector/gc_pause.py); the group turns it back on for the others."""
    gc_pause.pause()
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if threading.active_count() > 1:
        sys.exit(code)
    status = _exit_status(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more can be said
            pass
    os._exit(status)


def _exit_status(code: object) -> int:
    """The status SystemExit(code) gives: None is 0, a number itself, anything else printed and 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1
