"""The ``None``-default idiom of a parameter changed in place.

    def fib(n: int, memo: Optional[Dict[int, int]] = None) -> int:
        if memo is None:
            memo = {}
        ...

Python changes the caller's object in place when one is passed, and works on a fresh one when
the caller passes ``None`` or nothing. Rust keeps both: the parameter is
``memo: Option<&mut PyDict<i64, i64>>`` (mode ``optmut``, ``pytypes.OPT_MUT``) and the head
becomes

    let mut new_memo = crate::pyrt::PyDict::new();
    let memo = memo.unwrap_or(&mut new_memo);

after which ``memo`` is a ``&mut`` like any parameter changed in place. Calls pass ``None``
for an omitted argument or a ``None`` literal, ``Some(&mut x)`` for a container ``x``.

Recognised strictly; anything else keeps ownership's PT030 refusal. The parameter's default
is ``None``, its type ``Optional`` of a list, dict or set, and the function starts with heads
``if p is None: p = <fresh container>`` (no ``else``; the fresh value an empty or literal
display, or ``list()``/``dict()``/``set()``, holding no mutable values). The head is the only
binding of ``p``, every later read sees it narrowed to the container (so none is inside a
nested def), and the function is neither a lazy generator nor decorated.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pipeline.pytypes import OPT_MUT
from pipeline.rustnames import ident
from pipeline.translate.rules import ir
from pipeline.translate.rules import tys as T
from pipeline.translate.rules.diagnostics import Refusal
from pipeline.translate.rules.infer import Typed, walk_stmts

if TYPE_CHECKING:
    from pipeline.translate.rules.emit import Emitter

CONTAINERS = ("list", "dict", "set")


def head_param(s: ir.Stmt) -> str | None:
    """The parameter that ``s`` gives a fresh container when it is None, if ``s`` is a head
    ``if p is None: p = <fresh container>``."""
    if not (isinstance(s, ir.If) and not s.orelse and len(s.body) == 1):
        return None
    test, assign = s.test, s.body[0]
    if not (
        isinstance(test, ir.Compare)
        and test.ops == ["is"]
        and isinstance(test.left, ir.Name)
        and isinstance(test.rights[0], ir.Const)
        and test.rights[0].value is None
    ):
        return None
    name = test.left.id
    if not (
        isinstance(assign, ir.Assign)
        and len(assign.targets) == 1
        and isinstance(assign.targets[0], ir.Name)
        and assign.targets[0].id == name
    ):
        return None
    return name if _fresh(assign.value) else None


def _fresh(e: ir.Expr) -> bool:
    """A new container sharing nothing: ``[]``, ``{}``, ``[0, 1]``, ``{"a": 1}``, ``set()``."""
    if isinstance(e, ir.Call):
        return e.func in CONTAINERS and not e.args and not e.kwargs
    if isinstance(e, ir.Seq) and e.kind in ("list", "set"):
        items = e.elts
    elif isinstance(e, ir.DictLit):
        items = [*e.keys, *e.values]
    else:
        return False
    return all(x.ty is not None and not T.contains_mutable(x.ty) for x in items)


def leading_heads(body: list[ir.Stmt]) -> dict[str, ir.If]:
    """The heads the function starts with, by parameter (a repeated parameter ends them)."""
    heads: dict[str, ir.If] = {}
    for s in body:
        name = head_param(s)
        if name is None or name in heads:
            break
        assert isinstance(s, ir.If)
        heads[name] = s
    return heads


def applies(typed: Typed, p: ir.Param, writes: int, exprs: Iterable[ir.Expr]) -> bool:
    """Whether parameter ``p`` (changed in place and rebound) follows the idiom: ``writes``
    is its number of bindings, ``exprs`` every expression of the function."""
    fn = typed.fn
    ty = typed.params.get(p.name) or T.NONE
    if not (
        isinstance(p.default, ir.Const)
        and p.default.value is None
        and ty.name == "Optional"
        and ty.args[0].name in CONTAINERS
    ):
        return False
    head = leading_heads(fn.body).get(p.name)
    if head is None or writes != 1 or fn.lazy or fn.decorators:
        return False
    if any(isinstance(s, ir.LocalDef) and p.name in s.fn.captured for s in walk_stmts(fn.body)):
        return False
    own = {id(head.test.left), id(head.body[0].targets[0])}  # type: ignore[attr-defined]
    return all(
        e.narrowed for e in exprs if isinstance(e, ir.Name) and e.id == p.name and id(e) not in own
    )


def print_heads(em: Emitter, body: list[ir.Stmt]) -> list[ir.Stmt]:
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


def argument(em: Emitter, arg: ir.Expr, param: str) -> str:
    """The ``Option<&mut T>`` passed for an ``optmut`` parameter: ``None`` for a ``None``
    literal (an omitted argument is its default, ``None``), ``Some(&mut x)`` for a
    container ``x`` (a ``&mut`` is reborrowed, so it stays usable after the call)."""
    if isinstance(arg, ir.Const) and arg.value is None:
        return "None"
    if (arg.ty or T.NONE).name in ("Optional", "None"):
        raise Refusal(
            "PT030",
            f"an Optional value passed for parameter {param} (changed in place when not None)",
            arg.line,
        )
    place = em.mut_place(arg)
    if isinstance(arg, ir.Name) and em.kinds.get(arg.id) == "mut":
        place = f"&mut *{place}"
    return f"Some({place})"
