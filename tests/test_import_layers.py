"""Imports between the modules of `detector` and `graphs`: no cycles, and packages import downward only.

The import graph is read from the source with `ast`, not by importing: every `import` and `from ... import`
counts, at module level and inside functions alike (a function-level import is still a dependency, only a later
one); imports under `if TYPE_CHECKING:` do not (they never run). `from pkg import name` depends on the module
`pkg.name` when that is a module, else on `pkg`. A package's `__init__` is a module like any other.
"""

from __future__ import annotations

import ast
from collections import deque
from pathlib import Path

from conftest import ROOT

PACKAGES = ("detector", "graphs")

# Lowest first. A module may import its own package and any package of a lower layer; packages that share a
# layer are siblings and must not import each other. `detector.<name>` is the package or top-level module
# <name>; everything in `graphs` is "graphs". A new package or top-level module needs its place here.
LAYERS: list[tuple[str, ...]] = [
    ("text", "version", "limits", "package_data"),
    ("errors", "os_text", "disk_cache", "gc_pause", "arrow_pool", "sorted_sets", "result_transfer"),
    ("staging", "fork_map", "yaml_safe", "json_scalar", "object_memo", "text_isin", "int_pairs", "runs", "frame_order"),
    ("small_batch", "text_ranks", "text_lists"),
    ("normalize",),
    ("io",),
    ("batch",),
    ("lists",),
    ("match",),
    ("graphs",),
    ("metrics",),
    ("rules",),
    ("scoring",),
    ("registry",),  # the applicant registry (issue 16): read by the pipeline's history and record stages
    ("engines",),
    ("pipeline",),
    ("i18n",),  # the messages of the report and the CLI; link types label themselves (graphs)
    ("report",),
    ("explain", "synth"),
    ("audit",),
    ("api",),
    ("serve",),  # the review workspace and intake API (issue 17)
    ("cli",),
    ("__main__",),
]


def module_sources(root: Path = ROOT) -> dict[str, tuple[str, bool]]:
    """Dotted module name -> (source text, is a package `__init__`) for every .py file of PACKAGES."""
    out = {}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            is_package = parts[-1] == "__init__"
            out[".".join(parts[:-1] if is_package else parts)] = (path.read_text(encoding="utf-8"), is_package)
    return out


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST):
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)  # the `else:` of `if TYPE_CHECKING:` does run
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        stack.extend(ast.iter_child_nodes(node))


def import_graph(sources: dict[str, tuple[str, bool]]) -> dict[str, set[str]]:
    """Module -> the modules of `sources` it imports (itself excluded)."""

    def known(name: str) -> str | None:
        while name and name not in sources:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for module, (text, is_package) in sources.items():
        targets = set()
        for node in _import_nodes(ast.parse(text)):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    here = module.split(".") if is_package else module.split(".")[:-1]
                    here = here[: len(here) - node.level + 1]
                    base = ".".join([*here, *([node.module] if node.module else [])])
                names = [f"{base}.{a.name}" if f"{base}.{a.name}" in sources else base for a in node.names]
            for name in names:
                if name.split(".")[0] in PACKAGES and (target := known(name)) and target != module:
                    targets.add(target)
        graph[module] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One shortest cycle per strongly connected component of two or more modules, as a path a -> ... -> a."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    out = []
    for component in components:
        members, start = set(component), component[0]
        previous: dict[str, str | None] = {start: None}
        queue = deque([start])
        while queue:
            v = queue.popleft()
            if start in graph[v]:
                path = [v]
                while (p := previous[path[-1]]) is not None:
                    path.append(p)
                out.append([*reversed(path), start])
                break
            for w in sorted(graph[v] & members):
                if w not in previous:
                    previous[w] = v
                    queue.append(w)
    return out


def layer_key(module: str) -> str:
    parts = module.split(".")
    return "graphs" if parts[0] == "graphs" else parts[1] if len(parts) > 1 else ""


def project_graph() -> dict[str, set[str]]:
    return import_graph(module_sources())


def test_no_import_cycle_between_modules():
    found = [" -> ".join(c) for c in cycles(project_graph())]
    assert not found, "import cycles:\n" + "\n".join(found)


def test_packages_import_downward_only():
    rank = {name: i for i, layer in enumerate(LAYERS) for name in layer}
    graph = project_graph()
    undeclared = sorted({layer_key(m) for m in graph if layer_key(m) and layer_key(m) not in rank})
    assert not undeclared, f"give these a place in LAYERS: {undeclared}"
    upward = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            a, b = layer_key(module), layer_key(target)
            if a and b and a != b and rank[a] <= rank[b]:
                side = "a sibling" if rank[a] == rank[b] else "a higher layer"
                upward.append(f"{module} ({a}) imports {target} ({b}), {side}")
    assert not upward, "imports against the layer order:\n" + "\n".join(upward)


def test_graph_reader_on_a_small_example():
    """Function-level and relative imports count, `if TYPE_CHECKING:` imports do not; the cycle is named."""
    sources = {
        "detector": ("", True),
        "detector.a": ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from detector import c\n", False),
        "detector.p": ("from . import b\n", True),
        "detector.p.b": ("def f():\n    import detector.a.x\n    from .. import c\n", False),
        "detector.c": ("import graphs.g\nfrom detector.p import b\n", False),
        "graphs.g": ("from detector import a\n", False),
    }
    graph = import_graph(sources)
    assert graph == {
        "detector": set(),
        "detector.a": set(),
        "detector.p": {"detector.p.b"},
        "detector.p.b": {"detector.a", "detector.c"},
        "detector.c": {"graphs.g", "detector.p.b"},
        "graphs.g": {"detector.a"},
    }
    assert cycles(graph) == [["detector.c", "detector.p.b", "detector.c"]]
