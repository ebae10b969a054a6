"""Queries over the IR that every pass reads: statements nested in a block, expressions owned
by a statement or nested in an expression, names bound by targets and assignments, names read.

They only read nodes; none of them knows a pass."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import fields

from pipeline.translate.rules.ir import nodes as ir


def _exprs_of(fn: ir.Function):  # generator of ir.Expr
    for s in walk_stmts(fn.body):
        yield from stmt_exprs(s)


def stmt_reads(s: ir.Stmt):  # generator of str
    """Names read by the expressions a statement owns directly."""
    for attr in ("targets", "target", "value", "test", "iter", "msg"):
        value = getattr(s, attr, None)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, ir.Expr) and not (
                attr in ("targets", "target") and isinstance(item, ir.Name)
            ):
                yield from names_read(item)


def const_int(e: ir.Expr) -> int | None:
    """The value of an integer literal (or its negation), else None."""
    if isinstance(e, ir.Const) and type(e.value) is int:
        return e.value
    if isinstance(e, ir.Unary) and e.op == "-" and isinstance(e.operand, ir.Const):
        v = e.operand.value
        return -v if type(v) is int else None
    return None


def target_names(t: ir.Expr) -> list[str]:
    """Names bound by an assignment target."""
    if isinstance(t, ir.Name):
        return [t.id]
    if isinstance(t, ir.Seq):
        return [n for x in t.elts for n in target_names(x)]
    if isinstance(t, ir.StarUnpack):
        return [n.id for n in (*t.before, t.star, *t.after)]
    return []


def assigned_names(stmts: list[ir.Stmt]) -> set[str]:
    """Every name bound anywhere in ``stmts`` (assignments and loop targets)."""
    out: set[str] = set()
    for s in walk_stmts(stmts):
        if isinstance(s, ir.Assign):
            for t in s.targets:
                out.update(target_names(t))
        elif isinstance(s, ir.For | ir.AugAssign):
            out.update(target_names(s.target))
    return out


def bound_names(fn: ir.Function) -> set[str]:
    """Every name ``fn`` binds anywhere (conservatively, in any scope of its body): its
    parameters, assignment and loop targets, nested defs, lambda parameters and
    comprehension variables."""
    out = {p.name for p in fn.params} | assigned_names(fn.body)
    for s in walk_stmts(fn.body):
        if isinstance(s, ir.LocalDef):
            out.add(s.fn.name)
            out |= bound_names(s.fn)
        elif isinstance(s, ir.Try):
            out.update(h.as_name for h in s.handlers if h.as_name)
    for e in function_exprs(fn):
        for x in sub_exprs(e):
            if isinstance(x, ir.Lambda):
                out.update(x.params)
            elif isinstance(x, ir.Comp):
                out.update(n for g in x.gens for n in target_names(g.target))
    return out


def store_targets(s: ir.Stmt) -> list[ir.Expr]:
    """The targets one statement stores to itself (not its nested blocks)."""
    if isinstance(s, ir.Assign):
        return list(s.targets)
    if isinstance(s, ir.AugAssign | ir.For):
        return [s.target]
    return []


def walk_stmts(stmts: list[ir.Stmt]):  # generator of ir.Stmt
    """Every statement, nested ones included, in source order."""
    for s in stmts:
        yield s
        for attr in ("body", "orelse", "finalbody"):
            yield from walk_stmts(getattr(s, attr, []))
        for h in getattr(s, "handlers", []):
            yield from walk_stmts(h.body)


_CHILDREN: dict[type, tuple[str, ...]] = {}


def _children(kind: type) -> tuple[str, ...]:
    """Field names of an IR class that can hold sub-expressions (cached per class)."""
    names = _CHILDREN.get(kind)
    if names is None:
        skip = {
            "line",
            "ty",
            "op",
            "ops",
            "id",
            "name",
            "func",
            "kind",
            "params",
            "value_str",
            "narrowed",
            "conv",
            "spec",
        }
        names = tuple(f.name for f in fields(kind) if f.name not in skip)
        _CHILDREN[kind] = names
    return names


def sub_exprs(e: ir.Expr) -> Iterator[ir.Expr]:
    """``e`` and every expression nested in it."""
    yield e
    for name in _children(type(e)):
        value = getattr(e, name)
        if value is None or isinstance(value, str | int | float | bool):
            continue
        if isinstance(value, dict):
            value = list(value.values())
        for item in value if isinstance(value, list) else (value,):
            if isinstance(item, ir.Expr):
                yield from sub_exprs(item)
            elif isinstance(item, ir.CompFor):
                yield from sub_exprs(item.target)
                yield from sub_exprs(item.iter)
                for c in item.conds:
                    yield from sub_exprs(c)
            elif isinstance(item, ir.FmtField):
                yield from sub_exprs(item.value)
                for a in item.spec_args:
                    yield from sub_exprs(a)


def function_exprs(fn: ir.Function) -> list[ir.Expr]:
    """Every expression in ``fn``'s body (computed once per function)."""
    if fn.exprs is None:
        fn.exprs = [e for s in walk_stmts(fn.body) for e in stmt_exprs(s)]
    return fn.exprs


def stmt_roots(s: ir.Stmt) -> list[ir.Expr]:
    """The top-level expressions a statement owns (not those of nested blocks)."""
    out: list[ir.Expr] = []
    for name in ("targets", "target", "value", "test", "iter", "msg"):
        value = getattr(s, name, None)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, ir.Expr):
                out.append(item)
    return out


def stmt_exprs(s: ir.Stmt) -> Iterator[ir.Expr]:
    """Expressions directly owned by a statement (not those of nested blocks)."""
    for root in stmt_roots(s):
        yield from sub_exprs(root)


def names_read(e: ir.Expr | None) -> Iterator[str]:
    """Names read by ``e`` in evaluation order, skipping comprehension/lambda variables."""
    if e is None:
        return
    if isinstance(e, ir.Name):
        yield e.id
        return
    if isinstance(e, ir.Comp):
        bound = {n for g in e.gens for n in target_names(g.target)}
        inner = [g.iter for g in e.gens] + [c for g in e.gens for c in g.conds]
        inner += [e.elt] + ([e.value] if e.value is not None else [])
        for x in inner:
            yield from (n for n in names_read(x) if n not in bound)
        return
    if isinstance(e, ir.Lambda):
        yield from (n for n in names_read(e.body) if n not in e.params)
        return
    for value in vars(e).values():
        items = (
            value.values()
            if isinstance(value, dict)
            else (value if isinstance(value, list) else [value])
        )
        for item in items:
            if isinstance(item, ir.Expr):
                yield from names_read(item)
            elif isinstance(item, ir.FmtField):
                yield from names_read(item.value)
                for a in item.spec_args:
                    yield from names_read(a)


def none_tests(test: ir.Expr, positive: bool) -> list[str]:
    """Names proven not None when ``test`` is true (``positive``) or false (a name that is
    true is not None: ``if values:``, ``if not values: return``)."""
    if isinstance(test, ir.Name) and positive:
        return [test.id]
    if _attr_path(test) and positive:  # ``if node.left:``: "node.left" (a dotted path)
        return [f"{test.obj.id}.{test.name}"]  # type: ignore[attr-defined]
    if isinstance(test, ir.Compare) and len(test.ops) == 1:
        right = test.rights[0]
        left = test.left
        path = left.id if isinstance(left, ir.Name) else None
        if _attr_path(left):
            path = f"{left.obj.id}.{left.name}"  # type: ignore[attr-defined]
        if path is not None and isinstance(right, ir.Const) and right.value is None:
            op = test.ops[0]
            if (op in ("is not", "!=")) == positive:
                return [path]
    if isinstance(test, ir.BoolOp) and (test.op == "and") == positive:
        return [n for v in test.values for n in none_tests(v, positive)]
    if isinstance(test, ir.Unary) and test.op == "not":
        return none_tests(test.operand, not positive)
    return []


def _attr_path(e: ir.Expr) -> bool:
    """``name.attr``: a path a None test may narrow (``analysis/infer_stmts.narrow``)."""
    return isinstance(e, ir.Attr) and isinstance(e.obj, ir.Name)


def show(e: ir.Expr) -> str:
    """Short source-like text of an expression for messages."""
    if isinstance(e, ir.Name):
        return e.id
    if isinstance(e, ir.Const):
        return repr(e.value)
    if isinstance(e, ir.Index):
        return f"{show(e.obj)}[{show(e.index)}]"
    if isinstance(e, ir.Attr):
        return f"{show(e.obj)}.{e.name}"
    return type(e).__name__.lower()


def loop_jumps(block: list[ir.Stmt]) -> list[ir.Stmt]:
    """The ``break``/``continue`` statements of ``block`` not inside one of its loops."""
    return [s for s in _outside_loops(block) if isinstance(s, ir.Break | ir.Continue)]


def closure_blocks(t: ir.Try) -> list[list[ir.Stmt]]:
    """The blocks of a general try that run inside closures: the body, and with a
    ``finally`` the handlers and ``else`` too (the guard, back/exceptions.py)."""
    if not t.finalbody:
        return [t.body]
    return [t.body, t.orelse, *(h.body for h in t.handlers)]


def ends_in_loop(body: list[ir.Stmt]) -> bool:
    """Whether control cannot fall off the end (``while True`` without break, raise)."""
    if not body:
        return False
    last = body[-1]
    if isinstance(last, ir.Raise):
        return True
    if isinstance(last, ir.If):
        return always_leaves(last.body) and always_leaves(last.orelse)
    if isinstance(last, ir.For | ir.While) and last.orelse and not has_break(last.body):
        return always_leaves(last.orelse)
    if isinstance(last, ir.Try) and last.general:  # the guard of a finally falls through
        return (
            not last.finalbody
            and always_leaves(last.body)
            and all(always_leaves(h.body) for h in last.handlers)
        )
    if isinstance(last, ir.Try):
        return isinstance(last.body[0], ir.Return) and all(
            always_leaves(h.body) for h in last.handlers
        )
    return (
        isinstance(last, ir.While)
        and isinstance(last.test, ir.Const)
        and last.test.value is True
        and not has_break(last.body)
    )


def always_leaves(body: list[ir.Stmt]) -> bool:
    """Whether ``body`` never falls off its end (it returns, raises or loops forever)."""
    return bool(body) and (isinstance(body[-1], ir.Return | ir.Raise) or ends_in_loop(body))


def has_break(body: list[ir.Stmt]) -> bool:
    """Whether ``body`` breaks out of its loop (directly, or inside an ``if`` or a ``try``)."""
    return any(isinstance(s, ir.Break) for s in _outside_loops(body))


def _outside_loops(block: list[ir.Stmt]) -> Iterator[ir.Stmt]:
    """The statements of ``block`` and of its nested blocks, not entering loop bodies."""
    for s in block:
        yield s
        inner = [getattr(s, "orelse", [])]
        if not isinstance(s, ir.For | ir.While):
            inner += [getattr(s, "body", []), getattr(s, "finalbody", [])]
            inner += [h.body for h in getattr(s, "handlers", [])]
        for b in inner:
            yield from _outside_loops(b)
