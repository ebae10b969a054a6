"""Printing an infinite generator as a lazy iterator (the plan is front/generators.py):
``std::iter::from_fn`` over a ``match`` on the resume state."""

from __future__ import annotations

from pipeline.pytypes import PyType
from pipeline.rustnames import ident
from pipeline.translate.rules.analysis.generators import check_params
from pipeline.translate.rules.back.api import EmitterAPI
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.front.generators import COPY_PARAMS, DONE, Plan, plan
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import assigned_names
from pipeline.translate.rules.types import unify as T


def emit_body(em: EmitterAPI) -> None:
    """Print the setup, then the iterator: ``from_fn`` over a ``match`` on the state."""
    fn = em.typed.fn
    check_params(fn, em.typed.params, em.own.modes)
    parts = plan(fn)
    em.block(parts.setup)
    state = em.fresh("state")
    em.resume = (state, parts)
    em.line(f"let mut {state} = 0;")
    for k, s in parts.pulls.items():
        _check_pull(parts, s)
        parts.cursors[k] = em.fresh("pos")
        em.line(f"let mut {parts.cursors[k]} = 0;")
    em.line("std::iter::from_fn(move || loop {")
    em.depth += 1
    em.line(f"match {state} {{")
    em.depth += 1
    for k, arm in enumerate(parts.arms, 1):
        em.line(f"{k} => {{")
        if k in parts.pulls:
            _pull(em, parts.pulls[k], parts.cursors[k])
        em.sub_block(arm)
        if not any(isinstance(s, ir.Yield) for s in arm):
            em.line(f"    {state} = 0;")
        em.line("}")
    if parts.ends:
        em.line(f"{DONE} => return None,")
    em.line("_ => {")
    em.sub_block(parts.body)
    em.line("}")
    em.depth -= 1
    em.line("}")
    em.depth -= 1
    em.line("})")


def enter_pull(em: EmitterAPI, s: ir.Yield) -> None:
    """``yield from xs`` reached: rewind its cursor and dispatch to its arm."""
    assert em.resume is not None
    state, parts = em.resume
    k = parts.states[id(s)]
    em.line(f"{parts.cursors[k]} = 0;")
    em.line(f"{state} = {k};")
    em.line("continue;")


def _pull(em: EmitterAPI, s: ir.Yield, cursor: str) -> None:
    """The next item of ``yield from xs`` while there is one (then the continuation)."""
    assert isinstance(s.value, ir.Name)
    item = T.elem(s.value.ty or T.NONE) or T.NONE
    take = "copied" if T.is_copy(item) else "cloned"
    em.line(f"    if let Some(item) = {ident(s.value.id)}.get({cursor}).{take}() {{")
    em.line(f"        {cursor} += 1;")
    em.line("        return Some(item);")
    em.line("    }")


def _check_pull(parts: Plan, s: ir.Yield) -> None:
    """``yield from`` a list the loop never rebinds: it is read at each step, as Python's
    list iterator does (nothing else runs while the generator is suspended in it)."""
    assert isinstance(s.value, ir.Name)
    name, t = s.value.id, s.value.ty or T.NONE
    if t.name != "list" or name in assigned_names(parts.body):
        raise Refusal(
            Code.STATEMENT,
            f"yield from {name} ({t}) in an infinite generator (only of a "
            "list its loop never assigns)",
            s.line,
        )


def borrows(fn: ir.Function, types: dict[str, PyType]) -> bool:
    """Whether the lazy iterator holds a borrowed variable (its type needs ``+ '_``)."""
    return any(types[n].name not in COPY_PARAMS for n in fn.captured)
