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

from pipeline import pytypes
from pipeline.pytypes import PyType
from pipeline.rustnames import ident
from pipeline.translate.rules.analysis.facts import ClassLookup, Ownership, Signature, Typed
from pipeline.translate.rules.analysis.scopes import Scopes
from pipeline.translate.rules.back.assign import constant
from pipeline.translate.rules.back.calls import Calls
from pipeline.translate.rules.back.closures import def_code, fn_trait, param_type
from pipeline.translate.rules.back.expressions import Expressions
from pipeline.translate.rules.back.generators import borrows, emit_body
from pipeline.translate.rules.back.nonedefault import print_heads
from pipeline.translate.rules.back.rust import (
    AS,
    ATOM,
    RT,
    UNARY,
    LoopCtx,
    R,
    float_lit,
    paren,
    ref_to,
    rtype,
    type_helpers,
)
from pipeline.translate.rules.back.statements import Statements
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.front.generators import Plan
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import (
    const_int,
    ends_in_loop,
    function_exprs,
    walk_stmts,
)
from pipeline.translate.rules.types import intmode
from pipeline.translate.rules.types import unify as T
from pipeline.translate.rules.types.handles import is_handle


class Emitter(Statements, Expressions):
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
        generic_params: str = "",
    ) -> None:
        self.classes: ClassLookup = classes or (lambda name: None)
        self.item = item  # (Rust name, "new" | "instance" | "static" | "class") in an impl
        self.generic_params = generic_params  # ``<T: Clone>`` of a generic function (generics)
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
        self.handling: list[str] = []  # the caught Err of each enclosing handler (re-raise)
        self.flows = 0  # enclosing try closures: a return leaves them as ControlFlow::Break
        self.unwrapped: set[str] = set()  # optmut parameters: a ``&mut`` after their head
        self.taken = set(typed.locals) | set(typed.params) | set(sigs)
        self.calls = Calls(self)

    def child(self, typed: Typed, own: Ownership, scopes: Scopes, self_sig: Signature) -> Emitter:
        """An emitter for a nested def (same signatures and classes)."""
        return Emitter(typed, own, scopes, self.sigs, self_sig, classes=self.classes)

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

    def refuse(self, message: str, node: ir.Node, code: Code = Code.EXPRESSION) -> Refusal:
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
        if isinstance(e, ir.Seq | ir.DictLit | ir.Comp) and e.ty is not None:
            # a fresh display passed to be changed (``backtrack(0, [])``): Python changes an
            # object no one else holds, then drops it; Rust, a temporary
            return f"&mut {self.owned(e, e.ty)}"
        raise self.refuse("changing a temporary value in place", e, Code.ALIASING)

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
        if isinstance(e, ir.Attr) and is_handle(e.obj.ty or T.NONE):
            if not mutable:  # a copy from the getter: no borrow outlives it
                return paren(self.expr(e), ATOM)
            return f"{self.node(e.obj, e.name)}.0.borrow_mut().{ident(e.name)}"
        if isinstance(e, ir.Attr) and (mutable or isinstance(e.obj, ir.Name | ir.Attr)):
            return f"{self.receiver(e.obj, mutable)}.{ident(e.name)}"
        if mutable:
            raise self.refuse("changing a temporary value in place", e, Code.ALIASING)
        return paren(self.expr(e), ATOM)

    def as_float(self, e: ir.Expr) -> str:
        """``e`` converted to f64 (int literals become float literals). An int that Python
        keeps as an int where the Rust holds an f64 (``facts.exact_floats``) converts exactly
        or raises (``exact_float``)."""
        k = const_int(e)
        exact = id(e) in self.typed.facts.exact_floats
        if k is not None and exact and abs(k) > 2**53:
            raise Refusal(Code.TYPE_MISMATCH, f"int {k} held as a float is not exact", e.line)
        if k is not None:
            return float_lit(float(k))
        if exact and (e.ty or T.NONE).name == "int":
            return f"{self.rt('exact_float')}({self.int_val(e).code})"
        r = self.value(e)
        if r.ty.name == "float":
            return r.code
        if r.ty.name == "bool":
            return f"f64::from({r.code})"
        if intmode.big():
            return f"{paren(r, ATOM)}.to_f64()"
        return f"{paren(r, AS)} as f64"

    def int_val(self, e: ir.Expr) -> R:
        """An i64 value (bools converted). In big-int mode, where an int must be a machine
        int (an index, a count, a width), a checked conversion that raises beyond i64, as
        Python does (``cannot fit 'int' into an index-sized integer``)."""
        r = self.value(e)
        if r.ty.name == "bool":
            return R(f"i64::from({r.code})", T.INT)
        if intmode.big() and r.ty.name == "int":
            k = const_int(e)
            return R(str(k), T.INT) if k is not None else R(f"{paren(r, ATOM)}.as_index()", T.INT)
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
        if name in ("str", "bytes", "list", "tuple...", "set", "deque", *T.DICTLIKE):
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
        if is_handle(r.ty) and not self.sized(r.ty):  # an object without __len__: true
            return f"{paren(r, ATOM)}.is_some()" if name == "Optional" else "true"
        if name == "tuple":
            return "true" if r.ty.args else "false"
        raise Refusal(Code.TYPE_OPERATION, f"truthiness of {r.ty}", None)

    def sized(self, t: PyType) -> bool:
        """Whether a node class defines ``__len__`` or ``__bool__`` (its truth is computed)."""
        model = self.classes((t.args[0] if t.name == "Optional" else t).name)
        return model is None or bool({"__len__", "__bool__"} & set(model.methods))

    # ------------------------------------------------------------ expressions
    def expr(self, e: ir.Expr) -> R:
        """Print an expression."""
        assert e.ty is not None, f"untyped {e}"
        method = getattr(self, "e_" + type(e).__name__)
        result: R = method(e)
        return result

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
            ) or ("sref" if ty.name in ("str", "list", "tuple...", "bytes") else "ref")
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
            return param_type(ty)
        if ty.name == "Iterator":  # an ``Iterable[T]`` consumed once (iterators.py)
            return f"impl IntoIterator<Item = {rtype(ty.args[0])}>"
        return pytypes.rust_param_type(pytypes.with_big_ints(ty) if intmode.big() else ty, mode)

    def return_type(self, ret: PyType) -> str:
        """The function's result type (``impl Fn``/``impl FnMut`` for a closure)."""
        if self.typed.fn.lazy:
            lifetime = " + '_" if borrows(self.typed.fn, self.typed.params) else ""
            return f"impl Iterator<Item = {rtype(ret.args[0])}>{lifetime}"
        if ret.name != "Callable":
            return rtype(ret)
        returns = [s for s in walk_stmts(self.typed.fn.body) if isinstance(s, ir.Return)]
        if len(returns) > 1:
            raise Refusal(
                Code.CLOSURE_STATE,
                "several closures returned (each is its own Rust type)",
                returns[1].line,
            )
        return f"impl {fn_trait(ret, bool(self.typed.closure_state))}"

    def body_lines(self) -> list[str]:
        """Print the function body into ``self.lines`` (shared by fns and closures)."""
        fn = self.typed.fn
        ret = self.typed.returns
        self.constants()
        body = print_heads(self, fn.body) if self.unwrapped else list(fn.body)
        for name in self.typed.locals:
            self.kinds.setdefault(name, "place")
        if fn.lazy:
            emit_body(self)
        elif fn.generator:
            self.yielded = self.fresh("yielded")
            self.line(f"let mut {self.yielded}: {rtype(ret)} = Vec::new();")
            self.block(body)
            if not ends_in_loop(body) or (body and not isinstance(body[-1], ir.Return)):
                self.line(self.yielded)
        elif self.tail_block(body):
            pass
        elif ret.name == "Optional" and not ends_in_loop(body):
            self.line("None")
        elif ret.name != "None" and not ends_in_loop(body):
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
            and not last.general
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
                raise Refusal(Code.DECORATOR, f"@lru_cache with a parameter of type {ty}", fn.line)
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
        own = self.typed.params.keys() | self.typed.locals.keys()
        read = {e.id for e in function_exprs(self.typed.fn) if isinstance(e, ir.Name)} - own
        for name in sorted(self.typed.constants):
            if name in read:
                constant(self, name, self.typed.constants[name])


def _all_return(body: list[ir.Stmt]) -> bool:
    """Whether ``body`` ends in ``return value`` on every path (if/else nesting allowed)."""
    last = body[-1] if body else None
    if isinstance(last, ir.Return):
        return last.value is not None
    return isinstance(last, ir.If) and _all_return(last.body) and _all_return(last.orelse)


def _one_block(text: str) -> bool:
    """Whether ``text`` is a single ``{ ... }`` block (nothing after its closing brace)."""
    depth = 0
    for i, ch in enumerate(text):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth == 0:
            return i == len(text) - 1
    return False
