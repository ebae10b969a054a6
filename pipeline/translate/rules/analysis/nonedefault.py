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

from pipeline.translate.rules.analysis.facts import Typed
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import walk_stmts
from pipeline.translate.rules.types import unify as T

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
