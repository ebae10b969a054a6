"""Results of finite generators, which Python hands out as one-shot iterators.

A finite generator is collected eagerly into a ``Vec`` (front/generators.py): a caller that
iterates the result twice would see the items twice, where Python's generator is used up by
its first pass (``g = gen(xs); sum(g) + sum(g)`` is ``sum(g) + 0`` in Python). So a call of
a finite generator (a sibling or a nested def) is exact only where its result is consumed
once, in the shapes ``iterators`` allows for ``iter()`` objects:

- consumed where it is called: a ``for`` loop's iterable, a comprehension's first iterable,
  the argument of a consuming call (``list``, ``sum``, ``sorted``, ``str.join``, ``zip`` …);
- or bound by ``name = gen(...)`` once, and ``name`` then used exactly once, in one of those
  places, not inside a loop that does not also hold the binding.

Anything else (passed to a function, returned, stored, iterated twice) is refused naming the
generator, never left to compile with a list's semantics. In the bound form Python's generator
runs later, at its use, reading its arguments' live objects: an argument variable the function
changes in place or stores to after the binding, or a generator that changes an argument, is
refused (the Rust collects the items at the call).
"""

from __future__ import annotations

from pipeline.translate.rules.analysis import eagergen
from pipeline.translate.rules.analysis.facts import Ownership, SigLookup, Typed
from pipeline.translate.rules.analysis.iterators import Uses
from pipeline.translate.rules.analysis.ownership import MUTATING_MODES
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import (
    stmt_exprs,
    store_targets,
    sub_exprs,
    target_names,
    walk_stmts,
)


def check(typed: Typed, own: Ownership, lookup: SigLookup) -> None:
    """Refuse a finite generator's result used other than consumed once."""
    fn = typed.fn
    bodies = [fn.body] + [s.fn.body for s in walk_stmts(fn.body) if isinstance(s, ir.LocalDef)]
    for body in bodies:
        eagergen.check_comps(body)
        shots = _one_shot_calls(body, lookup)
        if not shots:
            continue
        names = _bound_names(body, shots)
        _OneShot(names, shots).block(body)
        for name, binding in names.items():
            _check_loops(body, name, binding)
            _check_live(body, binding, own, lookup)
        risky = {n for n in shots if not _eager_exact(n, lookup)}
        eagergen.check(body, risky, shots, names, own.mutated)


def _eager_exact(name: str, lookup: SigLookup) -> bool:
    sig = lookup(name)
    return sig is not None and sig.eager_exact


def _one_shot_calls(body: list[ir.Stmt], lookup: SigLookup) -> set[str]:
    """Names of the finite generators ``body`` calls."""
    out = set()
    for s in walk_stmts(body):
        for e in stmt_exprs(s):
            if isinstance(e, ir.Call) and isinstance(e.func, str):
                sig = lookup(e.func)
                if sig is not None and sig.one_shot:
                    out.add(e.func)
    return out


def _is_shot(e: ir.Expr | None, shots: set[str]) -> bool:
    return isinstance(e, ir.Call) and e.func in shots


def _bound_names(body: list[ir.Stmt], shots: set[str]) -> dict[str, ir.Assign]:
    """Variables bound to a generator's result -> their one binding; Refusal otherwise."""
    out: dict[str, ir.Assign] = {}
    for s in walk_stmts(body):
        if not (isinstance(s, ir.Assign) and _is_shot(s.value, shots)):
            continue
        target = s.targets[0] if len(s.targets) == 1 else None
        if not isinstance(target, ir.Name):
            raise _refuse(s.value, "bound other than to one variable", s.line)
        out[target.id] = s
    for name, binding in out.items():
        writes = [s for s in walk_stmts(body) for t in store_targets(s) if name in target_names(t)]
        if writes != [binding]:
            raise _refuse(
                binding.value, f"bound to {name}, which is bound more than once", binding.line
            )
    return out


def _check_loops(body: list[ir.Stmt], name: str, binding: ir.Assign) -> None:
    """The one use must not repeat without its binding: every loop holding the use holds
    the binding too."""
    uses = Uses({name})
    if len([n for n in uses.mentioned(body) if n is not binding.targets[0]]) != 1:
        raise _refuse(binding.value, f"bound to {name}, which is used more than once", binding.line)
    for s in walk_stmts(body):
        looped: list[ir.Stmt] = (
            s.body if isinstance(s, ir.For) else [s] if isinstance(s, ir.While) else []
        )
        used = [n for n in uses.mentioned(looped) if n is not binding.targets[0]]
        if used and binding not in walk_stmts(looped):
            raise _refuse(binding.value, f"bound to {name}, which a loop uses again", s.line)


def _check_live(body: list[ir.Stmt], binding: ir.Assign, own: Ownership, lookup: SigLookup) -> None:
    """Between the binding and the use nothing may change what the generator reads."""
    call = binding.value
    assert isinstance(call, ir.Call)
    sig = lookup(call.func)
    if sig is not None and any(mode in MUTATING_MODES for _, _, mode in sig.params):
        raise _refuse(call, "bound to a variable, and it changes an argument", binding.line)
    stmts = list(walk_stmts(body))
    later = {
        n
        for s in stmts[stmts.index(binding) + 1 :]
        for t in store_targets(s)
        for n in target_names(t)
    }
    for arg in [*call.args, *call.kwargs.values()]:
        for e in sub_exprs(arg):
            if isinstance(e, ir.Name) and (e.id in own.mutated or e.id in later):
                raise _refuse(
                    call,
                    f"bound to a variable while {e.id}, which it reads lazily, is changed later",
                    binding.line,
                )


def _refuse(call: ir.Expr | None, what: str, line: int | None) -> Refusal:
    name = call.func if isinstance(call, ir.Call) else "?"
    return Refusal(
        Code.CALL,
        f"result of generator {name}() {what} (Python's generator runs lazily and is used up "
        "by its first pass; the Rust collects its items at the call)",
        line,
    )


class _OneShot(Uses):
    """``iterators.Uses`` over the generator-result variables, where a generator call
    itself is allowed only as a consumed iterable (or the value of its one binding)."""

    def __init__(self, names: dict[str, ir.Assign], shots: set[str]) -> None:
        super().__init__(set(names))
        self.shots = shots

    def stmt(self, s: ir.Stmt) -> None:
        if isinstance(s, ir.Assign) and _is_shot(s.value, self.shots):
            assert isinstance(s.value, ir.Call)
            self.arguments(s.value)
            return
        if isinstance(s, ir.Yield) and s.many and s.value is not None:  # ``yield from``
            self.consumed(s.value)
            return
        super().stmt(s)

    def arguments(self, call: ir.Call) -> None:
        for a in [*call.args, *call.kwargs.values()]:
            self.free(a)

    def consumed(self, e: ir.Expr) -> set[str]:
        if isinstance(e, ir.Call) and e.func in self.shots:
            self.arguments(e)
            return set()
        return super().consumed(e)

    def free(self, e: ir.Expr) -> None:
        if isinstance(e, ir.Call) and e.func in self.shots:
            raise _refuse(e, "used other than by one loop or consuming call", e.line)
        super().free(e)

    def refuse(self, name: str, what: str, line: int | None) -> Refusal:
        return Refusal(
            Code.CALL,
            f"{name}, the result of a generator, {what} (Python's generator is used up by "
            "its first pass; only one loop or consuming call over it is translated)",
            line,
        )
