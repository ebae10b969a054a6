"""Printing expressions: one method per IR expression node (``e_<Node>``), mixed into the
Emitter, which dispatches to them from ``expr``. Calls, operators, comprehensions, f-strings and
lambdas are handed on to their handler modules."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline import pytypes
from pipeline.pytypes import PyType
from pipeline.rustnames import ident
from pipeline.translate.rules.analysis.closures import callable_sig
from pipeline.translate.rules.analysis.facts import Signature
from pipeline.translate.rules.back.api import EmitterMixin
from pipeline.translate.rules.back.calls import Calls
from pipeline.translate.rules.back.closures import lambda_code
from pipeline.translate.rules.back.fmt import fstring
from pipeline.translate.rules.back.loops import (
    comprehension,
)
from pipeline.translate.rules.back.nonedefault import argument
from pipeline.translate.rules.back.operators import binop, compare
from pipeline.translate.rules.back.rust import (
    AND,
    ATOM,
    CMP,
    LOW,
    OR,
    UNARY,
    R,
    big_literal,
    default_value,
    float_lit,
    paren,
)
from pipeline.translate.rules.diagnostics import Code
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import (
    const_int,
)
from pipeline.translate.rules.types import intmode
from pipeline.translate.rules.types import unify as T
from pipeline.translate.rules.types.handles import is_handle


class Expressions(EmitterMixin):
    """The ``e_<Node>`` printers of the Emitter."""

    if TYPE_CHECKING:  # what it uses of its host, Emitter, beyond EmitterAPI (for mypy)
        calls: Calls
        item: tuple[str, str] | None
        unboxed: set[int]
        unwrapped: set[str]

    def e_Const(self, e: ir.Const) -> R:
        v = e.value
        ty = e.ty or T.NONE
        if v is None:
            return R("None" if ty.name != "None" else "()", ty)
        if isinstance(v, bool):
            return R("true" if v else "false", ty)
        if isinstance(v, int) and ty.name == "int" and intmode.big():
            return R(big_literal(self.rt("bigint", "Int"), v), ty)
        if isinstance(v, int):
            return R(str(v) if v <= pytypes.I64_MAX else self._too_big(e), ty)
        if isinstance(v, float):
            return R(float_lit(v), ty, prec=ATOM if v >= 0 else UNARY)
        if isinstance(v, bytes):
            return R(f"{pytypes.rust_bytes(v)}.as_slice()", ty, "sref")
        return R(pytypes.rust_str(str(v)), ty, "sref")

    def _too_big(self, e: ir.Expr) -> str:
        raise self.refuse("int literal does not fit in i64", e, Code.TYPE_OPERATION)

    def e_Name(self, e: ir.Name) -> R:
        ty = e.ty or T.NONE
        if e.id in self.kinds and e.narrowed and e.id not in self.unwrapped:
            kind = self.kinds[e.id]
            if T.is_copy(ty):
                base = f"*{ident(e.id)}" if kind in ("ref", "mut") else ident(e.id)
                return R(
                    f"{base}.unwrap()" if base == ident(e.id) else f"({base}).unwrap()", ty, "owned"
                )
            return R(f"{ident(e.id)}.as_ref().unwrap()", ty, "ref")
        if e.id in self.kinds:
            return R(ident(e.id), ty, self.kinds[e.id])
        if e.id.startswith("math.") or e.id == "sys.maxsize":
            consts = {
                "math.pi": "std::f64::consts::PI",
                "math.e": "std::f64::consts::E",
                "math.tau": "std::f64::consts::TAU",
                "math.inf": "f64::INFINITY",
                "math.nan": "f64::NAN",
                "sys.maxsize": "i64::MAX",
            }
            return R(consts[e.id], ty)
        raise self.refuse(f"name {e.id} has no Rust binding here", e, Code.UNKNOWN_NAME)

    def e_BinOp(self, e: ir.BinOp) -> R:
        call = self.typed.facts.calls.get(id(e))
        if isinstance(call, ir.Call):
            return self.method_call(call, e.ty or T.NONE)
        return binop(self, e)

    def e_Unary(self, e: ir.Unary) -> R:
        ty = e.ty or T.INT
        if e.op == "not":
            return self.negation(e.operand)
        if e.op == "+" and ty.name == "int" and intmode.big():
            return R(self.owned(e.operand), ty)
        if e.op == "+":
            return self.int_val(e.operand) if ty.name == "int" else self.value(e.operand)
        if ty.name == "int" and intmode.big():
            return R(f"{'-' if e.op == '-' else '!'}{self.borrow(e.operand)}", ty, prec=UNARY)
        inner = self.int_val(e.operand) if ty.name == "int" else self.value(e.operand)
        if e.op == "-" and isinstance(e.operand, ir.Const):
            return R(f"-{inner.code}", ty, prec=UNARY)
        return R(f"{'-' if e.op == '-' else '!'}{paren(inner, UNARY)}", ty, prec=UNARY)

    def negation(self, e: ir.Expr) -> R:
        """``not e``, written the way a person would (``xs.is_empty()``, ``a >= b``)."""
        inverse = {
            "<": ">=",
            "<=": ">",
            ">": "<=",
            ">=": "<",
            "==": "!=",
            "!=": "==",
            "in": "not in",
            "not in": "in",
            "is": "is not",
            "is not": "is",
        }
        if isinstance(e, ir.Compare) and len(e.ops) == 1:
            floats = "float" in ((e.left.ty or T.NONE).name, (e.rights[0].ty or T.NONE).name)
            if not (floats and e.ops[0] in ("<", "<=", ">", ">=")):
                flipped = ir.Compare(e.left, [inverse[e.ops[0]]], e.rights, ty=T.BOOL, line=e.line)
                return self.expr(flipped)
        if isinstance(e, ir.Unary) and e.op == "not":
            return R(self.cond(e.operand), T.BOOL, prec=CMP)
        r = self.expr(e)
        name = r.ty.name
        if name in ("str", "list", "tuple...", "set", "deque", *T.DICTLIKE):
            return R(f"{paren(r, ATOM)}.is_empty()", T.BOOL)
        if name in ("int", "float") and r.kind not in ("ref", "mut"):
            zero = "0" if name == "int" else "0.0"
            return R(f"{paren(r, CMP + 1)} == {zero}", T.BOOL, prec=CMP)
        return R(f"!{self.paren_cond(e)}", T.BOOL, prec=UNARY)

    def paren_cond(self, e: ir.Expr) -> str:
        """A condition parenthesised for use after ``!``."""
        text = self.cond(e)
        simple = text.replace("_", "").replace(".", "").replace("()", "").isalnum()
        return (
            text
            if simple or (text.endswith(")") and "(" in text and _balanced_call(text))
            else f"({text})"
        )

    def e_BoolOp(self, e: ir.BoolOp) -> R:
        ty = e.ty or T.BOOL
        if ty.name == "bool":
            op, prec = ("&&", AND) if e.op == "and" else ("||", OR)
            parts = [self.cond(v) for v in e.values]
            wrapped = [p if _prec_of_cond(p) > prec else f"({p})" for p in parts]
            return R(f" {op} ".join(wrapped), ty, prec=prec)
        return self.value_boolop(e, ty)

    def value_boolop(self, e: ir.BoolOp, ty: PyType) -> R:
        """``a or b`` / ``a and b`` returning an operand, evaluated once."""
        first_t = e.values[0].ty or T.NONE
        if first_t.name == "Optional" and ty.name != "Optional":
            tmp = self.fresh("value")
            test = self.truthy(R(tmp, ty, "place"))
            self.taken.discard(tmp)
            default = self.owned(e.values[1], ty)
            return R(
                f"match {self.owned(e.values[0])} {{ Some({tmp}) if {test} => {tmp}, "
                f"_ => {default} }}",
                ty,
                prec=LOW,
            )
        result = self.owned(e.values[-1])
        for v in reversed(e.values[:-1]):
            tmp = self.fresh("value")
            test = self.truthy(R(tmp, ty, "place"))
            first, second = (tmp, result) if e.op == "or" else (result, tmp)
            self.taken.discard(tmp)
            result = (
                f"{{ let {tmp} = {self.owned(v)}; if {test} {{ {first} }} else {{ {second} }} }}"
            )
        return R(result, ty)

    def e_Compare(self, e: ir.Compare) -> R:
        return compare(self, e)

    def e_IfExp(self, e: ir.IfExp) -> R:
        ty = e.ty or T.NONE
        body, orelse = self.owned(e.body, ty), self.owned(e.orelse, ty)
        return R(f"if {self.cond(e.test)} {{ {body} }} else {{ {orelse} }}", ty, prec=LOW)

    def e_Call(self, e: ir.Call) -> R:
        var = self.var_type(e.func) if e.func in self.kinds else None
        if var is not None and var.name == "Callable":
            return self.sibling_call(e, callable_sig(e.func, var))
        sig = self.sigs.get(e.func)
        if sig is not None and e.func not in self.kinds:
            return self.sibling_call(e, sig)
        return self.calls.builtin(e)

    def sibling_call(self, e: ir.Call, sig: Signature) -> R:
        """Call of a translated sibling (or a recursive call), passing by its modes."""
        if e.star:
            return self.star_call(e, sig)
        args = self.pass_args(sig.params, e.args)
        return R(f"{self.callee(sig.name)}({', '.join(args)})", sig.returns)

    def star_call(self, e: ir.Call, sig: Signature) -> R:
        """``Cls(*items)``: one ``match`` arm per accepted length, defaults filled in."""
        if any(mode == pytypes.OPT_MUT for _n, _t, mode in sig.params):
            raise self.refuse(f"{e.func}(*...) with a parameter changed in place", e, Code.ALIASING)
        items = self.fresh("items")
        required = sum(1 for d in sig.defaults if d is None)
        arms = []
        for n in range(required, len(sig.params) + 1):
            args = []
            for i, (_name, ty, _mode) in enumerate(sig.params):
                if i < n:
                    item = f"{items}[{i}]"
                    args.append(item if T.is_copy(ty) else f"{item}.clone()")
                else:
                    default = sig.defaults[i]
                    assert default is not None
                    args.append(self.owned(default, ty))
            arms.append(f"{n} => {self.callee(sig.name)}({', '.join(args)}),")
        count = len(sig.params)
        arms.append(
            f'n => panic!("TypeError: {sig.name}() takes {required} to {count} '
            f'arguments ({{n}} given)"),'
        )
        self.taken.discard(items)
        value = (
            self.copied(e.args[0])
            if (e.args[0].ty or T.NONE).name != "tuple"
            else (self.owned(e.args[0]))
        )
        return R(
            f"{{ let {items} = {value}; match {items}.len() {{ {' '.join(arms)} }} }}", sig.returns
        )

    def callee(self, name: str) -> str:
        """Rust path of a called function: ``f``, ``Cls::new``, ``Cls::method``
        (``Self::…`` inside the class's own impl)."""
        cls, _, method = name.partition(".")
        model = self.classes(cls)
        if model is None:
            return ident(name)
        own = self.item is not None and self.typed.fn.name.partition(".")[0] == cls
        owner = "Self" if own else cls
        return f"{owner}::{model.rust_method(method) if method else 'new'}"

    def method_call(self, call: ir.Call, ty: PyType) -> R:
        """``obj.method(args)`` of a translated class: the receiver by the mode of self."""
        sig = self.sigs[call.func]
        cls, _, method = call.func.partition(".")
        model = self.classes(cls)
        assert model is not None
        mode = sig.params[0][2]
        recv = self.receiver(call.args[0], mode == "mut")
        args = self.pass_args(sig.params[1:], call.args[1:])
        return R(f"{recv}.{model.rust_method(method)}({', '.join(args)})", ty)

    def e_Apply(self, e: ir.Apply) -> R:
        """Call of a computed callable (``table[op](a, b)``)."""
        callee = self.expr(e.callee)
        sig = callable_sig("", callee.ty)
        code = callee.code if callee.code.endswith(")") else f"({callee.code})"
        return R(f"{code}({', '.join(self.pass_args(sig.params, e.args))})", sig.returns)

    def pass_args(self, params: list[tuple[str, PyType, str]], values: list[ir.Expr]) -> list[str]:
        """Arguments printed for parameters passed by ``(name, type, mode)``."""
        args = []
        for (_name, ty, mode), arg in zip(params, values, strict=True):
            if ty.name == "Iterator":  # ``impl IntoIterator``: owned items of the iterable
                args.append(self.calls.items_arg(arg))
            elif ty.name == "Callable" and isinstance(arg, ir.Name):
                args.append(f"&{ident(arg.id)}")  # &impl Fn is Fn: the caller keeps it
            elif mode == "value" and T.contains_mutable(ty):
                args.append(self.copied(arg))  # the callee rebinds it: the caller keeps its own
            elif mode == "value":
                args.append(self.owned(arg, ty))
            elif mode == "mut":
                args.append(self.mut_place(arg))
            elif mode == pytypes.OPT_MUT:
                args.append(argument(self, arg, _name))
            elif pytypes.is_typevar(ty):
                args.append(self.sized_ref(arg))
            elif ty.name == "str":
                args.append(
                    self.borrow(arg) if not isinstance(arg, ir.Const) else self.expr(arg).code
                )
            else:
                args.append(self.borrow(arg))
        return args

    def sized_ref(self, arg: ir.Expr) -> str:
        """``&x`` for a ``&T`` parameter: a borrowed ``&str`` / ``&[T]`` is owned first (``T``
        is the sized ``String`` / ``Vec``, whose bounds the callee states)."""
        r = self.expr(arg)
        if r.kind == "sref":
            return f"&{self.to_owned(r)}"
        return self.borrow(arg) if r.kind in ("ref", "mut") else f"&{paren(r, UNARY)}"

    def e_Method(self, e: ir.Method) -> R:
        call = self.typed.facts.calls.get(id(e))
        if isinstance(call, ir.Call):
            return self.method_call(call, e.ty or T.NONE)
        return self.calls.method(e)

    def e_Attr(self, e: ir.Attr) -> R:
        call = self.typed.facts.calls.get(id(e))
        if isinstance(call, ir.Call):  # a property's getter
            return self.method_call(call, e.ty or T.NONE)
        if is_handle(e.obj.ty or T.NONE):  # a node: its getter (types/handles.py)
            code = f"{self.node(e.obj, e.name)}.{ident(e.name)}()"
            if e.narrowed:  # a None test proved the child there (infer_stmts.narrow)
                code += '.expect("narrowed by a None test")'
            return R(code, e.ty or T.NONE)
        if self.classes((e.obj.ty or T.NONE).name) is None:
            raise self.refuse(f"attribute .{e.name}", e)
        obj = self.expr(e.obj)
        return R(f"{paren(obj, ATOM)}.{ident(e.name)}", e.ty or T.NONE, "place")

    def node(self, e: ir.Expr, attr: str) -> str:
        """A node expression ready for a getter or a borrow; an Optional one that is None
        panics, where Python raises AttributeError."""
        code = paren(self.expr(e), ATOM)
        if (e.ty or T.NONE).name != "Optional":
            return code
        message = f"AttributeError: 'NoneType' object has no attribute '{attr}'"
        return f"{code}.as_ref().expect({pytypes.rust_str(message)})"

    def e_StructLit(self, e: ir.StructLit) -> R:
        parts = []
        model = self.classes(e.cls)
        assert model is not None
        for name, value in zip(e.names, e.values, strict=True):
            code = self.owned(value, model.fields[name])
            parts.append(ident(name) if code == ident(name) else f"{ident(name)}: {code}")
        owner = "Self" if self.item is not None else e.cls
        if model.handle:
            data = f"{e.cls}Data {{ {', '.join(parts)} }}"
            return R(f"{owner}(std::rc::Rc::new(std::cell::RefCell::new({data})))", e.ty or T.NONE)
        return R(f"{owner} {{ {', '.join(parts)} }}", e.ty or T.NONE)

    def e_Index(self, e: ir.Index) -> R:
        obj_t = e.obj.ty or T.NONE
        ty = e.ty or T.NONE
        if obj_t.name == "Counter":
            got = f"{self.receiver(e.obj, False)}.get({self.key(e.index)})"
            return R(f"{got}.copied().unwrap_or(0)", ty)
        if obj_t.name == "defaultdict":
            return R(self.index_ref(e, mutable=True), ty, "mut")
        if obj_t.name == "str":
            return R(
                f"{self.rt('str_index')}({self.str_ref(e.obj)}, {self.int_val(e.index).code})", ty
            )
        if obj_t.name == "bytes":
            return R(
                f"{self.rt('bytes_at')}({self.borrow(e.obj)}, {self.int_val(e.index).code})", ty
            )
        if obj_t.name == "tuple":
            k = const_int(e.index) or 0
            k = k + len(obj_t.args) if k < 0 else k
            return R(f"{paren(self.expr(e.obj), ATOM)}.{k}", ty, self.field_kind(e.obj))
        return R(self.index_ref(e, mutable=False), ty, "ref")

    def field_kind(self, obj: ir.Expr) -> str:
        """How a tuple field is held: like its tuple (refs stay references)."""
        r = self.expr(obj)
        return "owned" if r.kind == "owned" else "place"

    def key(self, e: ir.Expr) -> str:
        """A borrowed dict/set key (``&str`` for str keys)."""
        if (e.ty or T.NONE).name == "str":
            r = self.expr(e)
            return r.code if r.kind == "sref" else f"{paren(r, ATOM)}.as_str()"
        r = self.expr(e)
        if r.kind in ("ref", "mut"):
            return r.code
        return f"&{paren(r, UNARY)}"

    def index_ref(self, e: ir.Index, mutable: bool) -> str:
        """``&T`` / ``&mut T`` to ``obj[i]`` with Python's index rules (KeyError, IndexError)."""
        obj_t = e.obj.ty or T.NONE
        if obj_t.name == "defaultdict" or (obj_t.name == "Counter" and mutable):
            value = default_value(obj_t.args[1]) if obj_t.name == "defaultdict" else "0"
            key = self.owned(e.index, obj_t.args[0])
            return f"{self.receiver(e.obj, True)}.setdefault({key}, {value})"
        base = self.receiver(e.obj, mutable)
        if obj_t.name in ("dict", "Counter", "OrderedDict"):
            self.helpers.add("dict")
            return f"{base}.{'item_mut' if mutable else 'item'}({self.key(e.index)})"
        if obj_t.name != "deque":
            self.helpers.add("seq")
        return f"{base}.{'at_mut' if mutable else 'at'}({self.int_val(e.index).code})"

    def e_Slice(self, e: ir.Slice) -> R:
        ty = e.ty or T.NONE
        parts = [
            f"Some({self.int_val(p).code})" if p is not None else "None"
            for p in (e.lower, e.upper, e.step)
        ]
        if parts == ["None", "None", "None"]:
            return R(self.copied(e.obj), ty)
        if ty.name == "str":
            if parts == ["None", "None", "Some(-1)"]:
                return R(f"{paren(self.expr(e.obj), ATOM)}.chars().rev().collect::<String>()", ty)
            return R(f"{self.rt('str_slice')}({self.str_ref(e.obj)}, {', '.join(parts)})", ty)
        return R(f"{self.rt('slice')}({self.borrow(e.obj)}, {', '.join(parts)})", ty)

    def e_Seq(self, e: ir.Seq) -> R:
        ty = e.ty or T.NONE
        if e.kind == "tuple":
            parts = [self.owned(x, t) for x, t in zip(e.elts, ty.args, strict=True)]
            return R(pytypes._tuple_of(parts), ty)
        item = ty.args[0]
        copy = id(e) in self.own.transient
        parts = [self.owned(x, item, copy) for x in e.elts]
        if e.kind == "list":
            return R(f"vec![{', '.join(parts)}]" if parts else "Vec::new()", ty)
        if not parts:
            return R("std::collections::HashSet::new()", ty)
        return R(f"std::collections::HashSet::from([{', '.join(parts)}])", ty)

    def e_DictLit(self, e: ir.DictLit) -> R:
        ty = e.ty or T.NONE
        if not e.keys:
            return R(f"{self.rt('dict', 'PyDict')}::new()", ty)
        k, v = ty.args
        copy = id(e) in self.own.transient
        pairs = ", ".join(
            f"({self.owned(a, k, copy)}, {self.owned(b, v, copy)})"
            for a, b in zip(e.keys, e.values, strict=True)
        )
        return R(f"{self.rt('dict', 'PyDict')}::from_pairs(vec![{pairs}])", ty)

    def e_Comp(self, e: ir.Comp) -> R:
        return comprehension(self, e)

    def e_FStr(self, e: ir.FStr) -> R:
        return fstring(self, e)

    def e_Lambda(self, e: ir.Lambda) -> R:
        if e.ty is None or e.ty.name != "Callable":
            raise self.refuse("lambda outside a key= argument", e)
        return lambda_code(self, e, box=id(e) not in self.unboxed)

    def var_type(self, name: str) -> PyType | None:
        """The type of a variable of this function (a closure's captured ones included)."""
        t = self.typed.locals, self.typed.params, self.typed.captured
        return t[0].get(name) or t[1].get(name) or t[2].get(name)


def _balanced_call(text: str) -> bool:
    """Whether ``text`` is a single call/method chain like ``a.b(c)``."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0 and i != len(text) - 1 and text[i + 1] not in ".(":
                return False
        elif depth == 0 and ch in " !&|<>=+-*/%":
            return False
    return True


def _prec_of_cond(text: str) -> int:
    """Rough precedence of a printed condition (for ``&&``/``||`` chains)."""
    depth = 0
    lowest = ATOM
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0:
            if text.startswith("||", i):
                lowest = min(lowest, OR)
            elif text.startswith("&&", i):
                lowest = min(lowest, AND)
            elif text.startswith("if ", i) and (i == 0 or text[i - 1] == " "):
                lowest = min(lowest, LOW)
    return lowest
