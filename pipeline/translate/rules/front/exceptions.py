"""What a ``general`` try (any block as its body, back/exceptions.py) may contain.

The body runs inside a closure under ``pyrt::catch``; with a ``finally``, the handlers and the
``else`` block run inside a second one (the guard), so that ``finally`` runs on every way out.
A closure can ``return`` (printed as ``ControlFlow::Break``) but cannot ``break`` or
``continue`` a loop outside it, nor ``yield`` for its generator: those are refused here, with
``return``/``break``/``continue`` inside ``finally`` (they would swallow the exception)."""

from __future__ import annotations

from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import closure_blocks, walk_stmts


def check_general(t: ir.Try) -> None:
    """Refuse what a closure-protected region cannot express."""
    for block in closure_blocks(t):
        leaving = _leaves_loop(block)
        if leaving is not None:
            raise Refusal(
                Code.STATEMENT,
                f"{_word(leaving)} leaving a try body of several statements "
                "(or its handlers, with a finally) is not supported",
                leaving.line,
            )
    for s in walk_stmts([t]):
        if isinstance(s, ir.Yield):
            raise Refusal(Code.STATEMENT, "yield inside try", s.line)
    for s in walk_stmts(t.finalbody):
        if isinstance(s, ir.Return | ir.Break | ir.Continue):
            raise Refusal(Code.STATEMENT, f"{_word(s)} inside finally", s.line)


def _leaves_loop(block: list[ir.Stmt]) -> ir.Stmt | None:
    """The first ``break``/``continue`` of ``block`` that is not inside one of its loops."""
    for s in block:
        if isinstance(s, ir.Break | ir.Continue):
            return s
        if isinstance(s, ir.For | ir.While):
            found = _leaves_loop(s.orelse)
        else:
            inner = [getattr(s, "body", []), getattr(s, "orelse", [])]
            inner += [getattr(s, "finalbody", []), *(h.body for h in getattr(s, "handlers", []))]
            found = next((x for b in inner if (x := _leaves_loop(b)) is not None), None)
        if found is not None:
            return found
    return None


def _word(s: ir.Stmt) -> str:
    return type(s).__name__.lower()
