"""Pass 5: typed IR -> Rust source text.

Each expression is printed as an ``R``: its Rust text, its type, how it is held (an owned
temporary, a place, a ``&T`` reference, a borrowed ``&str``/``&[T]`` parameter or a ``&mut``
parameter) and its precedence. Consumers ask for the form they need — an owned value, a Copy
value, a borrow, a ``&mut`` place, a condition — so clones and derefs appear only where Rust
needs them. Statements are printed with Python's function-wide scoping mapped onto Rust blocks
by the ``scopes`` pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline import pytypes
from pipeline.pytypes import PyType
from pipeline.rustnames import ident
from pipeline.translate.rules import ir, nonedefault
from pipeline.translate.rules import tys as T
from pipeline.translate.rules.diagnostics import Refusal
from pipeline.translate.rules.infer import ClassLookup, Signature, Typed, const_int, walk_stmts
from pipeline.translate.rules.lazy import DONE, Plan
from pipeline.translate.rules.ownership import Ownership
from pipeline.translate.rules.scopes import Scopes

RT = "crate::pyrt::"
# precedence levels (higher binds tighter)
ATOM, UNARY, AS, MUL, ADD, SHIFT, BAND, BXOR, BOR, CMP, AND, OR, LOW = (
    100,
    90,
    85,
    80,
    70,
    60,
    50,
    45,
    40,
    30,
    20,
    10,
    0,
)
OP_PREC = {
    "*": MUL,
    "/": MUL,
    "%": MUL,
    "+": ADD,
    "-": ADD,
    "<<": SHIFT,
    ">>": SHIFT,
    "&": BAND,
    "^": BXOR,
    "|": BOR,
}


@dataclass
class LoopCtx:
    """An enclosing loop while its body is printed."""

    break_label: str | None  # label of the block a loop-else lives in
    header: int  # index of the loop's header line
    label: str | None = None  # the loop's own label, when a jump must name it
    blocks: int = 0  # labelled blocks currently open inside this loop's body


@dataclass
class R:
    """A printed Rust expression.

    kind: "owned" (a temporary), "place" (a variable or element of owned type), "ref" (``&T``),
    "sref" (a borrowed ``&str`` / ``&[T]``), "mut" (``&mut T``).
    """

    code: str
    ty: PyType
    kind: str = "owned"
    prec: int = ATOM


def rtype(t: PyType) -> str:
    """Owned Rust type of ``t`` (collections types included)."""
    if t.name == "defaultdict":
        return f"crate::pyrt::PyDict<{rtype(t.args[0])}, {rtype(t.args[1])}>"
    if t.name == "Counter":
        return f"crate::pyrt::PyDict<{rtype(t.args[0])}, i64>"
    if t.name == "OrderedDict":
        return f"crate::pyrt::PyOrderedDict<{rtype(t.args[0])}, {rtype(t.args[1])}>"
    if t.name == "deque":
        return f"crate::pyrt::PyDeque<{rtype(t.args[0])}>"
    if t.args and any(a.name in ("defaultdict", "Counter", "deque", "OrderedDict") for a in t.args):
        inner = [rtype(a) for a in t.args]
        if t.name in ("list", "tuple..."):
            return f"Vec<{inner[0]}>"
        if t.name == "tuple":
            return pytypes._tuple_of(inner)
        if t.name == "dict":
            return f"crate::pyrt::PyDict<{inner[0]}, {inner[1]}>"
        if t.name == "Optional":
            return f"Option<{inner[0]}>"
    return pytypes.rust_type(t)


RUNTIME_TYPES = {
    "dict": "dict",
    "defaultdict": "dict",
    "Counter": "dict",
    "OrderedDict": "odict",
    "deque": "deque",
}


def type_helpers(t: PyType) -> set[str]:
    """The runtime helpers defining the Rust types inside ``t``: a function that only reads
    a dict parameter still names ``crate::pyrt::PyDict`` without calling any helper."""
    found = {RUNTIME_TYPES[t.name]} if t.name in RUNTIME_TYPES else set()
    for a in t.args:
        found |= type_helpers(a)
    return found


def default_value(t: PyType) -> str:
    """The value a defaultdict factory makes for a missing key."""
    zero = {
        "int": "0",
        "float": "0.0",
        "bool": "false",
        "str": "String::new()",
        "list": "Vec::new()",
        "set": "std::collections::HashSet::new()",
        "dict": "crate::pyrt::PyDict::new()",
        "defaultdict": "crate::pyrt::PyDict::new()",
        "Counter": "crate::pyrt::PyDict::new()",
    }
    return zero[t.name]


def paren(r: R, prec: int) -> str:
    """``r``'s text, parenthesised if it binds looser than ``prec``."""
    return f"({r.code})" if r.prec < prec else r.code


def ref_to(code: str) -> str:
    """``&code``, parenthesised when ``code`` is an operator expression (``&(row - c)``): an
    emitted binary operator, cast, range or closure has a space or ``..`` outside brackets."""
    depth, quoted, prev = 0, False, ""
    for ch in code:
        if quoted:
            quoted = not (ch == '"' and prev != "\\")
        elif ch == '"':
            quoted = True
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and (ch.isspace() or (ch == "." and prev == ".")):
            return f"&({code})"
        prev = ch
    return f"&{code}"


def float_lit(v: float) -> str:
    """A Rust f64 literal for a Python float."""
    if v != v:
        return "f64::NAN"
    if v in (float("inf"), float("-inf")):
        return "f64::INFINITY" if v > 0 else "f64::NEG_INFINITY"
    text = repr(v).replace("e+", "e")
    return text if any(c in text for c in ".e") else text + ".0"


class Emitter:
    """Prints one typed function."""

    def __init__(
        self,
        typed: Typed,
        own: Ownership,
        scopes: Scopes,
        sigs: dict[str, Signature],
        self_sig: Signature,
        classes: ClassLookup | None = None,
        item: tuple[str, str] | None = None,
    ) -> None:
        self.classes: ClassLookup = classes or (lambda name: None)
        self.item = item  # (Rust name, "new" | "instance" | "static" | "class") in an impl
        self.generic_params = ""  # ``<T: Clone>`` of a generic function (see generics.py)
        self.typed = typed
        self.own = own
        self.scopes = scopes
        self.sigs = sigs
        self.self_sig = self_sig
        self.helpers: set[str] = set()
        self.lines: list[str] = []
        self.depth = 1
        self.kinds: dict[str, str] = {}  # variable -> R kind
        self.loops: list[LoopCtx] = []  # enclosing loops, innermost last
        self.yielded: str | None = None  # the Vec a generator collects into
        self.resume: tuple[str, Plan] | None = None  # lazy: state variable, resume arms
        self.labels = 0
        self.in_closure = False  # printing a nested def's closure body
        self.unboxed: set[int] = set()  # id() of the lambda returned as ``impl Fn``
        self.caught_errors: dict[str, str] = {}  # ``except E as name`` -> the caught Err
        self.unwrapped: set[str] = set()  # optmut parameters: a ``&mut`` after their head
        self.taken = set(typed.locals) | set(typed.params) | set(sigs)
        from pipeline.translate.rules.calls import Calls

        self.calls = Calls(self)

    # ------------------------------------------------------------ utilities
    def rt(self, helper: str, name: str | None = None) -> str:
        """Path of runtime item ``name`` (default: the helper itself), noting its use."""
        self.helpers.add(helper)
        return RT + (name or helper)

    def fresh(self, base: str) -> str:
        """A local name that no Python name uses."""
        n = 0
        name = base
        while name in self.taken:
            n += 1
            name = f"{base}{n}"
        self.taken.add(name)
        return name

    def refuse(self, message: str, node: ir.Node, code: str = "PT011") -> Refusal:
        """A refusal at ``node``."""
        return Refusal(code, message, node.line)

    def line(self, text: str) -> None:
        """Append one line at the current indentation."""
        self.lines.append("    " * self.depth + text)

    # ------------------------------------------------------------ value forms
    def owned(self, e: ir.Expr, want: PyType | None = None, copy: bool = False) -> str:
        """An owned value of ``e`` (wrapped in ``Some`` when ``want`` is Optional); ``copy``:
        a variable is cloned even where it could be moved (an item of a transient display)."""
        if want is not None and want.name == "tuple" and isinstance(e, ir.Seq):
            return self.owned_as(e, want)
        r = self.expr(e)
        if copy and r.kind == "place" and not T.is_copy(r.ty):
            code = f"{paren(r, ATOM)}.clone()"
        else:
            code = self.to_owned(r)
        if want is not None and want.name == "Optional" and r.ty.name == "None":
            return "None"
        if want is not None and want.name == "Optional" and r.ty.name != "Optional":
            return f"Some({code})"
        if want is not None and want.name == "float" and r.ty.name in ("int", "bool"):
            return self.as_float(e)
        return code

    def owned_ref(self, e: ir.Expr, want: PyType | None = None) -> str:
        """A reference to an owned value of ``e`` (a needle for ``contains``/``remove``)."""
        return ref_to(self.owned(e, want))

    def owned_as(self, e: ir.Expr, want: PyType) -> str:
        """``owned`` that also converts inside tuple displays (``(0, None)`` as Optional)."""
        if want.name == "tuple" and isinstance(e, ir.Seq) and e.kind == "tuple":
            parts = [self.owned_as(x, w) for x, w in zip(e.elts, want.args, strict=True)]
            return pytypes._tuple_of(parts)
        return self.owned(e, want)

    def copied(self, e: ir.Expr) -> str:
        """A fresh owned copy of ``e`` (``list(xs)``, ``xs[:]``): never a move."""
        r = self.expr(e)
        if r.kind == "place" and not T.is_copy(r.ty):
            return f"{paren(r, ATOM)}.clone()"
        return self.to_owned(r)

    def to_owned(self, r: R) -> str:
        """Owned form of a printed expression."""
        copy = T.is_copy(r.ty)
        if r.kind == "owned":
            return r.code
        if r.kind == "place" and r.ty.name == "Callable":
            return r.code  # moved: closures checks it is the last use
        if r.kind == "place":
            if copy or (r.code in self.kinds and r.code in self.own.moved):
                return r.code
            return f"{paren(r, ATOM)}.clone()"
        if copy:
            return f"*{paren(r, UNARY)}"
        if r.kind == "sref":
            method = "to_string" if r.ty.name == "str" else "to_vec"
            return f"{paren(r, ATOM)}.{method}()"
        return f"{paren(r, ATOM)}.clone()"

    def value(self, e: ir.Expr) -> R:
        """A Copy-typed expression usable directly in arithmetic (refs dereferenced)."""
        r = self.expr(e)
        if r.kind in ("ref", "mut"):
            return R(f"*{paren(r, UNARY)}", r.ty, "owned", UNARY)
        return r

    def borrow(self, e: ir.Expr) -> str:
        """An ``&T``-like expression (``&str`` for str, a slice for lists)."""
        r = self.expr(e)
        if r.kind in ("sref", "ref", "mut"):
            return r.code
        if r.ty.name == "str" and isinstance(e, ir.Const):
            return r.code
        return f"&{paren(r, UNARY)}"

    def str_ref(self, e: ir.Expr) -> str:
        """A ``&str`` for a str expression."""
        r = self.expr(e)
        if r.kind == "sref":
            return r.code
        return f"{paren(r, ATOM)}.as_str()"

    def slice_ref(self, e: ir.Expr) -> str:
        """A ``&[T]`` for a list expression."""
        r = self.expr(e)
        if r.kind == "sref":
            return r.code
        return f"{paren(r, ATOM)}.as_slice()"

    def mut_place(self, e: ir.Expr) -> str:
        """A ``&mut T`` expression for a place being changed in place."""
        if isinstance(e, ir.Name):
            r = self.expr(e)
            return r.code if r.kind == "mut" else f"&mut {r.code}"
        if isinstance(e, ir.Attr):
            return f"&mut {self.receiver(e, True)}"
        if isinstance(e, ir.Index):
            return self.index_ref(e, mutable=True)
        raise self.refuse("changing a temporary value in place", e, "PT030")

    def receiver(self, e: ir.Expr, mutable: bool) -> str:
        """``e`` ready for a method call (places by name, so autoref applies)."""
        if (
            isinstance(e, ir.Name)
            and e.id in self.kinds
            and (not e.narrowed or e.id in self.unwrapped)
        ):
            return ident(e.id)
        if isinstance(e, ir.Index) and (e.obj.ty or T.NONE).name in ("list", "deque", *T.DICTLIKE):
            return self.index_ref(e, mutable)
        if isinstance(e, ir.Method) and e.name == "setdefault":
            return self.expr(e).code
        if isinstance(e, ir.Attr) and (mutable or isinstance(e.obj, ir.Name | ir.Attr)):
            return f"{self.receiver(e.obj, mutable)}.{ident(e.name)}"
        if mutable:
            raise self.refuse("changing a temporary value in place", e, "PT030")
        return paren(self.expr(e), ATOM)

    def as_float(self, e: ir.Expr) -> str:
        """``e`` converted to f64 (int literals become float literals)."""
        k = const_int(e)
        if k is not None:
            return float_lit(float(k))
        r = self.value(e)
        if r.ty.name == "float":
            return r.code
        if r.ty.name == "bool":
            return f"f64::from({r.code})"
        return f"{paren(r, AS)} as f64"

    def int_val(self, e: ir.Expr) -> R:
        """An i64 value (bools converted)."""
        r = self.value(e)
        if r.ty.name == "bool":
            return R(f"i64::from({r.code})", T.INT)
        return r

    def cond(self, e: ir.Expr) -> str:
        """Python truthiness of ``e`` as a Rust bool expression."""
        r = self.expr(e)
        return self.truthy(r)

    def truthy(self, r: R) -> str:
        """Truthiness of a printed expression."""
        name = r.ty.name
        if name == "bool":
            return self.to_owned(r) if r.kind in ("ref", "mut") else r.code
        if name == "int":
            return f"{self.to_owned(r)} != 0"
        if name == "float":
            return f"{self.to_owned(r)} != 0.0"
        if name in ("str", "list", "tuple...", "set", "deque", *T.DICTLIKE):
            return f"!{paren(r, ATOM)}.is_empty()"
        if (
            name == "Optional"
            and T.is_copy(r.ty.args[0]) is False
            and r.ty.args[0].name in ("str", "list", "dict", "set")
        ):
            return f"{paren(r, ATOM)}.as_ref().is_some_and(|v| !v.is_empty())"
        if name == "Optional" and r.ty.args[0].name == "int":
            return f"{paren(r, ATOM)}.is_some_and(|v| v != 0)"
        if name == "None":
            return "false"
        if name == "tuple":
            return "true" if r.ty.args else "false"
        raise Refusal("PT026", f"truthiness of {r.ty}", None)

    # ------------------------------------------------------------ expressions
    def expr(self, e: ir.Expr) -> R:
        """Print an expression."""
        assert e.ty is not None, f"untyped {e}"
        method = getattr(self, "e_" + type(e).__name__)
        result: R = method(e)
        return result

    def e_Const(self, e: ir.Const) -> R:
        v = e.value
        ty = e.ty or T.NONE
        if v is None:
            return R("None" if ty.name != "None" else "()", ty)
        if isinstance(v, bool):
            return R("true" if v else "false", ty)
        if isinstance(v, int):
            return R(str(v) if v <= pytypes.I64_MAX else self._too_big(e), ty)
        if isinstance(v, float):
            return R(float_lit(v), ty, prec=ATOM if v >= 0 else UNARY)
        return R(pytypes.rust_str(str(v)), ty, "sref")

    def _too_big(self, e: ir.Expr) -> str:
        raise self.refuse("int literal does not fit in i64", e, "PT026")

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
        raise self.refuse(f"name {e.id} has no Rust binding here", e, "PT025")

    def e_BinOp(self, e: ir.BinOp) -> R:
        from pipeline.translate.rules.operators import binop

        call = getattr(e, "call", None)
        if isinstance(call, ir.Call):
            return self.method_call(call, e.ty or T.NONE)
        return binop(self, e)

    def e_Unary(self, e: ir.Unary) -> R:
        ty = e.ty or T.INT
        if e.op == "not":
            return self.negation(e.operand)
        if e.op == "+":
            return self.int_val(e.operand) if ty.name == "int" else self.value(e.operand)
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
        from pipeline.translate.rules.operators import compare

        return compare(self, e)

    def e_IfExp(self, e: ir.IfExp) -> R:
        ty = e.ty or T.NONE
        body, orelse = self.owned(e.body, ty), self.owned(e.orelse, ty)
        return R(f"if {self.cond(e.test)} {{ {body} }} else {{ {orelse} }}", ty, prec=LOW)

    def e_Call(self, e: ir.Call) -> R:
        var = self.var_type(e.func) if e.func in self.kinds else None
        if var is not None and var.name == "Callable":
            from pipeline.translate.rules.closures import callable_sig

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
            raise self.refuse(f"{e.func}(*...) with a parameter changed in place", e, "PT030")
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
        from pipeline.translate.rules.closures import callable_sig

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
                args.append(nonedefault.argument(self, arg, _name))
            elif ty.name == "str":
                args.append(
                    self.borrow(arg) if not isinstance(arg, ir.Const) else self.expr(arg).code
                )
            else:
                args.append(self.borrow(arg))
        return args

    def e_Method(self, e: ir.Method) -> R:
        call = getattr(e, "call", None)
        if isinstance(call, ir.Call):
            return self.method_call(call, e.ty or T.NONE)
        return self.calls.method(e)

    def e_Attr(self, e: ir.Attr) -> R:
        call = getattr(e, "call", None)
        if isinstance(call, ir.Call):  # a property's getter
            return self.method_call(call, e.ty or T.NONE)
        if self.classes((e.obj.ty or T.NONE).name) is None:
            raise self.refuse(f"attribute .{e.name}", e)
        obj = self.expr(e.obj)
        return R(f"{paren(obj, ATOM)}.{ident(e.name)}", e.ty or T.NONE, "place")

    def e_StructLit(self, e: ir.StructLit) -> R:
        parts = []
        model = self.classes(e.cls)
        assert model is not None
        for name, value in zip(e.names, e.values, strict=True):
            code = self.owned(value, model.fields[name])
            parts.append(ident(name) if code == ident(name) else f"{ident(name)}: {code}")
        owner = "Self" if self.item is not None else e.cls
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
        from pipeline.translate.rules.loops import comprehension

        return comprehension(self, e)

    def e_FStr(self, e: ir.FStr) -> R:
        from pipeline.translate.rules.fmt import fstring

        return fstring(self, e)

    def e_Lambda(self, e: ir.Lambda) -> R:
        if e.ty is None or e.ty.name != "Callable":
            raise self.refuse("lambda outside a key= argument", e)
        from pipeline.translate.rules.closure_emit import lambda_code

        return lambda_code(self, e, box=id(e) not in self.unboxed)

    def var_type(self, name: str) -> PyType | None:
        """The type of a variable of this function (a closure's captured ones included)."""
        t = self.typed.locals, self.typed.params, self.typed.captured
        return t[0].get(name) or t[1].get(name) or t[2].get(name)

    # ------------------------------------------------------------ statements
    def block(self, stmts: list[ir.Stmt]) -> None:
        """Print a statement list at the current depth."""
        for s in stmts:
            for name in self.scopes.hoist.get(id(s), []):
                self.declare(name)
            getattr(self, "s_" + type(s).__name__)(s)
            if self.resume is not None and (
                isinstance(s, ir.Yield) or id(s) in self.resume[1].ends
            ):
                break  # the rest is the yield's resume arm, or never runs (lazy.py)

    def declare(self, name: str) -> None:
        """A hoisted declaration: ``let mut x: T;``."""
        ty = self.typed.locals[name]
        self.kinds[name] = "place"
        mut = "mut " if self.needs_mut(name, hoisted=True) else ""
        self.line(f"let {mut}{ident(name)}: {rtype(ty)};")

    def needs_mut(self, name: str, hoisted: bool = False) -> bool:
        """Whether a local is assigned twice on some path, or changed in place."""
        if name in self.own.mutated or name in self.scopes.rewritten_in_loop:
            return True
        if name in self.typed.closure_state:
            return True  # changed by a closure that owns it
        if self.typed.locals.get(name, T.NONE).name == "Iterator":
            return True  # its cursor advances (iterators.py)
        if name in self.typed.params:
            return name in self.own.rebound
        return path_writes(self.typed.fn.body, name, self.scopes.decl_stmt.get(name)) > 1

    def sub_block(self, stmts: list[ir.Stmt]) -> None:
        """Print a nested block one level deeper."""
        self.depth += 1
        self.block(stmts or [ir.Pass()])
        self.depth -= 1

    def s_Pass(self, s: ir.Pass) -> None:
        pass

    def s_Try(self, s: ir.Try, tail: bool = False) -> None:
        """``try``/``except`` around one statement: its value is computed under
        ``pyrt::catch``; matching Python exceptions run the handler, others propagate.
        As the function's tail (every branch returns) the match is the result itself."""
        (stmt,) = s.body
        value = self.fresh("value")
        err = self.fresh("err")
        if isinstance(stmt, ir.Return):
            assert stmt.value is not None
            expr, on_ok = self.return_value(stmt), [value if tail else f"return {value};"]
        elif isinstance(stmt, ir.Assign):
            target = stmt.targets[0]
            expr, on_ok = self.owned(stmt.value, target.ty), None
        else:
            assert isinstance(stmt, ir.ExprStmt)
            expr, on_ok = f"{{ {self.expr(stmt.value).code}; }}", []
        self.line(f"match {self.rt('catch')}(|| {expr}) {{")
        self.depth += 1
        self.line(f"Ok({value if on_ok != [] else '()'}) => {{")
        self.depth += 1
        if on_ok is None:
            from pipeline.translate.rules.assign import store

            store(self, stmt.targets[0], value, stmt)  # type: ignore[union-attr]
        self.block(s.orelse)  # outside catch: what `else` raises is not handled here
        if on_ok:
            self.block(s.finalbody)  # a return in the body runs `finally` first
        for line in on_ok or []:
            self.line(line)
        self.depth -= 1
        self.line("}")
        for h in s.handlers:
            names = ", ".join(f'"{n}"' for n in h.names)
            self.line(f"Err({err}) if {self.rt('catch', 'caught')}(&{err}, &[{names}]) => {{")
            if h.as_name:
                self.caught_errors[h.as_name] = err
            if tail:
                self.depth += 1
                self.tail_block(h.body)
                self.depth -= 1
            else:
                self.sub_block(h.body)
            self.caught_errors.pop(h.as_name or "", None)
            self.line("}")
        if s.finalbody:  # an exception no handler takes: `finally`, then on its way
            self.line(f"Err({err}) => {{")
            self.sub_block(s.finalbody)
            self.depth += 1
            self.line(f"std::panic::resume_unwind({err})")
            self.depth -= 1
            self.line("}")
        else:
            self.line(f"Err({err}) => std::panic::resume_unwind({err}),")
        self.depth -= 1
        self.line("}")
        if s.finalbody and (not isinstance(stmt, ir.Return) or s.handlers):
            self.block(s.finalbody)  # handlers before a `finally` never leave (lowering)
        self.taken.discard(value)
        self.taken.discard(err)

    def s_LocalDef(self, s: ir.LocalDef) -> None:
        """A nested def, printed as a nested ``fn`` item (captured variables are params), or
        as a closure when it is used as a value."""
        from pipeline.translate.rules import scopes

        if s.closure:
            from pipeline.translate.rules.closure_emit import def_code

            self.line(f"let {ident(s.fn.name)} = {def_code(self, s)};")
            self.kinds[s.fn.name] = "place"
            return

        nested = next(t for t in self.typed.local_defs if t.fn is s.fn)
        own = nested.own  # type: ignore[attr-defined]
        inner = Emitter(
            nested, own, scopes.decide(s.fn), self.sigs, self.sigs[s.fn.name], classes=self.classes
        )
        text = inner.function().replace("pub fn ", "fn ", 1)
        self.helpers |= inner.helpers
        for line in text.rstrip("\n").split("\n"):
            self.line(line)

    def s_ExprStmt(self, s: ir.ExprStmt) -> None:
        r = self.expr(s.value)
        self.line(f"{r.code};" if r.ty.name == "None" else f"let _ = {r.code};")

    def s_Assign(self, s: ir.Assign) -> None:
        from pipeline.translate.rules.assign import assign

        assign(self, s)

    def s_AugAssign(self, s: ir.AugAssign) -> None:
        from pipeline.translate.rules.assign import aug_assign

        aug_assign(self, s)

    def s_Delete(self, s: ir.Delete) -> None:
        for t in s.targets:
            if isinstance(t, ir.Slice) and (t.obj.ty or T.NONE).name == "list":
                parts = [
                    f"Some({self.int_val(p).code})" if p is not None else "None"
                    for p in (t.lower, t.upper, t.step)
                ]
                self.line(f"{self.rt('del_slice')}({self.mut_place(t.obj)}, {', '.join(parts)});")
                continue
            if not isinstance(t, ir.Index):
                raise self.refuse("del of this target", s, "PT010")
            obj_t = t.obj.ty or T.NONE
            if obj_t.name in T.DICTLIKE:
                self.line(f"{self.receiver(t.obj, True)}.pop({self.key(t.index)});")
                self.helpers.add("dict")
            elif obj_t.name == "list":
                place = self.mut_place(t.obj)
                i = self.int_val(t.index).code
                self.line(f"{self.rt('list_pop')}({place}, {i});")
            else:
                raise self.refuse(f"del on {obj_t}", s, "PT010")

    def s_If(self, s: ir.If) -> None:
        self.line(f"if {self.cond(s.test)} {{")
        self.sub_block(s.body)
        orelse = s.orelse
        while (
            len(orelse) == 1
            and isinstance(orelse[0], ir.If)
            and not self.scopes.hoist.get(id(orelse[0]))
        ):
            nested = orelse[0]
            assert isinstance(nested, ir.If)
            self.line(f"}} else if {self.cond(nested.test)} {{")
            self.sub_block(nested.body)
            orelse = nested.orelse
        if orelse:
            self.line("} else {")
            self.sub_block(orelse)
        self.line("}")

    def s_While(self, s: ir.While) -> None:
        from pipeline.translate.rules.loops import while_loop

        while_loop(self, s)

    def s_For(self, s: ir.For) -> None:
        from pipeline.translate.rules.loops import for_loop

        for_loop(self, s)

    def s_Break(self, s: ir.Break) -> None:
        if self.resume is not None and id(s) in self.resume[1].ends:
            self.end_iterator()
            return
        ctx = self.loops[-1]
        label = ctx.break_label or (self.loop_label(ctx) if ctx.blocks else None)
        self.line(f"break {label};" if label else "break;")

    def s_Continue(self, s: ir.Continue) -> None:
        ctx = self.loops[-1]
        label = self.loop_label(ctx) if ctx.blocks else None
        self.line(f"continue {label};" if label else "continue;")

    def loop_label(self, ctx: LoopCtx) -> str:
        """The loop's own label, added to its header the first time it is needed."""
        if ctx.label is None:
            self.labels += 1
            ctx.label = f"'outer{self.labels}"
            head = self.lines[ctx.header]
            body = head.lstrip()
            self.lines[ctx.header] = head[: len(head) - len(body)] + f"{ctx.label}: {body}"
        return ctx.label

    def end_iterator(self) -> None:
        """``return`` (or ``break`` out of ``while True``) in a lazy generator: done."""
        assert self.resume is not None
        self.line(f"{self.resume[0]} = {DONE};")
        self.line("return None;")

    def s_Return(self, s: ir.Return) -> None:
        if self.resume is not None:
            self.end_iterator()
            return
        if self.yielded is not None:
            self.line(f"return {self.yielded};")
            return
        self.line(f"return {self.return_value(s)};" if s.value is not None else "return;")

    def s_Yield(self, s: ir.Yield) -> None:
        from pipeline.translate.rules.loops import iterate, owned_items

        assert s.value is not None
        if self.resume is not None and s.many:
            from pipeline.translate.rules.lazy import enter_pull

            enter_pull(self, s)
            return
        if self.resume is not None:
            state, parts = self.resume
            self.line(f"{state} = {parts.states[id(s)]};")
            self.line(f"return Some({self.owned(s.value, self.typed.returns.args[0])});")
            return
        assert self.yielded is not None
        if s.many:
            self.line(f"{self.yielded}.extend({owned_items(self, iterate(self, s.value))});")
        else:
            self.line(f"{self.yielded}.push({self.owned(s.value, self.typed.returns.args[0])});")

    def return_value(self, s: ir.Return) -> str:
        """The owned value a return statement yields."""
        assert s.value is not None
        if (
            isinstance(s.value, ir.Lambda)
            and not self.in_closure
            and self.typed.returns.name == "Callable"
        ):
            self.unboxed.add(id(s.value))  # the function's ``impl Fn`` result
        return self.owned(s.value, self.typed.returns)

    def s_Assert(self, s: ir.Assert) -> None:
        msg = "AssertionError"
        if s.msg is not None:
            self.line(f"if !({self.cond(s.test)}) {{")
            self.depth += 1
            self.line(f'panic!("AssertionError: {{}}", {self.display(s.msg)});')
            self.depth -= 1
            self.line("}")
            return
        self.line(f'assert!({self.cond(s.test)}, "{msg}");')

    def s_Raise(self, s: ir.Raise) -> None:
        if s.msg is None:
            self.line(f'panic!("{s.exc}");')
            return
        from pipeline.translate.rules.fmt import fstring

        if isinstance(s.msg, ir.Const) and isinstance(s.msg.value, str):
            text = s.msg.value.replace("{", "{{").replace("}", "}}")
            self.line(f"panic!({pytypes.rust_str(f'{s.exc}: {text}')});")
            return
        if isinstance(s.msg, ir.FStr):
            text = fstring(self, s.msg).code
            if text.startswith("format!("):
                self.line(f'panic!("{s.exc}: {text[9:]};')
                return
        self.line(f'panic!("{s.exc}: {{}}", {self.display(s.msg)});')

    def display(self, e: ir.Expr) -> str:
        """An expression that ``{}`` prints as Python's ``str()`` would."""
        from pipeline.translate.rules.fmt import display

        return display(self, e)

    # ------------------------------------------------------------ function
    def function(self) -> str:
        """The whole ``pub fn``."""
        fn = self.typed.fn
        for t in [*self.typed.params.values(), self.typed.returns, *self.typed.locals.values()]:
            self.helpers |= type_helpers(t)
        params = []
        for p in fn.params:
            mode = self.own.modes[p.name]
            ty = p.ty or T.NONE
            self.kinds[p.name] = {"value": "place", "mut": "mut", pytypes.OPT_MUT: "mut"}.get(
                mode
            ) or ("sref" if ty.name in ("str", "list", "tuple...") else "ref")
            if mode == pytypes.OPT_MUT:
                self.unwrapped.add(p.name)
            if p.name == "self" and self.item is not None and self.item[1] == "instance":
                params.append("&mut self" if mode == "mut" else "&self")
                continue
            mut = "mut " if mode == "value" and self.needs_mut(p.name) else ""
            params.append(f"{mut}{ident(p.name)}: {self.param_type(ty, mode)}")
        ret = self.typed.returns
        arrow = "" if ret.name == "None" else f" -> {self.return_type(ret)}"
        name = self.item[0] if self.item is not None else ident(fn.name)
        header = f"pub fn {name}{self.generic_params}({', '.join(params)}){arrow} {{"
        if any(
            self.own.modes[p.name] == "mut" and (p.ty or T.NONE).name == "list" for p in fn.params
        ):
            header = "#[allow(clippy::ptr_arg)] // lists are &mut Vec (contract)\n" + header
        if "Box<dyn " in header:
            header = "#[allow(clippy::type_complexity)] // boxed closures\n" + header
        if fn.decorators:
            self.depth += 1
        self.body_lines()
        if fn.decorators:
            return self.memoized(params, arrow)
        text = "\n".join([header, *self.lines, "}"]) + "\n"
        if self.item is not None:  # ``self`` is printed as any name first: ident() -> self_
            text = re.sub(r"\bself_\b", "self", text)
        return text

    def param_type(self, ty: PyType, mode: str) -> str:
        """A parameter's Rust type (``impl Fn`` for a callable)."""
        if ty.name == "Callable":
            from pipeline.translate.rules.closure_emit import param_type

            return param_type(ty)
        if ty.name == "Iterator":  # an ``Iterable[T]`` consumed once (iterators.py)
            return f"impl IntoIterator<Item = {rtype(ty.args[0])}>"
        return pytypes.rust_param_type(ty, mode)

    def return_type(self, ret: PyType) -> str:
        """The function's result type (``impl Fn``/``impl FnMut`` for a closure)."""
        if self.typed.fn.lazy:
            from pipeline.translate.rules.lazy import borrows

            lifetime = " + '_" if borrows(self.typed.fn, self.typed.params) else ""
            return f"impl Iterator<Item = {rtype(ret.args[0])}>{lifetime}"
        if ret.name != "Callable":
            return rtype(ret)
        from pipeline.translate.rules.closure_emit import fn_trait

        returns = [s for s in walk_stmts(self.typed.fn.body) if isinstance(s, ir.Return)]
        if len(returns) > 1:
            raise Refusal(
                "PT033", "several closures returned (each is its own Rust type)", returns[1].line
            )
        return f"impl {fn_trait(ret, bool(self.typed.closure_state))}"

    def body_lines(self) -> list[str]:
        """Print the function body into ``self.lines`` (shared by fns and closures)."""
        fn = self.typed.fn
        ret = self.typed.returns
        self.constants()
        body = nonedefault.print_heads(self, fn.body) if self.unwrapped else list(fn.body)
        for name in self.typed.locals:
            self.kinds.setdefault(name, "place")
        if fn.lazy:
            from pipeline.translate.rules.lazy import emit_body

            emit_body(self)
        elif fn.generator:
            self.yielded = self.fresh("yielded")
            self.line(f"let mut {self.yielded}: {rtype(ret)} = Vec::new();")
            self.block(body)
            if not _ends_in_loop(body) or (body and not isinstance(body[-1], ir.Return)):
                self.line(self.yielded)
        elif self.tail_block(body):
            pass
        elif ret.name == "Optional" and not _ends_in_loop(body):
            self.line("None")
        elif ret.name != "None" and not _ends_in_loop(body):
            self.line(f'unreachable!("{fn.name} fell off its end (Python would return None)")')
        return self.lines

    def tail_block(self, body: list[ir.Stmt]) -> bool:
        """Print ``body`` whose final ``return`` (or if/else of returns) becomes the tail
        expression; False when the body does not end that way (printed normally)."""
        last = body[-1] if body else None
        before = body[-2] if len(body) > 1 else None
        if (
            isinstance(before, ir.LocalDef)
            and before.closure
            and isinstance(last, ir.Return)
            and isinstance(last.value, ir.Name)
            and last.value.id == before.fn.name
        ):
            from pipeline.translate.rules.closure_emit import def_code

            self.block(body[:-2])
            self.line(def_code(self, before))  # ``def f ...; return f``: the closure itself
            return True
        if isinstance(last, ir.Return) and last.value is not None:
            self.block(body[:-1])
            for name in self.scopes.hoist.get(id(last), []):
                self.declare(name)
            value = self.return_value(last)
            self.line(f"({value})" if value.startswith("{") and not _one_block(value) else value)
            return True
        if (
            isinstance(last, ir.Try)
            and isinstance(last.body[0], ir.Return)
            and not last.finalbody
            and all(_all_return(h.body) for h in last.handlers)
            and not self.scopes.hoist.get(id(last))
        ):
            self.block(body[:-1])
            self.s_Try(last, tail=True)
            return True
        if (
            isinstance(last, ir.If)
            and _all_return(last.body)
            and _all_return(last.orelse)
            and not self.scopes.hoist.get(id(last))
        ):
            self.block(body[:-1])
            self.line(f"if {self.cond(last.test)} {{")
            orelse = self.tail_arm(last.body, last.orelse)
            while (
                len(orelse) == 1
                and isinstance(orelse[0], ir.If)
                and not self.scopes.hoist.get(id(orelse[0]))
            ):  # elif: `else if`
                self.line(f"}} else if {self.cond(orelse[0].test)} {{")
                orelse = self.tail_arm(orelse[0].body, orelse[0].orelse)
            self.line("} else {")
            self.tail_arm(orelse, [])
            self.line("}")
            return True
        self.block(body)
        return False

    def tail_arm(self, body: list[ir.Stmt], orelse: list[ir.Stmt]) -> list[ir.Stmt]:
        """Print one arm of a tail if/else chain, indented; hand back what follows it."""
        self.depth += 1
        self.tail_block(body)
        self.depth -= 1
        return orelse

    def memoized(self, params: list[str], arrow: str) -> str:
        """``@lru_cache``/``@cache``: the body becomes an inner fn behind a per-thread cache."""
        fn = self.typed.fn
        keys, key_types = [], []
        for p in fn.params:
            ty = p.ty or T.NONE
            if (
                T.has_float(ty)
                or T.contains_mutable(ty)
                or ty.name not in ("int", "bool", "str", "tuple", "tuple...", "Optional")
            ):
                raise Refusal("PT016", f"@lru_cache with a parameter of type {ty}", fn.line)
            r = R(ident(p.name), ty, self.kinds[p.name])
            keys.append(self.to_owned(r))
            key_types.append(rtype(ty))
        key = pytypes._tuple_of(keys)
        key_t = pytypes._tuple_of(key_types)
        value_t = rtype(self.typed.returns)
        plain = [x.removeprefix("mut ") for x in params]
        names = ", ".join(ident(p.name) for p in fn.params)
        take = "copied" if T.is_copy(self.typed.returns) else "cloned"
        cache_t = f"std::cell::RefCell<std::collections::HashMap<{key_t}, {value_t}>>"
        out = [
            f"pub fn {ident(fn.name)}({', '.join(plain)}){arrow} {{",
            f"    fn uncached({', '.join(params)}){arrow} {{",
            *self.lines,
            "    }",
            "    thread_local! {",
            f"        static CACHE: {cache_t} = Default::default();",
            "    }",
            f"    let key = {key};",
            f"    if let Some(hit) = CACHE.with(|c| c.borrow().get(&key).{take}()) {{",
            "        return hit;",
            "    }",
            f"    let value = uncached({names});",
            "    CACHE.with(|c| c.borrow_mut().insert(key, value.clone()));",
            "    value",
            "}",
        ]
        if T.is_copy(self.typed.returns):
            out[-3] = out[-3].replace("value.clone()", "value")
        return "\n".join(out) + "\n"

    def constants(self) -> None:
        """Module constants this function reads, as items inside its body. A constant read
        only by a parameter's default (``def f(sizes=sizes)``) is not one: in the body the
        name is the parameter, and a ``let`` of the constant would shadow it."""
        from pipeline.translate.rules.assign import constant
        from pipeline.translate.rules.ownership import function_exprs

        own = self.typed.params.keys() | self.typed.locals.keys()
        read = {e.id for e in function_exprs(self.typed.fn) if isinstance(e, ir.Name)} - own
        for name in sorted(self.typed.constants):
            if name in read:
                constant(self, name, self.typed.constants[name])


def path_writes(stmts: list[ir.Stmt], name: str, decl: ir.Stmt | None) -> int:
    """Most assignments to ``name`` along one path after its declaration ``decl``.

    A write inside a loop counts twice unless the declaration is inside that loop too.
    """
    from pipeline.translate.rules.infer import assigned_names, target_names, walk_stmts

    total = 0
    for s in stmts:
        if isinstance(s, ir.Assign):
            total += sum(name in target_names(t) for t in s.targets)
        elif isinstance(s, ir.AugAssign):
            total += name in target_names(s.target)
        elif isinstance(s, ir.If):
            total += max(path_writes(s.body, name, decl), path_writes(s.orelse, name, decl))
        elif isinstance(s, ir.For | ir.While):
            if decl is not None and any(x is decl for x in walk_stmts(s.body)):
                total += path_writes(s.body, name, decl)
            else:
                total += 2 * (name in assigned_names(s.body))
            total += path_writes(s.orelse, name, decl)
    return total


def _all_return(body: list[ir.Stmt]) -> bool:
    """Whether ``body`` ends in ``return value`` on every path (if/else nesting allowed)."""
    last = body[-1] if body else None
    if isinstance(last, ir.Return):
        return last.value is not None
    return isinstance(last, ir.If) and _all_return(last.body) and _all_return(last.orelse)


def _ends_in_loop(body: list[ir.Stmt]) -> bool:
    """Whether control cannot fall off the end (``while True`` without break, raise)."""
    if not body:
        return False
    last = body[-1]
    if isinstance(last, ir.Raise):
        return True
    if isinstance(last, ir.If):
        return _returns(last.body) and _returns(last.orelse)
    if isinstance(last, ir.For | ir.While) and last.orelse and not _has_break(last.body):
        return _returns(last.orelse)
    if isinstance(last, ir.Try):
        return isinstance(last.body[0], ir.Return) and all(_returns(h.body) for h in last.handlers)
    return (
        isinstance(last, ir.While)
        and isinstance(last.test, ir.Const)
        and last.test.value is True
        and not _has_break(last.body)
    )


def _returns(body: list[ir.Stmt]) -> bool:
    return bool(body) and (isinstance(body[-1], ir.Return | ir.Raise) or _ends_in_loop(body))


def _has_break(body: list[ir.Stmt]) -> bool:
    for s in body:
        if isinstance(s, ir.Break):
            return True
        if isinstance(s, ir.If) and (_has_break(s.body) or _has_break(s.orelse)):
            return True
    return False


def _one_block(text: str) -> bool:
    """Whether ``text`` is a single ``{ ... }`` block (nothing after its closing brace)."""
    depth = 0
    for i, ch in enumerate(text):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0:
            return i == len(text) - 1
    return False


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
