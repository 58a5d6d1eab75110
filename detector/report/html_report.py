"""report.html: one self-contained offline file built from a ScreenResult.

The data blob (report_data.report_data) is embedded as JSON in a `<script type="application/json">` block with
`<`, `>`, `&` and the JS line separators escaped, so no input string can close the block or open a tag. The
page's own script and style are inlined and allowed by their SHA-256 hashes in a Content-Security-Policy that
forbids every network request (default-src 'none'); an injected inline script would not match a hash.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from detector.i18n import report_labels
from detector.report.report_data import report_data
from detector.version import __version__

if TYPE_CHECKING:
    from detector.pipeline.run import ScreenResult

REPORT_FILE = "report.html"
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


def asset(name: str) -> str:
    """The text of a file in detector/report/assets."""
    return resources.files("detector.report").joinpath("assets", name).read_text(encoding="utf-8")


def embed_json(data: object) -> str:
    """JSON that is safe inside a <script> element: no `<`, `>` or `&` appears literally."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def csp_hash(source: str) -> str:
    """A CSP source expression allowing exactly this inline script or style."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(js: str, css: str) -> str:
    """No network of any kind: only the page's own inline script and style, images only as data: URLs."""
    return (
        f"default-src 'none'; script-src {csp_hash(js)}; style-src {csp_hash(css)}; img-src data:; "
        "connect-src 'none'; font-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; "
        "worker-src 'none'; manifest-src 'none'; base-uri 'none'; form-action 'none'"
    )


def render_report(result: ScreenResult) -> str:
    """The whole report.html text for a ScreenResult (deterministic for the same inputs and rules)."""
    labels = report_labels(result.lang)
    js, css = asset("report.js"), asset("report.css")
    values = {
        "HTML_LANG": "zh-CN" if result.lang == "zh" else "en",
        "CSP": html.escape(content_security_policy(js, css), quote=True),
        "VERSION": html.escape(__version__),
        "TITLE": html.escape(labels["title"]),
        "NO_JS": html.escape(labels["no_js"]),
        "CSS": css,
        "DATA": embed_json(report_data(result)),
        "JS": js,
    }
    # One pass over the template: substituted text (data, script) is never scanned for placeholders again.
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], asset("report.html"))


def write_report(result: ScreenResult, folder: Path) -> None:
    """Write report.html into `folder` (an `extra_writers` entry of write_outputs)."""
    (Path(folder) / REPORT_FILE).write_text(render_report(result), encoding="utf-8", newline="\n")
