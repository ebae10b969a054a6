"""The ``operator`` module's functions as the expressions they are documented to be:
``operator.add(a, b)`` is ``a + b``, ``operator.not_(a)`` is ``not a``, ``operator.lt`` passed
as a value is ``lambda a, b: a < b``. Rewritten on the Python AST before lowering, so each
form is typed and printed exactly as the operator written out (``operator.concat``, which
raises TypeError for numbers where ``+`` adds, and the identity tests are not among them)."""

from __future__ import annotations

import ast

BINARY: dict[str, type[ast.operator]] = {
    "add": ast.Add,
    "sub": ast.Sub,
    "mul": ast.Mult,
    "truediv": ast.Div,
    "floordiv": ast.FloorDiv,
    "mod": ast.Mod,
    "pow": ast.Pow,
    "lshift": ast.LShift,
    "rshift": ast.RShift,
    "and_": ast.BitAnd,
    "or_": ast.BitOr,
    "xor": ast.BitXor,
}
COMPARE: dict[str, type[ast.cmpop]] = {
    "lt": ast.Lt,
    "le": ast.LtE,
    "eq": ast.Eq,
    "ne": ast.NotEq,
    "ge": ast.GtE,
    "gt": ast.Gt,
}
UNARY: dict[str, type[ast.unaryop]] = {
    "neg": ast.USub,
    "pos": ast.UAdd,
    "invert": ast.Invert,
    "inv": ast.Invert,
    "not_": ast.Not,
}
BUILTIN = {"truth": "bool", "abs": "abs"}
OTHER_ARITY = {"contains": 2, "getitem": 2}


def arity(fn: str) -> int | None:
    """How many arguments ``operator.<fn>`` takes, None when it is not rewritten."""
    if fn in BINARY or fn in COMPARE or fn in OTHER_ARITY:
        return 2
    if fn in UNARY or fn in BUILTIN:
        return 1
    return None


def expression(fn: str, args: list[ast.expr]) -> ast.expr:
    """``operator.<fn>(*args)`` written out (``arity(fn) == len(args)``)."""
    if fn in BINARY:
        return ast.BinOp(args[0], BINARY[fn](), args[1])
    if fn in COMPARE:
        return ast.Compare(args[0], [COMPARE[fn]()], [args[1]])
    if fn in UNARY:
        return ast.UnaryOp(UNARY[fn](), args[0])
    if fn in BUILTIN:
        return ast.Call(ast.Name(BUILTIN[fn], ast.Load()), [args[0]], [])
    if fn == "contains":  # contains(a, b) is ``b in a``
        return ast.Compare(args[1], [ast.In()], [args[0]])
    return ast.Subscript(args[0], args[1], ast.Load())  # getitem


def call(name: str | None, node: ast.Call) -> ast.expr | None:
    """``operator.add(x, y)`` as ``x + y``; None for any other call."""
    fn = (name or "").removeprefix("operator.")
    if (
        name != f"operator.{fn}"
        or arity(fn) != len(node.args)
        or node.keywords
        or any(isinstance(a, ast.Starred) for a in node.args)
    ):
        return None
    return _located(expression(fn, list(node.args)), node)


def value(name: str | None, node: ast.expr) -> ast.expr | None:
    """``operator.add`` used as a value: ``lambda a, b: a + b``; None for any other name."""
    fn = (name or "").removeprefix("operator.")
    n = arity(fn) if name == f"operator.{fn}" else None
    if n is None:
        return None
    params = [f"operator_{c}" for c in "ab"[:n]]
    body = expression(fn, [ast.Name(p, ast.Load()) for p in params])
    args = ast.arguments([], [ast.arg(p) for p in params], None, [], [], None, [])
    return _located(ast.Lambda(args, body), node)


def _located(new: ast.expr, old: ast.expr) -> ast.expr:
    for child in ast.walk(new):
        ast.copy_location(child, old)
    return new
