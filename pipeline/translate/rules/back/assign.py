"""Assignments: ``let`` bindings, stores into list/dict elements, tuple unpacking, ``op=``.

Python evaluates the whole right-hand side before storing into any target, so unpacking into
anything but plain names goes through temporaries; plain names use Rust's destructuring
assignment.
"""

from __future__ import annotations

from pipeline.pytypes import PyType, rust_str
from pipeline.rustnames import ident
from pipeline.translate.rules.analysis.ownership import root
from pipeline.translate.rules.back.api import EmitterAPI
from pipeline.translate.rules.back.loops import iterate, owned_items
from pipeline.translate.rules.back.operators import binop, is_pure
from pipeline.translate.rules.back.rust import ATOM, paren, rtype
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import names_read
from pipeline.translate.rules.types import intmode
from pipeline.translate.rules.types import unify as T


def needs_annotation(value: ir.Expr, ty: PyType) -> bool:
    """Whether ``let x = value`` leaves Rust unsure of the type (literals, empty displays)."""
    if ty.name in ("str", "bool", "float", "Iterator"):
        return False  # an Iterator's Rust type is unnameable; iter() fixes its items
    if isinstance(value, ir.Name):
        return False
    if isinstance(value, ir.Call) and value.func.partition(".")[0] == ty.name:
        return False  # a constructor (or a static method) of the value's class
    return not (isinstance(value, ir.Call) and ty.name in ("str", "bool"))


def assign(em: EmitterAPI, s: ir.Assign) -> None:
    """Print ``targets = value``."""
    setter = em.typed.facts.setters.get(id(s))
    if setter is not None:  # ``obj.prop = value``: the property's setter
        em.line(f"{em.expr(setter).code};")
        return None
    if len(s.targets) > 1:
        return chained(em, s)
    target = s.targets[0]
    if isinstance(target, ir.Seq):
        return unpack(em, target, s.value, s)
    if isinstance(target, ir.StarUnpack):
        return star_unpack(em, target, s.value, s)
    value = em.owned(s.value, target.ty)
    dict_store = isinstance(target, ir.Index) and (target.obj.ty or T.NONE).name in T.DICTLIKE
    if dict_store and reads_root(s.value, target):  # `d.insert(k, v)` borrows d first
        tmp = em.fresh("value")  # Python evaluates the value before the store
        em.line(f"let {tmp} = {value};")
        value = tmp
        em.taken.discard(tmp)
    store(em, target, value, s)


def reads_root(value: ir.Expr, target: ir.Expr) -> bool:
    """Whether ``value`` reads the variable the indexed target lives in."""
    name = root(target)
    return name is not None and name in set(names_read(value))


def chained(em: EmitterAPI, s: ir.Assign) -> None:
    """``a = b = value``: evaluate once, then store a copy in each target."""
    ty = s.value.ty or T.NONE
    if T.contains_mutable(ty):
        raise Refusal(Code.ALIASING, "chained assignment of a mutable value shares it", s.line)
    tmp = em.fresh("value")
    em.line(f"let {tmp} = {em.owned(s.value)};")
    for i, t in enumerate(s.targets):
        last = i == len(s.targets) - 1
        code = tmp if last or T.is_copy(ty) else f"{tmp}.clone()"
        if (t.ty or T.NONE).name == "Optional" and ty.name not in ("Optional", "None"):
            code = f"Some({code})"  # ``first = cur = Node(0)``, ``cur`` later None
        if isinstance(t, ir.Seq):
            raise Refusal(Code.STATEMENT, "chained assignment with unpacking", s.line)
        store(em, t, code, s)


def store(em: EmitterAPI, target: ir.Expr, value: str, s: ir.Stmt) -> None:
    """Store an owned Rust value into a Python target."""
    if isinstance(target, ir.Name):
        name = target.id
        if (id(s), name) in em.scopes.let_here:
            ty = em.typed.locals[name]
            em.kinds[name] = "place"
            mut = "mut " if em.needs_mut(name) else ""
            src = s.value if isinstance(s, ir.Assign) else None
            ann = f": {rtype(ty)}" if src is None or needs_annotation(src, ty) else ""
            em.line(f"let {mut}{ident(name)}{ann} = {value};")
        else:
            kind = em.kinds.get(name, "place")
            prefix = "*" if kind == "mut" else ""
            em.line(f"{prefix}{ident(name)} = {value};")
        return
    if isinstance(target, ir.Index):
        return store_index(em, target, value)
    if isinstance(target, ir.Attr):
        em.line(f"{em.receiver(target, True)} = {value};")
        return None
    if isinstance(target, ir.Slice):
        parts = [
            f"Some({em.int_val(p).code})" if p is not None else "None"
            for p in (target.lower, target.upper, target.step)
        ]
        tmp = em.fresh("values")
        given = s.value.ty if isinstance(s, ir.Assign) else None
        if (given or T.NONE).name in ("iter", "Iterator"):  # ``xs[:k] = reversed(...)``
            value = f"{value}.collect::<Vec<_>>()"  # an iterator prints as a call chain
        em.line(f"let {tmp} = {value};")  # Python evaluates the value before the store
        em.line(f"{em.rt('set_slice')}({em.mut_place(target.obj)}, {', '.join(parts)}, {tmp});")
        em.taken.discard(tmp)
        return
    raise Refusal(Code.STATEMENT, "assignment to this target is not supported", s.line)


def store_index(em: EmitterAPI, target: ir.Index, value: str) -> None:
    """``xs[i] = v`` / ``d[k] = v``."""
    obj_t = target.obj.ty or T.NONE
    if obj_t.name in T.DICTLIKE:
        key = em.owned(target.index, obj_t.args[0])
        em.helpers.add("dict")
        em.line(f"{em.receiver(target.obj, True)}.insert({key}, {value});")
        return
    if obj_t.name not in ("list", "deque"):
        raise Refusal(Code.STATEMENT, f"item assignment on {obj_t}", target.line)
    em.line(f"{place(em, target)} = {value};")


def place(em: EmitterAPI, target: ir.Index) -> str:
    """A writable Rust place for ``xs[i]`` / ``d[k]``."""
    return f"*{em.index_ref(target, mutable=True)}"


def unpack(em: EmitterAPI, target: ir.Seq, value: ir.Expr, s: ir.Stmt) -> None:
    """``a, b = value``: a destructuring ``let``/assignment, via temporaries for places."""
    names = [t for t in target.elts if isinstance(t, ir.Name)]
    ty = value.ty or T.NONE
    rhs = em.owned(value)
    if ty.name in ("list", "tuple..."):
        return unpack_list(em, target, rhs, ty, s)
    slots = _optional_slots(em, target, ty)
    if len(names) == len(target.elts) and not any(slots):
        fresh = [(id(s), t.id) in em.scopes.let_here for t in names]
        if all(fresh):
            em.line(f"let ({', '.join(_bindings(em, names))}) = {rhs};")
            return
        if not any(fresh) and all(em.kinds.get(t.id) != "mut" for t in names):
            em.line(f"({', '.join(ident(t.id) for t in names)}) = {rhs};")
            return
    temps = [em.fresh(f"v{i}") for i in range(len(target.elts))]
    pats = ["_" if slot == "none" else tmp for tmp, slot in zip(temps, slots, strict=True)]
    em.line(f"let ({', '.join(pats)}) = {rhs};")
    for elt, tmp, part, slot in zip(target.elts, temps, ty.args, slots, strict=True):
        if isinstance(elt, ir.Seq):
            raise Refusal(Code.STATEMENT, "nested unpacking into places", s.line)
        elt.ty = elt.ty or part
        stored = {"some": f"Some({tmp})", "none": "None"}.get(slot, tmp)
        store(em, elt, stored, s)
    for tmp in temps:
        em.taken.discard(tmp)


def _optional_slots(em: EmitterAPI, target: ir.Seq, ty: PyType) -> list[str]:
    """Per name of ``a, b = x, y`` whose variable is an ``Option`` (``best = None``
    elsewhere): "some" where it is given a plain value here (stored as ``Some(value)``),
    "none" where it is given ``None`` (stored as ``None``, not the unit Python's None
    prints as in a tuple); "" for the others."""
    out = []
    for i, elt in enumerate(target.elts):
        want = em.typed.locals.get(elt.id) if isinstance(elt, ir.Name) else elt.ty
        part = ty.args[i] if ty.name == "tuple" and i < len(ty.args) else None
        if want is None or want.name != "Optional" or part is None or part.name == "Optional":
            out.append("")
        else:
            out.append("none" if part.name == "None" else "some")
    return out


def _bindings(em: EmitterAPI, names: list[ir.Name]) -> list[str]:
    """``mut a`` / ``b``: the names of a destructuring ``let``, each now a place."""
    parts = []
    for t in names:
        em.kinds[t.id] = "place"
        mut = "mut " if em.needs_mut(t.id) and t.id != "_" else ""  # `_` binds nothing
        parts.append(f"{mut}{ident(t.id)}")
    return parts


def star_unpack(em: EmitterAPI, target: ir.StarUnpack, value: ir.Expr, s: ir.Stmt) -> None:
    """``a, *rest, z = items``: at least as many items as plain names, else ValueError."""
    items = em.fresh("items")
    fixed = len(target.before) + len(target.after)
    em.line(f"let {items} = {em.copied(value)};")
    em.line(f"if {items}.len() < {fixed} {{")
    em.line(
        f'    panic!("ValueError: not enough values to unpack (expected at least {fixed}, '
        f'got {{}})", {items}.len());'
    )
    em.line("}")
    for i, n in enumerate(target.before):
        store(em, n, f"{items}[{i}].clone()", s)
    end = f"{items}.len() - {len(target.after)}" if target.after else f"{items}.len()"
    store(em, target.star, f"{items}[{len(target.before)}..{end}].to_vec()", s)
    for i, n in enumerate(target.after):
        store(em, n, f"{items}[{items}.len() - {len(target.after) - i}].clone()", s)
    em.taken.discard(items)


def unpack_list(em: EmitterAPI, target: ir.Seq, rhs: str, ty: PyType, s: ir.Stmt) -> None:
    """``a, b = some_list``: exactly as many items as names, else ValueError."""
    n = len(target.elts)
    names = [t for t in target.elts if isinstance(t, ir.Name)]
    array = f"{em.rt('unpack')}::<{rtype(ty.args[0])}, {n}>({rhs})"
    if len(names) == n and all((id(s), t.id) in em.scopes.let_here for t in names):
        em.line(f"let [{', '.join(_bindings(em, names))}] = {array};")
        return
    temps = [em.fresh(f"v{i}") for i in range(n)]
    em.line(f"let [{', '.join(temps)}] = {array};")
    for elt, tmp in zip(target.elts, temps, strict=True):
        if isinstance(elt, ir.Seq):
            raise Refusal(Code.STATEMENT, "nested unpacking of a list", s.line)
        elt.ty = elt.ty or ty.args[0]
        store(em, elt, tmp, s)
    for tmp in temps:
        em.taken.discard(tmp)


def aug_assign(em: EmitterAPI, s: ir.AugAssign) -> None:
    """``target op= value``."""
    t = s.target
    ty = t.ty or T.NONE
    if ty.name == "list" and s.op == "+":
        em.line(f"{em.receiver(t, True)}.extend({_extend_items(em, s.value)});")
        return
    if ty.name == "set" and s.op in ("|", "-", "&", "^"):
        return set_aug(em, t, s)
    new = ir.BinOp(s.op, t, s.value, ty=ty, line=s.line)
    simple = (
        ty.name in ("int", "float")
        and s.op in ("+", "-", "*")
        and ((s.value.ty or T.NONE).name == ty.name)
    )
    if ty.name == "str" and s.op == "+" and isinstance(t, ir.Name):
        em.line(f"{_name_place(em, t)}.push_str({em.str_ref(s.value)});")
        return
    if simple and ty.name == "int" and intmode.big():  # `b *= b`: a copy of the right side
        alias = isinstance(s.value, ir.Name) and isinstance(t, ir.Name) and s.value.id == t.id
        if not isinstance(t, ir.Name) and not isinstance(s.value, ir.Const):
            # `table[i] += table[j]`: the place is borrowed mutably before a borrowed right
            # side is read (E0502), so the right side is computed first, as i64 `+=` does
            tmp = em.fresh("rhs")
            em.line(f"let {tmp} = {em.owned(s.value)};")
            em.line(f"{_target_place(em, t)} {s.op}= &{tmp};")
            em.taken.discard(tmp)
            return
        rhs = f"&{em.copied(s.value)}" if alias else em.borrow(s.value)
        em.line(f"{_target_place(em, t)} {s.op}= {rhs};")
        return
    if simple:
        em.line(f"{_target_place(em, t)} {s.op}= {em.value(s.value).code};")
        return
    if not is_pure(t):
        raise Refusal(Code.STATEMENT, "augmented assignment to a computed target", s.line)
    value = em.to_owned(binop(em, new))
    if isinstance(t, ir.Name | ir.Attr):
        store(em, t, value, s)
    elif isinstance(t, ir.Index):
        _store_aug_index(em, t, value)
    else:
        raise Refusal(Code.STATEMENT, "augmented assignment target", s.line)


def set_aug(em: EmitterAPI, t: ir.Expr, s: ir.AugAssign) -> None:
    """``a |= b``, ``a &= b``, ``a -= b``, ``a ^= b`` on sets, in place."""
    recv = em.receiver(t, True)
    if s.op == "|":
        em.line(f"{recv}.extend({owned_items(em, iterate(em, s.value, ordered=False))});")
        return
    other = paren(em.expr(s.value), ATOM)
    if not isinstance(s.value, ir.Name):
        tmp = em.fresh("other")
        em.line(f"let {tmp} = {em.owned(s.value)};")
        em.taken.discard(tmp)
        other = tmp
    v = em.fresh("item")
    if s.op == "&":
        em.line(f"{recv}.retain(|{v}| {other}.contains({v}));")
    elif s.op == "-":
        em.line(f"{recv}.retain(|{v}| !{other}.contains({v}));")
    else:
        tmp = em.fresh("value")
        em.line(f"let {tmp} = &*{recv} ^ {other};")
        em.line(
            f"*{em.mut_place(t)} = {tmp};" if not isinstance(t, ir.Name) else f"{recv} = {tmp};"
        )
        em.taken.discard(tmp)


def _store_aug_index(em: EmitterAPI, t: ir.Index, value: str) -> None:
    obj_t = t.obj.ty or T.NONE
    if obj_t.name in T.DICTLIKE:
        tmp = em.fresh("value")
        em.line(f"let {tmp} = {value};")
        em.line(f"{place(em, t)} = {tmp};")
        em.taken.discard(tmp)
        return
    em.line(f"{place(em, t)} = {value};")


def _name_place(em: EmitterAPI, t: ir.Name) -> str:
    return ident(t.id)


def _target_place(em: EmitterAPI, t: ir.Expr) -> str:
    """The place ``op=`` updates."""
    if isinstance(t, ir.Name):
        return ("*" if em.kinds.get(t.id) == "mut" else "") + ident(t.id)
    if isinstance(t, ir.Index):
        return place(em, t)
    if isinstance(t, ir.Attr):
        return em.receiver(t, True)
    raise Refusal(Code.STATEMENT, "augmented assignment target", t.line)


def _extend_items(em: EmitterAPI, value: ir.Expr) -> str:
    """Owned items to append for ``xs += value`` / ``xs.extend(value)``."""
    vt = value.ty or T.NONE
    r = em.expr(value)
    if vt.name in ("list", "tuple...") and r.kind == "owned":
        return r.code
    if vt.name in ("list", "tuple..."):
        return f"{paren(r, ATOM)}.iter().cloned()"
    return owned_items(em, iterate(em, value)).removesuffix(".into_iter()")


def constant(em: EmitterAPI, name: str, value: ir.Expr) -> None:
    """A module constant used by the function, declared in its body."""
    ty = value.ty or T.NONE
    em.kinds[name] = "place"
    if name != name.upper():
        em.line("#[allow(non_upper_case_globals)]")
    if ty.name == "str" and isinstance(value, ir.Const):
        em.kinds[name] = "sref"
        em.line(f"const {ident(name)}: &str = {rust_str(str(value.value))};")
    elif T.is_copy(ty) and _literal(value):
        em.line(f"const {ident(name)}: {rtype(ty)} = {em.owned(value)};")
    elif ty.name in ("list", "tuple...") and all(
        _literal(x) and T.is_copy(x.ty or T.NONE) for x in getattr(value, "elts", [None])
    ):
        em.kinds[name] = "sref"
        assert isinstance(value, ir.Seq)
        items = ", ".join(em.owned(x) for x in value.elts)
        em.line(f"const {ident(name)}: &[{rtype(ty.args[0])}] = &[{items}];")
    else:
        em.line(f"let {ident(name)}: {rtype(ty)} = {em.owned(value)};")


def _literal(e: ir.Expr | None) -> bool:
    """Literal numbers/bools/str (and negations): valid in a ``const``."""
    if isinstance(e, ir.Const):
        return True
    if isinstance(e, ir.Unary) and e.op == "-":
        return _literal(e.operand)
    if isinstance(e, ir.Seq) and e.kind == "tuple":
        return all(_literal(x) for x in e.elts)
    return False
