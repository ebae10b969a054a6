"""Arithmetic, bitwise and comparison operators with Python's semantics.

Floor division, modulo, powers, shifts and true division go through ``pyrt`` helpers where
Rust's operators differ (sign of ``%``, rounding of ``//``, ``/`` by zero, lost shift bits);
``+ - *`` on ints stay plain operators, which panic on overflow under overflow checks.
"""

from __future__ import annotations

from pipeline.translate.rules.back.api import EmitterAPI
from pipeline.translate.rules.back.rust import (
    ADD,
    AS,
    ATOM,
    CMP,
    MUL,
    OP_PREC,
    SHIFT,
    UNARY,
    R,
    paren,
    ref_to,
)
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import const_int
from pipeline.translate.rules.types import intmode
from pipeline.translate.rules.types import unify as T
from pipeline.translate.rules.types.handles import is_handle

INT_HELPERS = {"//": "floordiv", "%": "modulo", "<<": "shl", ">>": "shr"}
BIG_METHODS = {
    "//": "floordiv",
    "%": "modulo",
    "<<": "shl",
    ">>": "shr",
    "**": "pow",
    "&": "bitand",
    "|": "bitor",
    "^": "bitxor",
}
FLOAT_HELPERS = {"//": "ffloordiv", "%": "fmod", "**": "fpow"}


def infix(op: str, a: R, b: R, ty: T.PyType) -> R:
    """``a op b`` with the parentheses Rust's precedence needs."""
    prec = OP_PREC[op]
    # mixing bit operators with arithmetic reads badly: always parenthesise (clippy agrees)
    floor = ATOM if prec <= SHIFT and op not in ("&&", "||") else prec
    left = paren(a, floor) if a.prec in (MUL, ADD) and floor == ATOM else paren(a, prec)
    right = paren(b, floor) if b.prec in (MUL, ADD) and floor == ATOM else paren(b, prec + 1)
    return R(f"{left} {op} {right}", ty, prec=prec)


def call(em: EmitterAPI, helper: str, ty: T.PyType, *args: str) -> R:
    """A call of a runtime helper."""
    return R(f"{em.rt(helper)}({', '.join(args)})", ty)


def binop(em: EmitterAPI, e: ir.BinOp) -> R:
    """Print a binary operator."""
    ty = e.ty or T.NONE
    a, b = e.left.ty or T.NONE, e.right.ty or T.NONE
    if T.is_num(a) and T.is_num(b):
        if ty.name == "float":
            return float_op(em, e, ty)
        if ty.name == "bool":
            return infix(e.op, em.value(e.left), em.value(e.right), ty)
        return int_op(em, e, ty)
    if ty.name == "str":
        return str_op(em, e, ty)
    if ty.name == "bytes":
        return bytes_op(em, e, ty)
    if ty.name in ("list", "tuple..."):
        return list_op(em, e, ty)
    if ty.name == "Counter":
        sign = "1" if e.op == "+" else "-1"
        helper = em.rt("counter_arith")
        return R(f"{helper}({em.borrow(e.left)}, {em.borrow(e.right)}, {sign})", ty)
    if ty.name == "set":
        sa = R(em.borrow(e.left), a, prec=UNARY)
        sb = R(em.borrow(e.right), b, prec=UNARY)
        return infix(e.op, sa, sb, ty)
    raise Refusal(Code.OPERATOR, f"operator {e.op} on {a} and {b}", e.line)


def int_op(em: EmitterAPI, e: ir.BinOp, ty: T.PyType) -> R:
    """Integer arithmetic and bit operations."""
    if intmode.big():
        return big_op(em, e.op, e.left, e.right, ty)
    left, right = em.int_val(e.left), em.int_val(e.right)
    if e.op in INT_HELPERS:
        return call(em, INT_HELPERS[e.op], ty, left.code, right.code)
    if e.op == "**":
        k = const_int(e.right)
        if k is not None and 0 <= k < 64:
            base = f"{left.code}_i64" if isinstance(e.left, ir.Const) else paren(left, ATOM)
            return R(f"{base}.pow({k})", ty)
        return call(em, "ipow", ty, left.code, right.code)
    return infix(e.op, left, right, ty)


def big_ref(em: EmitterAPI, e: ir.Expr) -> str:
    """``&Int`` for an int (or bool) operand in big-int mode."""
    if (e.ty or T.NONE).name == "bool":
        return f"&{em.rt('bigint', 'Int')}::from({em.value(e).code})"
    return em.borrow(e)


def big_op(em: EmitterAPI, op: str, a: ir.Expr, b: ir.Expr, ty: T.PyType) -> R:
    """``a op b`` on unbounded ints: operators on references, the rest as ``Int`` methods."""
    left, right = big_ref(em, a), big_ref(em, b)
    if op in BIG_METHODS:
        return R(f"{em.rt('bigint', 'Int')}::{BIG_METHODS[op]}({left}, {right})", ty)
    if op not in ("+", "-", "*"):
        raise Refusal(Code.OPERATOR, f"operator {op} on unbounded ints", a.line)
    return R(f"{left} {op} {right}", ty, prec=OP_PREC[op])


def float_op(em: EmitterAPI, e: ir.BinOp, ty: T.PyType) -> R:
    """Float arithmetic (ints converted exactly as Python converts them)."""
    a, b = e.left.ty or T.NONE, e.right.ty or T.NONE
    if e.op == "/" and a.name != "float" and b.name != "float" and intmode.big():
        left_ref, right_ref = big_ref(em, e.left), big_ref(em, e.right)
        return R(f"{em.rt('bigint', 'Int')}::truediv({left_ref}, {right_ref})", ty)
    if e.op == "/" and a.name != "float" and b.name != "float":
        left, right = em.int_val(e.left), em.int_val(e.right)
        return call(em, "truediv", ty, left.code, right.code)
    left = float_r(em, e.left)
    right = float_r(em, e.right)
    if e.op in FLOAT_HELPERS:
        return call(em, FLOAT_HELPERS[e.op], ty, left.code, right.code)
    if e.op == "/":
        if _nonzero_const(e.right):
            return infix("/", left, right, ty)
        return call(em, "fdiv", ty, left.code, right.code)
    if e.op not in ("+", "-", "*"):
        raise Refusal(Code.OPERATOR, f"operator {e.op} on floats", e.line)
    return infix(e.op, left, right, ty)


def float_r(em: EmitterAPI, e: ir.Expr) -> R:
    """``e`` as an f64 expression."""
    code = em.as_float(e)
    prec = AS if code.endswith(" as f64") else (UNARY if code.startswith("-") else ATOM)
    if (e.ty or T.NONE).name == "float" and not isinstance(e, ir.Const):
        return em.value(e)
    return R(code, T.FLOAT, prec=prec)


def _nonzero_const(e: ir.Expr) -> bool:
    v = e.value if isinstance(e, ir.Const) else None
    return isinstance(v, int | float) and not isinstance(v, bool) and v != 0


def str_op(em: EmitterAPI, e: ir.BinOp, ty: T.PyType) -> R:
    """``a + b`` and ``s * n`` on strings."""
    if e.op == "+":
        return R(f'format!("{{}}{{}}", {em.borrow(e.left)}, {em.borrow(e.right)})', ty)
    s, n = (e.left, e.right) if (e.left.ty or T.NONE).name == "str" else (e.right, e.left)
    count = f"{em.rt('repeat_count')}({em.int_val(n).code})"
    return R(f"{paren(em.expr(s), ATOM)}.repeat({count})", ty)


def bytes_op(em: EmitterAPI, e: ir.BinOp, ty: T.PyType) -> R:
    """``a + b`` and ``data * n`` on bytes."""
    if e.op == "+":
        return R(f"[{em.slice_ref(e.left)}, {em.slice_ref(e.right)}].concat()", ty)
    data, n = (e.left, e.right) if (e.left.ty or T.NONE).name == "bytes" else (e.right, e.left)
    return R(f"{em.rt('list_repeat')}({em.slice_ref(data)}, {em.int_val(n).code})", ty)


def list_op(em: EmitterAPI, e: ir.BinOp, ty: T.PyType) -> R:
    """``a + b`` and ``xs * n`` on lists."""
    if e.op == "+":
        return R(f"[{em.slice_ref(e.left)}, {em.slice_ref(e.right)}].concat()", ty)
    xs, n = (
        (e.left, e.right)
        if (e.left.ty or T.NONE).name in ("list", "tuple...")
        else (e.right, e.left)
    )
    if T.contains_mutable(ty.args[0]):
        raise Refusal(Code.ALIASING, "repeating a list of mutable values shares them", e.line)
    count = f"{em.rt('repeat_count')}({em.int_val(n).code})"
    if isinstance(xs, ir.Seq) and len(xs.elts) == 1:
        return R(f"vec![{em.owned(xs.elts[0], ty.args[0])}; {count}]", ty)
    return R(f"{em.rt('list_repeat')}({em.slice_ref(xs)}, {em.int_val(n).code})", ty)


# ---------------------------------------------------------------- comparisons


def is_pure(e: ir.Expr) -> bool:
    """Whether evaluating ``e`` twice is harmless (no calls, no side effects)."""
    if isinstance(e, ir.Name | ir.Const):
        return True
    if isinstance(e, ir.Index):
        return is_pure(e.obj) and is_pure(e.index)
    if isinstance(e, ir.BinOp):
        return is_pure(e.left) and is_pure(e.right)
    if isinstance(e, ir.Unary):
        return is_pure(e.operand)
    return False


def compare(em: EmitterAPI, e: ir.Compare) -> R:
    """Print a (possibly chained) comparison."""
    ranged = range_contains(em, e)
    if ranged is not None:
        return ranged
    if len(e.ops) == 2 and not is_pure(e.rights[0]):
        return via_temp(em, e)
    parts = []
    left = e.left
    for i, (op, right) in enumerate(zip(e.ops, e.rights, strict=True)):
        if i > 0 and not is_pure(left):
            raise Refusal(
                Code.EXPRESSION, "chained comparison with a computed middle operand", e.line
            )
        parts.append(compare_pair(em, op, left, right))
        left = right
    if len(parts) == 1:
        return parts[0]
    return R(
        " && ".join(paren(p, CMP + 1) if p.prec <= CMP - 1 else p.code for p in parts),
        T.BOOL,
        prec=CMP - 5,
    )


def range_contains(em: EmitterAPI, e: ir.Compare) -> R | None:
    """``lo <= x <= hi`` / ``lo <= x < hi`` on ints as ``(lo..=hi).contains(&x)``."""
    if len(e.ops) != 2 or e.ops[0] != "<=" or e.ops[1] not in ("<", "<="):
        return None
    lo, x, hi = e.left, e.rights[0], e.rights[1]
    if any((v.ty or T.NONE).name != "int" for v in (lo, x, hi)) or intmode.big():
        return None
    dots = "..=" if e.ops[1] == "<=" else ".."
    a, b = em.int_val(lo), em.int_val(hi)
    bound = f"{paren(a, ADD)}{dots}{paren(b, ADD)}"
    return R(f"({bound}).contains(&{paren(em.int_val(x), UNARY)})", T.BOOL)


def via_temp(em: EmitterAPI, e: ir.Compare) -> R:
    """``a < f(x) < b``: evaluate the middle operand once, in a block."""
    tmp = em.fresh("middle")
    middle = e.rights[0]
    value = em.owned(middle)
    em.kinds[tmp] = "place"
    name = ir.Name(tmp, ty=middle.ty, line=e.line)
    first = compare_pair(em, e.ops[0], e.left, name)
    second = compare_pair(em, e.ops[1], name, e.rights[1])
    del em.kinds[tmp]
    em.taken.discard(tmp)
    return R(f"{{ let {tmp} = {value}; {first.code} && {second.code} }}", T.BOOL)


def compare_pair(em: EmitterAPI, op: str, a: ir.Expr, b: ir.Expr) -> R:
    """One comparison ``a op b``."""
    ta, tb = a.ty or T.NONE, b.ty or T.NONE
    if op in ("is", "is not") and is_handle(ta) and is_handle(tb):  # identity of two nodes
        want = ta if ta.name == "Optional" else tb
        check = "==" if op == "is" else "!="
        return R(f"{em.owned(a, want)} {check} {em.owned(b, want)}", T.BOOL, prec=CMP)
    if op in ("is", "is not") or (op in ("==", "!=") and "None" in (ta.name, tb.name)):
        subject = a if tb.name == "None" else b
        check = "is_none" if op in ("is", "==") else "is_some"
        if (subject.ty or T.NONE).name == "None":
            return R("true" if check == "is_none" else "false", T.BOOL)
        if (subject.ty or T.NONE).name != "Optional":
            raise Refusal(
                Code.OPERATOR,
                f"`{op} None` on a value of type {subject.ty}, which is never None",
                subject.line,
            )
        return R(f"{paren(em.expr(subject), ATOM)}.{check}()", T.BOOL)
    if op in ("in", "not in"):
        test = contains(em, a, b)
        return R(f"!{test}", T.BOOL, prec=UNARY) if op == "not in" else R(test, T.BOOL)
    if T.is_num(ta) and T.is_num(tb):
        same = isinstance(a, ir.Name) and isinstance(b, ir.Name) and a.id == b.id
        if same and ta.name == "float" and op in ("==", "!="):
            check = f"{paren(em.value(a), ATOM)}.is_nan()"
            return R(check, T.BOOL) if op == "!=" else R(f"!{check}", T.BOOL, prec=UNARY)
        if "float" in (ta.name, tb.name):
            if ta.name == "int" and not _exact_as_float(a):
                return int_float_cmp(em, op, a, b)
            if tb.name == "int" and not _exact_as_float(b):
                return int_float_cmp(em, SWAPPED[op], b, a)
            return cmp(op, float_r(em, a), float_r(em, b))
        if ta.name == tb.name == "bool":
            return cmp(op, em.value(a), em.value(b))
        if intmode.big():
            return cmp(op, em.value(a), em.value(b))
        return cmp(op, em.int_val(a), em.int_val(b))
    if ta.name == "bytes":  # compared as byte slices, lexicographically as Python does
        return cmp(op, R(em.slice_ref(a), ta), R(em.slice_ref(b), tb))
    if op in ("==", "!=") and ta.name == tb.name == "Counter":
        test = f"{em.rt('counter', 'counter_eq')}({em.borrow(a)}, {em.borrow(b)})"
        return R(test, T.BOOL) if op == "==" else R(f"!{test}", T.BOOL, prec=UNARY)
    if op in ("==", "!=") and T.optional_scalar_pair(ta, tb):
        return optional_eq(em, op, a, b)
    if op in ("==", "!="):
        return cmp(op, eq_operand(em, a), eq_operand(em, b))
    if ta.name == "set":
        return set_order(em, op, a, b)
    if ta.name == "str":
        return cmp(op, R(em.str_ref(a), ta), R(em.str_ref(b), tb))
    if ta.name in ("list", "tuple..."):
        return cmp(op, R(em.slice_ref(a), ta), R(em.slice_ref(b), tb))
    return cmp(op, eq_operand(em, a), eq_operand(em, b))


def optional_eq(em: EmitterAPI, op: str, a: ir.Expr, b: ir.Expr) -> R:
    """``x == opt`` between a scalar and an Optional of its type: ``opt == Some(x)``."""
    opt, x = (a, b) if (a.ty or T.NONE).name == "Optional" else (b, a)
    kind = (x.ty or T.NONE).name
    if kind == "str":
        left = R(f"{paren(em.expr(opt), ATOM)}.as_deref()", T.NONE, prec=ATOM)
        return cmp(op, left, R(f"Some({em.str_ref(x)})", T.NONE, prec=ATOM))
    if kind == "int" and intmode.big():  # runtime Ints: compared by reference
        left = R(f"{paren(em.expr(opt), ATOM)}.as_ref()", T.NONE, prec=ATOM)
        return cmp(op, left, R(f"Some(&{paren(eq_operand(em, x), UNARY)})", T.NONE, prec=ATOM))
    value = em.int_val(x) if kind == "int" else float_r(em, x) if kind == "float" else em.value(x)
    return cmp(op, eq_operand(em, opt), R(f"Some({value.code})", T.NONE, prec=ATOM))


def set_order(em: EmitterAPI, op: str, a: ir.Expr, b: ir.Expr) -> R:
    """Subset/superset tests written as ``<=``, ``<``, ``>=``, ``>``."""
    if op in (">", ">="):
        a, b, op = b, a, op.replace(">", "<")
    left, right = paren(em.expr(a), ATOM), em.borrow(b)
    test = f"{left}.is_subset({right})"
    if op == "<":
        return R(f"{test} && {left}.len() < {right}.len()", T.BOOL, prec=20)
    return R(test, T.BOOL)


SWAPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
ORDERINGS = {
    "<": "Less",
    "<=": "Less | std::cmp::Ordering::Equal",
    ">": "Greater",
    ">=": "Greater | std::cmp::Ordering::Equal",
    "==": "Equal",
    "!=": "Equal",
}


def _exact_as_float(e: ir.Expr) -> bool:
    """An int literal that ``as f64`` keeps exactly (|v| <= 2**53)."""
    v = const_int(e)
    return v is not None and abs(v) <= 2**53


def int_float_cmp(em: EmitterAPI, op: str, i: ir.Expr, f: ir.Expr) -> R:
    """``int op float`` compared exactly, as Python does (no rounding of the int to f64)."""
    if intmode.big():
        order = f"{paren(em.expr(i), ATOM)}.cmp_f64({float_r(em, f).code})"
    else:
        order = f"{em.rt('cmp_int_float')}({em.int_val(i).code}, {float_r(em, f).code})"
    test = f"matches!({order}, Some(std::cmp::Ordering::{ORDERINGS[op]}))"
    return R(f"!{test}", T.BOOL, prec=UNARY) if op == "!=" else R(test, T.BOOL)


def cmp(op: str, a: R, b: R) -> R:
    """``a op b`` for comparison operators (casts parenthesised before ``<``)."""

    def wrap(r: R, left: bool) -> str:
        # `x as i64 < y` would parse `<` as generics: only that case needs parentheses
        cast = r.prec == AS and left and op.startswith("<")
        return f"({r.code})" if r.prec <= CMP or cast else r.code

    return R(f"{wrap(a, True)} {op} {wrap(b, False)}", T.BOOL, prec=CMP)


def eq_operand(em: EmitterAPI, e: ir.Expr) -> R:
    """An operand of ``==``: references to owned values are dereferenced."""
    r = em.expr(e)
    if r.kind in ("ref", "mut"):
        return R(f"*{paren(r, UNARY)}", r.ty, "place", UNARY)
    return r


def contains(em: EmitterAPI, item: ir.Expr, box: ir.Expr) -> str:
    """``item in box`` for str, list, tuple, dict and set containers."""
    bt = box.ty or T.NONE
    it = item.ty or T.NONE
    if bt.name == "str":
        return f"{paren(em.expr(box), ATOM)}.contains({em.str_ref(item)})"
    if bt.name == "bytes" and it.name == "bytes":
        return f"{em.rt('bytes_find')}({em.slice_ref(box)}, {em.slice_ref(item)}) >= 0"
    if bt.name == "bytes":
        return f"{em.rt('bytes_contains')}({em.slice_ref(box)}, {em.int_val(item).code})"
    if bt.name == "deque" and it.name == "str":  # PyDeque::contains wants `&String`
        v = em.fresh("item")
        return f"{paren(em.expr(box), ATOM)}.iter().any(|{v}| {v} == {em.str_ref(item)})"
    if bt.name in ("set", "deque", *T.DICTLIKE):
        method = "contains" if bt.name in ("set", "deque") else "contains_key"
        return f"{paren(em.expr(box), ATOM)}.{method}({em.key(item)})"
    if isinstance(box, ir.Seq):
        copy = id(box) in em.own.transient
        elts = [em.str_ref(x) if it.name == "str" else em.owned(x, copy=copy) for x in box.elts]
        needle = em.str_ref(item) if it.name == "str" else em.owned(item)
        return f"[{', '.join(elts)}].contains({ref_to(needle)})"
    if bt.name in ("list", "tuple..."):
        if it.name == "str":
            v = em.fresh("item")
            return f"{paren(em.expr(box), ATOM)}.iter().any(|{v}| {v} == {em.str_ref(item)})"
        if it.name == "list" and em.expr(item).kind == "sref":  # `&[T]`: contains wants `&Vec<T>`
            v = em.fresh("item")
            return f"{paren(em.expr(box), ATOM)}.iter().any(|{v}| {v} == {em.borrow(item)})"
        return f"{paren(em.expr(box), ATOM)}.contains({em.borrow(item)})"
    if bt.name == "tuple":
        elts = [f"{paren(em.expr(box), ATOM)}.{i}" for i in range(len(bt.args))]
        needle = em.owned(item)
        return f"[{', '.join(elts)}].contains({ref_to(needle)})"
    raise Refusal(Code.OPERATOR, f"`in` on {bt}", box.line)
