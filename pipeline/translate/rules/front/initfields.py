"""``__init__`` reading the fields it has already set.

``__init__`` becomes ``new``, which binds each field's value to a local and builds the struct
at its end (front/classes.py), so the object does not exist while ``__init__`` runs. A field
set at the top level of ``__init__`` is that local until the end, though: a later
``self.tc = [[0] * self.V ...]``, ``for i in range(n): self.parent[i] = i`` or
``self.count += 1`` reads or changes the same value through the local (``V``, ``parent``,
``count``), as Python does through the attribute. Every ``self.f`` of a field already set is
rewritten so, in place; any other use of ``self`` (a method call, a field not set yet) stays
and is refused as before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields

from pipeline.pytypes import PyType
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import (
    assigned_names,
    function_exprs,
    stmt_exprs,
    sub_exprs,
    walk_stmts,
)

OWN = ("targets", "target", "value", "test", "iter", "msg")  # a statement's expressions


def inner_names(fn: ir.Function) -> set[str]:
    """Names ``fn`` binds anywhere but its parameters (assignments, loop, comprehension and
    lambda variables): a field's local must not be one of them to stand for ``self.f``."""
    out = assigned_names(fn.body)
    for e in function_exprs(fn):
        if isinstance(e, ir.Comp):
            out |= {n.id for g in e.gens for n in _names(g.target)}
        elif isinstance(e, ir.Lambda):
            out |= set(e.params)
    return out


def _names(t: ir.Expr) -> list[ir.Name]:
    if isinstance(t, ir.Name):
        return [t]
    if isinstance(t, ir.Seq):
        return [n for x in t.elts for n in _names(x)]
    return []


def read_set_fields(s: ir.Stmt, locals_: dict[str, str]) -> None:
    """Rewrite ``self.f`` into ``locals_[f]`` throughout ``s`` (nested blocks included)."""
    if not locals_:
        return
    for inner in walk_stmts([s]):
        for name in OWN:
            value = getattr(inner, name, None)
            if isinstance(value, list):
                value[:] = [_expr(v, locals_) if isinstance(v, ir.Expr) else v for v in value]
            elif isinstance(value, ir.Expr):
                setattr(inner, name, _expr(value, locals_))


def _expr(e: ir.Expr, locals_: dict[str, str]) -> ir.Expr:
    if isinstance(e, ir.Attr) and isinstance(e.obj, ir.Name) and e.obj.id == "self":
        local = locals_.get(e.name)
        return ir.Name(local, line=e.line) if local is not None else e
    for f in fields(e):
        value = getattr(e, f.name)
        if isinstance(value, ir.Expr):
            setattr(e, f.name, _expr(value, locals_))
        elif isinstance(value, list):
            value[:] = [_item(v, locals_) for v in value]
        elif isinstance(value, dict):
            for k, v in value.items():
                value[k] = _item(v, locals_)
    return e


def _item(v: object, locals_: dict[str, str]) -> object:
    if isinstance(v, ir.Expr):
        return _expr(v, locals_)
    if isinstance(v, ir.CompFor):
        v.target, v.iter = _expr(v.target, locals_), _expr(v.iter, locals_)
        v.conds[:] = [_expr(c, locals_) for c in v.conds]
    elif isinstance(v, ir.FmtField):
        v.value = _expr(v.value, locals_)
        v.spec_args[:] = [_expr(a, locals_) for a in v.spec_args]
    return v


OBJECT = "this"  # the local holding the new object while the end of ``__init__`` runs


def split_tail(
    stmts: list[ir.Stmt], is_store: Callable[[ir.Stmt], bool], alone: bool
) -> tuple[list[ir.Stmt], list[ir.Stmt]]:
    """``__init__``'s statements before its last field store, and those after it when they
    use ``self`` (``for v in values: self.push(v)``): every field is set by then, so the
    object exists — ``new`` builds it into a local (``OBJECT``) and runs them on it, with
    ``self`` renamed. Without such a use, in a class with a base or subclasses (a subclass
    may override the methods called), where the local's name is taken or a statement
    returns, the tail is empty (its statements stay in the head, refused there as before)."""
    last = max((i for i, s in enumerate(stmts) if is_store(s)), default=-1)
    head, tail = stmts[: last + 1], stmts[last + 1 :]
    stored = {t.name for s in stmts if is_store(s) for t in getattr(s, "targets", [])}
    exprs = [x for s in walk_stmts(tail) for e in stmt_exprs(s) for x in sub_exprs(e)]
    # ``self.f`` of a field set is read through its local as before (read_set_fields): only
    # another use of ``self`` (a method call, ``self`` passed on) needs the object itself
    fields_read = {
        id(x.obj) for x in exprs if isinstance(x, ir.Attr) and getattr(x, "name", "") in stored
    }
    other = any(
        isinstance(x, ir.Name) and x.id == "self" and id(x) not in fields_read for x in exprs
    )
    returns = any(isinstance(s, ir.Return) for s in walk_stmts(tail))
    taken = OBJECT in assigned_names(stmts) or any(
        OBJECT in {x.id for e in stmt_exprs(s) for x in _names_in(e)} for s in walk_stmts(stmts)
    )
    if last < 0 or not other or returns or taken or not alone:
        return stmts, []
    for s in tail:
        for inner in walk_stmts([s]):
            for name in OWN:
                value = getattr(inner, name, None)
                if isinstance(value, list):
                    value[:] = [_renamed(v) if isinstance(v, ir.Expr) else v for v in value]
                elif isinstance(value, ir.Expr):
                    setattr(inner, name, _renamed(value))
    return head, tail


def _names_in(e: ir.Expr) -> list[ir.Name]:
    return [x for x in sub_exprs(e) if isinstance(x, ir.Name)]


def _renamed(e: ir.Expr) -> ir.Expr:
    """``e`` with every ``self`` the new object's local (in place where nested)."""
    if isinstance(e, ir.Name) and e.id == "self":
        return ir.Name(OBJECT, line=e.line)
    for f in fields(e):
        value = getattr(e, f.name)
        if isinstance(value, ir.Expr):
            setattr(e, f.name, _renamed(value))
        elif isinstance(value, list):
            value[:] = [_renamed_item(v) for v in value]
        elif isinstance(value, dict):
            for k, v in value.items():
                value[k] = _renamed_item(v)
    return e


def _renamed_item(v: object) -> object:
    if isinstance(v, ir.Expr):
        return _renamed(v)
    if isinstance(v, ir.CompFor):
        v.target, v.iter = _renamed(v.target), _renamed(v.iter)
        v.conds[:] = [_renamed(c) for c in v.conds]
    elif isinstance(v, ir.FmtField):
        v.value = _renamed(v.value)
        v.spec_args[:] = [_renamed(a) for a in v.spec_args]
    return v


def run_tail(new: ir.Function, tail: list[ir.Stmt], cls: PyType) -> list[ir.Stmt]:
    """``new`` ending ``this = Cls {..}; <tail>; return this`` where ``tail`` is not empty
    (``split_tail``); ``tail`` returned, to be checked for a ``self`` left."""
    if tail:
        end = new.body.pop()
        assert isinstance(end, ir.Return) and end.value is not None
        obj = ir.Name(OBJECT, line=end.line)
        new.body += [ir.Assign([obj], end.value, ann=cls, line=end.line), *tail]
        new.body.append(ir.Return(ir.Name(OBJECT, line=end.line), line=end.line))
    return tail
