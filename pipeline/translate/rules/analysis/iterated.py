"""A list changed while a ``for`` loop iterates it (``for i, x in enumerate(xs): xs[i] = ...``,
``for j, c in enumerate(grid[i]): fill(grid, i, j)``).

Python's list iterator reads the live list by position: a store shows in the items still to
come, an append lengthens the loop. The Rust loop borrows the list for the whole loop, so the
change does not compile. Such a loop is refused here, naming the list and the change, never
left to a compile error: an item store, ``del`` of an item, a method that changes a list in
place, or the list (or an item of it) passed to a function that changes that argument (its
passing mode, from ``ownership``), on the list iterated or the container it was read from.
Dict loops are not concerned (``dictloops`` iterates a snapshot of the keys)."""

from __future__ import annotations

from pipeline.translate.rules.analysis.facts import SigLookup
from pipeline.translate.rules.analysis.ownership import MUTATING_MODES
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import stmt_exprs, walk_stmts

CHANGING = frozenset({"append", "extend", "insert", "pop", "remove", "clear", "sort", "reverse"})


def check(fn: ir.Function, lookup: SigLookup) -> None:
    for s in walk_stmts(fn.body):
        if not isinstance(s, ir.For):
            continue
        root = _iterated_root(s.iter)
        if root is None:
            continue
        change = _change(s.body, root, lookup)
        if change:
            raise Refusal(
                Code.ALIASING,
                f"list {root} is changed while a for loop iterates it ({change}): Python's "
                "loop sees the change, a Rust loop borrows the list",
                s.line,
            )


def _iterated_root(e: ir.Expr) -> str | None:
    """The variable a loop over a list reads (``xs``, ``enumerate(xs)``, ``grid[i]``)."""
    if isinstance(e, ir.Call) and e.func == "enumerate" and e.args:
        e = e.args[0]
    ty = getattr(e, "ty", None)
    if ty is None or ty.name != "list":
        return None
    return _root(e)


def _root(e: ir.Expr) -> str | None:
    while isinstance(e, ir.Index):
        e = e.obj
    return e.id if isinstance(e, ir.Name) else None


def _change(block: list[ir.Stmt], root: str, lookup: SigLookup, inner: bool = False) -> str:
    """How the loop body changes ``root`` in place ("" when it does not). A change the
    loop leaves right after (a ``return``, or a ``break`` of this loop, later in its block)
    compiles and means what Python means (``items.insert(i, v)`` then ``return``)."""
    for i, s in enumerate(block):
        if isinstance(s, ir.LocalDef) or _leaves(block[i + 1 :], inner):
            continue
        change = _direct(s, root, lookup)
        if change:
            return change
        loop = inner or isinstance(s, ir.For | ir.While)
        blocks = [getattr(s, a, []) for a in ("body", "orelse", "finalbody")]
        blocks += [h.body for h in getattr(s, "handlers", [])]
        for sub in blocks:
            change = _change(sub, root, lookup, loop)
            if change:
                return change
    return ""


def _leaves(rest: list[ir.Stmt], inner: bool) -> bool:
    """Whether the first jump of ``rest`` (statements of one block) leaves the loop."""
    for s in rest:
        if isinstance(s, ir.Return) or (isinstance(s, ir.Break) and not inner):
            return True
        if isinstance(s, ir.Break | ir.Continue):
            return False
    return False


def _direct(s: ir.Stmt, root: str, lookup: SigLookup) -> str:
    """A change of ``root`` by the statement itself (not its nested blocks)."""
    if isinstance(s, ir.Assign | ir.AugAssign | ir.Delete):
        targets = getattr(s, "targets", None) or [getattr(s, "target", None)]
        for t in targets:
            for part in _parts(t):
                if isinstance(part, ir.Index) and _root(part) == root:
                    return "an item stored" if not isinstance(s, ir.Delete) else "del"
    for e in stmt_exprs(s):
        if isinstance(e, ir.Method) and e.name in CHANGING and _root(e.obj) == root:
            return f".{e.name}()"
        if isinstance(e, ir.Call) and _passed_changed(e, root, lookup):
            return f"passed to {e.func}, which changes it"
    return ""


def _parts(t: ir.Expr | None) -> list[ir.Expr]:
    if isinstance(t, ir.Seq):
        return [p for elt in t.elts for p in _parts(elt)]
    return [t] if t is not None else []


def _passed_changed(call: ir.Call, root: str, lookup: SigLookup) -> bool:
    if not any(_root(a) == root for a in call.args):
        return False
    try:
        sig = lookup(call.func)
    except Refusal:
        return False
    if sig is None:
        return False
    return any(
        _root(a) == root and mode in MUTATING_MODES
        for a, (_n, _t, mode) in zip(call.args, sig.params, strict=False)
    )
