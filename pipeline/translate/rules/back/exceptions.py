"""Printing a ``general`` try: any block as its body, with Python's exact order of effects.

Python exceptions are Rust panics whose message starts with the class name (``pyrt::caught``
matches them by class); the body runs as one closure under ``pyrt::catch``::

    match pyrt::catch(|| -> ControlFlow<R, u8> { <body>; ControlFlow::Continue(0) }) {
        Ok(ControlFlow::Continue(0)) => { <else> }              // fell off the body's end
        Ok(ControlFlow::Continue(1)) => { break; }              // a `break` in the body
        Ok(ControlFlow::Continue(2)) => { continue; }           // a `continue` in the body
        Ok(ControlFlow::Continue(_)) => unreachable!(..),
        Ok(ControlFlow::Break(value)) => return value,          // a `return` in the body
        Err(err) if pyrt::caught(&err, &["ValueError"]) => { <handler> }
        Err(err) => std::panic::resume_unwind(err),              // not ours: on its way
    }

The closure captures the function's variables by reference, so every statement before the
one that raises keeps its effects (assignments, appends, attribute writes), exactly as in
Python; what it declares itself lives in it. A variable declared outside and first assigned
inside is declared with a value (``scopes.valued``), never read before Python assigns it.
The handlers and ``else`` run outside the closure: what they raise is not handled by this
``try``. With ``finally``, the whole match runs in a second closure (the guard) and the
``finally`` block runs after it on every way out, then the guard's outcome is resumed:
a pending ``return``, ``break`` or ``continue`` is taken, a pending exception propagates
unchanged. Inside any closure ``return`` is ``return ControlFlow::Break(value)`` and a
``break``/``continue`` of a loop outside it ``return ControlFlow::Continue(1 | 2)``, passed
on by each enclosing try until the loop's own level. An eager generator's closures push to
its list as its body does (``Break(())`` returns the list); a lazy one is refused.
"""

from __future__ import annotations

from pipeline.translate.rules.back.api import EmitterAPI
from pipeline.translate.rules.back.rust import rtype
from pipeline.translate.rules.diagnostics import Code
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import (
    always_leaves,
    closure_blocks,
    loop_jumps,
    names_read,
    stmt_reads,
    target_names,
    walk_stmts,
)
from pipeline.translate.rules.types import unify as T

FLOW = "std::ops::ControlFlow"
FELL, BREAK, CONTINUE = 0, 1, 2  # how a closure's block ended (``Continue`` of the flow)


def general_try(em: EmitterAPI, s: ir.Try) -> None:
    """Print ``s`` (``s.general``)."""
    if em.resume is not None:
        raise em.refuse("try around several statements in an infinite generator", s, Code.STATEMENT)
    if em.typed.returns.name == "Callable":
        raise em.refuse("try around several statements returning a function", s, Code.STATEMENT)
    if not s.finalbody:
        _protected(em, s)
        return
    _check_returned(em, s)
    outcome = em.fresh("outcome")
    with _closure(em, f"let {outcome} = {em.rt('catch')}(|| -> {flow_type(em)} {{"):
        _protected(em, s)
        if not _diverges(s):
            em.line(f"{FLOW}::Continue({FELL})")
    em.line("});")
    em.block(s.finalbody)
    em.line(f"match {outcome} {{")
    em.depth += 1
    em.line(f"Ok({FLOW}::Continue({FELL})) => {{}}")
    _jump_arms(em, [s.body, s.orelse, *(h.body for h in s.handlers)])
    _break_arm(em)
    em.line(f"Err({outcome}) => std::panic::resume_unwind({outcome}),")
    em.depth -= 1
    em.line("}")
    em.taken.discard(outcome)


def _protected(em: EmitterAPI, s: ir.Try) -> None:
    """The body under ``catch``, then the arms: ``else``, return, handlers, propagation."""
    err = em.fresh("err")
    with _closure(em, f"match {em.rt('catch')}(|| -> {flow_type(em)} {{"):
        em.block(s.body)
        if not always_leaves(s.body):
            em.line(f"{FLOW}::Continue({FELL})")
    em.line("}) {")
    em.depth += 1
    em.line(f"Ok({FLOW}::Continue({FELL})) => {{")
    if always_leaves(s.body):
        em.depth += 1
        em.line('unreachable!("the try body always leaves")')
        em.depth -= 1
    else:
        em.sub_block(s.orelse)
    em.line("}")
    _jump_arms(em, [s.body])
    _break_arm(em)
    for h in s.handlers:
        names = ", ".join(f'"{n}"' for n in h.names)
        em.line(f"Err({err}) if {em.rt('catch', 'caught')}(&{err}, &[{names}]) => {{")
        em.handling.append(err)
        if h.as_name:
            em.caught_errors[h.as_name] = err
        em.sub_block(h.body)
        em.caught_errors.pop(h.as_name or "", None)
        em.handling.pop()
        em.line("}")
    em.line(f"Err({err}) => std::panic::resume_unwind({err}),")
    em.depth -= 1
    em.line("}")
    em.taken.discard(err)


def _break_arm(em: EmitterAPI) -> None:
    """A ``return`` that left a closure returns from the enclosing function (or closure)."""
    value = em.fresh("value")
    em.line(f"Ok({FLOW}::Break({value})) => {em.return_code(value)},")
    em.taken.discard(value)


def _check_returned(em: EmitterAPI, s: ir.Try) -> None:
    """Python returns the object itself, and ``finally`` runs after: what it does to that
    object shows in the result, while the closure hands out a value already taken. A
    returned value of a type that is not Copy may not name what ``finally`` uses."""
    if em.yielded is not None or T.is_copy(em.typed.returns):
        return
    used = {n for x in walk_stmts(s.finalbody) for n in (*stmt_reads(x), *_bound(x))}
    for block in closure_blocks(s):
        for r in walk_stmts(block):
            if isinstance(r, ir.Return) and set(names_read(r.value)) & used:
                shared = sorted(set(names_read(r.value)) & used)[0]
                raise em.refuse(
                    f"return of {shared} inside a try whose finally uses it "
                    "(the returned object would show what finally does)",
                    r,
                    Code.STATEMENT,
                )


def _bound(s: ir.Stmt) -> list[str]:
    return [n for t in getattr(s, "targets", []) for n in target_names(t)]


def _jump_arms(em: EmitterAPI, blocks: list[list[ir.Stmt]]) -> None:
    """A ``break``/``continue`` that left the closure (from ``blocks``) is taken here, then
    the other codes cannot occur (``Continue`` of a u8)."""
    jumps = {type(j) for b in blocks for j in loop_jumps(b)}
    for kind, code in ((ir.Break, BREAK), (ir.Continue, CONTINUE)):
        if any(issubclass(j, kind) for j in jumps):
            em.line(f"Ok({FLOW}::Continue({code})) => {{")
            em.sub_block([kind()])
            em.line("}")
    em.line(f'Ok({FLOW}::Continue(_)) => unreachable!("no other way out of the try"),')


def _diverges(s: ir.Try) -> bool:
    """Whether no path falls through the try (body and handlers all leave)."""
    return always_leaves(s.body) and all(always_leaves(h.body) for h in s.handlers)


def flow_type(em: EmitterAPI) -> str:
    """The closures' result: ``ControlFlow<R, u8>`` of the function's return type ``R`` (an
    eager generator returns its list: ``()``) and how the block ended (FELL, BREAK...)."""
    returns = "()" if em.yielded is not None else rtype(em.typed.returns)
    return f"{FLOW}<{returns}, u8>"


class _closure:
    """Print a closure's header, then its body one level deeper with returns as ``Break``."""

    def __init__(self, em: EmitterAPI, header: str) -> None:
        self.em = em
        em.line(header)

    def __enter__(self) -> None:
        self.em.depth += 1
        self.em.flows += 1

    def __exit__(self, *exc: object) -> None:
        self.em.depth -= 1
        self.em.flows -= 1
