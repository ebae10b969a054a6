"""Loops over a dict whose body changes that dict.

Python lets ``for k in d: d[k] = f(d[k])`` change the values of the keys it visits (the size
never changes), and raises ``RuntimeError: dictionary changed size during iteration`` once a
key is added or removed. Rust's borrow of ``d.keys()`` forbids both (E0502). So a loop over
a dict's keys whose body only stores into ``d[k]`` of its own key iterates a snapshot of the
keys (``d.keys().cloned().collect::<Vec<_>>()``: the same keys, in the same order, since no
key comes or goes); a body that may add or remove keys, or rebinds the dict, is refused.
"""

from __future__ import annotations

from pipeline.translate.rules.analysis.ownership import MUTATORS
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import stmt_exprs, store_targets, walk_stmts
from pipeline.translate.rules.types import unify as T

VALUES = "values"  # only d[k] = … of the loop's own key: a snapshot of the keys is exact
KEYS = "keys"  # keys may come or go (or the dict is rebound): Python raises, refused


def snapshots(fn: ir.Function) -> set[int]:
    """id() of the iterables of the dict loops to run over a snapshot of the keys; refuses a
    dict loop whose body may add or remove keys."""
    out: set[int] = set()
    for s in walk_stmts(fn.body):
        d = _looped_dict(s)
        if d is None:
            continue
        assert isinstance(s, ir.For)
        key = s.target.id if isinstance(s.target, ir.Name) else None
        change = _change(s.body, d, key)
        if change == KEYS:
            raise Refusal(
                Code.ALIASING,
                f"dict {d.id} may gain or lose keys while a loop iterates "
                "over it (Python raises RuntimeError: dictionary changed size "
                "during iteration)",
                s.line,
            )
        if change == VALUES:
            out.add(id(s.iter))
    return out


def _looped_dict(s: ir.Stmt) -> ir.Name | None:
    """``d`` for ``for k in d`` / ``for k in d.keys()`` over a dict variable."""
    if not isinstance(s, ir.For):
        return None
    it = s.iter
    if isinstance(it, ir.Method) and it.name == "keys" and not it.args:
        it = it.obj
    if isinstance(it, ir.Name) and it.ty is not None and it.ty.name in T.DICTLIKE:
        return it
    return None


def _change(body: list[ir.Stmt], d: ir.Name, key: str | None) -> str | None:
    """How ``body`` changes dict ``d``: KEYS, VALUES (own key only) or None."""
    found: str | None = None
    for s in walk_stmts(body):
        for target in store_targets(s):
            if isinstance(target, ir.Name) and target.id == d.id:
                return KEYS  # rebound: Python goes on over the old dict
            if isinstance(target, ir.Index) and _is(target.obj, d):
                if not (
                    key is not None and isinstance(target.index, ir.Name) and target.index.id == key
                ):
                    return KEYS
                found = VALUES
        if isinstance(s, ir.Delete) and any(
            isinstance(t, ir.Index) and _is(t.obj, d) for t in s.targets
        ):
            return KEYS
        if any(_adds_or_removes(e, d, key) for e in stmt_exprs(s)):
            return KEYS
    return found


def _adds_or_removes(e: ir.Expr, d: ir.Name, key: str | None) -> bool:
    """A call that may change ``d``'s keys, or a defaultdict read that inserts one."""
    kind = (d.ty or T.NONE).name
    if isinstance(e, ir.Method) and _is(e.obj, d):
        return e.name in MUTATORS.get(kind, MUTATORS["dict"])
    if kind == "defaultdict" and isinstance(e, ir.Index) and _is(e.obj, d):
        return not (key is not None and isinstance(e.index, ir.Name) and e.index.id == key)
    return False


def _is(e: ir.Expr, d: ir.Name) -> bool:
    return isinstance(e, ir.Name) and e.id == d.id
