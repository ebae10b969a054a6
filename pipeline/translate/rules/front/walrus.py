"""Lowering, pass 0: a walrus (``:=``) that Python evaluates first in a statement becomes an
assignment before that statement.

``if (m := find(s)) >= 0 and m < n:`` evaluates ``find(s)`` before anything else in the test,
unconditionally, and binds ``m``: exactly ``m = find(s)`` followed by ``if m >= 0 and m < n:``.
The walrus hoisted is the one in the statement's *leftmost* evaluated position (the test or
value itself, the left operand of a comparison, binary operation, subscript or attribute, the
first operand of ``and``/``or``, the operand of ``not``), found again inside its own value.
``while (line := next_line()) != "":`` becomes ``while True:`` whose body starts with the
assignment and ``if not (line != ""): break`` (a ``continue`` evaluates it again, as Python
does); a ``while`` with an ``else`` is left alone. A walrus anywhere else (behind a short
circuit, right of an operand evaluated before it) stays, and lowering refuses it.
"""

from __future__ import annotations

import ast

BODIES = ("body", "orelse", "finalbody")


def hoist(fn: ast.FunctionDef) -> ast.FunctionDef:
    """``fn`` with its statements' leftmost walruses hoisted (in place; returns ``fn``)."""
    fn.body = _block(fn.body)
    return fn


def _block(stmts: list[ast.stmt]) -> list[ast.stmt]:
    out: list[ast.stmt] = []
    for s in stmts:
        for field in BODIES:
            if isinstance(getattr(s, field, None), list):
                setattr(s, field, _block(getattr(s, field)))
        for part in [*getattr(s, "handlers", []), *getattr(s, "cases", [])]:
            part.body = _block(part.body)
        out.extend(_statement(s))
    return out


def _statement(s: ast.stmt) -> list[ast.stmt]:
    if isinstance(s, ast.If):
        before, s.test = _leftmost(s.test)
        return [*before, s]
    if isinstance(s, ast.While):
        return [_while(s)]
    if isinstance(s, ast.Expr) and isinstance(s.value, ast.NamedExpr):
        return _leftmost(s.value)[0]  # ``(x := f())`` alone is ``x = f()``
    if isinstance(s, ast.Assign | ast.AnnAssign | ast.Return | ast.Expr) and s.value is not None:
        before, s.value = _leftmost(s.value)
        return [*before, s]
    return [s]


def _while(s: ast.While) -> ast.stmt:
    """``while <walrus test>: body`` -> ``while True: <assign>; if not test: break; body``."""
    if s.orelse:
        return s
    before, test = _leftmost(s.test)
    if not before:
        return s
    stop = ast.If(ast.UnaryOp(ast.Not(), test), [ast.Break()], [])
    loop = ast.While(ast.Constant(True), [*before, stop, *s.body], [])
    for node in (stop, stop.test, stop.body[0], loop, loop.test):
        ast.copy_location(node, s)
    return loop


def _leftmost(e: ast.expr) -> tuple[list[ast.stmt], ast.expr]:
    """Assignments for the walruses Python evaluates first in ``e``, and ``e`` without them."""
    if isinstance(e, ast.NamedExpr):
        before, value = _leftmost(e.value)
        assign = ast.copy_location(ast.Assign([_name(e.target, ast.Store())], value), e)
        return [*before, assign], ast.copy_location(_name(e.target, ast.Load()), e)
    field = _FIRST.get(type(e))
    if field is None:
        return [], e
    first = getattr(e, field)
    if field == "values":  # BoolOp: its first operand
        before, first[0] = _leftmost(first[0])
    else:
        before, new = _leftmost(first)
        setattr(e, field, new)
    return before, e


def _name(target: ast.Name, ctx: ast.expr_context) -> ast.Name:
    return ast.copy_location(ast.Name(target.id, ctx), target)


# where each expression kind evaluates first (its leftmost operand)
_FIRST: dict[type, str] = {
    ast.Compare: "left",
    ast.BinOp: "left",
    ast.BoolOp: "values",
    ast.UnaryOp: "operand",
    ast.Subscript: "value",
    ast.Attribute: "value",
}
