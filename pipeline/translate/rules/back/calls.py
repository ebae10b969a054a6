"""Builtin functions, ``math`` functions and methods of str, list, dict and set.

Each entry maps a typed call to Rust with Python's semantics: empty ``max()`` raises,
``list.pop()`` on an empty list raises IndexError, ``dict[k]`` raises KeyError, ``sorted`` is
stable, ``str.find`` counts code points. Anything not listed was refused by inference.
"""

from __future__ import annotations

from pipeline.translate.rules.back.api import EmitterAPI
from pipeline.translate.rules.back.builtins import Builtins
from pipeline.translate.rules.back.itertools import Itertools
from pipeline.translate.rules.back.loops import iterate, owned_items
from pipeline.translate.rules.back.methods import Methods
from pipeline.translate.rules.back.operators import big_ref
from pipeline.translate.rules.back.paths import Paths
from pipeline.translate.rules.back.regex import Regex
from pipeline.translate.rules.back.rust import ATOM, R, paren, rtype
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import sub_exprs
from pipeline.translate.rules.types import intmode
from pipeline.translate.rules.types import unify as T

MATH1 = {
    "sqrt": False,
    "exp": True,
    "log2": False,
    "log10": False,
    "sin": False,
    "cos": False,
    "tan": False,
    "asin": False,
    "acos": False,
    "atan": False,
    "sinh": True,
    "cosh": True,
    "tanh": False,
    "log1p": False,
    "expm1": True,
}
RUST_MATH = {"log2": "log2", "log10": "log10", "log1p": "ln_1p", "expm1": "exp_m1"}


class Calls(Methods, Builtins, Itertools, Regex, Paths):
    """Prints calls for an EmitterAPI."""

    def __init__(self, em: EmitterAPI) -> None:
        self.em = em

    # ------------------------------------------------------------ helpers
    def items(self, e: ir.Expr, ordered: bool = True) -> str:
        """Owned items of an iterable."""
        return owned_items(self.em, iterate(self.em, e, ordered))

    def items_arg(self, e: ir.Expr, ordered: bool = True) -> str:
        """``items`` for a parameter taking ``IntoIterator`` (no needless ``.into_iter()``)."""
        return self.items(e, ordered).removesuffix(".into_iter()")

    def owned_vec(self, e: ir.Expr) -> str:
        """An owned Vec holding the items of ``e``."""
        ty = e.ty or T.NONE
        if ty.name in ("list", "tuple..."):
            return self.em.copied(e)
        item = T.elem(ty) or T.NONE
        return f"{self.items(e, ordered=ty.name != 'set')}.collect::<Vec<{rtype(item)}>>()"

    # ------------------------------------------------------------ builtins
    def builtin(self, e: ir.Call) -> R:
        """Print a builtin or math call."""
        if e.func.startswith("math."):
            return self.math(e)
        if e.func.startswith(("heapq.", "bisect.")):
            return self.heap_bisect(e)
        if e.func.startswith("collections."):
            return self.collection(e)
        if e.func == "functools.reduce":
            return self.reduce(e)
        if e.func.startswith("itertools."):
            return self.itertools(e)
        if e.func.startswith("re."):
            return self.regex(e)
        if e.func.startswith("os.path."):
            return self.ospath(e)
        if e.func == "str.translate":
            args = ", ".join(self.em.str_ref(a) for a in e.args)
            return R(f"{self.em.rt('str_translate')}({args})", T.STR)
        if e.func == "dict.fromkeys":
            return self.fromkeys(e)
        if e.func == "bytes.fromhex":
            return R(f"{self.em.rt('bytes_fromhex')}({self.em.str_ref(e.args[0])})", T.BYTES)
        if e.func == "type.is":
            return self.b_isinstance(e)
        if e.func in ("type.name", "type.str"):
            return self.type_name(e)
        if e.func in ("copy.copy", "copy.deepcopy", "os.fspath", "os.fsdecode"):
            return R(self.em.copied(e.args[0]), e.ty or T.NONE)  # fspath(str): the str
        if e.func in ("type.__name__", "exception.__str__"):
            err = self.em.caught_errors.get(str(getattr(e.args[0], "value", "")))
            if err is None:
                raise Refusal(Code.EXPRESSION, f"{e.func} outside its handler", e.line)
            helper = "exception_name" if e.func == "type.__name__" else "exception_str"
            return R(f"{self.em.rt('catch', helper)}(&{err})", T.STR)
        method = getattr(self, "b_" + e.func, None)
        if method is None:
            raise Refusal(Code.CALL, f"call of {e.func}()", e.line)
        result: R = method(e)
        return result

    # ------------------------------------------------------------ math
    def math(self, e: ir.Call) -> R:
        """``math.*`` with CPython's domain and range errors."""
        em = self.em
        fn = e.func[5:]
        ty = e.ty or T.NONE
        if fn == "prod":
            return R(f"{self.items(e.args[0])}.fold(1i64, |a, b| a * b)", ty)
        if fn == "dist":  # two 2-D points: CPython takes each coordinate as a float, then hypot
            p, q = em.fresh("p"), em.fresh("q")
            xs = [f"{p}.{i} as f64 - {q}.{i} as f64" for i in (0, 1)]
            code = (
                f"{{ let {p} = {em.owned(e.args[0])}; let {q} = {em.owned(e.args[1])}; "
                f"{em.rt('math2')}({xs[0]}, {xs[1]}, f64::hypot) }}"
            )
            em.taken.discard(p)
            em.taken.discard(q)
            return R(code, ty)
        if fn in ("gcd", "lcm", "factorial", "isqrt", "comb", "perm") and intmode.big():
            args = ", ".join(big_ref(em, a) for a in e.args)
            return R(f"{em.rt('bigint', 'Int')}::{fn}({args})", ty)
        if fn in ("gcd", "lcm", "factorial", "isqrt", "comb", "perm"):
            args = ", ".join(em.int_val(a).code for a in e.args)
            return R(f"{em.rt(fn)}({args})", ty)
        if fn in ("floor", "ceil", "trunc"):
            x = e.args[0]
            if (x.ty or T.NONE).name != "float":
                return self.int_owned(x)
            return self.float_to_int(f"{paren(em.value(x), ATOM)}.{fn}()")
        fs = [em.as_float(a) for a in e.args]
        if fn in MATH1:
            rust = RUST_MATH.get(fn, fn)
            return R(f"{em.rt('math1')}({fs[0]}, f64::{rust}, {str(MATH1[fn]).lower()})", ty)
        if fn == "lgamma":  # CPython's own Lanczos port: the same floats and errors
            return R(f"{em.rt('lgamma')}({fs[0]})", ty)
        if fn == "log":
            ln = f"{em.rt('math1')}({fs[0]}, f64::ln, false)"
            if len(fs) == 1:
                return R(ln, ty)
            base = f"{em.rt('math1')}({fs[1]}, f64::ln, false)"
            return R(f"{em.rt('fdiv')}({ln}, {base})", ty)
        if fn in ("atan2", "hypot", "copysign", "fmod", "pow"):
            rust = {"fmod": "rem", "pow": "powf"}.get(fn, fn)
            path = "std::ops::Rem::rem" if rust == "rem" else f"f64::{rust}"
            return R(f"{em.rt('math2')}({fs[0]}, {fs[1]}, {path})", ty)
        simple = {
            "fabs": "abs",
            "degrees": "to_degrees",
            "radians": "to_radians",
            "isnan": "is_nan",
            "isinf": "is_infinite",
            "isfinite": "is_finite",
        }
        if fn in simple:
            return R(f"{_atom(fs[0])}.{simple[fn]}()", ty)
        if fn == "isclose":
            return R(f"{em.rt('isclose')}({fs[0]}, {fs[1]})", ty)
        if fn in ("frexp", "modf"):
            return R(f"{em.rt(fn)}({fs[0]})", ty)
        raise Refusal(Code.CALL, f"math.{fn}()", e.line)

    # ------------------------------------------------------------ methods
    def method(self, e: ir.Method) -> R:
        """Print a method call on str, list, dict or set; arguments that change the
        receiver itself (``q.append(q.popleft())``) are evaluated first into locals, as Python
        evaluates them before the call (Rust cannot borrow the receiver mutably twice)."""
        if not _changes_receiver(e):
            return self.method_on(e)
        em = self.em
        args, kwargs = e.args, e.kwargs
        binds: list[str] = []

        def hoist(a: ir.Expr) -> ir.Expr:
            name = em.fresh("arg")
            binds.append(f"let {name} = {em.owned(a)};")
            em.kinds[name] = "owned"
            return ir.Name(id=name, ty=a.ty, line=a.line)

        try:
            e.args = [hoist(a) for a in args]
            e.kwargs = {k: hoist(v) for k, v in kwargs.items()}
            r = self.method_on(e)
        finally:
            e.args, e.kwargs = args, kwargs
        return R(f"{{ {' '.join(binds)} {r.code} }}", r.ty, r.kind)

    def method_on(self, e: ir.Method) -> R:
        """Print a method call on str, list, dict or set."""
        recv = (e.obj.ty or T.NONE).name.replace("tuple...", "list")
        handler = getattr(self, f"m_{recv}_{e.name}", None)
        if handler is None and recv in ("defaultdict", "Counter"):
            handler = getattr(self, f"m_dict_{e.name}", None)
            e.obj.ty = T.as_dict(e.obj.ty or T.NONE)  # this occurrence reads like a dict
        if handler is None and recv == "OrderedDict":  # a PyDict through Deref
            handler = getattr(self, f"m_dict_{e.name}", None)
        if handler is None:
            raise Refusal(Code.METHOD, f"method {recv}.{e.name}()", e.line)
        result: R = handler(e)
        return result


# methods that change their receiver (a call of one inside another method call's arguments on
# the same variable is evaluated first: see Calls.method)
_MUTATING = frozenset(
    {
        "append",
        "appendleft",
        "extend",
        "extendleft",
        "insert",
        "pop",
        "popleft",
        "popitem",
        "remove",
        "clear",
        "add",
        "discard",
        "update",
        "setdefault",
        "rotate",
        "sort",
        "reverse",
    }
)


def _changes_receiver(e: ir.Method) -> bool:
    """Whether an argument of ``e`` calls a mutating method of ``e``'s receiver variable."""
    if not isinstance(e.obj, ir.Name):
        return False
    return any(
        isinstance(x, ir.Method)
        and x.name in _MUTATING
        and isinstance(x.obj, ir.Name)
        and x.obj.id == e.obj.id
        for a in [*e.args, *e.kwargs.values()]
        for x in sub_exprs(a)
    )


def _atom(code: str) -> str:
    """Parenthesise a printed f64 expression for a method call."""
    return code if code.replace("_", "").replace(".", "").isalnum() else f"({code})"
