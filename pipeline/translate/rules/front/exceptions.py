"""What a ``general`` try (any block as its body, back/exceptions.py) may contain.

The body runs inside a closure under ``pyrt::catch``; with a ``finally``, the handlers and the
``else`` block run inside a second one (the guard), so that ``finally`` runs on every way out.
A ``return``, ``break`` or ``continue`` leaving a closure is returned from it as a
``ControlFlow`` and taken by the try's match. Refused here: ``return``/``break``/``continue``
inside ``finally`` (Python would drop the pending exception or return for it)."""

from __future__ import annotations

from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import walk_stmts


def check_general(t: ir.Try) -> None:
    """Refuse what a closure-protected region cannot express."""
    for s in walk_stmts(t.finalbody):
        if isinstance(s, ir.Return | ir.Break | ir.Continue):
            raise Refusal(Code.STATEMENT, f"{type(s).__name__.lower()} inside finally", s.line)
