"""The rule engine's layout stays a compiler in passes: imports flow one way down the layers
(engine -> session -> back -> analysis -> front -> types -> ir; diagnostics and runtime are
leaves), no import circle, no import inside a function or under TYPE_CHECKING, no file above
900 lines. See pipeline/translate/rules/__init__.py for the map."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parents[3] / "pipeline" / "translate" / "rules"
PACKAGE = "pipeline.translate.rules"
LAYERS = {  # higher imports lower (or its own layer), never the other way round
    "engine": 7,
    "session": 6,
    "back": 5,
    "analysis": 4,
    "front": 3,
    "types": 2,
    "ir": 1,
    "diagnostics": 0,
    "runtime": 0,
}
MAX_LINES = 900


def module_name(path: Path) -> str:
    parts = path.relative_to(RULES).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


MODULES = {module_name(p): p for p in sorted(RULES.rglob("*.py"))}


def layer(module: str) -> int | None:
    rest = module.removeprefix(PACKAGE).lstrip(".")
    return LAYERS.get(rest.split(".")[0]) if rest else None


def imported(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The modules of rules/ that an import statement loads."""
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        base = node.module or ""
        if node.level:
            here = module.split(".")
            if MODULES[module].name != "__init__.py":
                here = here[:-1]
            base = ".".join(here[: len(here) - node.level + 1] + ([base] if base else []))
        names = [base] + [f"{base}.{a.name}" for a in node.names]
    return [n for n in names if n in MODULES and n != module]


def imports_of(module: str) -> list[tuple[ast.stmt, str, bool]]:
    """(statement, imported module, whether it sits in a function or TYPE_CHECKING block)."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    nested: set[int] = set()
    for node in ast.walk(tree):
        inner = isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or (
            isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        )
        if inner:
            nested |= {id(x) for x in ast.walk(node) if isinstance(x, ast.Import | ast.ImportFrom)}
    return [
        (node, target, id(node) in nested)
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for target in imported(module, node)
    ]


GRAPH = {m: imports_of(m) for m in MODULES}


def test_every_module_has_a_layer() -> None:
    assert [m for m in MODULES if m != PACKAGE and layer(m) is None] == []


def test_no_import_inside_a_function_or_type_checking_block() -> None:
    found = [
        f"{m}:{node.lineno} imports {target}"
        for m, edges in GRAPH.items()
        for node, target, nested in edges
        if nested
    ]
    assert found == []


def test_imports_follow_the_layer_order() -> None:
    upward = []
    for m, edges in GRAPH.items():
        for node, target, _ in edges:
            here, there = layer(m), layer(target)
            if here is not None and there is not None and there > here:
                upward.append(f"{m}:{node.lineno} imports {target} (layer {there} > {here})")
    assert upward == []


def strongly_connected(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_circle() -> None:
    graph = {m: {target for _, target, _ in edges} for m, edges in GRAPH.items()}
    assert strongly_connected(graph) == []


def test_the_circle_finder_finds_circles() -> None:
    assert strongly_connected({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_file_above_the_line_limit(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{MODULES[module]}: {lines} lines"
