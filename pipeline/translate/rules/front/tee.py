"""``a, b = itertools.tee(xs)``: as many ``iter(xs)`` as targets (``a = iter(xs)``,
``b = iter(xs)``), which yield what tee's iterators yield when ``xs`` is a collection: each
walks the same items on its own. Inference refuses ``iter()`` of an iterator (tee would share
it; two ``iter()`` calls would see one iterator) and of a set, and the iterators analysis a
collection changed in place while they walk it (tee's buffer would keep the old items)."""

from __future__ import annotations

import ast
from collections.abc import Callable

from pipeline.translate.rules.diagnostics import Code, Refusal


def is_tee(node: ast.expr, dotted: Callable[[ast.expr], str | None]) -> bool:
    """Whether ``node`` calls ``itertools.tee``."""
    return isinstance(node, ast.Call) and dotted(node.func) == "itertools.tee"


def why_not(node: ast.Assign) -> str | None:
    """Why an assignment of a tee call is not the form translated (None when it is)."""
    call = node.value
    assert isinstance(call, ast.Call)
    target = node.targets[0] if len(node.targets) == 1 else None
    names = target.elts if isinstance(target, ast.Tuple | ast.List) else []
    if not names or not all(isinstance(n, ast.Name) for n in names):
        return "itertools.tee() other than unpacked into names (a, b = tee(xs))"
    if call.keywords or not 1 <= len(call.args) <= 2 or not isinstance(call.args[0], ast.Name):
        return "itertools.tee() of anything but a variable (and a literal count)"
    count = call.args[1] if len(call.args) == 2 else ast.Constant(2)
    if not isinstance(count, ast.Constant) or count.value != len(names):
        return "itertools.tee() whose count is not the number of names it is unpacked into"
    ids = [n.id for n in names]  # type: ignore[attr-defined]
    if call.args[0].id in ids or len(set(ids)) != len(ids):
        return "itertools.tee() rebinding its own argument or one name twice"
    return None


def iter_copies(
    node: ast.Assign, refuse: Callable[[Code, str, ast.AST], Refusal]
) -> list[ast.stmt]:
    """``a = iter(xs)`` for each name; the form not translated is refused (PT012)."""
    why = why_not(node)
    if why is not None:
        raise refuse(Code.CALL, why, node)
    call = node.value
    assert isinstance(call, ast.Call) and isinstance(node.targets[0], ast.Tuple | ast.List)
    out: list[ast.stmt] = []
    for name in node.targets[0].elts:
        value = ast.Call(ast.Name("iter", ast.Load()), [call.args[0]], [])
        stmt = ast.Assign([ast.Name(name.id, ast.Store())], value)  # type: ignore[attr-defined]
        for child in ast.walk(stmt):
            ast.copy_location(child, node)
        out.append(stmt)
    return out
