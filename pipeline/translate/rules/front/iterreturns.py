"""A function that returns a fresh iterator (``return itertools.islice(seq, n)``, ``return
map(f, xs)``) is the generator that yields its items: ``for v in islice(seq, n): yield v``
then ``return``, rewritten on the Python AST before lowering (top-level functions only: a
method's result ``obj.m()`` escapes the one-shot checks).

The two are one thing to every caller that consumes the result: the same items in the same
order, each computed when the caller asks for it (both lazy in Python), and the verifier
consumes either into a list within the call. They differ only in when the iterator's own
constructor runs (at the call, or at the first item): a constructor that raises (``islice(xs,
-1)``) raises within the verifier's call either way. The generator then translates as every
finite generator does (its items collected at the call), under the same checks of its
callers (analysis/oneshot.py, analysis/eagergen.py: consumed once; whole, unless it can
neither raise nor change an argument). Only when every ``return`` of the function (none bare)
returns such a call and it cannot end without one (Python's None), and only calls whose
result is finite for finite arguments, none of ``count``, ``cycle`` and ``repeat`` (even
``repeat(x, n)``) among or inside them.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from pipeline.translate.rules.front.callforms import ITERATOR_CALLS

INFINITE = frozenset({"itertools.count", "itertools.repeat", "itertools.cycle"})
FINITE = ITERATOR_CALLS - INFINITE
ITEM = "returned_item_"  # the loop variable of the rewritten return


def rewritten(fn: ast.FunctionDef, dotted: Callable[[ast.expr], str | None]) -> bool:
    """Rewrite ``fn``'s returns in place when each returns a finite iterator call (see the
    module docstring); whether it did. ``dotted`` resolves a called name through imports."""
    returns = list(_returns(fn.body))
    if not returns or any(_yields(s) for s in fn.body) or not _always_returns(fn.body):
        return False  # no return, a generator already, or falling off its end (None)
    if not all(r.value is not None and _iterator_call(r.value, dotted) for r in returns):
        return False
    _rewrite_block(fn.body)
    return True


def _always_returns(body: list[ast.stmt]) -> bool:
    """Whether every way through ``body`` ends in a ``return`` or a ``raise`` (checked
    plainly: the last statement, and both branches of a last ``if``)."""
    last = body[-1] if body else None
    if isinstance(last, ast.Return | ast.Raise):
        return True
    if isinstance(last, ast.If):
        return _always_returns(last.body) and _always_returns(last.orelse)
    return False


def _iterator_call(node: ast.expr, dotted: Callable[[ast.expr], str | None]) -> bool:
    if not isinstance(node, ast.Call) or any(isinstance(a, ast.Starred) for a in node.args):
        return False
    name = dotted(node.func)
    if any(isinstance(n, ast.Call) and dotted(n.func) in INFINITE for n in _walk(node.args)) or any(
        isinstance(n, ast.Call) and dotted(n.func) in INFINITE for n in _walk(node.keywords)
    ):
        return False  # ``map(f, count(1))``: endless
    if name == "iter":
        return len(node.args) == 1 and not node.keywords
    return name in FINITE


def _returns(body: list[ast.stmt]):  # generator of ast.Return
    for node in _walk(body):
        if isinstance(node, ast.Return):
            yield node


def _yields(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Yield | ast.YieldFrom) for n in _walk([node]))


def _walk(nodes: list) -> list[ast.AST]:
    """Every node under ``nodes``, not entering nested functions, lambdas or classes."""
    out: list[ast.AST] = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        out.append(node)
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | ast.ClassDef):
            stack.extend(ast.iter_child_nodes(node))
    return out


def _parts(value: ast.expr) -> list[str]:
    """Names for the parts of a ``zip``'s or ``enumerate``'s tuples (yielded rebuilt from
    them: the items, not references to them); none for other iterators."""
    if not (isinstance(value, ast.Call) and isinstance(value.func, ast.Name)):
        return []
    width = {"zip": len(value.args), "enumerate": 2}.get(value.func.id, 0)
    return [] if value.keywords and width else [f"{ITEM}{i}" for i in range(width)]


def _rewrite_block(body: list[ast.stmt]) -> None:
    for stmt in list(body):
        if isinstance(stmt, ast.Return) and stmt.value is not None:
            value = stmt.value
            called = (
                value.func.id
                if isinstance(value, ast.Call) and isinstance(value.func, ast.Name)
                else ""
            )
            if called == "iter" and isinstance(value, ast.Call):  # ``iter(xs)`` walks ``xs``
                value = value.args[0]
            names = _parts(value)
            item: ast.expr = ast.Tuple([ast.Name(n, ast.Load()) for n in names], ast.Load())
            target: ast.expr = ast.Tuple([ast.Name(n, ast.Store()) for n in names], ast.Store())
            if not names:
                item, target = ast.Name(ITEM, ast.Load()), ast.Name(ITEM, ast.Store())
            loop = ast.For(target, value, [ast.Expr(ast.Yield(item))], [])
            done = ast.Return(None)
            for new in (loop, done):
                ast.copy_location(new, stmt)
                ast.fix_missing_locations(new)
            at = body.index(stmt)
            body[at : at + 1] = [loop, done]
            continue
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            continue
        for field in ("body", "orelse", "finalbody"):
            block = getattr(stmt, field, None)
            if isinstance(block, list) and block and isinstance(block[0], ast.stmt):
                _rewrite_block(block)
        for handler in getattr(stmt, "handlers", []):
            _rewrite_block(handler.body)
        for case in getattr(stmt, "cases", []):
            _rewrite_block(case.body)
