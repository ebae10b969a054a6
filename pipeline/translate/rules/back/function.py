"""One front-analysed function -> its Rust text: scopes decided, the functions it calls
looked up, the Emitter run."""

from __future__ import annotations

from pipeline import pytypes
from pipeline.translate.rules.analysis import scopes
from pipeline.translate.rules.analysis.facts import (
    NodeFacts,
    Ownership,
    Signature,
    Signatures,
    Typed,
)
from pipeline.translate.rules.back.emitter import Emitter
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import function_exprs, walk_stmts


def emit_function(
    fn: ir.Function,
    typed: Typed,
    own: Ownership,
    sig: Signature,
    table: Signatures,
    item: tuple[str, str] | None = None,
    generic_params: str = "",
) -> tuple[str, tuple[str, ...]]:
    """Rust text of one front-analysed function (``item``: its Rust name and method kind
    when it lives in an ``impl``; ``generic_params``: ``<T: Clone>`` for a generic one) and
    the runtime helpers it uses."""
    decls = scopes.decide(fn)
    local_sigs = typed.local_sigs
    # sorted: the first sibling that refuses names the refusal, the same on every run
    wanted = sorted(_called(fn, typed.facts))
    called = {n: s for n in wanted if (s := table.lookup(n)) is not None}
    called.update(local_sigs)
    called[fn.name] = sig
    emitter = Emitter(
        typed,
        own,
        decls,
        called,
        sig,
        classes=table.model,
        item=item,
        generic_params=generic_params,
    )
    try:
        rust = emitter.function()
    except pytypes.TypeSyntaxError as exc:
        raise Refusal(Code.TYPE_OPERATION, str(exc), fn.line) from None
    return rust, tuple(sorted(emitter.helpers))


def _called(fn: ir.Function, facts: NodeFacts) -> set[str]:
    calls = facts.calls
    names = {e.func for e in function_exprs(fn) if isinstance(e, ir.Call)}
    names |= {e.id for e in function_exprs(fn) if isinstance(e, ir.Name)}  # f values
    names |= {
        c.func for e in function_exprs(fn) if isinstance(c := calls.get(id(e)), ir.Call)
    }  # methods, operators
    names |= {
        c.func
        for st in walk_stmts(fn.body)  # property setters
        if id(st) in facts.setters and isinstance(c := calls[id(facts.setters[id(st)])], ir.Call)
    }
    for s in fn.body:
        if isinstance(s, ir.LocalDef):
            names |= _called(s.fn, facts)
    return names
