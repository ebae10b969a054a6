"""Printing the ``None``-default idiom (analysis/nonedefault.py): the parameter's heads
``if p is None: p = ...`` and the arguments a caller passes for an ``optmut`` parameter."""

from __future__ import annotations

from pipeline.pytypes import OPT_MUT
from pipeline.rustnames import ident
from pipeline.translate.rules.analysis.nonedefault import leading_heads
from pipeline.translate.rules.back.api import EmitterAPI
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.types import unify as T


def print_heads(em: EmitterAPI, body: list[ir.Stmt]) -> list[ir.Stmt]:
    """Print the heads at the start of ``body``: an ``optmut`` parameter's as a fresh
    container and an ``unwrap_or``, any other (a parameter only read) as it is; returns the
    statements left to print."""
    heads = leading_heads(body)
    for name, head in heads.items():
        if em.own.modes.get(name) != OPT_MUT:
            em.block([head])
            continue
        for hoisted in em.scopes.hoist.get(id(head), []):
            em.declare(hoisted)
        assign = head.body[0]
        assert isinstance(assign, ir.Assign)
        fresh = em.fresh(f"new_{name}")
        value = em.owned(assign.value, em.typed.params[name].args[0])
        em.line(f"let mut {fresh} = {value};")
        em.line(f"let {ident(name)} = {ident(name)}.unwrap_or(&mut {fresh});")
    return body[len(heads) :]


def argument(em: EmitterAPI, arg: ir.Expr, param: str) -> str:
    """The ``Option<&mut T>`` passed for an ``optmut`` parameter: ``None`` for a ``None``
    literal (an omitted argument is its default, ``None``), ``Some(&mut x)`` for a
    container ``x`` (a ``&mut`` is reborrowed, so it stays usable after the call)."""
    if isinstance(arg, ir.Const) and arg.value is None:
        return "None"
    if (arg.ty or T.NONE).name in ("Optional", "None"):
        raise Refusal(
            Code.ALIASING,
            f"an Optional value passed for parameter {param} (changed in place when not None)",
            arg.line,
        )
    place = em.mut_place(arg)
    if isinstance(arg, ir.Name) and em.kinds.get(arg.id) == "mut":
        place = f"&mut *{place}"
    return f"Some({place})"
