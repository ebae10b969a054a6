"""Pass 2: type inference over the IR.

Parameters take their annotated types (or the type of their default); locals take the type of
their first binding, and every later binding must agree (a variable that changes type is
refused). Empty containers get type variables that later uses (``append``, ``d[k] = v``)
resolve. Every expression's ``ty`` is set; nothing unresolved survives.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from pipeline.pytypes import PyType, is_class, substitute, typevar, typevars_in
from pipeline.translate.rules import closures, ir
from pipeline.translate.rules import tys as T
from pipeline.translate.rules.diagnostics import Refusal
from pipeline.translate.rules.typetables import (
    builtin_type,
    math_type,
    method_type,
    module_call_type,
    utf8_codec,
)

if TYPE_CHECKING:
    from pipeline.translate.rules.classes import ClassModel

# Why an unannotated parameter has no type (PT020); a pipeline run that also searched the
# other modules of the repository says so instead (pipeline/units/crossmod.py).
NO_EVIDENCE = "no annotation, no typed default, and no call with a literal for it in its module"


@dataclass
class Signature:
    """What a caller needs to know about a translated function."""

    name: str
    params: list[tuple[str, PyType, str]]  # (name, type, mode)
    returns: PyType
    defaults: list[ir.Expr | None] = field(default_factory=list)
    implicit: tuple[str, ...] = ()  # captured variables a nested def receives by name
    shares: tuple[str, ...] = ()  # parameters whose mutable objects the result may be


SigLookup = Callable[[str], "Signature | None"]
ClassLookup = Callable[[str], "ClassModel | None"]


@dataclass
class Typed:
    """The result of inference for one function."""

    fn: ir.Function
    locals: dict[str, PyType]
    params: dict[str, PyType]
    returns: PyType
    constants: dict[str, ir.Expr]  # module constants used, lowered and typed
    local_defs: list[Typed] = field(default_factory=list)  # nested defs, in order
    captured: dict[str, PyType] = field(default_factory=dict)  # a closure's outer variables
    closure_state: set[str] = field(default_factory=set)  # variables closures change
    exprs: list[ir.Expr] = field(default_factory=list)  # every typed expression, nested defs'


class Promote(Exception):  # a control-flow signal, not an error
    """``total = 0`` then ``total += 0.5``: restart with ``total`` typed float."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class Infer:
    """Walks a function, typing every node."""

    def __init__(
        self,
        fn: ir.Function,
        sigs: SigLookup,
        constants: dict[str, str],
        lower_expr: Callable[[str], ir.Expr],
        classes: ClassLookup | None = None,
    ) -> None:
        self.fn = fn
        self.classes: ClassLookup = classes or (lambda name: None)
        self.u = T.Unifier()
        self.env: dict[str, PyType] = {}
        self.params: dict[str, PyType] = {}
        self.sigs = sigs
        self.constant_src = constants
        self.lower_expr = lower_expr
        self.constants: dict[str, ir.Expr] = {}
        self.ret: PyType | None = fn.returns
        if fn.generator and fn.returns is None:
            self.ret = T.list_of(self.u.fresh())
        self.returns_seen: list[PyType] = []
        self.nodes: list[ir.Expr] = []
        self.narrowed: set[str] = set()
        self.in_cond = False  # typing an expression only its truthiness is used of
        self.local_sigs: dict[str, Signature] = {}
        self.local_defs: list[Infer] = []
        self.outer: set[str] = set()  # variables a closure captures (not its own locals)

    # ------------------------------------------------------------ entry
    def run(self) -> Typed:
        """Type the whole function (restarting when an int local turns out to be a float)."""
        self.floats: set[str] = set()
        params = len(self.fn.params)
        for _ in range(8):
            try:
                self.walk()
                break
            except Promote as p:
                self.floats.add(p.name)
                self.reset(params)
        else:
            raise Refusal("PT022", "too many int variables that become floats", self.fn.line)
        self.check_promoted_display()
        return self.finish()

    def reset(self, params: int) -> None:
        """Forget every type found so far (a restart after a promotion)."""
        for e in self.nodes:
            e.ty = None
        self.nodes = []
        self.u = T.Unifier()
        self.env, self.params, self.constants = {}, {}, {}
        self.returns_seen, self.narrowed = [], set()
        self.local_sigs, self.local_defs = {}, []
        self.ret = self.fn.returns
        if self.fn.generator and self.fn.returns is None:
            self.ret = T.list_of(self.u.fresh())
        for s in self.fn.body:
            if isinstance(s, ir.LocalDef):
                del s.fn.params[len(s.fn.params) - len(s.fn.captured) :]
                s.fn.captured = []
        del self.fn.params[params:]

    def check_promoted_display(self) -> None:
        """A promoted variable prints differently (``0`` vs ``0.0``): refuse if printed."""
        from pipeline.translate.rules.ownership import function_exprs

        for e in function_exprs(self.fn):
            shown: list[ir.Expr] = []
            if isinstance(e, ir.FStr):
                shown = [p.value for p in e.parts if isinstance(p, ir.FmtField)]
            elif isinstance(e, ir.Call) and e.func in ("str", "repr", "print"):
                shown = list(e.args)
            for v in shown:
                if isinstance(v, ir.Name) and v.id in self.floats:
                    raise Refusal(
                        "PT022",
                        f"variable {v.id} starts as an int and becomes a float, and is printed",
                        e.line,
                    )

    def walk(self) -> None:
        """Type every node (variables may stay open until ``finish``)."""
        for p in self.fn.params:
            self.env[p.name] = self.params[p.name] = p.ty = self.param_type(p)
        self.block(self.fn.body)
        self.returns = self.return_type()

    def finish(self) -> Typed:
        """Resolve every type; refuse what stayed unknown."""
        returns = self.u.resolve(self.returns)
        for e in self.nodes:
            if e.ty is not None and not self.u.complete(e.ty):
                raise Refusal("PT023", f"type of `{_show(e)}` could not be inferred", e.line)
            e.ty = self.u.resolve(e.ty) if e.ty is not None else None
        for name, t in self.env.items():
            if not self.u.complete(t):
                raise Refusal(
                    "PT023", f"type of variable {name} could not be inferred", self.fn.line
                )
            self.env[name] = self.u.resolve(t)
        local = {k: v for k, v in self.env.items() if k not in self.params and k not in self.outer}
        params = {k: self.u.resolve(v) for k, v in self.params.items()}
        for p in self.fn.params:
            p.ty = params[p.name]
        nested = [d.finish() for d in self.local_defs]
        captured = {k: self.u.resolve(self.env[k]) for k in self.outer}
        return Typed(
            self.fn, local, params, returns, self.constants, nested, captured, exprs=self.nodes
        )

    def sig_of(self, name: str) -> Signature | None:
        """A nested def of this function, else a sibling."""
        return self.local_sigs.get(name) or self.sigs(name)

    def s_LocalDef(self, s: ir.LocalDef) -> None:
        """Lift a nested def: the outer variables it reads become trailing parameters (a def
        used as a value becomes a closure instead, see ``closures``)."""
        fn = s.fn
        fn.returns = getattr(fn, "declared_returns", fn.returns)  # not a previous run's
        fn.declared_returns = fn.returns  # type: ignore[attr-defined]
        if closures.used_as_value(self.fn, fn.name):
            self.closure_def(s)
            return
        if fn.nonlocals:
            raise Refusal(
                "PT010",
                f"nonlocal in nested def {fn.name}, which is called directly "
                "(its state is shared with the enclosing function)",
                s.line,
            )
        captured = captured_names(fn, self.local_sigs) & (
            set(self.params) | assigned_names(self.fn.body)
        )
        for name in sorted(captured):
            if name not in self.env:
                raise Refusal(
                    "PT025", f"nested def {fn.name} reads {name} before it is assigned", s.line
                )
            fn.params.append(ir.Param(name, self.u.resolve(self.env[name]), None, line=s.line))
        fn.captured = sorted(captured)
        nested = Infer(fn, self.sig_of, self.constant_src, self.lower_expr, self.classes)
        nested.u = self.u
        nested.floats = self.floats
        nested.constants = self.constants
        if any(isinstance(e, ir.Call) and e.func == fn.name for e in _exprs_of(fn)):
            self.local_sigs[fn.name] = self.nested_signature(fn, provisional=True)
        nested.walk()
        self.nodes.extend(nested.nodes)
        self.local_defs.append(nested)
        fn.returns = nested.returns
        self.local_sigs[fn.name] = self.nested_signature(fn, provisional=False)

    def closure_def(self, s: ir.LocalDef) -> None:
        """A nested def used as a value: typed with the outer variables it reads in scope
        (captured, not parameters); its name then holds a ``Callable``."""
        fn = s.fn
        s.closure = True
        if fn.generator:
            raise Refusal("PT033", f"generator {fn.name} used as a value", s.line)
        for e in _exprs_of(fn):
            if isinstance(e, ir.Call) and (e.func == fn.name or e.func in self.local_sigs):
                raise Refusal(
                    "PT033",
                    f"nested def {fn.name}, used as a value, calls "
                    f"{e.func} (a closure cannot call itself or other nested defs)",
                    e.line,
                )
        captured = closures.def_captures(fn) & (set(self.params) | assigned_names(self.fn.body))
        nested = Infer(fn, self.sig_of, self.constant_src, self.lower_expr, self.classes)
        nested.u, nested.floats, nested.constants = self.u, self.floats, self.constants
        for name in sorted(captured):
            if name not in self.env:
                raise Refusal(
                    "PT025", f"nested def {fn.name} reads {name} before it is assigned", s.line
                )
            nested.env[name] = self.u.resolve(self.env[name])
        nested.outer = captured
        nested.walk()
        self.nodes.extend(nested.nodes)
        self.local_defs.append(nested)
        fn.returns = nested.returns
        for p in fn.params:
            if p.ann is None:
                raise Refusal(
                    "PT020", f"untyped parameter {p.name} of nested def {fn.name}", p.line
                )
        t = PyType("Callable", (*(p.ann for p in fn.params if p.ann), nested.returns))
        self.local_sigs[fn.name] = closures.callable_sig(fn.name, t)
        self.bind(fn.name, t, s.line)

    def nested_signature(self, fn: ir.Function, provisional: bool) -> Signature:
        """A nested def's signature (modes are settled later by the ownership pass)."""
        params = []
        for p in fn.params:
            if p.ann is None and provisional:
                raise Refusal(
                    "PT020", f"untyped parameter {p.name} of recursive nested def", p.line
                )
            params.append((p.name, p.ann if p.ann is not None else (p.ty or T.NONE), "ref"))
        if provisional and not fn.has_return_ann:
            raise Refusal(
                "PT023", f"recursive nested def {fn.name} needs a return annotation", fn.line
            )
        returns = fn.returns if fn.returns is not None else T.NONE
        return Signature(
            fn.name, params, returns, [p.default for p in fn.params], tuple(fn.captured)
        )

    def param_type(self, p: ir.Param) -> PyType:
        """Annotated type, else the type of the default, else refuse. An ``Iterable[T]``
        the body consumes once is an iterator parameter (``iterators.consumed_once``)."""
        plain = "." not in self.fn.name and self.classes(self.fn.name) is None  # no method
        if (
            plain
            and p.iterable
            and p.default is None
            and p.ann is not None
            and (p.ann.name == "list" and not T.is_mutable(p.ann.args[0]))
        ):
            from pipeline.translate.rules.iterators import consumed_once

            if consumed_once(self.fn, p.name):
                return T.iterator_of(p.ann.args[0])
        if p.ann is not None:
            if p.default is not None:
                self.expect(p.default, p.ann, "default of " + p.name)
            return p.ann
        if p.default is not None and not (
            isinstance(p.default, ir.Const) and p.default.value is None
        ):
            return self.expr(p.default)
        raise Refusal("PT020", f"untyped parameter {p.name} ({NO_EVIDENCE})", p.line)

    def return_type(self) -> PyType:
        """Annotated return type, else the common type of the return statements."""
        if (self.fn.has_return_ann or self.fn.generator) and self.ret is not None:
            return self.u.resolve(self.ret)
        seen = [self.u.resolve(t) for t in self.returns_seen] or [T.NONE]
        first = seen[0]
        for t in seen[1:]:
            if not self.u.unify(first, t):
                raise Refusal("PT022", f"function returns both {first} and {t}", self.fn.line)
        return self.u.resolve(first)

    # ------------------------------------------------------------ helpers
    def expect(self, e: ir.Expr, want: PyType, what: str) -> None:
        """Type ``e`` and check it fits ``want`` (T fits Optional[T]; None fits Optional)."""
        closures.mark_wanted(e, self.u.resolve(want))
        if (
            isinstance(e, ir.Seq)
            and e.kind in ("tuple", "list")
            and self.u.resolve(want).name == "tuple..."
        ):
            e.kind = "list"  # a tuple display where tuple[T, ...] is wanted: built as a Vec
            got = self.expr(e)
            e.ty = PyType("tuple...", got.args)
            if not self.u.unify(want, e.ty):
                raise Refusal(
                    "PT024", f"{what} expects {self.show(want)}, got {self.show(e.ty)}", e.line
                )
            return
        got = self.expr(e)
        if not self.fits(want, got):
            raise Refusal(
                "PT024",
                f"{what} expects {self.show(want)}, got {self.show(got)}"
                f"{_int_kept(want, got, self.u)}",
                e.line,
            )

    def fits(self, want: PyType, got: PyType) -> bool:
        """Whether a value of ``got`` may be stored where ``want`` is expected."""
        want, got = self.u.resolve(want), self.u.resolve(got)
        if want.name == "Optional" and not T.is_var(got):
            if got.name == "None":
                return True
            if got.name != "Optional":
                return self.u.unify(want.args[0], got)
        if want.name == "float" and got.name == "int":
            return False
        if want.name == "dict" and got.name in ("defaultdict", "Counter"):
            return self.u.unify(want, T.as_dict(got))
        if want.name == got.name == "tuple" and len(want.args) == len(got.args):
            return all(self.fits(w, g) for w, g in zip(want.args, got.args, strict=True))
        return self.u.unify(want, got)

    def show(self, t: PyType) -> str:
        """A type for messages (unknowns as ``?``)."""
        return str(self.u.resolve(t)).replace("?", "unknown#")

    def bind(self, name: str, t: PyType, line: int | None) -> None:
        """Bind a name; a second binding must keep the type."""
        if name in getattr(self, "floats", ()) and self.u.resolve(t).name in ("int", "float"):
            self.env.setdefault(name, T.FLOAT)
            return
        if name in self.env:
            old = self.env[name]
            if self.promotable(name, old, t):
                raise Promote(name)
            if not self.fits(old, t):
                raise Refusal(
                    "PT022",
                    f"variable {name} changes type from {self.show(old)} to {self.show(t)}",
                    line,
                )
        else:
            self.env[name] = t

    def promotable(self, name: str, old: PyType, new: PyType) -> bool:
        """An int local later given a float: Python's value becomes a float."""
        return (
            name not in self.params
            and self.u.resolve(old).name == "int"
            and self.u.resolve(new).name == "float"
        )

    def bind_target(self, target: ir.Expr, t: PyType, line: int | None) -> None:
        """Bind an assignment/loop target to a value of type ``t``."""
        t = self.u.resolve(t)
        if isinstance(target, ir.Name):
            self.bind(target.id, t, line)
            target.ty = self.env[target.id]
            self.nodes.append(target)
        elif isinstance(target, ir.Seq):
            parts = self.unpack(t, len(target.elts), line)
            for sub, st in zip(target.elts, parts, strict=True):
                self.bind_target(sub, st, line)
            target.ty = t
        elif isinstance(target, ir.StarUnpack):
            if t.name not in ("list", "tuple..."):
                raise Refusal("PT024", f"cannot unpack {self.show(t)} with a starred name", line)
            for n in (*target.before, *target.after):
                self.bind_target(n, t.args[0], line)
            self.bind_target(target.star, T.list_of(t.args[0]), line)
            target.ty = t
        elif isinstance(target, ir.Slice):
            have = self.expr(target)
            item = T.elem(t)
            if have.name != "list" or item is None or not self.u.unify(have.args[0], item):
                raise Refusal(
                    "PT024", f"cannot store {self.show(t)} into a slice of {self.show(have)}", line
                )
        else:
            have = self.expr(target)
            self.check_frozen(target, line)
            if not self.fits(have, t):
                raise Refusal(
                    "PT024",
                    f"cannot store {self.show(t)} into `{_show(target)}` of type {self.show(have)}",
                    line,
                )

    def check_frozen(self, target: ir.Expr, line: int | None) -> None:
        """Setting an attribute of a frozen dataclass raises in Python: refused."""
        if isinstance(target, ir.Attr):
            model = self.classes((target.obj.ty or T.NONE).name)
            if model is not None and model.frozen:
                raise Refusal(
                    "PT050", f"assignment to attribute {target.name} of frozen {model.name}", line
                )

    def unpack(self, t: PyType, n: int, line: int | None) -> list[PyType]:
        """Types of the parts when unpacking ``t`` into ``n`` targets."""
        if t.name == "tuple" and len(t.args) == n:
            return list(t.args)
        if t.name in ("list", "tuple..."):
            return [t.args[0]] * n
        raise Refusal("PT024", f"cannot unpack {self.show(t)} into {n} names", line)

    # ------------------------------------------------------------ statements
    def block(self, stmts: list[ir.Stmt]) -> None:
        """Type a statement list (a ``None`` test that exits narrows the rest)."""
        saved = set(self.narrowed)
        for i, s in enumerate(stmts):
            getattr(self, "s_" + type(s).__name__)(s)
            if isinstance(s, ir.If) and not s.orelse:
                rest = stmts[i + 1 :]
                for name in none_tests(s.test, positive=False):
                    if _exits(s.body) or _assigns_value(s.body, name):
                        self.narrow(name, rest)
            elif _assigns_value([s], "") and self.holds_value(s):
                self.narrow(s.targets[0].id, stmts[i + 1 :])  # type: ignore[attr-defined]
        self.narrowed = saved

    def transposed(self, s: ir.Assign) -> bool:
        """``a, b = zip(*pairs)`` with pairs a list of 2-tuples: the columns (a tuple each);
        typed here, as only this unpacking makes one type per column."""
        v = s.value
        target = s.targets[0] if len(s.targets) == 1 else None
        if not (
            isinstance(v, ir.Call)
            and v.func == "zip"
            and v.star
            and len(v.args) == 1
            and isinstance(target, ir.Seq)
            and "zip" not in self.local_sigs
        ):
            return False
        rows = self.u.resolve(self.expr(v.args[0]))
        row = self.u.resolve(T.elem(rows) or T.NONE) if rows.name != "set" else T.NONE
        if row.name != "tuple" or len(row.args) != len(target.elts):
            raise Refusal(
                "PT012",
                f"{len(target.elts)} names = zip(*{self.show(rows)}) (only "
                "a list of tuples of that size is transposed)",
                s.line,
            )
        v.ty = T.tuple_of(*(PyType("tuple...", (a,)) for a in row.args))
        v.transpose = True  # type: ignore[attr-defined]
        self.nodes.append(v)
        return True

    def holds_value(self, s: ir.Stmt) -> bool:
        """``current = text.strip()`` on an Optional local: not None until rebound."""
        assert isinstance(s, ir.Assign)
        name = s.targets[0].id  # type: ignore[attr-defined]
        have = self.u.resolve(self.env.get(name, T.NONE))
        value = self.u.resolve(s.value.ty or T.NONE)
        return (
            have.name == "Optional"
            and value.name not in ("Optional", "None")
            and not (T.is_var(value))
        )

    def narrow(self, name: str, region: list[ir.Stmt]) -> None:
        """Treat ``name`` as holding a value in ``region`` unless it is rebound there."""
        if name not in assigned_names(region):
            self.narrowed.add(name)

    def narrowed_block(self, stmts: list[ir.Stmt], names: list[str]) -> None:
        """Type a branch in which ``names`` are known not to be None."""
        saved = set(self.narrowed)
        for n in names:
            self.narrow(n, stmts)
        self.block(stmts)
        self.narrowed = saved

    def s_Assign(self, s: ir.Assign) -> None:
        if self.property_store(s):
            return
        if s.ann is not None:
            self.expect(s.value, s.ann, "assignment")
            t = s.ann
        elif self.transposed(s):
            t = s.value.ty or T.NONE
        elif (
            isinstance(s.value, ir.BoolOp)
            and len(s.targets) == 1
            and isinstance(s.targets[0], ir.Name)
            and only_tested(self.fn, s.targets[0].id)
        ):
            t = self.cond(s.value)  # ``flag = a and b`` only ever tested: its truth is all
        else:
            t = self.expr(s.value)
        for target in s.targets:
            if (
                t.name == "None"
                and isinstance(target, ir.Name)
                and target.id not in self.env
                and target.id not in self.params
            ):
                # ``found = None`` then ``found = x`` later: an Optional of what comes later
                self.env[target.id] = T.optional(self.u.fresh())
            self.bind_target(target, t, s.line)

    def s_AugAssign(self, s: ir.AugAssign) -> None:
        if isinstance(s.target, ir.Attr) and is_class(self.u.resolve(self.expr(s.target.obj))):
            model = self.classes(self.u.resolve(self.expr(s.target.obj)).name)
            if model is not None and s.target.name not in model.fields:
                raise Refusal("PT050", f"augmented assignment to property {s.target.name}", s.line)
        if is_class(self.u.resolve(self.expr(s.target))):
            raise Refusal(
                "PT014",
                f"augmented assignment {s.op}= on an object (Python may "
                "change it in place or rebind it)",
                s.line,
            )
        fake = ir.BinOp(s.op, s.target, s.value, line=s.line)
        t = self.expr(fake)
        self.check_frozen(s.target, s.line)
        have = self.u.resolve(s.target.ty or t)
        if isinstance(s.target, ir.Name) and self.promotable(s.target.id, have, t):
            raise Promote(s.target.id)
        if not self.fits(have, t):
            raise Refusal(
                "PT022",
                f"`{_show(s.target)} {s.op}= ...` changes its type from "
                f"{self.show(have)} to {self.show(t)}",
                s.line,
            )

    def s_If(self, s: ir.If) -> None:
        self.cond(s.test)
        self.narrowed_block(s.body, none_tests(s.test, positive=True))
        self.narrowed_block(s.orelse, none_tests(s.test, positive=False))

    def s_While(self, s: ir.While) -> None:
        self.cond(s.test)
        self.block(s.body)
        self.block(s.orelse)

    def s_For(self, s: ir.For) -> None:
        it = self.expr(s.iter)
        item = self.item_type(it, s.iter)
        self.bind_target(s.target, item, s.line)
        self.block(s.body)
        self.block(s.orelse)

    def item_type(self, t: PyType, where: ir.Expr) -> PyType:
        """Element type when iterating a value of type ``t``."""
        t = self.u.resolve(t)
        item = T.elem(t)
        if item is None:
            raise Refusal("PT026", f"cannot iterate over {self.show(t)}", where.line)
        return item

    def s_Break(self, s: ir.Break) -> None:
        pass

    def s_Try(self, s: ir.Try) -> None:
        self.block(s.body)
        for h in s.handlers:
            self.block(h.body)
        self.block(s.orelse)
        self.block(s.finalbody)

    s_Continue = s_Pass = s_Break

    def s_Yield(self, s: ir.Yield) -> None:
        assert self.ret is not None and self.ret.name == "list"
        if s.value is None:
            raise Refusal("PT010", "bare yield", s.line)
        if s.many:
            item = self.item_type(self.expr(s.value), s.value)
            if (s.value.ty or T.NONE).name == "set" or not self.u.unify(self.ret.args[0], item):
                raise Refusal("PT024", "yield from of another item type or a set", s.line)
        else:
            self.expect(s.value, self.ret.args[0], "yield")

    def s_Return(self, s: ir.Return) -> None:
        if self.fn.generator:
            if s.value is not None:
                raise Refusal("PT010", "return with a value in a generator", s.line)
            return
        if s.value is None:
            got = T.NONE
        elif self.ret is not None:
            self.expect(s.value, self.ret, "return")
            return
        else:
            got = self.expr(s.value)
        if self.ret is not None and not self.fits(self.ret, got):
            raise Refusal("PT024", f"return expects {self.show(self.ret)}, got None", s.line)
        self.returns_seen.append(got)

    def s_ExprStmt(self, s: ir.ExprStmt) -> None:
        self.expr(s.value)

    def s_Assert(self, s: ir.Assert) -> None:
        self.cond(s.test)
        if s.msg is not None:
            self.expr(s.msg)

    def s_Raise(self, s: ir.Raise) -> None:
        if s.msg is not None:
            self.expr(s.msg)

    def s_Delete(self, s: ir.Delete) -> None:
        for t in s.targets:
            self.expr(t)

    # ------------------------------------------------------------ expressions
    def expr(self, e: ir.Expr) -> PyType:
        """Type ``e`` (memoised on the node)."""
        if e.ty is not None and not isinstance(e, ir.Name):
            return e.ty
        in_cond, self.in_cond = self.in_cond, self.in_cond and isinstance(e, ir.BoolOp)
        try:
            t: PyType = getattr(self, "e_" + type(e).__name__)(e)
        finally:
            self.in_cond = in_cond
        e.ty = t
        self.nodes.append(e)
        return t

    def e_Const(self, e: ir.Const) -> PyType:
        v = e.value
        if v is None:
            return T.NONE
        return PyType({bool: "bool", int: "int", float: "float", str: "str"}[type(v)])

    def e_Name(self, e: ir.Name) -> PyType:
        if e.id in self.env:
            t = self.u.resolve(self.env[e.id])
            e.narrowed = e.id in self.narrowed and t.name == "Optional"
            return t.args[0] if e.narrowed else t
        if (
            (e.id in self.constants or e.id in self.constant_src)
            and self.is_local(e.id)
            and (e.id not in {p.name for p in self.fn.params})
        ):
            raise Refusal(
                "PT025",
                f"{e.id} read before this function assigns it (a local "
                "throughout, not the module constant: Python raises "
                "UnboundLocalError)",
                e.line,
            )
        if e.id in self.constants:
            return self.constants[e.id].ty or T.NONE
        if e.id in self.constant_src:
            value = self.lower_expr(self.constant_src[e.id])
            t = Infer(self.fn, self.sigs, {}, self.lower_expr, self.classes).expr_in_empty(value)
            if T.is_var(t) or not self.u.complete(t):
                raise Refusal("PT023", f"type of module constant {e.id} unknown", e.line)
            self.constants[e.id] = value
            return t
        mt = math_type(e.id)
        if mt is not None and not mt.name.startswith("fn"):
            return mt
        if self.is_local(e.id):
            t = self.u.fresh()
            self.env[e.id] = t
            return t
        if "." in e.id:  # lowering spelled an imported module's attribute (``sys.argv``)
            raise Refusal("PT017", f"module attribute {e.id} is not supported", e.line)
        raise Refusal("PT025", f"unknown name {e.id}", e.line)

    def expr_in_empty(self, e: ir.Expr) -> PyType:
        """Type a constant's value in an empty environment."""
        t = self.expr(e)
        for n in self.nodes:
            n.ty = self.u.resolve(n.ty) if n.ty is not None else None
        return self.u.resolve(t)

    def is_local(self, name: str) -> bool:
        """Whether ``name`` is assigned somewhere in the function."""
        if not hasattr(self, "_assigned"):
            self._assigned = assigned_names(self.fn.body)
        return name in self._assigned

    def e_BinOp(self, e: ir.BinOp) -> PyType:
        a = self.u.resolve(self.expr(e.left))
        if is_class(a):
            from pipeline.translate.rules.classes import OPERATORS

            if e.op not in OPERATORS:
                raise Refusal("PT014", f"operator {e.op} on {a}", e.line)
            return self.method_call(e, a.name, OPERATORS[e.op], [e.left, e.right], {})
        b = self.u.resolve(self.expr(e.right))
        t = binop_type(e.op, a, b, self.u)
        if t is None:
            raise Refusal("PT014", f"operator {e.op} on {self.show(a)} and {self.show(b)}", e.line)
        return t

    def e_Unary(self, e: ir.Unary) -> PyType:
        t = self.u.resolve(self.cond(e.operand) if e.op == "not" else self.expr(e.operand))
        if e.op == "not":
            return T.BOOL
        if e.op in "-+" and T.is_num(t):
            return T.INT if t.name == "bool" else t
        if e.op == "~" and t.name in ("int", "bool"):
            return T.INT
        raise Refusal("PT014", f"unary {e.op} on {self.show(t)}", e.line)

    def cond(self, e: ir.Expr) -> PyType:
        """Type a test: ``and``/``or`` inside may mix types (only truthiness is used)."""
        self.in_cond = True
        try:
            return self.expr(e)
        finally:
            self.in_cond = False

    def e_BoolOp(self, e: ir.BoolOp) -> PyType:
        saved = set(self.narrowed)
        in_cond = self.in_cond
        ts = []
        for v in e.values:
            ts.append(self.u.resolve(self.cond(v) if in_cond else self.expr(v)))
            self.narrowed.update(none_tests(v, positive=e.op == "and"))
        self.narrowed = saved
        self.in_cond = in_cond
        if in_cond and len({t.name for t in ts}) > 1:
            return T.BOOL
        if (
            e.op == "or"
            and len(ts) == 2
            and ts[0].name == "Optional"
            and ts[1].name != "Optional"
            and self.u.unify(ts[0].args[0], ts[1])
        ):
            return self.u.resolve(ts[1])  # ``name or "default"``: the value when truthy
        first = ts[0]
        for t in ts[1:]:
            if not self.u.unify(first, t):
                raise Refusal(
                    "PT014", f"`{e.op}` mixes {self.show(first)} and {self.show(t)}", e.line
                )
        return self.u.resolve(first)

    def e_Compare(self, e: ir.Compare) -> PyType:
        left = self.expr(e.left)
        for op, r in zip(e.ops, e.rights, strict=True):
            right = self.expr(r)
            self.check_compare(op, left, right, e)
            left = right
        return T.BOOL

    def check_compare(self, op: str, a: PyType, b: PyType, e: ir.Expr) -> None:
        """Refuse comparisons Rust cannot express with Python's meaning."""
        a, b = self.u.resolve(a), self.u.resolve(b)
        if op in ("is", "is not"):
            if b.name != "None" and a.name != "None":
                raise Refusal("PT014", "`is` other than `is None`", e.line)
            return
        if op in ("in", "not in"):
            item = T.elem(b) if b.name != "str" else T.STR
            if item is None or not self.u.unify(item, a):
                raise Refusal("PT014", f"`in` on {self.show(a)} and {self.show(b)}", e.line)
            if T.contains_class(self.u.resolve(a)):
                raise Refusal("PT014", f"`in` on {self.show(b)} (object equality)", e.line)
            return
        if T.is_num(a) and T.is_num(b):
            return
        if is_class(self.u.resolve(a)) or is_class(self.u.resolve(b)):
            return self.check_class_compare(op, self.u.resolve(a), self.u.resolve(b), e)
        if op in ("==", "!=") and self.mixed_mappings(a, b):
            return  # an OrderedDict and a dict: Python compares them as dicts
        if not self.u.unify(a, b):
            raise Refusal("PT014", f"comparison {op} of {self.show(a)} and {self.show(b)}", e.line)
        a = self.u.resolve(a)
        if op not in ("==", "!=") and a.name in ("dict", "OrderedDict", "Optional", "None"):
            raise Refusal("PT014", f"ordering comparison {op} on {self.show(a)}", e.line)

    def mixed_mappings(self, a: PyType, b: PyType) -> bool:
        """An OrderedDict against a plain dict of the same types (order-insensitive ``==``,
        the runtime's ``PartialEq`` between the two)."""
        a, b = self.u.resolve(a), self.u.resolve(b)
        if sorted((a.name, b.name)) != ["OrderedDict", "dict"]:
            return False
        return self.u.unify(T.as_dict(a), T.as_dict(b))

    def check_class_compare(self, op: str, a: PyType, b: PyType, e: ir.Expr) -> None:
        """Objects compare like their dataclass: ``==`` field by field, ``<`` (order=True)
        in field order. Float fields are refused: Python compares the field tuples, where
        the same NaN object equals itself, which derived Rust comparisons do not reproduce."""
        model = self.classes(a.name)
        if a == b and model is not None and "__lt__" in model.methods and op in ("<", ">"):
            return  # PartialOrd::lt from __lt__; ``a > b`` is Python's reflected ``b < a``
        if a != b or model is None or not model.comparable():
            raise Refusal("PT014", f"comparison {op} of {self.show(a)} and {self.show(b)}", e.line)
        if "__eq__" in model.methods and op in ("==", "!="):
            return  # the class's own __eq__ (PartialEq::eq); != is its negation, as in Python
        if op not in ("==", "!=") and not (model.order and model.orderable()):
            raise Refusal(
                "PT014",
                f"ordering comparison {op} on {a} (not order=True, or fields without an order)",
                e.line,
            )
        if any(T.has_float(t) for t in model.fields.values()):
            raise Refusal(
                "PT014", f"comparison {op} of {a} objects with float fields (NaN identity)", e.line
            )

    def e_IfExp(self, e: ir.IfExp) -> PyType:
        self.cond(e.test)
        a, b = self.u.resolve(self.expr(e.body)), self.u.resolve(self.expr(e.orelse))
        if a.name == "None" and b.name not in ("None", "Optional") and not T.is_var(b):
            return T.optional(b)
        if b.name == "None" and a.name not in ("None", "Optional") and not T.is_var(a):
            return T.optional(a)
        if not self.u.unify(a, b):
            raise Refusal(
                "PT024",
                f"conditional expression mixes {self.show(a)} and "
                f"{self.show(b)} (its type would depend on the branch taken)",
                e.line,
            )
        return self.u.resolve(a)

    def e_Call(self, e: ir.Call) -> PyType:
        if e.star and self.classes(e.func) is None:
            self.spread(e)
        owner = e.func.split(".")[0]
        plain = "." not in e.func or self.classes(owner) is not None
        sig = self.sig_of(e.func) if plain and owner not in self.env else None
        if sig is not None:
            return self.sibling_call(e, sig)
        if e.func in self.env:
            held = self.u.resolve(self.env[e.func])
            if held.name == "Callable":
                return self.sibling_call(e, closures.callable_sig(e.func, held))
            raise Refusal("PT012", f"call of local variable {e.func}", e.line)
        if e.func.startswith("collections."):
            return self.collection_call(e)
        if e.func in ("map", "filter") and len(e.args) == 2 and not e.kwargs:
            return self.map_filter(e)
        if e.func == "functools.reduce" and len(e.args) in (2, 3) and not e.kwargs:
            return self.reduce(e)
        if (
            e.func == "reversed"
            and len(e.args) == 1
            and isinstance(e.args[0], ir.Call)
            and e.args[0].func == "range"
            and e.func not in self.local_sigs
        ):
            return T.iter_of(self.item_type(self.expr(e.args[0]), e.args[0]))
        if e.func == "next" and e.func not in self.local_sigs:
            return self.next_call(e)
        if e.func == "iter" and "iter" not in self.local_sigs:
            return self.iter_call(e)
        if e.func == "type.__name__":
            return T.STR  # of the exception a handler caught (lowering checked the name)
        if e.func == "dict.fromkeys":
            return self.fromkeys(e)
        if e.func == "isinstance" and "isinstance" not in self.local_sigs:
            return self.isinstance_call(e)
        if e.func == "len" and len(e.args) == 1 and _is_range(e.args[0]) and not e.kwargs:
            self.item_type(self.expr(e.args[0]), e.args[0])
            return T.INT
        arg_types = [self.u.resolve(self.expr(a)) for a in e.args]
        kw_types = {k: v for k, v in e.kwargs.items()}
        if e.func.startswith(("heapq.", "bisect.")):
            t = module_call_type(e.func, arg_types, kw_types, self)
        elif "." in e.func:
            t = math_type(e.func, arg_types)
        else:
            t = builtin_type(e.func, arg_types, kw_types, self)
        if t is None:
            raise Refusal(
                "PT012", f"call of {e.func}() with these arguments is not supported", e.line
            )
        return t

    def spread(self, e: ir.Call) -> None:
        """``f(a, *t)`` with ``t`` a fixed-size tuple: its items become the last arguments."""
        last = e.args[-1]
        t = self.u.resolve(self.expr(last))
        if not isinstance(last, ir.Name) or t.name != "tuple":
            raise Refusal(
                "PT012",
                f"*{_show(last)} in a call of {e.func} (only a fixed-size tuple is spread)",
                e.line,
            )
        items = [
            ir.Index(ir.Name(last.id, line=e.line), ir.Const(i, line=e.line), line=e.line)
            for i in range(len(t.args))
        ]
        e.args = [*e.args[:-1], *items]
        e.star = False

    def isinstance_call(self, e: ir.Call) -> PyType:
        """``isinstance(x, int)`` decided from ``x``'s static type where Python's answer
        cannot depend on the value (an int parameter may hold a bool, a float one an int:
        those questions are refused). ``e.decided``: "true", "false" or "is_some"."""
        classes = _class_names(e.args[1]) if len(e.args) == 2 and not e.kwargs else None
        x = e.args[0] if e.args else None
        if classes is None or not isinstance(x, ir.Name | ir.Const):
            raise Refusal(
                "PT012",
                "isinstance() of a computed value or with classes other than builtin scalar types",
                e.line,
            )
        t = self.u.resolve(self.expr(x))
        optional = t.name == "Optional" and not (isinstance(x, ir.Name) and x.narrowed)
        inner = self.u.resolve(t.args[0]) if optional else t
        if isinstance(x, ir.Const):
            answer: bool | None = any(
                c in _RUNTIME_CLASSES.get(type(x.value).__name__, ()) for c in classes
            )
        else:
            answer = _static_isinstance(inner.name, classes)
        if answer is None:
            raise Refusal(
                "PT012",
                f"isinstance() of a {self.show(t)} value: Python's answer "
                "depends on the value passed",
                e.line,
            )
        e.decided = "is_some" if optional and answer else str(answer).lower()  # type: ignore[attr-defined]
        return T.BOOL

    def fromkeys(self, e: ir.Call) -> PyType:
        """``dict.fromkeys(keys[, value])``: every key maps to the one value (so it must be
        immutable: a shared list would be changed through every key)."""
        if len(e.args) not in (1, 2):
            raise Refusal("PT012", "dict.fromkeys() takes keys and an optional value", e.line)
        key = self.item_type(self.expr(e.args[0]), e.args[0])
        value = self.u.resolve(self.expr(e.args[1])) if len(e.args) == 2 else T.NONE
        if T.contains_mutable(value) or T.is_var(value):
            raise Refusal(
                "PT030",
                f"dict.fromkeys() with a {self.show(value)} value shares it between keys",
                e.line,
            )
        if (e.args[0].ty or T.NONE).name == "set":
            raise Refusal("PT031", "dict.fromkeys() of a set: its order differs in Rust", e.line)
        return self.hashable(T.dict_of(key, value), e)

    def iter_call(self, e: ir.Call) -> PyType:
        """``iter(xs)``: an iterator object over ``xs`` (where it may be used is checked by
        ``iterators``, once every type is known)."""
        if len(e.args) != 1 or e.kwargs:
            raise Refusal(
                "PT012",
                "iter(callable, sentinel) (only iter() of one iterable is translated)",
                e.line,
            )
        t = self.u.resolve(self.expr(e.args[0]))
        if t.name == "set":
            raise Refusal("PT031", "iter() of a set: its order differs in Rust", e.line)
        if t.name == "Iterator":
            raise Refusal(
                "PT012",
                f"iter() of a {self.show(t)} (Python returns the same "
                "iterator object, shared state)",
                e.line,
            )
        return T.iterator_of(self.item_type(t, e.args[0]))

    def next_call(self, e: ir.Call) -> PyType:
        """``next(<generator expression>[, default])``: its first item (a fresh iterator, so
        no iterator state outlives the call); ``next(it[, default])`` of an ``iter()``
        variable (``iterators`` checks its uses)."""
        src = e.args[0] if 1 <= len(e.args) <= 2 and not e.kwargs else None
        gen = isinstance(src, ir.Comp) and src.kind == "gen"
        if not gen and not (
            isinstance(src, ir.Name) and self.u.resolve(self.expr(src)).name == "Iterator"
        ):
            raise Refusal(
                "PT012",
                "next() of anything but a generator expression or a variable bound to iter()",
                e.line,
            )
        assert src is not None
        item = self.item_type(self.expr(src), src)
        if len(e.args) == 1:
            return item
        default = e.args[1]
        if isinstance(default, ir.Const) and default.value is None:
            if self.u.resolve(item).name == "Optional":
                raise Refusal(
                    "PT012",
                    "next(..., None) over Optional items (a None item "
                    "and the end look the same in Python)",
                    e.line,
                )
            self.expr(default)
            return T.optional(item)
        self.expect(default, item, "default of next()")
        return self.u.resolve(item)

    def reduce(self, e: ir.Call) -> PyType:
        """``functools.reduce(f, items[, initial])`` with a two-argument lambda or function."""
        fn, items = e.args[0], e.args[1]
        it = self.u.resolve(self.expr(items))
        if it.name == "set":
            raise Refusal("PT031", "reduce over a set: its order differs in Rust", e.line)
        item = self.item_type(it, items)
        acc = self.u.resolve(self.expr(e.args[2])) if len(e.args) == 3 else item
        if isinstance(fn, ir.Lambda) and len(fn.params) == 2:
            saved = dict(self.env)
            self.env[fn.params[0]], self.env[fn.params[1]] = acc, item
            out = self.expr(fn.body)
            self.env = saved
        elif isinstance(fn, ir.Name):
            call = ir.Call(
                fn.id,
                [
                    ir.Name("__acc__", ty=acc, line=e.line),
                    ir.Name("__item__", ty=item, line=e.line),
                ],
                line=e.line,
            )
            self.env["__acc__"], self.env["__item__"] = acc, item
            try:
                out = self.expr(call)
            finally:
                self.env.pop("__acc__", None)
                self.env.pop("__item__", None)
            fn.call = call  # type: ignore[attr-defined]
        else:
            raise Refusal("PT012", "reduce() with this function", e.line)
        if not self.fits(acc, out):
            raise Refusal(
                "PT024", f"reduce() function returns {self.show(out)}, not {self.show(acc)}", e.line
            )
        return acc

    def map_filter(self, e: ir.Call) -> PyType:
        """``map(f, items)`` / ``filter(f, items)`` with a lambda or a named function."""
        fn, items = e.args
        it = self.u.resolve(self.expr(items))
        if it.name == "set":
            raise Refusal("PT031", "map/filter over a set: its order differs in Rust", e.line)
        item = self.item_type(it, items)
        if e.func == "filter" and isinstance(fn, ir.Const) and fn.value is None:
            fn.ty = T.NONE
            return T.iter_of(item)
        out = self.lambda_result(fn, [item])
        return T.iter_of(out if e.func == "map" else item)

    def collection_call(self, e: ir.Call) -> PyType:
        """``defaultdict(factory)``, ``Counter(items)``, ``deque(items, maxlen)``."""
        kind = e.func.split(".", 1)[1]
        if kind == "defaultdict" and len(e.args) == 1 and not e.kwargs:
            value = factory_type(e.args[0], self)
            if value is not None:
                return PyType("defaultdict", (self.u.fresh(), value))
        if kind == "OrderedDict":
            return self.ordered_dict_call(e)
        if kind in ("Counter", "deque") and len(e.args) <= 1:
            maxlen = e.kwargs.pop("maxlen", None) if kind == "deque" else None
            if maxlen is not None:
                self.expect(maxlen, T.INT, "maxlen=")
                e.kwargs["maxlen"] = maxlen
            source = self.u.resolve(self.expr(e.args[0])) if e.args else None
            if kind == "Counter" and source is not None and source.name in T.DICTLIKE:
                counts = T.as_dict(source)  # Counter(mapping) copies the counts
                if self.u.unify(counts.args[1], T.INT):
                    return PyType("Counter", (counts.args[0],))
                raise Refusal("PT012", "Counter() of a mapping whose values are not int", e.line)
            if not set(e.kwargs) - {"maxlen"}:
                item = self.item_type(self.expr(e.args[0]), e.args[0]) if e.args else self.u.fresh()
                name = "Counter" if kind == "Counter" else "deque"
                t = PyType(name, (item,))
                return self.hashable(t, e) if name == "Counter" else t
        raise Refusal("PT012", f"call of {e.func}() with these arguments is not supported", e.line)

    def ordered_dict_call(self, e: ir.Call) -> PyType:
        """``OrderedDict()``, ``OrderedDict(mapping)`` and ``OrderedDict(pairs)``."""
        if e.kwargs or len(e.args) > 1:
            raise Refusal(
                "PT012",
                "OrderedDict() with keyword arguments or several arguments is not supported",
                e.line,
            )
        if not e.args:
            return PyType("OrderedDict", (self.u.fresh(), self.u.fresh()))
        source = self.u.resolve(self.expr(e.args[0]))
        if source.name in T.DICTLIKE:
            return PyType("OrderedDict", T.as_dict(source).args)
        item = self.u.resolve(self.item_type(source, e.args[0]))
        if item.name != "tuple" or len(item.args) != 2:
            raise Refusal(
                "PT012",
                f"OrderedDict() of {self.show(source)} (a mapping or "
                "(key, value) pairs are translated)",
                e.line,
            )
        return self.hashable(PyType("OrderedDict", item.args), e)

    def sibling_call(self, e: ir.Call, sig: Signature) -> PyType:
        """Check arguments against a sibling's signature (keywords mapped to positions)."""
        generic = sig
        sig = self.instantiate(sig, e)
        if sig is not generic:
            return self.generic_call(e, sig)
        if e.star:
            return self.star_call(e, sig)
        names = [p[0] for p in sig.params]
        if len(e.args) > len(names) or any(k not in names for k in e.kwargs):
            raise Refusal("PT012", f"call of {e.func} does not match its signature", e.line)
        ordered: list[ir.Expr | None] = list(e.args) + [None] * (len(names) - len(e.args))
        for k, v in e.kwargs.items():
            ordered[names.index(k)] = v
        for i, (name, t, _mode) in enumerate(sig.params):
            arg = ordered[i]
            if arg is None and name in sig.implicit:
                arg = ordered[i] = ir.Name(name, line=e.line)  # a lifted, captured variable
            if arg is None:
                default = sig.defaults[i] if i < len(sig.defaults) else None
                if default is None:
                    raise Refusal("PT012", f"call of {e.func} misses argument {name}", e.line)
                ordered[i] = default
                continue
            if t.name == "Iterator":
                self.expect_items(arg, t, f"argument {name} of {e.func}")
            else:
                self.expect(arg, t, f"argument {name} of {e.func}")
        e.args = [a for a in ordered if a is not None]
        e.kwargs = {}
        return sig.returns

    def instantiate(self, sig: Signature, e: ir.Call) -> Signature:
        """A generic sibling's signature with fresh unknowns for its type variables (Rust
        infers them from the arguments, so each must occur in a parameter)."""
        names = [n for _, t, _ in sig.params for n in typevars_in(t)]
        missing = [n for n in typevars_in(sig.returns) if n not in names]
        if missing:
            raise Refusal(
                "PT021",
                f"call of {e.func}: type variable {missing[0]} occurs only in its result",
                e.line,
            )
        if not names:
            return sig
        mapping = {typevar(n).name: self.u.fresh() for n in names}
        params = [(n, substitute(t, mapping), m) for n, t, m in sig.params]
        return replace(sig, params=params, returns=substitute(sig.returns, mapping))

    def generic_call(self, e: ir.Call, sig: Signature) -> PyType:
        """A call of a generic sibling, with objects of user classes or callables as none of
        its type arguments (their Rust types need not meet the sibling's bounds)."""
        out = self.sibling_call(e, sig)
        for _, t, _ in sig.params:
            t = self.u.resolve(t)
            if T.contains_class(t) or "Callable" in t.render() or "lambda" in t.render():
                raise Refusal(
                    "PT021",
                    f"call of the generic function {e.func} with "
                    f"{self.show(t)} (only builtin types instantiate it)",
                    e.line,
                )
        return out

    def expect_items(self, e: ir.Expr, want: PyType, what: str) -> None:
        """An iterator parameter takes any ordered iterable of its items."""
        got = self.u.resolve(self.expr(e))
        if got.name == "set":
            raise Refusal("PT031", f"{what}: a set, whose order differs in Rust", e.line)
        if not self.u.unify(want.args[0], self.item_type(got, e)):
            raise Refusal(
                "PT024",
                f"{what} expects items of {self.show(want.args[0])}, got {self.show(got)}",
                e.line,
            )

    def e_Apply(self, e: ir.Apply) -> PyType:
        """``table[op](a, b)``: the callee must hold a ``Callable``."""
        callee = self.u.resolve(self.expr(e.callee))
        if callee.name != "Callable" or len(callee.args) - 1 != len(e.args):
            raise Refusal("PT012", f"call of a value of type {self.show(callee)}", e.line)
        for i, (arg, t) in enumerate(zip(e.args, callee.args[:-1], strict=True)):
            self.expect(arg, t, f"argument {i + 1}")
        return callee.args[-1]

    def star_call(self, e: ir.Call, sig: Signature) -> PyType:
        """``Cls(*items)``: every parameter must take the items' type (the length decides
        which defaults apply; a wrong length raises TypeError, as in Python)."""
        items = self.u.resolve(self.expr(e.args[0]))
        item = T.elem(items) if items.name in ("list", "tuple...", "tuple") else None
        if item is None:
            raise Refusal("PT012", f"call {e.func}(*...) of {self.show(items)}", e.line)
        for name, t, _mode in sig.params:
            if not self.fits(t, item):
                raise Refusal(
                    "PT024",
                    f"argument {name} of {e.func} expects {self.show(t)}, "
                    f"got {self.show(item)} from *",
                    e.line,
                )
        return sig.returns

    def e_Method(self, e: ir.Method) -> PyType:
        recv = self.u.resolve(self.expr(e.obj))
        if is_class(recv):
            return self.method_call(e, recv.name, e.name, [e.obj, *e.args], e.kwargs)
        args = [self.u.resolve(self.expr(a)) for a in e.args]
        item = T.elem(recv) if recv.name in ("list", "tuple...", "deque") else None
        if item is not None and T.contains_class(item) and e.name in ("count", "index", "remove"):
            raise Refusal("PT014", f"{e.name}() on a list of objects (object equality)", e.line)
        t = method_type(recv, e.name, args, e.kwargs, self)
        if (
            t is not None
            and recv.name == "str"
            and e.name == "encode"
            and e.args
            and not (utf8_codec(e.args[0]))
        ):
            raise Refusal("PT013", "str.encode() with a codec other than a UTF-8 literal", e.line)
        if t is None:
            item = T.elem(recv) if recv.name in ("list", "deque", "set") else None
            note = next((_int_kept(item, a, self.u) for a in args if item is not None), "")
            raise Refusal(
                "PT013",
                f"method {self.show(recv)}.{e.name}() with these arguments is not supported{note}",
                e.line,
            )
        return t

    def method_call(
        self, e: ir.Expr, cls: str, name: str, args: list[ir.Expr], kwargs: dict[str, ir.Expr]
    ) -> PyType:
        """``obj.name(args)`` on an object of class ``cls``: checked like a sibling call of
        ``Cls.name`` with the object first; the call is kept on ``e.call`` for emission."""
        model = self.classes(cls)
        sig = self.sig_of(f"{cls}.{name}") if model is not None and name in model.methods else None
        if sig is None or model is None or model.kinds[name] != "instance":
            raise Refusal(
                "PT013", f"method {cls}.{name}() is not a translated instance method", e.line
            )
        call = ir.Call(f"{cls}.{name}", list(args), dict(kwargs), line=e.line)
        t = self.sibling_call(call, sig)
        e.call = call  # type: ignore[attr-defined]
        return t

    def e_Attr(self, e: ir.Attr) -> PyType:
        obj = self.u.resolve(self.expr(e.obj))
        model = self.classes(obj.name) if is_class(obj) else None
        if model is None:
            raise Refusal("PT011", f"attribute access .{e.name} is not supported", e.line)
        getter = model.getter(e.name)
        if getter is not None:
            return self.method_call(e, obj.name, getter, [e.obj], {})
        if e.name not in model.fields:
            what = (
                "a method (bound methods are not supported)"
                if e.name in model.methods
                else ("not an attribute set in __init__ (class attributes are not supported)")
            )
            raise Refusal("PT050", f"{obj.name}.{e.name} is {what}", e.line)
        return model.fields[e.name]

    def property_store(self, s: ir.Assign) -> bool:
        """``obj.prop = value`` through a property's setter (kept on ``s.setter``)."""
        target = s.targets[0] if len(s.targets) == 1 else None
        if not isinstance(target, ir.Attr):
            return False
        obj = self.u.resolve(self.expr(target.obj))
        model = self.classes(obj.name) if is_class(obj) else None
        if model is None or target.name in model.fields:
            return False
        key = f"{target.name}.fset"
        if key not in model.methods:
            what = "read-only property" if model.getter(target.name) else "attribute"
            raise Refusal("PT050", f"assignment to {what} {target.name} of {obj.name}", s.line)
        setter = ir.Method(target.obj, key, [s.value], line=s.line)
        self.method_call(setter, obj.name, key, [target.obj, s.value], {})
        setter.ty = T.NONE
        s.setter = setter  # type: ignore[attr-defined]
        return True

    def e_StructLit(self, e: ir.StructLit) -> PyType:
        model = self.classes(e.cls)
        assert model is not None
        for name, value in zip(e.names, e.values, strict=True):
            self.expect(value, model.fields[name], f"attribute {name}")
        return PyType(e.cls)

    def e_Index(self, e: ir.Index) -> PyType:
        obj = self.u.resolve(self.expr(e.obj))
        idx = self.u.resolve(self.expr(e.index))
        if T.is_var(idx) and obj.name in ("list", "tuple...", "str", "deque"):
            self.u.unify(idx, T.INT)
            idx = T.INT
        if obj.name == "deque":
            if idx.name not in ("int", "bool"):
                raise Refusal("PT014", f"index of a deque by {self.show(idx)}", e.line)
            return obj.args[0]
        obj = T.as_dict(obj)
        if obj.name == "dict":
            if not self.u.unify(obj.args[0], idx):
                raise Refusal("PT024", f"dict key {self.show(idx)} for {self.show(obj)}", e.line)
            return obj.args[1]
        if idx.name not in ("int", "bool"):
            raise Refusal("PT014", f"index of {self.show(obj)} by {self.show(idx)}", e.line)
        if obj.name in ("list", "tuple..."):
            return obj.args[0]
        if obj.name == "str":
            return T.STR
        if obj.name == "tuple":
            k = const_int(e.index)
            if k is not None and -len(obj.args) <= k < len(obj.args):
                return obj.args[k]
            raise Refusal(
                "PT014",
                "tuple index must be an in-range constant (with a computed "
                "index the item's type would depend on its value)",
                e.line,
            )
        raise Refusal("PT014", f"indexing {self.show(obj)}", e.line)

    def e_Slice(self, e: ir.Slice) -> PyType:
        obj = self.u.resolve(self.expr(e.obj))
        for part in (e.lower, e.upper, e.step):
            if part is not None and self.u.resolve(self.expr(part)).name not in ("int", "None"):
                raise Refusal("PT014", "slice bounds must be int", e.line)
        if obj.name in ("list", "str", "tuple..."):
            return obj
        raise Refusal("PT014", f"slicing {self.show(obj)}", e.line)

    def e_Seq(self, e: ir.Seq) -> PyType:
        ts = [self.expr(x) for x in e.elts]
        if e.kind == "tuple":
            return T.tuple_of(*ts)
        item = self.common(ts, e)
        return T.list_of(item) if e.kind == "list" else self.hashable(T.set_of(item), e)

    def common(self, ts: list[PyType], e: ir.Expr) -> PyType:
        """Unify element types of a display (int and float do not mix)."""
        item = self.u.fresh()
        for t in ts:
            if not self.u.unify(item, t):
                raise Refusal(
                    "PT024", f"display mixes {self.show(item)} and {self.show(t)}", e.line
                )
        return self.u.resolve(item)

    def hashable(self, t: PyType, e: ir.Expr) -> PyType:
        """Refuse set elements / dict keys Rust cannot hash (floats)."""
        key = self.u.resolve(t.args[0])
        if T.has_float(key) or T.contains_mutable(key):
            raise Refusal("PT026", f"{self.show(key)} as a set element or dict key", e.line)
        return t

    def e_DictLit(self, e: ir.DictLit) -> PyType:
        k = self.common([self.expr(x) for x in e.keys], e)
        v = self.common([self.expr(x) for x in e.values], e)
        return self.hashable(T.dict_of(k, v), e)

    def e_Comp(self, e: ir.Comp) -> PyType:
        saved = dict(self.env)
        shadow = {n for g in e.gens for n in target_names(g.target)}
        for n in shadow:
            self.env.pop(n, None)
        for g in e.gens:
            item = self.item_type(self.expr(g.iter), g.iter)
            self.bind_target(g.target, item, g.line)
            for c in g.conds:
                self.cond(c)
        elt = self.expr(e.elt)
        value = self.expr(e.value) if e.value is not None else None
        self.env = {k: v for k, v in saved.items()}
        for n in shadow - saved.keys():
            self.env.pop(n, None)
        if e.kind == "list":
            return T.list_of(elt)
        if e.kind == "set":
            return self.hashable(T.set_of(elt), e)
        if e.kind == "dict" and value is not None:
            return self.hashable(T.dict_of(elt, value), e)
        return T.iter_of(elt)

    def e_FStr(self, e: ir.FStr) -> PyType:
        for p in e.parts:
            if isinstance(p, ir.FmtField):
                t = self.u.resolve(self.expr(p.value))
                shown = T.collection_in(t)
                if shown:
                    raise Refusal(
                        "PT018",
                        f"{shown} value in a formatted string (Python prints "
                        "its class name, which the runtime does not)",
                        e.line,
                    )
                if getattr(e, "percent", False) and t.name in ("tuple", "tuple..."):
                    raise Refusal(
                        "PT018",
                        "`%` with a tuple value that is not a display "
                        "(Python spreads it over the conversions)",
                        e.line,
                    )
                for i, a in enumerate(p.spec_args):
                    if i == p.fill_arg():
                        self.expect(a, T.STR, "a fill in a format spec")
                    else:
                        self.expect(a, T.INT, "a width or precision in a format spec")
        return T.STR

    def e_Lambda(self, e: ir.Lambda) -> PyType:
        want = getattr(e, "want", None)
        if want is None:
            raise Refusal("PT011", "lambda outside a key= argument or a Callable value", e.line)
        if len(e.params) != len(want.args) - 1:
            raise Refusal(
                "PT024", f"lambda takes {len(e.params)} arguments, {want} expected", e.line
            )
        for name in e.bound:
            if name not in self.env:
                raise Refusal("PT025", f"lambda default {name}={name} of unknown name", e.line)
        e.bound_types = {n: self.u.resolve(self.env[n]) for n in e.bound}  # type: ignore[attr-defined]
        saved = dict(self.env)
        self.env.update(zip(e.params, want.args[:-1], strict=True))
        try:
            self.expect(e.body, want.args[-1], "lambda result")
        finally:
            self.env = saved
        return want

    def lambda_result(self, lam: ir.Expr, args: list[PyType]) -> PyType:
        """Type a key function (lambda or a name such as ``len``) applied to ``args``."""
        if isinstance(lam, ir.Lambda):
            if len(lam.params) != len(args):
                raise Refusal("PT024", "lambda arity does not match", lam.line)
            saved = dict(self.env)
            for p, t in zip(lam.params, args, strict=True):
                self.env[p] = t
            out = self.expr(lam.body)
            self.env = saved
            lam.ty = PyType("lambda", (*args, out))
            self.nodes.append(lam)
            return out
        if isinstance(lam, ir.Name):
            direct = ir.Call(lam.id, [ir.Name("__arg__", ty=a) for a in args], line=lam.line)
            self.env["__arg__"] = args[0]
            try:
                out = self.expr(direct)
            finally:
                self.env.pop("__arg__", None)
            lam.ty = PyType("lambda", (*args, out))
            return out
        if (
            isinstance(lam, ir.Attr)
            and len(args) == 1
            and isinstance(lam.obj, ir.Name)
            and lam.obj.id == "str"
            and "str" not in self.env
        ):
            arg = ir.Name("__arg__", ty=args[0], line=lam.line)
            method = ir.Method(arg, lam.name, [], line=lam.line)  # str.lower(x)
            return self._bound_key_call(lam, args, method)
        if isinstance(lam, ir.Attr) and len(args) == 1:
            arg = ir.Name("__arg__", ty=args[0], line=lam.line)
            recv = self.u.resolve(self.expr(lam.obj))
            if lam.name == "get" and recv.name in T.DICTLIKE:
                call: ir.Expr = ir.Index(lam.obj, arg, line=lam.line)  # keys come from it
            else:
                call = ir.Method(lam.obj, lam.name, [arg], line=lam.line)
            return self._bound_key_call(lam, args, call)
        raise Refusal("PT011", f"key function `{_show(lam)}`", lam.line)

    def _bound_key_call(self, lam: ir.Expr, args: list[PyType], call: ir.Expr) -> PyType:
        """Type ``call`` with ``__arg__`` bound to the key's argument; record it on ``lam``."""
        self.env["__arg__"] = args[0]
        try:
            out = self.expr(call)
        finally:
            self.env.pop("__arg__", None)
        lam.ty = PyType("lambda", (*args, out))
        lam.call = call  # type: ignore[attr-defined]
        return out


FACTORIES = {
    "list": "list",
    "set": "set",
    "dict": "dict",
    "int": "int",
    "float": "float",
    "str": "str",
    "bool": "bool",
}


def factory_type(e: ir.Expr, inf: Infer) -> PyType | None:
    """Value type made by a defaultdict factory (``list``, ``int``, ``lambda: 0``…)."""
    name = e.id if isinstance(e, ir.Name) else None
    if isinstance(e, ir.Lambda) and not e.params and _zero_value(e.body):
        return inf.expr(e.body)
    if (
        isinstance(e, ir.Lambda)
        and not e.params
        and isinstance(e.body, ir.Call)
        and e.body.func in ("collections.defaultdict", "collections.Counter")
        and len(e.body.args) <= 1
    ):  # lambda: defaultdict(int): an empty nested table
        return inf.expr(e.body)
    if name not in FACTORIES:
        return None
    kind = FACTORIES[name]
    if kind in ("list", "set"):
        return PyType(kind, (inf.u.fresh(),))
    if kind == "dict":
        return T.dict_of(inf.u.fresh(), inf.u.fresh())
    return PyType(kind)


_SCALARS = ("int", "float", "bool", "str", "bytes")
_RUNTIME_CLASSES = {
    "bool": ("bool", "int"),
    "int": ("int",),
    "float": ("float",),
    "str": ("str",),
    "bytes": ("bytes",),
    "NoneType": (),
}


def _class_names(e: ir.Expr) -> list[str] | None:
    """``int`` or ``(int, float)`` as class names (builtin scalars only), else None."""
    elts = e.elts if isinstance(e, ir.Seq) and e.kind == "tuple" else [e]
    names = [x.id for x in elts if isinstance(x, ir.Name) and x.id in _SCALARS]
    return names if names and len(names) == len(elts) else None


def _static_isinstance(kind: str, classes: list[str]) -> bool | None:
    """Python's answer for any value of static type ``kind``, or None if it depends: an
    ``int`` may be a ``bool``, a ``float`` may be an ``int`` (or a ``bool``)."""
    may_be = {
        "bool": {"bool"},
        "int": {"int", "bool"},
        "float": {"float", "int", "bool"},
        "str": {"str"},
        "bytes": {"bytes"},
    }.get(kind)
    if may_be is None:
        return None
    answers = {any(c in classes for c in _RUNTIME_CLASSES[m]) for m in may_be}
    return answers.pop() if len(answers) == 1 else None


def _int_kept(want: PyType, got: PyType, u: T.Unifier) -> str:
    """Why an int is not taken where a float is wanted (a note for the refusal)."""
    if u.resolve(want).name == "float" and u.resolve(got).name == "int":
        return " (Python keeps the int: its value is not converted to a float)"
    return ""


def _is_range(e: ir.Expr) -> bool:
    """Whether ``e`` is a call of the builtin ``range``."""
    return isinstance(e, ir.Call) and e.func == "range"


def _zero_value(e: ir.Expr) -> bool:
    """``lambda: 0`` style factories whose value is the type's empty/zero value."""
    if isinstance(e, ir.Const):
        return e.value in (0, "", False) and e.value is not None
    return isinstance(e, ir.Seq | ir.DictLit) and not getattr(e, "elts", getattr(e, "keys", []))


def _exprs_of(fn: ir.Function):  # generator of ir.Expr
    from pipeline.translate.rules.ownership import stmt_exprs

    for s in walk_stmts(fn.body):
        yield from stmt_exprs(s)


def captured_names(fn: ir.Function, local_sigs: dict[str, Signature]) -> set[str]:
    """Outer names a nested def reads (its own parameters and locals excluded); calling
    another nested def also needs what that one captured."""
    from pipeline.translate.rules.scopes import names_read

    own = {p.name for p in fn.params} | assigned_names(fn.body)
    names: set[str] = set()
    for s in walk_stmts(fn.body):
        for attr in ("targets", "target", "value", "test", "iter", "msg"):
            value = getattr(s, attr, None)
            for item in value if isinstance(value, list) else [value]:
                if isinstance(item, ir.Expr):
                    names.update(names_read(item))
    for e in _exprs_of(fn):
        if isinstance(e, ir.Call) and e.func in local_sigs:
            names.update(local_sigs[e.func].implicit)
    return names - own


def only_tested(fn: ir.Function, name: str) -> bool:
    """Whether every read of local ``name`` is a whole ``if``/``while`` test (or ``not name``
    there), and it is bound only by plain assignments: then only its truth matters."""
    tested = reads = 0
    for s in walk_stmts(fn.body):
        if isinstance(s, ir.LocalDef):
            return False  # its reads are not walked here
        if isinstance(s, ir.For | ir.AugAssign) and name in target_names(s.target):
            return False
        test = getattr(s, "test", None) if isinstance(s, ir.If | ir.While) else None
        if isinstance(test, ir.Unary) and test.op == "not":
            test = test.operand
        tested += isinstance(test, ir.Name) and test.id == name
        reads += sum(1 for e in stmt_reads(s) if e == name)
    return tested == reads and name not in {p.name for p in fn.params}


def stmt_reads(s: ir.Stmt):  # generator of str
    """Names read by the expressions a statement owns directly."""
    from pipeline.translate.rules.scopes import names_read

    for attr in ("targets", "target", "value", "test", "iter", "msg"):
        value = getattr(s, attr, None)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, ir.Expr) and not (
                attr in ("targets", "target") and isinstance(item, ir.Name)
            ):
                yield from names_read(item)


def none_tests(test: ir.Expr, positive: bool) -> list[str]:
    """Names proven not None when ``test`` is true (``positive``) or false."""
    if isinstance(test, ir.Compare) and len(test.ops) == 1 and isinstance(test.left, ir.Name):
        right = test.rights[0]
        if isinstance(right, ir.Const) and right.value is None:
            op = test.ops[0]
            if (op in ("is not", "!=")) == positive:
                return [test.left.id]
    if isinstance(test, ir.BoolOp) and (test.op == "and") == positive:
        return [n for v in test.values for n in none_tests(v, positive)]
    if isinstance(test, ir.Unary) and test.op == "not":
        return none_tests(test.operand, not positive)
    return []


def _exits(body: list[ir.Stmt]) -> bool:
    """Whether a block always leaves (return, raise, break, continue)."""
    return bool(body) and isinstance(body[-1], ir.Return | ir.Raise | ir.Break | ir.Continue)


def _assigns_value(body: list[ir.Stmt], name: str) -> bool:
    """``if x is None: x = value`` — the block ends by binding ``name`` (any name when
    ``name`` is empty) to a value."""
    last = body[-1] if body else None
    return (
        isinstance(last, ir.Assign)
        and len(last.targets) == 1
        and isinstance(last.targets[0], ir.Name)
        and last.targets[0].id == (name or (last.targets[0].id))
        and not (isinstance(last.value, ir.Const) and last.value.value is None)
    )


def binop_type(op: str, a: PyType, b: PyType, u: T.Unifier) -> PyType | None:
    """Result type of ``a op b`` under Python's rules, or None if unsupported."""
    if op in ("+", "-") and a.name == b.name == "Counter":
        return a if u.unify(a, b) else None
    if T.is_num(a) and T.is_num(b):
        if op in ("<<", ">>", "&", "|", "^"):
            if a.name == b.name == "bool" and op in "&|^":
                return T.BOOL
            return T.INT if "float" not in (a.name, b.name) else None
        if op == "@":
            return None
        if op == "/" or "float" in (a.name, b.name):
            return T.FLOAT
        return T.INT
    if op == "+" and a.name == b.name == "str":
        return T.STR
    if op == "*" and {a.name, b.name} <= {"str", "int", "list"} and "int" in (a.name, b.name):
        other = a if b.name == "int" else b
        return other if other.name in ("str", "list") else None
    if op == "+" and a.name in ("list", "tuple...") and b.name == a.name:
        return a if u.unify(a, b) else None
    if op == "+" and a.name == b.name == "tuple":
        return PyType("tuple", a.args + b.args)
    if op in ("|", "&", "-", "^") and a.name == b.name == "set":
        return a if u.unify(a, b) else None
    return None


def const_int(e: ir.Expr) -> int | None:
    """The value of an integer literal (or its negation), else None."""
    if isinstance(e, ir.Const) and type(e.value) is int:
        return e.value
    if isinstance(e, ir.Unary) and e.op == "-" and isinstance(e.operand, ir.Const):
        v = e.operand.value
        return -v if type(v) is int else None
    return None


def target_names(t: ir.Expr) -> list[str]:
    """Names bound by an assignment target."""
    if isinstance(t, ir.Name):
        return [t.id]
    if isinstance(t, ir.Seq):
        return [n for x in t.elts for n in target_names(x)]
    if isinstance(t, ir.StarUnpack):
        return [n.id for n in (*t.before, t.star, *t.after)]
    return []


def assigned_names(stmts: list[ir.Stmt]) -> set[str]:
    """Every name bound anywhere in ``stmts`` (assignments and loop targets)."""
    out: set[str] = set()
    for s in walk_stmts(stmts):
        if isinstance(s, ir.Assign):
            for t in s.targets:
                out.update(target_names(t))
        elif isinstance(s, ir.For | ir.AugAssign):
            out.update(target_names(s.target))
    return out


def walk_stmts(stmts: list[ir.Stmt]):  # generator of ir.Stmt
    """Every statement, nested ones included, in source order."""
    for s in stmts:
        yield s
        for attr in ("body", "orelse", "finalbody"):
            yield from walk_stmts(getattr(s, attr, []))
        for h in getattr(s, "handlers", []):
            yield from walk_stmts(h.body)


def _show(e: ir.Expr) -> str:
    """Short source-like text of an expression for messages."""
    if isinstance(e, ir.Name):
        return e.id
    if isinstance(e, ir.Const):
        return repr(e.value)
    if isinstance(e, ir.Index):
        return f"{_show(e.obj)}[{_show(e.index)}]"
    if isinstance(e, ir.Attr):
        return f"{_show(e.obj)}.{e.name}"
    return type(e).__name__.lower()


def parse_constant(source: str) -> ast.expr:
    """The value expression of a module constant's assignment source."""
    node = ast.parse(source).body[0]
    if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
        return node.value
    raise ValueError("not an assignment")
