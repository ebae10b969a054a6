"""Closures: ``Callable`` values, lambdas and nested defs used as values.

Rust mapping (``pytypes.callable_arg_mode`` says how a closure takes each argument):
- a ``Callable[[A], R]`` parameter is ``impl Fn(A) -> R``, called like a sibling;
- a returned closure is ``impl Fn(..) -> R`` (``impl FnMut`` when it changes captured state),
  one stored in a list or returned by a closure is ``Box<dyn Fn(..) -> R>``;
- a lambda whose expected type is a ``Callable`` (return value, list element, lambda result)
  and a nested def used as a value become ``move`` closures.

Python closures capture *variables*, Rust ``move`` closures capture *values*. The two agree
only when nobody can observe the difference, which :func:`check` enforces (else PT033):
- a captured variable is never rebound (no late binding) and never changed in place by the
  enclosing function; loop and comprehension variables are captured only through the
  ``lambda x, p=p: ...`` idiom (which copies the current value in Python too);
- Copy values (int, float, bool, tuples of them) are copied, immutable ones (str, tuples of
  str) cloned; anything else, and ``Callable`` parameters, are moved, so the closure must be
  their last user: created once (not in a loop), captured by no other closure, and not
  referenced by the enclosing function afterwards;
- state the closure changes (``nonlocal`` counters, a cache dict) is owned by the closure
  alone (``FnMut``): the nested def is only returned, never called by the enclosing function.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.pytypes import PyType, callable_arg_mode
from pipeline.translate.rules.analysis.facts import NodeFacts, Ownership, Signature, Typed
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import (
    _exprs_of,
    assigned_names,
    names_read,
    stmt_exprs,
    stmt_roots,
    sub_exprs,
    target_names,
    walk_stmts,
)
from pipeline.translate.rules.types import unify as T


# ------------------------------------------------------------------ inference helpers
def callable_sig(name: str, t: PyType) -> Signature:
    """A call signature for a variable of type ``Callable[[A..], R]``."""
    params = [(f"arg{i}", a, callable_arg_mode(a)) for i, a in enumerate(t.args[:-1])]
    return Signature(name, params, t.args[-1])


def _exprs(fn: ir.Function) -> list[ir.Expr]:
    """Every expression of ``fn``'s own body (not cached: inference still rewrites calls)."""
    return [e for s in walk_stmts(fn.body) for e in stmt_exprs(s)]


def used_as_value(fn: ir.Function, name: str) -> bool:
    """Whether the nested def ``name`` is read as a value (returned, stored), not only called."""
    return any(isinstance(e, ir.Name) and e.id == name for e in _exprs(fn))


def def_captures(fn: ir.Function) -> set[str]:
    """Outer variables a nested def reads (or calls), plus those it rebinds through
    ``nonlocal``."""
    own = {p.name for p in fn.params} | (assigned_names(fn.body) - set(fn.nonlocals))
    called = {e.func for e in _exprs(fn) if isinstance(e, ir.Call)}
    return (captured_names(fn, {}) | called | set(fn.nonlocals)) - own


def lambda_captures(e: ir.Lambda) -> set[str]:
    """Outer variables a lambda reads or calls (its ``p=p`` defaults excluded)."""
    called = {c.func for c in sub_exprs(e.body) if isinstance(c, ir.Call)}
    inner = {p for x in sub_exprs(e.body) if isinstance(x, ir.Lambda) for p in x.params}
    return (set(names_read(e)) | (called - set(e.params) - inner)) - set(e.bound)


def immutable(t: PyType) -> bool:
    """Values Python cannot change in place and Rust does not copy implicitly (str, tuples
    and Optionals of them): a closure may hold its own clone."""
    if t.name == "str":
        return True
    return t.name in ("tuple", "Optional") and all(T.is_copy(a) or immutable(a) for a in t.args)


def mark_wanted(facts: NodeFacts, e: ir.Expr, want: PyType) -> None:
    """Tell lambdas in value positions of ``e`` the ``Callable`` type they must have."""
    if want.name == "Callable" and isinstance(e, ir.Lambda):
        facts.wanted[id(e)] = want
    elif want.name == "Optional":
        mark_wanted(facts, e, want.args[0])
    elif want.name == "list" and isinstance(e, ir.Comp) and e.kind == "list":
        mark_wanted(facts, e.elt, want.args[0])
    elif want.name == "list" and isinstance(e, ir.Seq) and e.kind == "list":
        for x in e.elts:
            mark_wanted(facts, x, want.args[0])
    elif want.name == "dict" and isinstance(e, ir.DictLit):
        for v in e.values:
            mark_wanted(facts, v, want.args[1])
    elif isinstance(e, ir.IfExp):
        mark_wanted(facts, e.body, want)
        mark_wanted(facts, e.orelse, want)


# ------------------------------------------------------------------ semantic checks
@dataclass
class Closure:
    """One closure of the enclosing function: where it is made and what it captures."""

    node: ir.Lambda | ir.LocalDef
    index: int  # top-level statement of the enclosing function that creates it
    repeated: bool  # created in a loop or a comprehension
    captured: set[str]
    state: set[str] = field(default_factory=set)  # captured variables it changes
    nests: bool = False  # a lambda holding lambdas (boxed closures inside must copy)


def check(typed: Typed, own: Ownership) -> set[str]:
    """Refuse closures whose captures Rust would not reproduce; return the variables that
    closures change (declared ``mut`` in the enclosing function)."""
    found = closures_of(typed)
    loop_vars = {
        n
        for s in walk_stmts(typed.fn.body)
        if isinstance(s, ir.For)
        for n in target_names(s.target)
    }
    _check_variables(typed, own, loop_vars)
    users: dict[str, int] = {}
    for c in found:
        for name in c.captured:
            users[name] = users.get(name, 0) + 1
    for c in found:
        for name in sorted(c.captured):
            _check_capture(typed, own, c, name, loop_vars, users[name])
        if c.state:
            _check_state(typed, c)
    return {n for c in found for n in c.state}


def closures_of(typed: Typed) -> list[Closure]:
    """Typed lambdas and closure defs of the function, with their captures."""
    out = []
    nested = {id(t.fn): t for t in typed.local_defs}
    variables = set(typed.locals) | set(typed.params) | set(typed.captured)
    for i, stmt in enumerate(typed.fn.body):
        if isinstance(stmt, ir.LocalDef) and stmt.closure:
            inner = nested[id(stmt.fn)]
            inner_own = inner.own
            changed = set(inner_own.mutated) | set(inner_own.write_count) if inner_own else set()
            out.append(Closure(stmt, i, False, set(inner.captured), changed & set(inner.captured)))
            continue
        for s, looped in _walk_loops([stmt], False):
            for e, in_comp, nests in _lambda_exprs(s):
                if nests:
                    _check_inner_lambdas(e)
                _check_bound(typed.facts, e)
                if e.ty is not None and e.ty.name == "Callable":
                    captured = lambda_captures(e) & (variables | _comp_targets(s))
                    out.append(Closure(e, i, looped or in_comp, captured, nests=nests))
    return out


def _check_variables(typed: Typed, own: Ownership, loop_vars: set[str]) -> None:
    """Variables holding one function: parameters (never rebound), nested defs and the items
    of a loop over a list of callables. Any other (a closure returned by a call) may be an
    ``FnMut`` whose state Python shares between names."""
    defs = {s.fn.name for s in typed.fn.body if isinstance(s, ir.LocalDef)}
    for name, ty in typed.params.items():
        if ty.name == "Callable" and name in own.rebound:
            raise Refusal(
                Code.CLOSURE_STATE,
                f"parameter {name} holds a function and is rebound",
                typed.fn.line,
            )
    for name, ty in typed.locals.items():
        if ty.name == "Callable" and name not in defs and name not in loop_vars:
            raise Refusal(
                Code.CLOSURE_STATE,
                f"variable {name} holds a function made elsewhere (only "
                "parameters, nested defs and loop items over a list of callables "
                "are supported)",
                typed.fn.line,
            )


def _check_bound(facts: NodeFacts, e: ir.Lambda) -> None:
    """``lambda x, p=p: ...`` binds the current object: fine unless it can change in place."""
    for name, ty in facts.bound.get(id(e), {}).items():
        if not (T.is_copy(ty) or immutable(ty)):
            raise Refusal(
                Code.CLOSURE_STATE,
                f"lambda default {name}={name} holds a mutable {ty} (shared in Python)",
                e.line,
            )


def _check_inner_lambdas(outer: ir.Lambda) -> None:
    """A lambda inside a lambda may capture the outer one's arguments only when they are Copy
    (the outer closure borrows the others, the boxed inner one would outlive them)."""
    t = outer.ty
    if t is None or t.name != "Callable":
        return
    borrowed = {p for p, a in zip(outer.params, t.args[:-1], strict=True) if not T.is_copy(a)}
    for inner in sub_exprs(outer.body):
        if isinstance(inner, ir.Lambda) and lambda_captures(inner) & borrowed:
            name = sorted(lambda_captures(inner) & borrowed)[0]
            raise Refusal(
                Code.CLOSURE_STATE,
                f"inner lambda captures {name}, a borrowed argument of the lambda around it",
                inner.line,
            )


def _check_capture(
    typed: Typed, own: Ownership, c: Closure, name: str, loop_vars: set[str], users: int
) -> None:
    what = _what(c)
    ty = typed.locals.get(name) or typed.params.get(name) or typed.captured.get(name)
    if ty is None:
        raise Refusal(
            Code.CLOSURE_STATE,
            f"{what} captures {name}, a loop or comprehension variable that "
            f"Python binds late (use {name}={name})",
            c.node.line,
        )
    if name in loop_vars or own.write_count.get(name, 0) > 1 or name in own.rebound:
        raise Refusal(
            Code.CLOSURE_STATE,
            f"{what} captures {name}, which is rebound (Python closures see the new value)",
            c.node.line,
        )
    if name in own.mutated:
        raise Refusal(
            Code.CLOSURE_STATE,
            f"{what} captures {name}, which the enclosing function changes "
            "in place (shared in Python)",
            c.node.line,
        )
    if (T.is_copy(ty) or immutable(ty)) and name not in c.state:
        return
    if c.nests:
        raise Refusal(
            Code.CLOSURE_STATE,
            f"{what} captures {name} of type {ty} for an inner lambda",
            c.node.line,
        )
    moved = ty.name == "Callable" and name in typed.params
    if not moved and (name in typed.params or isinstance(c.node, ir.Lambda)):
        raise Refusal(
            Code.CLOSURE_STATE,
            f"{what} captures {name} of type {ty} (shared by reference in Python)",
            c.node.line,
        )
    if c.repeated or users > 1 or _read_after(typed.fn.body, c.index, name):
        raise Refusal(
            Code.CLOSURE_STATE,
            f"{what} captures {name}, which is also used elsewhere (Python "
            "shares it; a Rust closure owns it)",
            c.node.line,
        )
    if moved and not _returned_directly(typed.fn.body, c):
        raise Refusal(
            Code.CLOSURE_STATE,
            f"{what} captures the function argument {name} but is not returned directly",
            c.node.line,
        )


def _check_state(typed: Typed, c: Closure) -> None:
    """A closure changing captured state must be the state's only user: only returned."""
    assert isinstance(c.node, ir.LocalDef)
    name = c.node.fn.name
    for s in walk_stmts(typed.fn.body):
        for e in stmt_exprs(s):
            if isinstance(e, ir.Call) and e.func == name:
                raise Refusal(
                    Code.CLOSURE_STATE,
                    f"nested def {name} changes captured state and is also "
                    "called by the enclosing function",
                    e.line,
                )
            if (
                isinstance(e, ir.Name)
                and e.id == name
                and not (isinstance(s, ir.Return) and s.value is e)
            ):
                raise Refusal(
                    Code.CLOSURE_STATE,
                    f"nested def {name} changes captured state and is used other than returned",
                    e.line,
                )


def _what(c: Closure) -> str:
    return "lambda" if isinstance(c.node, ir.Lambda) else f"nested def {c.node.fn.name}"


def _returned_directly(body: list[ir.Stmt], c: Closure) -> bool:
    """``return lambda ...`` or ``def g(...): ...`` followed by ``return g`` only."""
    if isinstance(c.node, ir.Lambda):
        s = body[c.index]
        return isinstance(s, ir.Return) and s.value is c.node
    return True


def _read_after(body: list[ir.Stmt], index: int, name: str) -> bool:
    """Whether any top-level statement after ``index`` reads or binds ``name``."""
    for s in body[index + 1 :]:
        if isinstance(s, ir.LocalDef):
            if name in captured_names(s.fn, {}) | set(s.fn.nonlocals):
                return True
            continue
        for sub in walk_stmts([s]):
            if any(
                isinstance(e, ir.Name) and e.id == name or isinstance(e, ir.Call) and e.func == name
                for e in stmt_exprs(sub)
            ):
                return True
    return False


# ------------------------------------------------------------------ walking
def _walk_loops(stmts: list[ir.Stmt], looped: bool):  # (stmt, in a loop)
    """Statements with whether they run in a loop body."""
    for s in stmts:
        yield s, looped
        inner = looped or isinstance(s, ir.For | ir.While)
        yield from _walk_loops(getattr(s, "body", []), inner)
        yield from _walk_loops(getattr(s, "orelse", []), looped)
        for h in getattr(s, "handlers", []):
            yield from _walk_loops(h.body, looped)


def _lambda_exprs(s: ir.Stmt):  # (lambda, in a comprehension, has lambdas)
    """Outermost lambdas directly owned by ``s``: whether a comprehension repeats them, and
    whether they hold lambdas themselves."""
    for top in stmt_roots(s):
        comps = [c for c in sub_exprs(top) if isinstance(c, ir.Comp)]
        in_comp = {id(x) for c in comps for x in sub_exprs(c) if x is not c}
        lambdas = [e for e in sub_exprs(top) if isinstance(e, ir.Lambda)]
        inner = {id(x) for lam in lambdas for x in sub_exprs(lam.body) if isinstance(x, ir.Lambda)}
        for e in lambdas:
            if id(e) not in inner:
                nests = any(isinstance(x, ir.Lambda) for x in sub_exprs(e.body))
                yield e, id(e) in in_comp, nests


def _comp_targets(s: ir.Stmt) -> set[str]:
    """Names bound by the comprehensions of a statement."""
    return {
        n
        for top in stmt_roots(s)
        for c in sub_exprs(top)
        if isinstance(c, ir.Comp)
        for g in c.gens
        for n in target_names(g.target)
    }


def captured_names(fn: ir.Function, local_sigs: dict[str, Signature]) -> set[str]:
    """Outer names a nested def reads (its own parameters and locals excluded); calling
    another nested def also needs what that one captured."""
    own = {p.name for p in fn.params} | assigned_names(fn.body)
    names: set[str] = set()
    for s in walk_stmts(fn.body):
        for attr in ("targets", "target", "value", "test", "iter", "msg"):
            value = getattr(s, attr, None)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, ir.Expr):
                    names.update(names_read(item))
    for e in _exprs_of(fn):
        if isinstance(e, ir.Call) and e.func in local_sigs:
            names.update(local_sigs[e.func].implicit)
    return names - own
