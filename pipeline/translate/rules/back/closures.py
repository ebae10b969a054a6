"""Printing closures (the semantics and checks are in ``closures``).

A lambda or nested def becomes ``move |x: i64| -> R { body }``; it is boxed
(``Box::new(..) as Box<dyn Fn(..) -> R>``) everywhere except as the enclosing function's own
return value, whose type is then ``impl Fn(..) -> R`` (``impl FnMut`` when a closure changes
captured state). Closure arguments are taken as ``pytypes.callable_arg_mode`` says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline import pytypes
from pipeline.pytypes import PyType
from pipeline.rustnames import ident
from pipeline.translate.rules import ir
from pipeline.translate.rules import tys as T
from pipeline.translate.rules.diagnostics import Refusal

if TYPE_CHECKING:
    from pipeline.translate.rules.emit import Emitter, R


def fn_trait(t: PyType, mutable: bool) -> str:
    """``Fn(i64) -> i64`` (``FnMut`` when ``mutable``)."""
    return pytypes.rust_fn_trait(t, "FnMut" if mutable else "Fn")


def boxed(t: PyType, closure: str) -> str:
    """A closure as a stored value."""
    return f"Box::new({closure}) as Box<dyn {fn_trait(t, False)}>"


def arg_kind(t: PyType) -> str:
    """How a closure argument is held inside the closure body (an emitter ``R`` kind)."""
    if pytypes.callable_arg_mode(t) == "value":
        return "place"
    return "sref" if t.name in ("str", "list", "tuple...") else "ref"


def lambda_code(em: Emitter, e: ir.Lambda, box: bool) -> R:
    """``move |a: A| -> R { body }`` for a lambda typed ``Callable[[A], R]``."""
    from pipeline.translate.rules.closures import lambda_captures
    from pipeline.translate.rules.emit import LOW, R

    t = e.ty or T.NONE
    saved = dict(em.kinds)
    bound = getattr(e, "bound_types", {})
    lets = clones(em, sorted((lambda_captures(e) - set(e.params)) | set(bound)), bound)
    params = []
    for name, a in zip(e.params, t.args[:-1], strict=True):
        em.kinds[name] = arg_kind(a)
        params.append(f"{ident(name)}: {pytypes.rust_param_type(a, pytypes.callable_arg_mode(a))}")
    try:
        body = em.owned(e.body, t.args[-1])
    finally:
        em.kinds = saved
    code = f"move |{', '.join(params)}|{_arrow(t)} {{ {body} }}"
    code = boxed(t, code) if box else code
    return R(f"{{ {' '.join(lets)} {code} }}" if lets else code, t, "owned", LOW)


def clones(
    em: Emitter,
    captured: list[str],
    types: dict[str, PyType] | None = None,
) -> list[str]:
    """``let s = s.to_string();`` for each captured immutable value that is not Copy (a
    closure holds its own clone); those names are owned places inside the closure."""
    from pipeline.translate.rules.closures import immutable
    from pipeline.translate.rules.emit import R

    lets = []
    for name in captured:
        ty = (types or {}).get(name) or em.var_type(name)
        if ty is None or T.is_copy(ty) or not immutable(ty) or name not in em.kinds:
            continue
        held = R(ident(name), ty, em.kinds[name])
        value = f"{ident(name)}.clone()" if held.kind == "place" else em.to_owned(held)
        lets.append(f"let {ident(name)} = {value};")
        em.kinds[name] = "place"
    return lets


def _arrow(t: PyType) -> str:
    ret = t.args[-1]
    return "" if ret.name == "None" else f" -> {pytypes.rust_type(ret)}"


def def_code(em: Emitter, s: ir.LocalDef) -> str:
    """The closure a nested def used as a value becomes (printed by its own emitter)."""
    from pipeline.translate.rules import scopes
    from pipeline.translate.rules.emit import Emitter

    nested = next(t for t in em.typed.local_defs if t.fn is s.fn)
    own = nested.own  # type: ignore[attr-defined]
    inner = Emitter(nested, own, scopes.decide(s.fn), em.sigs, em.self_sig, classes=em.classes)
    inner.in_closure = True
    params = []
    for p in s.fn.params:
        ty = p.ty or T.NONE
        mode = pytypes.callable_arg_mode(ty)
        if own.modes[p.name] != mode:
            raise Refusal(
                "PT033",
                f"parameter {p.name} of nested def {s.fn.name} is changed "
                "or rebound (closures take it as Callable arguments are passed)",
                p.line,
            )
        inner.kinds[p.name] = arg_kind(ty)
        params.append(f"{ident(p.name)}: {pytypes.rust_param_type(ty, mode)}")
    saved = dict(em.kinds)
    lets = clones(em, sorted(nested.captured))
    em.kinds = saved
    for name in nested.captured:
        inner.kinds[name] = "place"
    lines = inner.body_lines()
    em.helpers |= inner.helpers
    t = PyType("Callable", (*(p.ty or T.NONE for p in s.fn.params), nested.returns))
    indent = "    " * em.depth
    body = "\n".join(line[len("    ") :] if line.startswith("    ") else line for line in lines)
    text = f"move |{', '.join(params)}|{_arrow(t)} {{\n{body}\n}}"
    if lets:
        text = "{\n" + "\n".join(lets) + "\n" + text + "\n}"
    return text.replace("\n", "\n" + indent)


def param_type(t: PyType) -> str:
    """A ``Callable`` parameter: generic over the closure passed."""
    return f"impl {fn_trait(t, False)}"
