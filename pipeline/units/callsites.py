"""Literal calls of a module's functions: the evidence for unannotated parameters' types.

A parameter with neither annotation nor a typed default gets its type from the calls the
sharder can see in its module: the ``>>>`` examples of any docstring, and the calls in the
module's own code, where every argument is a literal (``f(3, [1, 2])``, ``f(n=-1)``). The
sharder collects them once per module, in source order (code first, then doctests), and hands
each unit the calls of itself and of the siblings it calls; the rule engine turns them into
types (``translate/rules/paramhints.py``). Call sites in other modules are not seen.
"""

from __future__ import annotations

import ast
import doctest
from collections.abc import Iterable

DefNode = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
MAX_CALLS = 16  # per function: enough to agree on a type, few enough for the cache key
_LITERAL_LEAVES = (ast.Constant,)
_LITERAL_BOXES = (ast.List, ast.Tuple, ast.Set)


def needs_evidence(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Whether some parameter has no annotation and no default but ``None`` (its type can
    only come from calls)."""
    args = node.args
    plain = args.posonlyargs + args.args
    defaults = [None] * (len(plain) - len(args.defaults)) + list(args.defaults)
    return any(a.annotation is None and (d is None or _is_none(d))
               for a, d in zip(plain, defaults, strict=True))


def literal_calls(tree: ast.Module, wanted: set[str]) -> dict[str, tuple[str, ...]]:
    """For each name in ``wanted``, the source of its calls with literal arguments only."""
    found: dict[str, list[str]] = {name: [] for name in wanted}
    if not wanted:
        return {}
    for call in _code_calls(tree, wanted):
        _keep(found, call)
    for call in _doctest_calls(tree, wanted):
        _keep(found, call)
    return {name: tuple(calls) for name, calls in found.items() if calls}


def _keep(found: dict[str, list[str]], call: ast.Call) -> None:
    assert isinstance(call.func, ast.Name)
    calls = found[call.func.id]
    text = ast.unparse(call)
    if len(calls) < MAX_CALLS and text not in calls:
        calls.append(text)


def _code_calls(tree: ast.Module, wanted: set[str]) -> list[ast.Call]:
    return _in_order(n for n in ast.walk(tree) if _is_literal_call(n, wanted))


def _doctest_calls(tree: ast.Module, wanted: set[str]) -> list[ast.Call]:
    """Literal calls in the ``>>>`` examples of every docstring of the module."""
    parser = doctest.DocTestParser()
    out: list[ast.Call] = []
    for node in [tree, *(n for n in ast.walk(tree) if isinstance(n, DefNode))]:
        text = ast.get_docstring(node, clean=True)
        if not text or ">>>" not in text:
            continue
        try:
            examples = parser.get_examples(text)
        except ValueError:
            continue
        for example in examples:
            try:
                parsed = ast.parse(example.source)
            except (SyntaxError, ValueError, MemoryError, RecursionError):
                continue
            out.extend(_in_order(n for n in ast.walk(parsed) if _is_literal_call(n, wanted)))
    return out


def _in_order(calls: Iterable[ast.AST]) -> list[ast.Call]:
    found = [n for n in calls if isinstance(n, ast.Call)]
    return sorted(found, key=lambda n: (n.lineno, n.col_offset))


def _is_literal_call(node: ast.AST, wanted: set[str]) -> bool:
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in wanted):
        return False
    return (all(_is_literal(a) for a in node.args)
            and all(k.arg is not None and _is_literal(k.value) for k in node.keywords))


def _is_literal(node: ast.expr) -> bool:
    """A literal ``ast.literal_eval`` accepts, checked without evaluating it."""
    if isinstance(node, _LITERAL_LEAVES):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        return isinstance(node.operand, ast.Constant)
    if isinstance(node, _LITERAL_BOXES):
        return all(_is_literal(e) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _is_literal(k) for k in node.keys) and all(
            _is_literal(v) for v in node.values)
    return False


def _is_none(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and node.value is None
