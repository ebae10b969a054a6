"""Printing closures (the semantics and checks are in ``closures``).

A lambda or nested def becomes ``move |x: i64| -> R { body }``; it is boxed
(``Box::new(..) as Box<dyn Fn(..) -> R>``) everywhere except as the enclosing function's own
return value, whose type is then ``impl Fn(..) -> R`` (``impl FnMut`` when a closure changes
captured state). Closure arguments are taken as ``pytypes.callable_arg_mode`` says.
"""

from __future__ import annotations

from pipeline import pytypes
from pipeline.pytypes import PyType
from pipeline.rustnames import ident
from pipeline.translate.rules.analysis import scopes
from pipeline.translate.rules.analysis.closures import immutable, lambda_captures
from pipeline.translate.rules.back.api import EmitterAPI
from pipeline.translate.rules.back.rust import LOW, R
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.types import unify as T


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
    return "sref" if t.name in ("str", "list", "tuple...", "bytes") else "ref"


def lambda_code(em: EmitterAPI, e: ir.Lambda, box: bool) -> R:
    """``move |a: A| -> R { body }`` for a lambda typed ``Callable[[A], R]``."""
    t = e.ty or T.NONE
    saved = dict(em.kinds)
    bound = em.typed.facts.bound.get(id(e), {})
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
    em: EmitterAPI,
    captured: list[str],
    types: dict[str, PyType] | None = None,
) -> list[str]:
    """``let s = s.to_string();`` for each captured immutable value that is not Copy (a
    closure holds its own clone); those names are owned places inside the closure."""
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


def def_code(em: EmitterAPI, s: ir.LocalDef) -> str:
    """The closure a nested def used as a value becomes (printed by its own emitter)."""
    nested = next(t for t in em.typed.local_defs if t.fn is s.fn)
    own = nested.own
    assert own is not None  # analysed with the function (session._analyse_nested)
    inner = em.child(nested, own, scopes.decide(s.fn), em.self_sig)
    inner.in_closure = True
    params = []
    for p in s.fn.params:
        ty = p.ty or T.NONE
        mode = pytypes.callable_arg_mode(ty)
        if own.modes[p.name] != mode:
            raise Refusal(
                Code.CLOSURE_STATE,
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


def key_closure(em: EmitterAPI, key: ir.Expr | None, item: T.PyType) -> str:
    """A closure ``|v: &T| key(v)`` for key= arguments (identity when None)."""
    if key is None or (isinstance(key, ir.Const) and key.value is None):
        return "|v| *v" if T.is_copy(item) else "|v| v.clone()"
    if isinstance(key, ir.Lambda):
        saved = dict(em.kinds)
        (param,) = key.params
        em.kinds[param] = "ref"
        body = em.owned(key.body)
        em.kinds = saved
        return f"|{ident(param)}| {body}"
    if isinstance(key, ir.Name):
        arg = ir.Name("__key__", ty=item)
        call = ir.Call(key.id, [arg], ty=(key.ty.args[-1] if key.ty else None))
        saved = dict(em.kinds)
        em.kinds["__key__"] = "ref"
        try:
            if call.ty is None:
                raise Refusal(Code.CALL, f"key function {key.id}", key.line)
            body = em.owned(call)
        finally:
            em.kinds = saved
        v = em.fresh("item")
        return f"|__key__| {body}".replace("__key__", v)
    bound = em.typed.facts.calls.get(id(key))
    if isinstance(key, ir.Attr) and bound is not None:
        saved = dict(em.kinds)
        em.kinds["__arg__"] = "ref"
        try:
            body = em.owned(bound)
        finally:
            em.kinds = saved
        v = em.fresh("item")
        return f"|{v}| {body}".replace("__arg__", v)
    raise Refusal(Code.CALL, "key function form", key.line)


def item_closure(em: EmitterAPI, fn: ir.Expr, item: T.PyType, kind: str, cond: bool = False) -> str:
    """A Rust closure applying a lambda or named function to one item.

    ``kind`` is how the item arrives: "place" (owned) or "ref" (``&T``)."""
    saved = dict(em.kinds)
    try:
        if isinstance(fn, ir.Lambda):
            (param,) = fn.params
            em.kinds[param] = kind
            body = em.cond(fn.body) if cond else em.owned(fn.body)
            return f"|{ident(param)}| {body}"
        if isinstance(fn, ir.Name) and fn.ty is not None:
            arg = ir.Name("__item__", ty=item)
            call = ir.Call(fn.id, [arg], ty=fn.ty.args[-1], line=fn.line)
            em.kinds["__item__"] = kind
            body = em.cond(call) if cond else em.owned(call)
            v = em.fresh("item")
            return f"|{v}| {body}".replace("__item__", v)
        bound = em.typed.facts.calls.get(id(fn))
        if isinstance(fn, ir.Attr) and bound is not None:
            em.kinds["__arg__"] = kind
            body = em.cond(bound) if cond else em.owned(bound)
            v = em.fresh("item")
            return f"|{v}| {body}".replace("__arg__", v)
    finally:
        em.kinds = saved
    raise Refusal(Code.CALL, "function argument form", fn.line)
