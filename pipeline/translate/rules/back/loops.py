"""Iteration: ``for`` loops, ``while`` loops (with ``else``) and comprehensions.

``iterate`` turns any iterable expression into a Rust iterator plus a *shape* saying which
parts of each item are references (``&T`` from borrowing a container) and which are owned;
patterns then dereference Copy items (``&x``) and leave others borrowed.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.pytypes import PyType
from pipeline.rustnames import ident
from pipeline.translate.rules.analysis.iterators import is_iterator
from pipeline.translate.rules.back.api import EmitterAPI
from pipeline.translate.rules.back.closures import item_closure
from pipeline.translate.rules.back.rust import ATOM, LoopCtx, R, big_literal, paren, rtype
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import assigned_names, const_int, target_names
from pipeline.translate.rules.types import intmode
from pipeline.translate.rules.types import unify as T

Shape = bool | tuple["Shape", ...]  # True: the item (part) is a reference


@dataclass
class Iter:
    """A Rust iterator expression and the shape of its items."""

    code: str
    item: PyType
    shape: Shape
    loop_code: str | None = None  # nicer spelling for a ``for`` header (``&xs``)


def iterate(em: EmitterAPI, e: ir.Expr, ordered: bool = True) -> Iter:
    """A Rust iterator over the items of ``e``."""
    ty = e.ty or T.NONE
    item = T.elem(ty) or T.NONE
    if ty.name == "set" and ordered:
        raise Refusal(
            Code.SET_ORDER, "iterating a set: its order differs between Python and Rust", e.line
        )
    if isinstance(e, ir.Call) and e.func in ITER_CALLS and e.func not in em.sigs:
        return ITER_CALLS[e.func](em, e, item, ordered)
    if id(e) in em.own.key_snapshots:  # the body changes values of the dict (dictloops.py)
        base = paren(em.expr(e.obj if isinstance(e, ir.Method) else e), ATOM)
        keys = f"{base}.keys().cloned().collect::<Vec<_>>()"
        return Iter(f"{keys}.into_iter()", item, False, keys)
    if (
        isinstance(e, ir.Method)
        and (e.obj.ty or T.NONE).name in T.DICTLIKE
        and e.name in ("keys", "values", "items")
    ):
        base = paren(em.expr(e.obj), ATOM)
        method = {"keys": "keys", "values": "values", "items": "iter"}[e.name]
        return Iter(f"{base}.{method}()", item, (True, True) if e.name == "items" else True)
    if isinstance(e, ir.Comp) and e.kind == "gen":
        return Iter(comprehension(em, e).code, item, False)
    if is_iterator(e) and e.id in em.typed.params:  # ``impl IntoIterator``, consumed once
        return Iter(f"{ident(e.id)}.into_iter()", item, False, ident(e.id))
    if is_iterator(e):  # advances the variable's own cursor (iterators.py)
        return Iter(f"{ident(e.id)}.by_ref()", item, False)
    r = em.expr(e)
    if ty.name == "str":
        return Iter(f"{paren(r, ATOM)}.chars().map(String::from)", item, False)
    if ty.name == "bytes":  # each byte as an int
        return Iter(f"{paren(r, ATOM)}.iter().map(|&b| i64::from(b))", item, False)
    if ty.name == "iter":
        return Iter(r.code if r.prec >= ATOM else f"({r.code})", item, False)
    if ty.name in T.DICTLIKE:
        return Iter(f"{paren(r, ATOM)}.keys()", item, True)
    if ty.name == "deque":
        return Iter(f"{paren(r, ATOM)}.iter()", item, True)
    if ty.name == "tuple" and isinstance(e, ir.Seq):
        return Iter(f"[{', '.join(em.owned(x, item) for x in e.elts)}].into_iter()", item, False)
    if ty.name == "tuple":
        return _tuple_items(em, r, len(ty.args), item)
    if r.kind == "owned":
        return Iter(f"{paren(r, ATOM)}.into_iter()", item, False, r.code)
    loop = r.code if r.kind in ("sref", "ref") else f"&{r.code}" if r.kind == "place" else None
    return Iter(f"{paren(r, ATOM)}.iter()", item, True, loop)


def _tuple_items(em: EmitterAPI, r: R, n: int, item: PyType) -> Iter:
    """The items of a homogeneous tuple value: moved out of a temporary (the value is
    evaluated once), copied when ``Copy``, else borrowed (a variable or reference cannot be
    moved out of, and an inner loop runs again over the same tuple)."""
    if r.kind == "owned":
        tmp = em.fresh("items")
        em.taken.discard(tmp)
        parts = ", ".join(f"{tmp}.{i}" for i in range(n))
        return Iter(f"{{ let {tmp} = {r.code}; [{parts}] }}.into_iter()", item, False)
    copy = T.is_copy(item)
    parts = ", ".join(f"{'' if copy else '&'}{paren(r, ATOM)}.{i}" for i in range(n))
    return Iter(f"[{parts}].into_iter()", item, not copy)


def _range(em: EmitterAPI, e: ir.Call, item: PyType, ordered: bool) -> Iter:
    if intmode.big():
        return _big_range(em, e, item)
    args = [em.int_val(a) for a in e.args]
    if len(args) == 1:
        return Iter(
            f"(0..{paren(args[0], ATOM + 0) if args[0].prec < 70 else args[0].code})",
            item,
            False,
            f"0..{args[0].code}",
        )
    start, stop = args[0].code, args[1].code
    if len(args) == 2:
        return Iter(f"({start}..{stop})", item, False, f"{start}..{stop}")
    k = const_int(e.args[2])
    if k is not None and k > 0:
        code = f"({start}..{stop}).step_by({k})"
        return Iter(code, item, False)
    if k is not None and k < 0:
        code = f"(({stop} + 1)..=({start})).rev().step_by({-k})"
        return Iter(code, item, False)
    return Iter(f"{em.rt('range_step')}({start}, {stop}, {args[2].code})", item, False)


def _big_range(em: EmitterAPI, e: ir.Call, item: PyType) -> Iter:
    """``range(...)`` over unbounded ints: the runtime's ``Int::range`` (owned items)."""
    int_path = em.rt("bigint", "Int")
    args = [em.owned(a) for a in e.args]
    if len(args) == 1:
        args.insert(0, big_literal(int_path, 0))
    if len(args) == 2:
        args.append(big_literal(int_path, 1))
    return Iter(f"{int_path}::range({', '.join(args)})", item, False)


def _enumerate(em: EmitterAPI, e: ir.Call, item: PyType, ordered: bool) -> Iter:
    inner = iterate(em, e.args[0], ordered)
    start = e.kwargs.get("start") or (e.args[1] if len(e.args) > 1 else None)
    first = em.int_val(start).code if start is not None else "0"
    counter = f"({first}_i64..)" if first.isdigit() else f"({first}..)"
    if intmode.big():  # the count as Python ints (from an i64 start: it never outgrows i64)
        counter = f"{counter}.map({em.rt('bigint', 'Int')}::from)"
    return Iter(f"{counter}.zip({_arg(inner.code)})", item, (False, inner.shape))


def _zip(em: EmitterAPI, e: ir.Call, item: PyType, ordered: bool) -> Iter:
    if e.star:  # the columns of a list of lists (``Infer.zip_rows``)
        return Iter(f"{em.rt('zip_rows')}({em.slice_ref(e.args[0])})", item, False)
    parts = [iterate(em, a, ordered) for a in e.args]
    code = parts[0].code
    strict = e.kwargs.get("strict")
    if isinstance(strict, ir.Const) and strict.value is True:  # ValueError on unequal lengths
        for i, p in enumerate(parts[1:], start=2):
            code = f"{em.rt('zip_strict')}({code}, {_arg(p.code)}, {i})"
    else:
        for p in parts[1:]:
            code = f"{code}.zip({_arg(p.code)})"
    if len(parts) > 2:
        names = [f"v{i}" for i in range(len(parts))]
        nested = f"({names[0]}, {names[1]})"
        for n in names[2:]:
            nested = f"({nested}, {n})"
        code = f"{code}.map(|{nested}| ({', '.join(names)}))"
    return Iter(code, item, tuple(p.shape for p in parts))


def _arg(code: str) -> str:
    """An iterator as an argument of ``zip``, which takes ``IntoIterator`` (no needless
    ``.into_iter()``, clippy's useless_conversion)."""
    return code.removesuffix(".into_iter()")


def _reversed(em: EmitterAPI, e: ir.Call, item: PyType, ordered: bool) -> Iter:
    inner = iterate(em, e.args[0], ordered)
    if isinstance(e.args[0], ir.Call) and e.args[0].func == "range":
        # stepped i64 ranges cannot run backwards in std: collect them first
        return Iter(f"{inner.code}.collect::<Vec<i64>>().into_iter().rev()", item, False)
    return Iter(f"{inner.code}.rev()", item, inner.shape)


def _map_filter(em: EmitterAPI, e: ir.Call, item: PyType, ordered: bool) -> Iter:
    fn, items = e.args
    source = owned_items(em, iterate(em, items, ordered))
    elem = T.elem(items.ty or T.NONE) or T.NONE
    if e.func == "filter":
        if isinstance(fn, ir.Const):
            test = em.truthy(R("v", elem, "ref"))
            return Iter(f"{source}.filter(|v| {test})", item, False)
        return Iter(f"{source}.filter({item_closure(em, fn, elem, 'ref', cond=True)})", item, False)
    return Iter(f"{source}.map({item_closure(em, fn, elem, 'place')})", item, False)


ITER_CALLS = {
    "range": _range,
    "enumerate": _enumerate,
    "zip": _zip,
    "reversed": _reversed,
    "map": _map_filter,
    "filter": _map_filter,
}


def owned_items(em: EmitterAPI, it: Iter) -> str:
    """An iterator expression yielding owned items."""
    if not _any_ref(it.shape):
        return it.code
    if it.shape is True:
        return f"{it.code}.{'copied' if T.is_copy(it.item) else 'cloned'}()"
    names = [f"v{i}" for i in range(len(it.item.args))]
    conv = []
    for n, part, shape in zip(names, it.item.args, _parts(it.shape, len(names)), strict=True):
        conv.append(n if shape is False else (f"*{n}" if T.is_copy(part) else f"{n}.clone()"))
    return f"{it.code}.map(|({', '.join(names)})| ({', '.join(conv)}))"


def _any_ref(shape: Shape) -> bool:
    return any(_any_ref(s) for s in shape) if isinstance(shape, tuple) else shape


def _parts(shape: Shape, n: int) -> tuple[Shape, ...]:
    return shape if isinstance(shape, tuple) else (shape,) * n


def unpack_items(em: EmitterAPI, it: Iter, target: ir.Expr) -> Iter:
    """Items that are lists unpacked into names (``for a, b in pairs`` over a list of lists):
    each item is owned and turned into a tuple by ``pyrt::unpack``, which raises Python's
    ValueError when its length is not the number of names."""
    if not isinstance(target, ir.Seq) or it.item.name not in ("list", "tuple..."):
        return it
    if not all(isinstance(t, ir.Name) for t in target.elts):
        return it
    elem, n = it.item.args[0], len(target.elts)
    names = [f"v{i}" for i in range(n)]
    array = f"{em.rt('unpack')}::<{rtype(elem)}, {n}>(v)"
    bound = ", ".join(names)
    code = f"{owned_items(em, it)}.map(|v| {{ let [{bound}] = {array}; ({bound}) }})"
    return Iter(code, PyType("tuple", (elem,) * n), False)


def pattern(em: EmitterAPI, target: ir.Expr, ty: PyType, shape: Shape) -> str:
    """A Rust pattern binding ``target``; records each name's kind."""
    if isinstance(target, ir.Name):
        name = ident(target.id)
        if shape is True and T.is_copy(ty):
            em.kinds[target.id] = "place"
            return f"&{name}"
        em.kinds[target.id] = "ref" if shape is True else "place"
        return name
    assert isinstance(target, ir.Seq)
    if ty.name in ("list", "tuple..."):  # unpack_items takes the outermost level only
        raise Refusal(
            Code.STATEMENT, "a list item unpacked into names inside a nested target", target.line
        )
    if shape is True and T.is_copy(ty):
        return "&" + pattern(em, target, ty, False)
    if shape is True:
        return _ref_pattern(em, target)
    parts = _parts(shape, len(target.elts))
    inner = [pattern(em, t, a, s) for t, a, s in zip(target.elts, ty.args, parts, strict=True)]
    return f"({', '.join(inner)})" if len(inner) != 1 else f"({inner[0]},)"


def _ref_pattern(em: EmitterAPI, target: ir.Expr) -> str:
    """Pattern over a reference to a tuple: every name binds a reference."""
    if isinstance(target, ir.Name):
        em.kinds[target.id] = "ref"
        return ident(target.id)
    assert isinstance(target, ir.Seq)
    inner = [_ref_pattern(em, t) for t in target.elts]
    return f"({', '.join(inner)})" if len(inner) != 1 else f"({inner[0]},)"


def rebind_mutable(em: EmitterAPI, target: ir.Expr, body: list[ir.Stmt]) -> None:
    """Loop variables assigned in the body get a mutable owned copy."""
    written = assigned_names(body)
    for name in target_names(target):
        if name in written or name in em.own.mutated:
            if name in em.own.mutated and em.kinds.get(name) == "ref":
                raise Refusal(
                    Code.ALIASING, f"loop variable {name} is changed in place", target.line
                )
            r = R(ident(name), em.typed.locals[name], em.kinds[name])
            em.line(f"let mut {ident(name)} = {em.to_owned(r)};")
            em.kinds[name] = "place"


def for_loop(em: EmitterAPI, s: ir.For) -> None:
    """Print a ``for`` loop (``else`` becomes a labelled block)."""
    if id(s) in em.own.in_place:
        assert isinstance(s.target, ir.Name)
        source = s.iter if isinstance(s.iter, ir.Name) else s.iter.obj  # type: ignore[attr-defined]
        method = "iter_mut" if (source.ty or T.NONE).name == "list" else "values_mut"
        header = f"{em.receiver(source, True)}.{method}()"
        pat = ident(s.target.id)
        em.kinds[s.target.id] = "mut"
    else:
        it = unpack_items(em, iterate(em, s.iter), s.target)
        header = it.loop_code if it.loop_code is not None else it.code
        pat = pattern(em, s.target, it.item, it.shape)
    label = _open_else(em, s)
    em.line(f"for {pat} in {header} {{")
    em.loops.append(LoopCtx(label, len(em.lines) - 1, flows=em.flows))
    em.depth += 1
    if id(s) not in em.own.in_place:
        rebind_mutable(em, s.target, s.body)
    em.block(s.body or [ir.Pass()])
    em.depth -= 1
    em.loops.pop()
    em.line("}")
    _close_else(em, s, label)


def while_loop(em: EmitterAPI, s: ir.While) -> None:
    """Print a ``while`` loop (``while True`` becomes ``loop``)."""
    label = _open_else(em, s)
    forever = isinstance(s.test, ir.Const) and s.test.value is True
    popped = _pop_pattern(em, s)
    body = s.body[1:] if popped else s.body
    if popped:
        assert isinstance(s.test, ir.Name)  # _pop_pattern checked it
        em.line(f"while let Some({popped}) = {ident(s.test.id)}.pop() {{")
    else:
        em.line("loop {" if forever else f"while {em.cond(s.test)} {{")
    em.loops.append(LoopCtx(label, len(em.lines) - 1, flows=em.flows))
    em.sub_block(body)
    em.loops.pop()
    em.line("}")
    _close_else(em, s, label)


def _pop_pattern(em: EmitterAPI, s: ir.While) -> str | None:
    """``while stack: x = stack.pop()`` is Rust's ``while let Some(x) = stack.pop()``."""
    test, first = s.test, s.body[0] if s.body else None
    if s.orelse or not isinstance(test, ir.Name) or (test.ty or T.NONE).name != "list":
        return None
    if em.kinds.get(test.id) not in ("place", "mut") or not isinstance(first, ir.Assign):
        return None
    value = first.value
    if not (
        len(first.targets) == 1
        and isinstance(value, ir.Method)
        and value.name == "pop"
        and not value.args
        and isinstance(value.obj, ir.Name)
        and value.obj.id == test.id
    ):
        return None
    names = target_names(first.targets[0])
    simple = all(isinstance(t, ir.Name) for t in getattr(first.targets[0], "elts", [])) or (
        isinstance(first.targets[0], ir.Name)
    )
    if not simple or not all((id(first), n) in em.scopes.let_here for n in names):
        return None
    parts = []
    for n in names:
        em.kinds[n] = "place"
        parts.append(f"{'mut ' if em.needs_mut(n) else ''}{ident(n)}")
    return parts[0] if isinstance(first.targets[0], ir.Name) else f"({', '.join(parts)})"


def _open_else(em: EmitterAPI, s: ir.For | ir.While) -> str | None:
    """Start a labelled block when the loop has an ``else`` that a ``break`` skips."""
    if not s.orelse or not _breaks(s.body):
        return None
    em.labels += 1
    label = f"'loop_else{em.labels}" if em.labels > 1 else "'loop_else"
    em.line(f"{label}: {{")
    em.depth += 1
    if em.loops:
        em.loops[-1].blocks += 1
    return label


def _close_else(em: EmitterAPI, s: ir.For | ir.While, label: str | None) -> None:
    if not s.orelse:
        return
    em.block(s.orelse)
    if label is not None:
        em.depth -= 1
        em.line("}")
        if em.loops:
            em.loops[-1].blocks -= 1


def _breaks(body: list[ir.Stmt]) -> bool:
    """Whether a ``break`` of this loop (not a nested one) occurs in ``body``."""
    return _has(body, ir.Break)


def _has(body: list[ir.Stmt], kind: type) -> bool:
    """Whether a statement of ``kind`` belonging to this loop occurs in ``body``."""
    for s in body:
        if isinstance(s, kind):
            return True
        if isinstance(s, ir.If) and (_has(s.body, kind) or _has(s.orelse, kind)):
            return True
    return False


# ---------------------------------------------------------------- comprehensions


def comprehension(em: EmitterAPI, e: ir.Comp, ordered: bool = True) -> R:
    """List/set/dict comprehensions and generator expressions (``ordered=False``: the
    caller uses nothing that depends on the order of the items, ``len`` of a list of them)."""
    ty = e.ty or T.NONE
    saved = dict(em.kinds)
    try:
        body = _chain(em, e, ordered) if len(e.gens) == 1 else _block(em, e, ordered)
    finally:
        em.kinds = saved
    return R(body, ty)


def _element(em: EmitterAPI, e: ir.Comp) -> str:
    """The produced item (a ``(key, value)`` pair for dicts)."""
    ty = e.ty or T.NONE
    if e.kind == "dict":
        assert e.value is not None
        return f"({em.owned(e.elt, ty.args[0])}, {em.owned(e.value, ty.args[1])})"
    return em.owned(e.elt, ty.args[0] if ty.args else None)


def _collect(em: EmitterAPI, e: ir.Comp, iterator: str) -> str:
    ty = e.ty or T.NONE
    if e.kind == "gen":
        return iterator
    if e.kind == "dict":
        return f"{em.rt('dict', 'PyDict')}::from_pairs({iterator}.collect())"
    return f"{iterator}.collect::<{rtype(ty)}>()"


def _chain(em: EmitterAPI, e: ir.Comp, ordered: bool = True) -> str:
    """One ``for``: ``iter.map(..)`` or ``iter.filter_map(..)``."""
    g = e.gens[0]
    it = iterate(em, g.iter, ordered=ordered and e.kind in ("list", "gen", "dict"))
    it = unpack_items(em, it, g.target)
    pat = pattern(em, g.target, it.item, it.shape)
    elt = _element(em, e)
    if not g.conds:
        if elt == pat and it.shape is False:
            return _collect(em, e, it.code)
        mapped = f"{it.code}.map(|{pat}| {elt})"
        if _over_range(g.iter) and e.kind in ("list", "set"):
            return f"{em.rt('grow')}::<{rtype(e.ty or T.NONE)}, _, _>({mapped})"
        return _collect(em, e, mapped)
    test = " && ".join(em.cond(c) if len(g.conds) == 1 else f"({em.cond(c)})" for c in g.conds)
    return _collect(
        em, e, f"{it.code}.filter_map(|{pat}| if {test} {{ Some({elt}) }} else {{ None }})"
    )


def _over_range(it: ir.Expr) -> bool:
    """A ``range(...)`` whose mapped items ``collect`` would reserve all at once."""
    return isinstance(it, ir.Call) and it.func == "range"


def _block(em: EmitterAPI, e: ir.Comp, ordered: bool = True) -> str:
    """Several ``for`` clauses: nested loops pushing into an accumulator."""
    acc = em.fresh("items")
    ty = e.ty or T.NONE
    store = {"list": "push", "gen": "push", "set": "insert", "dict": "insert"}[e.kind]
    init = (
        f"{em.rt('dict', 'PyDict')}::new()"
        if e.kind == "dict"
        else "std::collections::HashSet::new()"
        if e.kind == "set"
        else "Vec::new()"
    )
    opened = _loops(em, e, ordered and e.kind != "set")
    elt = _element(em, e)
    push = f"{acc}.insert{elt};" if e.kind == "dict" else f"{acc}.{store}({elt});"
    close = "}" * len(opened)
    decl_ty = rtype(T.list_of(ty.args[0])) if e.kind == "gen" else rtype(ty)
    tail = f"{acc}.into_iter()" if e.kind == "gen" else acc
    em.taken.discard(acc)
    return f"{{ let mut {acc}: {decl_ty} = {init}; {' '.join(opened)} {push} {close} {tail} }}"


def _loops(em: EmitterAPI, e: ir.Comp, ordered: bool) -> list[str]:
    """The opening lines of the nested ``for``/``if`` of a comprehension's clauses."""
    opened = []
    for g in e.gens:
        it = unpack_items(em, iterate(em, g.iter, ordered=ordered), g.target)
        pat = pattern(em, g.target, it.item, it.shape)
        header = it.loop_code if it.loop_code is not None else it.code
        opened.append(f"for {pat} in {header} {{")
        for c in g.conds:
            opened.append(f"if {em.cond(c)} {{")
    return opened


def short_circuit(em: EmitterAPI, e: ir.Comp, which: str) -> str:
    """``any``/``all`` of a generator with several ``for`` clauses: nested loops that stop
    at the first deciding item, as Python does (the items after it are never computed, and
    one of them may raise)."""
    saved = dict(em.kinds)
    try:
        opened = _loops(em, e, True)
        test = em.cond(e.elt)
    finally:
        em.kinds = saved
    found, label = em.fresh("found"), em.fresh("scan")
    em.taken.discard(found)
    em.taken.discard(label)
    init, hit = ("false", "true") if which == "any" else ("true", "false")
    cond = test if which == "any" else f"!({test})"
    opened[0] = f"'{label}: {opened[0]}"
    close = "}" * len(opened)
    return (
        f"{{ let mut {found} = {init}; {' '.join(opened)} "
        f"if {cond} {{ {found} = {hit}; break '{label}; }} {close} {found} }}"
    )
