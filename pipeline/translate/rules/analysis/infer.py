"""Pass 2: type inference over the IR.

Parameters take their annotated types (or the type of their default); locals take the type of
their first binding, and every later binding must agree (a variable that changes type is
refused). Empty containers get type variables that later uses (``append``, ``d[k] = v``)
resolve. Every expression's ``ty`` is set; nothing unresolved survives.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from pipeline.pytypes import PyType
from pipeline.translate.rules.analysis import closures, intfloats
from pipeline.translate.rules.analysis.closures import captured_names
from pipeline.translate.rules.analysis.facts import (
    NO_EVIDENCE,
    ClassLookup,
    NodeFacts,
    SigLookup,
    Signature,
    Typed,
)
from pipeline.translate.rules.analysis.infer_calls import InferCalls, _int_kept
from pipeline.translate.rules.analysis.infer_exprs import InferExpressions
from pipeline.translate.rules.analysis.infer_stmts import (
    InferStatements,
    IntFloatReturn,
    OptionalReturn,
    Promote,
    WidenNode,
)
from pipeline.translate.rules.analysis.iterators import consumed_once
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import (
    _exprs_of,
    always_leaves,
    assigned_names,
    function_exprs,
    show,
    sub_exprs,
    target_names,
    walk_stmts,
)
from pipeline.translate.rules.types import handles, intmode
from pipeline.translate.rules.types import unify as T


class Infer(InferExpressions, InferCalls, InferStatements):
    """Walks a function, typing every node."""

    def __init__(
        self,
        fn: ir.Function,
        sigs: SigLookup,
        constants: dict[str, str],
        lower_expr: Callable[[str], ir.Expr],
        classes: ClassLookup | None = None,
        facts: NodeFacts | None = None,
    ) -> None:
        self.fn = fn
        self.facts = facts if facts is not None else NodeFacts()  # shared with nested defs
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
        self.floats: set[str] = set()  # int variables promoted to float (see ``run``)
        self.int_floats: set[str] = set()  # float locals given ints (analysis/intfloats.py)
        self.optionals: dict[str, PyType] = {}  # node locals later given None (``run``)
        self.assigned: set[str] | None = None  # every name the body binds, once asked

    # ------------------------------------------------------------ entry
    def run(self) -> Typed:
        """Type the whole function (restarting when an int local turns out to be a float)."""
        self.floats = set()
        self.optionals = {}
        params = len(self.fn.params)
        for _ in range(8):
            try:
                self.walk()
                break
            except Promote as p:
                self.floats.add(p.name)
                self.reset(params)
            except WidenNode as w:
                self.optionals[w.name] = w.type
                self.reset(params)
            except OptionalReturn as o:
                self.fn.returns, self.fn.has_return_ann = o.type, True
                self.reset(params)
            except IntFloatReturn:
                self.fn.returns, self.fn.has_return_ann = T.FLOAT, True
                self.fn.int_float_return = True
                self.reset(params)
        else:
            raise Refusal(
                Code.TYPE_CHANGE, "too many int variables that become floats", self.fn.line
            )
        self.check_promoted_display()
        self.check_promoted_unpacked()
        float_return = self.ret is not None and self.u.resolve(self.ret).name == "float"
        intfloats.check_uses(self.fn, self.int_floats, self.facts, float_return)
        typed = self.finish()
        if typed.returns.name == "float" and self.returns_int_or_float():
            self.fn.int_float_return = True  # its callers refuse printing it, as for median
        return typed

    def returns_int_or_float(self) -> bool:
        """Whether a returned value may be Python's int where the Rust has a float: a call
        of an int-or-float function, a ``get`` whose int default was made a float, a
        variable bound to such a value, promoted from an int or a float sentinel given ints
        (``return median(xs)``, ``t = 0; t += x / 2; return t``)."""
        returned = [
            st.value
            for st in walk_stmts(self.fn.body)
            if isinstance(st, ir.Return) and st.value is not None
        ]
        if self.fn.int_float_return or not returned:
            return False
        names = self.int_float_names() | self.floats | self.int_floats
        return any(
            (isinstance(x, ir.Call) and self.int_float_call(x))
            or (isinstance(x, ir.Method) and id(x) in self.facts.int_defaults)
            or (isinstance(x, ir.Name) and x.id in names)
            for v in returned
            for x in sub_exprs(v)
        )

    def reset(self, params: int) -> None:
        """Forget every type found so far (a restart after a promotion)."""
        for e in self.nodes:
            e.ty = None
        self.nodes = []
        self.u = T.Unifier()
        self.env, self.params, self.constants = {}, {}, {}
        self.returns_seen, self.narrowed = [], set()
        self.int_floats = set()
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
        names: set[str] | None = None  # int_float_names, once something is printed
        for e in function_exprs(self.fn):
            shown: list[ir.Expr] = []
            what = "is printed"
            if isinstance(e, ir.FStr):
                shown = [p.value for p in e.parts if isinstance(p, ir.FmtField)]
            elif isinstance(e, ir.Call) and e.func in ("str", "repr", "print", "format"):
                shown = list(e.args)
            elif isinstance(e, ir.Call) and "." not in e.func and self.sig_of(e.func):
                # the callee may print it or test its type: not followed there
                shown, what = [*e.args, *e.kwargs.values()], f"is passed to {e.func}()"
            for v in shown:
                if isinstance(v, ir.Name) and v.id in self.floats and what == "is printed":
                    raise Refusal(
                        Code.TYPE_CHANGE,
                        f"variable {v.id} starts as an int and becomes a float, and is printed",
                        e.line,
                    )
                if names is None:
                    names = self.int_float_names()
                self.check_int_float_shown(v, names, e.line, what)

    def check_int_float_shown(
        self, shown: ir.Expr, names: set[str], line: int | None, what: str = "is printed"
    ) -> None:
        """A call of a function returning int or float, typed float (``median(xs)``: ``3``
        in Python, ``3.0`` in the Rust), printed here, directly or through a variable bound
        to it: refused naming it (its value alone compares equal, its text does not)."""
        for x in sub_exprs(shown):
            if isinstance(x, ir.Call) and self.int_float_call(x):
                culprit = f"{x.func} returns an int or a float"
            elif isinstance(x, ir.Method) and id(x) in self.facts.int_defaults:
                culprit = ".get() of a dict of floats with an int default"
            elif isinstance(x, ir.Name) and x.id in names:
                culprit = f"{x.id} may hold an int where the Rust has a float"
            else:
                continue
            raise Refusal(Code.TYPE_CHANGE, f"{culprit} (a float in Rust), and {what}", line)

    def int_float_call(self, e: ir.Call) -> bool:
        sig = self.sig_of(e.func) if "." not in e.func else None
        return sig is not None and sig.int_float

    def int_float_names(self) -> set[str]:
        """Variables that may hold such a value (Python's int where the Rust has a float),
        to a fixed point: assigned, grown (``+=``, ``.append``/``.extend``/``.insert``/
        ``.add``, an item store ``d[k] = v``) or looped over from an expression reading an
        int-or-float call, a ``get`` whose int default was made a float, or such a variable."""
        out: set[str] = set()

        def tainted(e: ir.Expr) -> bool:
            return any(
                (isinstance(x, ir.Call) and self.int_float_call(x))
                or (isinstance(x, ir.Method) and id(x) in self.facts.int_defaults)
                or (isinstance(x, ir.Name) and x.id in out)
                for x in sub_exprs(e)
            )

        flows: list[tuple[list[str], ir.Expr]] = []
        for st in walk_stmts(self.fn.body):
            if isinstance(st, ir.Assign):
                flows += [(_bound(t), st.value) for t in st.targets]
            elif isinstance(st, ir.AugAssign):
                flows.append((_bound(st.target), st.value))
            elif isinstance(st, ir.For):
                flows.append((_bound(st.target), st.iter))
            elif isinstance(st, ir.ExprStmt) and _grows(st.value):
                assert isinstance(st.value, ir.Method)
                flows.append((_bound(st.value.obj), st.value.args[-1]))
        changed = True
        while changed:
            changed = False
            for names, value in flows:
                if any(n not in out for n in names) and tainted(value):
                    out.update(names)
                    changed = True
        return out

    def check_promoted_unpacked(self) -> None:
        """A promoted variable bound by unpacking (``a, b = 0, n``) keeps its int there in
        the Rust (the promotion converts plain assignments only): refuse it, naming it."""
        for st in walk_stmts(self.fn.body):
            if not isinstance(st, ir.Assign):
                continue
            for t in st.targets:
                names = [x.id for x in getattr(t, "elts", []) if isinstance(x, ir.Name)]
                for name in names:
                    if name in self.floats:
                        raise Refusal(
                            Code.TYPE_CHANGE,
                            f"variable {name} starts as an int and becomes a float, and is "
                            "bound by unpacking",
                            st.line,
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
                raise Refusal(Code.UNINFERRED, f"type of `{show(e)}` could not be inferred", e.line)
            e.ty = self.u.resolve(e.ty) if e.ty is not None else None
        for name, t in self.env.items():
            if not self.u.complete(t):
                raise Refusal(
                    Code.UNINFERRED, f"type of variable {name} could not be inferred", self.fn.line
                )
            self.env[name] = self.u.resolve(t)
        local = {k: v for k, v in self.env.items() if k not in self.params and k not in self.outer}
        params = {k: self.u.resolve(v) for k, v in self.params.items()}
        for p in self.fn.params:
            p.ty = params[p.name]
        nested = [d.finish() for d in self.local_defs]
        captured = {k: self.u.resolve(self.env[k]) for k in self.outer}
        return Typed(
            self.fn,
            local,
            params,
            returns,
            self.constants,
            nested,
            captured,
            exprs=self.nodes,
            facts=self.facts,
        )

    def constant_type(self, value: ir.Expr) -> PyType:
        """The type of a module constant's value, inferred on its own (no local in scope)."""
        inf = Infer(self.fn, self.sigs, {}, self.lower_expr, self.classes, self.facts)
        return inf.expr_in_empty(value)

    def sig_of(self, name: str) -> Signature | None:
        """A nested def of this function, else a sibling."""
        return self.local_sigs.get(name) or self.sigs(name)

    def s_LocalDef(self, s: ir.LocalDef) -> None:
        """Lift a nested def: the outer variables it reads become trailing parameters (a def
        used as a value becomes a closure instead, see ``closures``)."""
        fn = s.fn
        fn.returns = fn.declared_returns  # not a previous run's
        if closures.used_as_value(self.fn, fn.name):
            self.closure_def(s)
            return
        if fn.nonlocals:
            raise Refusal(
                Code.STATEMENT,
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
                    Code.UNKNOWN_NAME,
                    f"nested def {fn.name} reads {name} before it is assigned",
                    s.line,
                )
            fn.params.append(ir.Param(name, self.u.resolve(self.env[name]), None, line=s.line))
        fn.captured = sorted(captured)
        nested = Infer(
            fn, self.sig_of, self.constant_src, self.lower_expr, self.classes, self.facts
        )
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
            raise Refusal(Code.CLOSURE_STATE, f"generator {fn.name} used as a value", s.line)
        for e in _exprs_of(fn):
            if isinstance(e, ir.Call) and (e.func == fn.name or e.func in self.local_sigs):
                raise Refusal(
                    Code.CLOSURE_STATE,
                    f"nested def {fn.name}, used as a value, calls "
                    f"{e.func} (a closure cannot call itself or other nested defs)",
                    e.line,
                )
        captured = closures.def_captures(fn) & (set(self.params) | assigned_names(self.fn.body))
        nested = Infer(
            fn, self.sig_of, self.constant_src, self.lower_expr, self.classes, self.facts
        )
        nested.u, nested.floats, nested.constants = self.u, self.floats, self.constants
        for name in sorted(captured):
            if name not in self.env:
                raise Refusal(
                    Code.UNKNOWN_NAME,
                    f"nested def {fn.name} reads {name} before it is assigned",
                    s.line,
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
                    Code.UNTYPED_PARAMETER,
                    f"untyped parameter {p.name} of nested def {fn.name}",
                    p.line,
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
                    Code.UNTYPED_PARAMETER,
                    f"untyped parameter {p.name} of recursive nested def",
                    p.line,
                )
            params.append((p.name, p.ann if p.ann is not None else (p.ty or T.NONE), "ref"))
        if provisional and not fn.has_return_ann:
            raise Refusal(
                Code.UNINFERRED,
                f"recursive nested def {fn.name} needs a return annotation",
                fn.line,
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
            and consumed_once(self.fn, p.name)
        ):
            return T.iterator_of(p.ann.args[0])
        if p.ann is not None:
            if p.default is not None:
                self.expect(p.default, p.ann, "default of " + p.name)
            return p.ann
        if p.default is not None and not (
            isinstance(p.default, ir.Const) and p.default.value is None
        ):
            return self.expr(p.default)
        raise Refusal(Code.UNTYPED_PARAMETER, f"untyped parameter {p.name} ({NO_EVIDENCE})", p.line)

    def return_type(self) -> PyType:
        """Annotated return type, else the common type of the return statements."""
        if (self.fn.has_return_ann or self.fn.generator) and self.ret is not None:
            return self.u.resolve(self.ret)
        seen = [self.u.resolve(t) for t in self.returns_seen] or [T.NONE]
        if not always_leaves(self.fn.body):
            seen.append(T.NONE)  # falling off the end returns None
        values = [t for t in seen if t != T.NONE]
        if (
            values
            and len(values) < len(seen)
            and values[0].name != "Optional"
            and all(self.u.unify(values[0], t) for t in values[1:])
            and self.u.complete(values[0])
        ):
            raise OptionalReturn(PyType("Optional", (self.u.resolve(values[0]),)))
        optional = next((t for t in values if t.name == "Optional"), None)
        if (  # ``return xs[i]`` / ``return default`` (an Optional[int]): an Optional[int]
            optional is not None
            and any(t.name != "Optional" for t in values)
            and all(
                self.u.unify(optional.args[0], t.args[0] if t.name == "Optional" else t)
                for t in values
            )
            and self.u.complete(optional.args[0])
        ):
            raise OptionalReturn(PyType("Optional", (self.u.resolve(optional.args[0]),)))
        if (
            {t.name for t in seen} == {"int", "float"}
            and not self.fn.has_return_ann
            and not intmode.big()
        ):
            raise IntFloatReturn()
        joined = self.optional_tuple(seen)
        if joined is not None:
            raise OptionalReturn(joined)
        first = seen[0]
        for t in seen[1:]:
            if not self.u.unify(first, t):
                raise Refusal(
                    Code.TYPE_CHANGE, f"function returns both {first} and {t}", self.fn.line
                )
        return self.u.resolve(first)

    def optional_tuple(self, seen: list[PyType]) -> PyType | None:
        """Tuples of one length returned with ``None`` at some places and values of one type
        at the same places elsewhere (``return path, query`` / ``return url, None``): the
        tuple with ``Optional`` there, as if annotated (None when it is no such case)."""
        if len(seen) < 2 or any(t.name != "tuple" for t in seen):
            return None
        returns = [r for r in walk_stmts(self.fn.body) if isinstance(r, ir.Return)]
        displays = [
            r.value
            for r in returns
            if isinstance(r.value, ir.Seq)
            and r.value.kind == "tuple"
            and not any(isinstance(x, ir.StarUnpack) for x in r.value.elts)
        ]
        if len(displays) != len(returns) or len(returns) != len(seen):
            return None  # each return a tuple display: its items are checked one by one
        if len({len(t.args) for t in seen}) != 1:
            return None
        out, widened = [], False
        for column in zip(*(t.args for t in seen), strict=True):
            values = [t for t in column if t != T.NONE]
            if not values:
                out.append(T.NONE)
                continue
            if any(v.name in ("Optional", "tuple") for v in values):
                return None  # nested: left to the plain rule
            if not all(self.u.unify(values[0], v) for v in values[1:]):
                return None
            if not self.u.complete(values[0]):
                return None
            value = self.u.resolve(values[0])
            widened |= len(values) < len(column)
            out.append(PyType("Optional", (value,)) if len(values) < len(column) else value)
        return PyType("tuple", tuple(out)) if widened else None

    # ------------------------------------------------------------ helpers
    def expect(self, e: ir.Expr, want: PyType, what: str) -> None:
        """Type ``e`` and check it fits ``want`` (T fits Optional[T]; None fits Optional)."""
        closures.mark_wanted(self.facts, e, self.u.resolve(want))
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
                    Code.TYPE_MISMATCH,
                    f"{what} expects {self.show(want)}, got {self.show(e.ty)}",
                    e.line,
                )
            return
        got = self.expr(e)
        if not self.fits(want, got):
            raise Refusal(
                Code.TYPE_MISMATCH,
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
        if name in self.floats and self.u.resolve(t).name in ("int", "float"):
            self.env.setdefault(name, T.FLOAT)
            return
        if name not in self.env and name in self.optionals:
            self.env[name] = self.optionals[name]
        if name in self.env:
            old = self.env[name]
            if self.promotable(name, old, t):
                raise Promote(name)
            widened = self.widened(old, t)
            if widened is not None:
                raise WidenNode(name, widened)
            if not self.fits(old, t):
                raise Refusal(
                    Code.TYPE_CHANGE,
                    f"variable {name} changes type from {self.show(old)} to {self.show(t)}",
                    line,
                )
        else:
            self.env[name] = t

    def widened(self, old: PyType, new: PyType) -> PyType | None:
        """``cur = self`` then ``cur = cur.next``: a node local that is later given an
        ``Optional`` node (or None) is an ``Optional`` from its first binding."""
        old, new = self.u.resolve(old), self.u.resolve(new)
        if not (handles.is_handle(old) and old.name != "Optional"):
            return None
        if new.name == "None" or new == T.optional(old):
            return T.optional(old)
        return None

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
                raise Refusal(
                    Code.TYPE_MISMATCH, f"cannot unpack {self.show(t)} with a starred name", line
                )
            for n in (*target.before, *target.after):
                self.bind_target(n, t.args[0], line)
            self.bind_target(target.star, T.list_of(t.args[0]), line)
            target.ty = t
        elif isinstance(target, ir.Slice):
            have = self.expr(target)
            item = T.elem(t)
            if have.name != "list" or item is None or not self.u.unify(have.args[0], item):
                raise Refusal(
                    Code.TYPE_MISMATCH,
                    f"cannot store {self.show(t)} into a slice of {self.show(have)}",
                    line,
                )
        else:
            have = self.expr(target)
            self.check_frozen(target, line)
            if not self.fits(have, t):
                raise Refusal(
                    Code.TYPE_MISMATCH,
                    f"cannot store {self.show(t)} into `{show(target)}` of type {self.show(have)}",
                    line,
                )

    def check_frozen(self, target: ir.Expr, line: int | None) -> None:
        """Setting an attribute of a frozen dataclass raises in Python: refused."""
        if isinstance(target, ir.Attr):
            model = self.classes((target.obj.ty or T.NONE).name)
            if model is not None and model.frozen:
                raise Refusal(
                    Code.CLASS_FORM,
                    f"assignment to attribute {target.name} of frozen {model.name}",
                    line,
                )

    def unpack(self, t: PyType, n: int, line: int | None) -> list[PyType]:
        """Types of the parts when unpacking ``t`` into ``n`` targets."""
        if t.name == "tuple" and len(t.args) == n:
            return list(t.args)
        if t.name in ("list", "tuple..."):
            return [t.args[0]] * n
        raise Refusal(Code.TYPE_MISMATCH, f"cannot unpack {self.show(t)} into {n} names", line)

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


def parse_constant(source: str) -> ast.expr:
    """The value expression of a module constant's assignment source."""
    node = ast.parse(source).body[0]
    if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
        return node.value
    raise ValueError("not an assignment")


def _bound(t: ir.Expr) -> list[str]:
    """The variables an assignment target changes: its names, or the container an item or
    attribute store writes into (``d[k] = v``: ``d``)."""
    while isinstance(t, ir.Index | ir.Attr):
        t = t.obj
    return target_names(t)


def _grows(e: ir.Expr) -> bool:
    """``xs.append(v)`` and the like: a call that stores its last argument in ``xs``."""
    return (
        isinstance(e, ir.Method)
        and e.name in ("append", "extend", "insert", "add")
        and bool(e.args)
    )
