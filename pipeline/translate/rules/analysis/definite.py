"""Definite assignment: a local read on a path that never assigned it is refused (PT034).

Python raises ``UnboundLocalError`` when a local is read before any assignment on the path
taken (``if c: x = 1`` then ``return x``); Rust rejects such a read at compile time (E0381).
Refusing it here names the variable and the Python line instead of leaving a rustc error.
The analysis follows the rules rustc applies to the emitted code: a name is assigned after an
``if`` only when both branches assign it; a ``for``/``while`` body may not run; ``while True``
(emitted as ``loop``) is left only through ``break``; ``return``/``raise``/``break``/
``continue`` end a path; a ``try``'s handlers start from the state before its statement.
Nested defs are checked on their own, with the enclosing function's names taken as given.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import assigned_names, names_read, stmt_reads, target_names

State = frozenset[str] | None  # the names surely assigned; None: the path cannot get here


def check(fn: ir.Function, outer: frozenset[str] = frozenset()) -> None:
    """Refuse the first read of a local of ``fn`` that some path reaches unassigned."""
    params = frozenset(p.name for p in fn.params)
    local = assigned_names(fn.body) - params - outer
    local |= {s.fn.name for s in fn.body if isinstance(s, ir.LocalDef)}
    _Flow(frozenset(local), outer | params | local).block(fn.body, params | outer)


def _meet(*states: State) -> State:
    live = [s for s in states if s is not None]
    return frozenset.intersection(*live) if live else None


class _Flow:
    def __init__(self, local: frozenset[str], visible: frozenset[str]) -> None:
        self.local = local
        self.visible = visible  # what a nested def may take from this function
        self.breaks: list[list[State]] = []

    def block(self, stmts: list[ir.Stmt], state: State) -> State:
        for s in stmts:
            if state is None:
                return None
            state = self.stmt(s, state)
        return state

    def reads(self, names: Iterable[str], state: frozenset[str], line: int | None) -> None:
        for name in names:
            if name in self.local and name not in state:
                raise Refusal(
                    Code.UNASSIGNED,
                    f"variable {name} may be read before it is assigned "
                    "(on some path Python raises UnboundLocalError here)",
                    line,
                )

    def stmt(self, s: ir.Stmt, state: frozenset[str]) -> State:
        if isinstance(s, ir.If | ir.While | ir.For | ir.Try):
            return self.compound(s, state)
        if isinstance(s, ir.Assign):
            self.reads(names_read(s.value), state, s.line)
            for t in s.targets:
                self.reads(_target_reads(t), state, s.line)
        else:
            self.reads(stmt_reads(s), state, s.line)
        if isinstance(s, ir.AugAssign):
            self.reads(target_names(s.target), state, s.line)
        if isinstance(s, ir.Return | ir.Raise | ir.Continue):
            return None
        if isinstance(s, ir.Break):
            self.breaks[-1].append(state)
            return None
        if isinstance(s, ir.LocalDef):
            check(s.fn, self.visible)
            return state | {s.fn.name}
        if isinstance(s, ir.Assign):
            return state.union(*(target_names(t) for t in s.targets))
        if isinstance(s, ir.AugAssign):
            return state | set(target_names(s.target))
        return state

    def compound(self, s: ir.If | ir.While | ir.For | ir.Try, state: frozenset[str]) -> State:
        if isinstance(s, ir.If):
            self.reads(stmt_reads(s), state, s.line)
            return _meet(self.block(s.body, state), self.block(s.orelse, state))
        if isinstance(s, ir.Try):
            done = self.block(s.body, state)
            handlers = [
                self.block(h.body, state | ({h.as_name} if h.as_name else set()))
                for h in s.handlers
            ]
            after = _meet(self.block(s.orelse, done) if done is not None else None, *handlers)
            return self.block(s.finalbody, after) if after is not None else None
        self.reads(names_read(s.test if isinstance(s, ir.While) else s.iter), state, s.line)
        if isinstance(s, ir.For):
            self.reads(_target_reads(s.target), state, s.line)
        forever = (
            isinstance(s, ir.While) and isinstance(s.test, ir.Const) and (s.test.value is True)
        )
        inner = state | set(target_names(s.target)) if isinstance(s, ir.For) else state
        self.breaks.append([])
        self.block(s.body, inner)
        breaks = self.breaks.pop()
        exit_state = None if forever else self.block(s.orelse, state)
        return _meet(exit_state, *breaks)


def _target_reads(t: ir.Expr) -> Iterator[str]:
    """Names an assignment target reads (``xs[i] = v`` reads ``xs`` and ``i``)."""
    if isinstance(t, ir.Seq):
        for x in t.elts:
            yield from _target_reads(x)
    elif not isinstance(t, ir.Name | ir.StarUnpack):
        yield from names_read(t)
