"""Iterator objects: ``it = iter(xs)`` locals, and the uses of them that are exact.

Python's iterator is a cursor into ``xs``: ``next(it)`` and every loop over ``it`` advance the
same cursor, so a ``for`` that breaks and a later ``for`` over ``it`` resume where the first
stopped. The Rust is ``let mut it = <owned items of xs>;`` (items copied or cloned as the
engine does for loops), ``next(it)`` is ``it.next()`` (``expect("StopIteration")`` without a
default) and every loop or consumer takes ``it.by_ref()``, which advances the same cursor.
Rust's general ``Zip`` asks its first iterator first and stops at the first exhausted one,
exactly as Python's ``zip`` does (``&mut I`` never takes the random-access shortcut).

Exact only in this shape (anything else is refused, naming the use):

- ``it = iter(x)`` once, as a statement of the function body (not in a loop, branch or
  nested def), in a plain function, or in a generator where every ``next(it)`` without a
  default sits in a ``try`` body whose handler catches StopIteration (a StopIteration that
  leaves a generator becomes RuntimeError, which a caller's handler would tell apart; inside
  the body it is caught as in a plain function); ``x`` anything the engine iterates in
  order, whose items are immutable (Python hands out the shared objects) and whose
  variables are neither changed in place in the function nor rebound after ``iter()``
  (Python's iterator would see the change);
- ``it`` is then only used by ``next(it)`` / ``next(it, default)`` (not inside a lambda or
  a comprehension), or consumed: the iterable of a ``for`` or of a comprehension's first
  ``for``, directly or through ``zip``/``enumerate``/``map``/``filter``, as the argument
  of ``list``/``tuple``/``set``/``sorted``/``sum``/``min``/``max``/``any``/``all``/
  ``str.join``/``next(<generator expression>)``; once per consuming expression, and not
  inside the loop (or comprehension) that consumes it.
"""

from __future__ import annotations

from typing import TypeGuard

from pipeline.translate.rules.analysis.facts import Ownership, Typed
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import (
    assigned_names,
    stmt_exprs,
    sub_exprs,
    target_names,
    walk_stmts,
)
from pipeline.translate.rules.types import unify as T

ITERATOR = "Iterator"
CONSUMERS = frozenset(
    {"list", "tuple", "set", "frozenset", "sorted", "sum", "min", "max", "any", "all"}
)
STOPS = frozenset({"StopIteration", "Exception", "BaseException"})
WRAPPED = {"zip": None, "enumerate": (0,), "map": (1,), "filter": (1,)}  # None: every arg


def is_iterator(e: ir.Expr) -> TypeGuard[ir.Name]:
    """Whether ``e`` is a variable holding an iterator object."""
    return isinstance(e, ir.Name) and e.ty is not None and e.ty.name == ITERATOR


def check(typed: Typed, own: Ownership) -> None:
    """Refuse every iterator object or ``iter()`` call outside the exact shape above."""
    fn = typed.fn
    names = {n for n, t in typed.locals.items() if t.name == ITERATOR}
    if not names and not any(_is_iter_call(e) for e in typed.exprs):
        return
    calls = _iter_calls(fn.body)
    nested = [
        e for s in walk_stmts(fn.body) if isinstance(s, ir.LocalDef) for e in _iter_calls(s.fn.body)
    ]
    if nested:
        raise Refusal(Code.CALL, "iter() in a nested def", nested[0].line)
    if fn.generator:
        escaping = _escaping_next(fn.body, names, caught=False)
        if escaping is not None:
            raise Refusal(
                Code.CALL,
                "next() without a default in a generator, not under `except StopIteration` "
                "(a StopIteration leaving a generator becomes RuntimeError)",
                escaping.line or fn.line,
            )
    bound = _bindings(fn, names)
    for e in calls:
        if id(e) not in bound:
            raise Refusal(
                Code.CALL,
                "iter() outside a statement `name = iter(...)` of the function body",
                e.line,
            )
    for index in bound.values():
        _check_source(fn, own, index)
    Uses(names).block(fn.body)


def consumed_once(fn: ir.Function, name: str) -> bool:
    """Whether parameter ``name`` is used once, outside loops, and consumed there (a loop's
    or consuming call's iterable, see the module docstring): a list argument and an
    iterator over its items then behave alike, so it may be ``impl IntoIterator``. Not in a
    generator: Python's runs lazily, the engine's collects at the call."""
    if fn.generator or name in assigned_names(fn.body):
        return False
    uses = Uses({name})
    if len(uses.mentioned(fn.body)) != 1:
        return False
    for s in walk_stmts(fn.body):
        looped: list[ir.Stmt] = (
            s.body if isinstance(s, ir.For) else [s] if isinstance(s, ir.While) else []
        )
        if uses.mentioned(looped):
            return False
    try:
        uses.block(fn.body)
    except Refusal:
        return False
    return True


def _escaping_next(stmts: list[ir.Stmt], names: set[str], caught: bool) -> ir.Call | None:
    """The first ``next(it)`` without a default whose StopIteration could leave the generator
    (not in a ``try`` body whose handler catches StopIteration), else None."""
    for s in stmts:
        if not caught:
            for e in stmt_exprs(s):
                if _bare_next(e, names):
                    return e
        inner = caught
        if isinstance(s, ir.Try):
            inner = caught or any(not h.names or set(h.names) & STOPS for h in s.handlers)
        found = _escaping_next(getattr(s, "body", []), names, inner)
        for attr in ("orelse", "finalbody"):
            found = found or _escaping_next(getattr(s, attr, []), names, caught)
        for h in getattr(s, "handlers", []):
            found = found or _escaping_next(h.body, names, caught)
        if isinstance(s, ir.LocalDef):
            found = found or _escaping_next(s.fn.body, names, False)
        if found is not None:
            return found
    return None


def _bare_next(e: ir.Expr, names: set[str]) -> TypeGuard[ir.Call]:
    """``next(it)`` without a default, ``it`` an iterator variable."""
    if not (isinstance(e, ir.Call) and e.func == "next" and len(e.args) == 1):
        return False
    it = e.args[0]
    return is_iterator(it) or (isinstance(it, ir.Name) and it.id in names)


def _iter_calls(stmts: list[ir.Stmt]) -> list[ir.Call]:
    return [e for s in walk_stmts(stmts) for e in stmt_exprs(s) if _is_iter_call(e)]


def _is_iter_call(e: ir.Expr) -> TypeGuard[ir.Call]:
    return (
        isinstance(e, ir.Call) and e.func == "iter" and e.ty is not None and (e.ty.name == ITERATOR)
    )


def _bindings(fn: ir.Function, names: set[str]) -> dict[int, int]:
    """id() of each bound ``iter()`` call -> its statement's index in the body; Refusal for
    an iterator variable bound otherwise, or more than once."""
    out: dict[int, int] = {}
    for name in sorted(names):
        writes = [s for s in walk_stmts(fn.body) if name in _bound_by(s)]
        s = writes[0] if len(writes) == 1 else None
        if not (
            isinstance(s, ir.Assign)
            and s in fn.body
            and len(s.targets) == 1
            and isinstance(s.targets[0], ir.Name)
            and _is_iter_call(s.value)
        ):
            line = writes[-1].line if writes else fn.line
            raise Refusal(
                Code.CALL,
                f"iterator variable {name} bound other than once, by "
                "`name = iter(...)` in the function body",
                line,
            )
        out[id(s.value)] = fn.body.index(s)
    return out


def _bound_by(s: ir.Stmt) -> list[str]:
    """Names one statement binds itself (not its nested blocks)."""
    if isinstance(s, ir.Assign):
        return [n for t in s.targets for n in target_names(t)]
    if isinstance(s, ir.For | ir.AugAssign):
        return target_names(s.target)
    return []


def _check_source(fn: ir.Function, own: Ownership, index: int) -> None:
    """What ``iter()`` walks must not change while the iterator lives (Python's iterator
    reads the live object; the Rust one borrows or copies it)."""
    s = fn.body[index]
    assert isinstance(s, ir.Assign) and isinstance(s.value, ir.Call)
    source = s.value.args[0]
    item = T.elem(s.value.ty or T.NONE) or T.NONE
    if T.contains_mutable(item):
        raise Refusal(
            Code.ALIASING,
            f"iter() over {item} items (Python hands out the shared "
            "objects; the Rust iterator copies them)",
            s.line,
        )
    later = assigned_names(fn.body[index + 1 :])
    for e in sub_exprs(source):
        if not isinstance(e, ir.Name):
            continue
        if e.id in own.mutated:
            raise Refusal(
                Code.ALIASING,
                f"{e.id} is changed in place in a function that iterates "
                "it with iter() (Python's iterator would see the change)",
                s.line,
            )
        if e.id in later:
            raise Refusal(
                Code.ALIASING,
                f"{e.id} is rebound after iter() of it (the Rust iterator borrows it)",
                s.line,
            )


class Uses:
    """Walks the function checking that each iterator variable is used as allowed."""

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def refuse(self, name: str, what: str, line: int | None) -> Refusal:
        return Refusal(
            Code.CALL,
            f"iterator {name} {what} (only next(), for loops and consuming calls are translated)",
            line,
        )

    def block(self, stmts: list[ir.Stmt]) -> None:
        for s in stmts:
            self.stmt(s)

    def stmt(self, s: ir.Stmt) -> None:
        if isinstance(s, ir.LocalDef):
            used = self.mentioned(s.fn.body)
            if used:
                raise self.refuse(used[0].id, f"used in nested def {s.fn.name}", s.line)
            return
        if isinstance(s, ir.Assign) and _is_iter_call(s.value):
            self.free(s.value.args[0])
            return
        if isinstance(s, ir.For):
            consumed = self.consumed(s.iter)
            inside = [n for n in self.mentioned(s.body) if n.id in consumed]
            if inside:
                raise self.refuse(
                    inside[0].id, "used inside the loop that consumes it", inside[0].line or s.line
                )
            self.free(s.target)
            self.block(s.body)
            self.block(s.orelse)
            return
        for attr in ("targets", "target", "value", "test", "msg"):
            value = getattr(s, attr, None)
            for e in value if isinstance(value, list) else [value]:
                if isinstance(e, ir.Expr):
                    self.free(e)
        for attr in ("body", "orelse", "finalbody"):
            self.block(getattr(s, attr, []))
        for h in getattr(s, "handlers", []):
            self.block(h.body)

    def mentioned(self, stmts: list[ir.Stmt]) -> list[ir.Name]:
        """Uses of iterator variables anywhere in ``stmts`` (nested defs included)."""
        out = []
        for s in walk_stmts(stmts):
            if isinstance(s, ir.LocalDef):
                out += self.mentioned(s.fn.body)
            out += [e for e in stmt_exprs(s) if isinstance(e, ir.Name) and e.id in self.names]
        return out

    def names_in(self, e: ir.Expr) -> list[ir.Name]:
        return [x for x in sub_exprs(e) if isinstance(x, ir.Name) and x.id in self.names]

    def consumed(self, e: ir.Expr) -> set[str]:
        """Check ``e``, an expression that is iterated to its end or to a stop (a loop's
        iterable, a consuming call's argument); the iterator variables it consumes."""
        if isinstance(e, ir.Name) and e.id in self.names:
            return {e.id}
        wrapped = WRAPPED.get(e.func, ()) if isinstance(e, ir.Call) else ()
        if isinstance(e, ir.Call) and e.func in WRAPPED and not e.kwargs.keys() - {"start"}:
            out: set[str] = set()
            for i, a in enumerate(e.args):
                if wrapped is None or i in wrapped:
                    got = self.consumed(a)
                    twice = sorted(got & out)
                    if twice:
                        raise self.refuse(twice[0], "consumed twice in one expression", e.line)
                    out |= got
                else:
                    self.free(a)
            for v in e.kwargs.values():
                self.free(v)
            return out
        if isinstance(e, ir.Comp):
            return self.comprehension(e)
        self.free(e)
        return set()

    def comprehension(self, e: ir.Comp) -> set[str]:
        """A comprehension consumes its first iterable; nothing else in it may touch an
        iterator (a ``next()`` in it would run once per item, lazily for a generator)."""
        first = self.consumed(e.gens[0].iter)
        rest = [
            e.elt,
            *([e.value] if e.value is not None else []),
            e.gens[0].target,
            *e.gens[0].conds,
        ]
        for g in e.gens[1:]:
            rest += [g.target, g.iter, *g.conds]
        for x in rest:
            found = self.names_in(x)
            if found:
                raise self.refuse(found[0].id, "used inside a comprehension", x.line or e.line)
        return first

    def free(self, e: ir.Expr) -> None:
        """Check ``e`` evaluated once for its value."""
        if isinstance(e, ir.Name) and e.id in self.names:
            raise self.refuse(e.id, "used as a value", e.line)
        if isinstance(e, ir.Lambda):
            found = self.names_in(e.body)
            if found:
                raise self.refuse(found[0].id, "used inside a lambda", e.line)
            return
        if isinstance(e, ir.Call) and e.func == "next" and e.args and is_iterator(e.args[0]):
            for a in e.args[1:]:
                self.free(a)
            return
        if (
            isinstance(e, ir.Call)
            and e.func == "next"
            and e.args
            and isinstance(e.args[0], ir.Comp)
        ):
            self.consumed(e.args[0])
            for a in e.args[1:]:
                self.free(a)
            return
        if isinstance(e, ir.Call) and e.func in CONSUMERS and len(e.args) == 1:
            self.consumed(e.args[0])
            for v in e.kwargs.values():
                self.free(v)
            return
        if (
            isinstance(e, ir.Method)
            and e.name == "join"
            and len(e.args) == 1
            and ((e.obj.ty or T.NONE).name == "str" or isinstance(e.obj, ir.Const))
        ):
            self.free(e.obj)
            self.consumed(e.args[0])
            return
        if isinstance(e, ir.Comp):
            if e.kind == "gen" and self.names_in(e):
                raise self.refuse(
                    self.names_in(e)[0].id,
                    "consumed by a generator expression that is not consumed at once",
                    e.line,
                )
            self.comprehension(e)
            return
        for child in _children(e):
            self.free(child)


def _children(e: ir.Expr) -> list[ir.Expr]:
    """Direct sub-expressions of ``e`` (comprehension clauses and f-string fields too)."""
    out: list[ir.Expr] = []
    for x in sub_exprs(e):
        if x is not e:
            out.append(x)
    direct = []
    seen: set[int] = set()
    for x in out:  # keep only the outermost ones: each is then walked by ``free``
        if id(x) in seen:
            continue
        direct.append(x)
        seen |= {id(y) for y in sub_exprs(x)}
    return direct
