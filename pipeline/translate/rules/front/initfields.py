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

from dataclasses import fields

from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import assigned_names, function_exprs, walk_stmts

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
