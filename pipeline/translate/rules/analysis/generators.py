"""Checks of infinite generators (front/generators.py plans them): parameters the lazy
iterator may hold, and variables of the enclosing function it reads."""

from __future__ import annotations

from collections.abc import Mapping

from pipeline.translate.rules.analysis.facts import Ownership, Typed
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.front.generators import COPY_PARAMS
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import assigned_names


def check_params(
    fn: ir.Function, types: Mapping[str, object], modes: dict[str, str] | None = None
) -> None:
    """Own parameters must be Copy scalars (the iterator must not borrow its arguments);
    a nested def's captured variables may also be one borrowed str or list."""
    borrowed = []
    for p in fn.params:
        t = types.get(p.name)
        name = getattr(t, "name", "?")
        if name in COPY_PARAMS:
            continue
        if p.name in fn.captured and name in ("str", "list") and (modes or {}).get(p.name) == "ref":
            borrowed.append(p.name)
            continue
        raise Refusal(
            Code.STATEMENT,
            f"parameter {p.name} of type {t} in an infinite generator "
            "(the lazy iterator would borrow it)",
            p.line,
        )
    if len(borrowed) > 1:
        raise Refusal(
            Code.STATEMENT,
            f"infinite generator {fn.name} reads several borrowed "
            f"variables ({', '.join(borrowed)})",
            fn.line,
        )


def check_captures(typed: Typed, own: Ownership) -> None:
    """The enclosing function must not rebind a variable a nested infinite generator reads
    after the def, nor change it in place: Python's generator would see the new value."""
    body = typed.fn.body
    for i, s in enumerate(body):
        if not (isinstance(s, ir.LocalDef) and s.fn.lazy):
            continue
        later = assigned_names(body[i + 1 :])
        for name in s.fn.captured:
            if name in later or name in own.mutated:
                raise Refusal(
                    Code.STATEMENT,
                    f"{name} is changed after the infinite generator "
                    f"{s.fn.name} that reads it is defined",
                    s.line,
                )
