"""No module of the package imports, directly or through others, a module that imports it
back, deferred imports inside functions included (issue 24: ``evals/compare.py`` and
``evals/report.py`` once did). A cycle makes the import order matter and hides which module
builds on which."""

from __future__ import annotations

import ast
from pathlib import Path

import incidents

ROOT = Path(incidents.__file__).resolve().parent


def _name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    modules = {_name(path): path for path in ROOT.rglob("*.py")}
    edges: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith(
                "incidents"
            ):
                continue
            module = str(node.module)
            for target in [module, *(f"{module}.{alias.name}" for alias in node.names)]:
                # A package's own __init__ re-exporting its modules is not a cycle of the code.
                if target in modules and target != name and not name.startswith(target + "."):
                    edges[name].add(target)
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for target in edges[module]:
            if target not in index:
                visit(target)
                low[module] = min(low[module], low[target])
            elif target in stack:
                low[module] = min(low[module], index[target])
        if low[module] == index[module]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(edges):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_one_that_imports_it_back() -> None:
    assert _cycles(_graph()) == []


def test_the_check_sees_a_deferred_import_cycle() -> None:
    edges = {"a": {"b"}, "b": {"a"}, "c": {"a"}}
    assert _cycles(edges) == [["a", "b"]]
    assert "incidents.evals.bootstrap" in _graph()["incidents.evals.report"]


def test_the_product_does_not_import_the_evaluation_harness() -> None:
    """Issue 24: events, the pipeline, the text readers and the exporters use the product's
    own name matching and normaliser; only the events' scorer reads gold."""
    harness_users = {
        module
        for module, targets in _graph().items()
        if any(t == "incidents.evals" or t.startswith("incidents.evals.") for t in targets)
        and not module.startswith("incidents.evals")
    }
    allowed = {"incidents.events.scoring", "incidents.cli.evaluate", "incidents.cli.gold"}
    assert harness_users <= allowed, harness_users - allowed
