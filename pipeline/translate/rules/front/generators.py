"""Infinite generators as lazy Rust iterators.

A finite generator is collected eagerly into a ``Vec``; one with a ``while True`` loop may
never end, so it becomes ``impl Iterator<Item = T>``: its setup statements, then
``std::iter::from_fn(move || loop { match state { ... } })``, a closure that owns the
generator's variables and resumes where the last ``yield`` left off.

The shape this handles exactly (anything else is refused, naming the construct)::

    def g(<int/float/bool parameters>):
        <setup: assignments of literals or parameters (cannot raise, so running them at the
         call rather than at the first next() is not observable)>
        while True:
            <statements; ``yield value`` / ``yield from name`` only at the top of the loop
             body or inside ``if`` branches there; ``return`` anywhere (but in a try) and
             ``break`` out of the ``while True`` end the iterator; no ``continue`` there>

A nested def of that shape may also read variables of the enclosing function (lifted as
trailing parameters): Copy ones are copied, one str or list is borrowed (the iterator is
``impl Iterator<Item = T> + '_``). Python reads them live, so the enclosing function must
neither rebind them after the def nor change them in place (``check_captures``).

Each ``yield`` gets a state: its continuation is the rest of its block followed by the rest
of every enclosing ``if``'s block, up to the end of the loop body (state ``_`` is the loop
body itself). Python suspends at a ``yield`` and resumes after it; the closure returns the
value and, on the next call, runs that continuation, then the loop body again. Values come
in the same order, state changes happen between the same items, a return ends it for good
(state ``DONE``), and arithmetic keeps its
overflow checks, so a panic happens at the same item as Python's exception.

``yield from xs`` (``xs`` a list variable the ``while True`` loop never assigns) is a state
with a cursor: entering it sets the cursor to 0 and dispatches to its arm, which
hands out ``xs[cursor]`` while ``cursor < len(xs)`` (Python's list iterator makes the same
test at each step) and then runs the continuation. An empty ``xs`` in a ``while True`` spins
forever, as Python does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import assigned_names, stmt_reads, target_names, walk_stmts

COPY_PARAMS = ("int", "float", "bool")
DONE = -1  # the state after a return: every later next() is None, as Python's


@dataclass
class Plan:
    """The pieces of an infinite generator: setup, loop body, and the resume points."""

    setup: list[ir.Stmt]
    body: list[ir.Stmt]
    arms: list[list[ir.Stmt]] = field(default_factory=list)  # arm k >= 1: after yield k
    states: dict[int, int] = field(default_factory=dict)  # id(yield) -> its arm
    ends: set[int] = field(default_factory=set)  # id of each return / break out of the loop
    pulls: dict[int, ir.Yield] = field(default_factory=dict)  # arm -> its ``yield from``
    cursors: dict[int, str] = field(default_factory=dict)  # arm -> its cursor (at emission)


def is_infinite(fn: ir.Function) -> bool:
    """Whether generator ``fn`` has a ``while True`` loop (it is then translated lazily)."""
    return fn.generator and any(_forever(s) for s in walk_stmts(fn.body))


def plan(fn: ir.Function) -> Plan:
    """Split ``fn`` into setup, loop body and resume arms; Refusal for other shapes."""
    *setup, loop = fn.body or [ir.Pass(line=fn.line)]
    if not _forever(loop):
        where = next((s for s in walk_stmts(fn.body) if _forever(s)), loop)
        raise Refusal(
            Code.STATEMENT,
            "infinite generator whose `while True` loop is not its last top-level statement",
            where.line,
        )
    assert isinstance(loop, ir.While)
    if loop.orelse:
        raise Refusal(Code.STATEMENT, "while True ... else in a generator", loop.line)
    for s in setup:
        _check_setup(s)
    out = Plan(setup, loop.body)
    _split(loop.body, [], out)
    if not out.arms:
        raise Refusal(Code.STATEMENT, "`while True` loop without a yield in a generator", loop.line)
    _check_variables(fn, out)
    return out


def _forever(s: ir.Stmt) -> bool:
    return isinstance(s, ir.While) and isinstance(s.test, ir.Const) and s.test.value is True


def _check_setup(s: ir.Stmt) -> None:
    """Setup runs at the call, Python's at the first next(): only statements that cannot
    raise keep that unobservable."""
    if isinstance(s, ir.Pass):
        return
    if isinstance(s, ir.Yield) or any(isinstance(x, ir.Yield) for x in walk_stmts([s])):
        raise Refusal(
            Code.STATEMENT, "yield before the `while True` loop of an infinite generator", s.line
        )
    if not (isinstance(s, ir.Assign) and _inert(s.value)):
        raise Refusal(
            Code.STATEMENT,
            "statement before the `while True` loop of an infinite "
            "generator that is not an assignment of literals (it could raise "
            "where Python raises only at the first next())",
            s.line,
        )


def _inert(e: ir.Expr) -> bool:
    """A literal, a name, or a display of them (evaluating it cannot raise)."""
    if isinstance(e, ir.Const | ir.Name):
        return True
    if isinstance(e, ir.Seq):
        return all(_inert(x) for x in e.elts)
    if isinstance(e, ir.DictLit):
        return all(_inert(x) for x in (*e.keys, *e.values))
    if isinstance(e, ir.Unary) and e.op == "-":
        return isinstance(e.operand, ir.Const)
    return False


def _split(stmts: list[ir.Stmt], tail: list[ir.Stmt], out: Plan) -> None:
    """Give every yield in ``stmts`` (followed by ``tail``) its resume arm."""
    for i, s in enumerate(stmts):
        rest = stmts[i + 1 :] + tail
        if isinstance(s, ir.Yield):
            if s.many and not isinstance(s.value, ir.Name):
                raise Refusal(
                    Code.STATEMENT,
                    "yield from of an expression in an infinite generator (only of a variable)",
                    s.line,
                )
            out.states[id(s)] = len(out.arms) + 1
            if s.many:
                out.pulls[len(out.arms) + 1] = s
            out.arms.append(rest)
            _split(stmts[i + 1 :], tail, out)
            return
        if isinstance(s, ir.If):
            if _ends_in_yield(s.body) and _ends_in_yield(s.orelse):
                raise Refusal(
                    Code.STATEMENT, "if whose branches both yield in an infinite generator", s.line
                )
            _split(s.body, rest, out)
            _split(s.orelse, rest, out)
        elif isinstance(s, ir.Break | ir.Return):
            out.ends.add(id(s))  # the loop is the generator's last statement: it ends
            return
        elif isinstance(s, ir.Continue):
            raise Refusal(
                Code.STATEMENT, "continue in the `while True` loop of an infinite generator", s.line
            )
        else:
            _refuse_inner(s, out)


def _ends_in_yield(stmts: list[ir.Stmt]) -> bool:
    return any(isinstance(s, ir.Yield) for s in stmts) or any(
        isinstance(s, ir.If) and _ends_in_yield(s.body) and _ends_in_yield(s.orelse) for s in stmts
    )


def _refuse_inner(s: ir.Stmt, out: Plan) -> None:
    """A yield inside a nested loop or try needs a deeper state machine; a return there
    ends the iterator (a Rust ``return`` leaves the closure too)."""
    in_try = {id(x) for t in walk_stmts([s]) if isinstance(t, ir.Try) for x in walk_stmts([t])}
    for inner in walk_stmts([s]):
        if isinstance(inner, ir.Yield):
            raise Refusal(
                Code.STATEMENT,
                "yield inside a nested loop or try of an infinite generator",
                inner.line,
            )
        if isinstance(inner, ir.Return):
            if id(inner) in in_try:
                raise Refusal(
                    Code.STATEMENT, "return inside try in an infinite generator", inner.line
                )
            out.ends.add(id(inner))


def _check_variables(fn: ir.Function, out: Plan) -> None:
    """Variables live across yields only if the closure owns them from the start: every
    name the loop assigns must be set before it (loop targets stay inside their loop)."""
    before = assigned_names(out.setup) | {p.name for p in fn.params}
    targets = {
        n for s in walk_stmts(out.body) if isinstance(s, ir.For) for n in target_names(s.target)
    }
    for s in walk_stmts(out.body):
        if isinstance(s, ir.Assign | ir.AugAssign):
            names = assigned_names([s])
            late = sorted(names - before)
            if late:
                raise Refusal(
                    Code.STATEMENT,
                    f"variable {late[0]} first bound inside the `while "
                    "True` loop of an infinite generator (set it before the loop)",
                    s.line,
                )
    clash = sorted(targets & before)
    if clash:
        raise Refusal(
            Code.STATEMENT,
            f"loop variable {clash[0]} also set outside its loop in an infinite generator",
            fn.line,
        )
    outside = {n for s in _outside_fors(out.body) for n in stmt_reads(s)}
    leaked = sorted(targets & outside)
    if leaked:
        raise Refusal(
            Code.STATEMENT,
            f"loop variable {leaked[0]} read after its loop in an infinite generator",
            fn.line,
        )


def _outside_fors(stmts: list[ir.Stmt]):  # generator of ir.Stmt
    """Statements not inside a for loop's body (a for's own header counts as outside)."""
    for s in stmts:
        yield s
        if isinstance(s, ir.For):
            yield from _outside_fors(s.orelse)
            continue
        for attr in ("body", "orelse", "finalbody"):
            yield from _outside_fors(getattr(s, attr, []))
        for h in getattr(s, "handlers", []):
            yield from _outside_fors(h.body)
