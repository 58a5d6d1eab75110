"""`tmscreen --help` stays quick (issue 18): loading the CLI imports no engine. The commands import pandas,
SQLAlchemy, scikit-learn and the rest when they run, so the help and the version answer in a fraction of a second
(timings live in the README's Scale section, not here)."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

HEAVY = (
    "pandas",
    "numpy",
    "pyarrow",
    "scipy",
    "sklearn",
    "networkx",
    "rapidfuzz",
    "sqlalchemy",
    "alembic",
    "jsonschema",
    "yaml",
    "openpyxl",
    "fastapi",
    "uvicorn",
    "jinja2",
)


def _imported_after(code: str) -> list[str]:
    probe = f"import sys\n{code}\nprint(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_loading_the_cli_imports_no_engine():
    assert _imported_after("import detector.cli.main") == []


def test_help_lists_every_command_without_importing_an_engine():
    code = (
        "import contextlib, io\n"
        "from detector.cli.main import cli\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try:\n"
        "        cli.main(['--help'], prog_name='tmscreen', standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "assert all(c in out.getvalue() for c in ('screen', 'explain', 'registry', 'metrics', 'serve')), out.getvalue()"
    )
    assert _imported_after(code) == []


def test_registry_names_load_on_first_use():
    code = "import detector.registry as r\nassert 'sqlalchemy' not in sys.modules\nr.open_registry\n"
    assert "sqlalchemy" in _imported_after(code)
