"""Type inference of expressions other than calls: one method per IR expression node
(``e_<Node>``), mixed into Infer, which dispatches to them from ``expr``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pipeline.pytypes import PyType, is_class
from pipeline.translate.rules.analysis.facts import ClassLookup, NodeFacts
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.front.classes import OPERATORS
from pipeline.translate.rules.front.lower_exprs import INTERPRETER_STATE, MODULE_STATE
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import (
    assigned_names,
    const_int,
    none_tests,
    show,
    target_names,
)
from pipeline.translate.rules.types import handles
from pipeline.translate.rules.types import unify as T
from pipeline.translate.rules.types.tables import (
    math_type,
)


class InferExpressions:
    """Inference's ``e_<Node>`` rules for expressions other than calls."""

    if TYPE_CHECKING:  # what it uses of its host, Infer (declared for mypy)
        assigned: set[str] | None
        classes: ClassLookup
        constant_src: dict[str, str]
        constants: dict[str, ir.Expr]
        env: dict[str, PyType]
        facts: NodeFacts
        fn: ir.Function
        lower_expr: Callable[[str], ir.Expr]
        narrowed: set[str]
        nodes: list[ir.Expr]
        u: T.Unifier

        def bind_target(self, target: ir.Expr, t: PyType, line: int | None) -> None: ...
        def constant_type(self, value: ir.Expr) -> PyType: ...
        def expect(self, e: ir.Expr, want: PyType, what: str) -> None: ...
        def expr(self, e: ir.Expr) -> PyType: ...
        def item_type(self, t: PyType, where: ir.Expr) -> PyType: ...
        def method_call(
            self, e: ir.Expr, cls: str, name: str, args: list[ir.Expr], kwargs: dict[str, ir.Expr]
        ) -> PyType: ...
        def show(self, t: PyType) -> str: ...

    def e_Const(self, e: ir.Const) -> PyType:
        v = e.value
        if v is None:
            return T.NONE
        return PyType(
            {bool: "bool", int: "int", float: "float", str: "str", bytes: "bytes"}[type(v)]
        )

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
                Code.UNKNOWN_NAME,
                f"{e.id} read before this function assigns it (a local "
                "throughout, not the module constant: Python raises "
                "UnboundLocalError)",
                e.line,
            )
        if e.id in self.constants:
            return self.constants[e.id].ty or T.NONE
        if e.id in self.constant_src:
            value = self.lower_expr(self.constant_src[e.id])
            t = self.constant_type(value)
            if T.is_var(t) or not self.u.complete(t):
                raise Refusal(Code.UNINFERRED, f"type of module constant {e.id} unknown", e.line)
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
            why = _attribute_why(e.id)
            raise Refusal(Code.IMPORT, f"module attribute {e.id} is not supported{why}", e.line)
        raise Refusal(Code.UNKNOWN_NAME, f"unknown name {e.id}", e.line)

    def expr_in_empty(self, e: ir.Expr) -> PyType:
        """Type a constant's value in an empty environment."""
        t = self.expr(e)
        for n in self.nodes:
            n.ty = self.u.resolve(n.ty) if n.ty is not None else None
        return self.u.resolve(t)

    def is_local(self, name: str) -> bool:
        """Whether ``name`` is assigned somewhere in the function."""
        if self.assigned is None:
            self.assigned = assigned_names(self.fn.body)
        return name in self.assigned

    def e_BinOp(self, e: ir.BinOp) -> PyType:
        a = self.u.resolve(self.expr(e.left))
        if is_class(a):
            if e.op not in OPERATORS:
                raise Refusal(Code.OPERATOR, f"operator {e.op} on {a}", e.line)
            return self.method_call(e, a.name, OPERATORS[e.op], [e.left, e.right], {})
        b = self.u.resolve(self.expr(e.right))
        t = binop_type(e.op, a, b, self.u)
        if t is None:
            raise Refusal(
                Code.OPERATOR, f"operator {e.op} on {self.show(a)} and {self.show(b)}", e.line
            )
        return t

    def e_Unary(self, e: ir.Unary) -> PyType:
        t = self.u.resolve(self.cond(e.operand) if e.op == "not" else self.expr(e.operand))
        if e.op == "not":
            return T.BOOL
        if e.op in "-+" and T.is_num(t):
            return T.INT if t.name == "bool" else t
        if e.op == "~" and t.name in ("int", "bool"):
            return T.INT
        raise Refusal(Code.OPERATOR, f"unary {e.op} on {self.show(t)}", e.line)

    def cond(self, e: ir.Expr) -> PyType:
        """Type a test: ``and``/``or`` inside may mix types (only truthiness is used)."""
        self.in_cond = True
        try:
            return self.expr(e)
        finally:
            self.in_cond = False

    def narrowed_expr(self, e: ir.Expr, names: list[str]) -> PyType:
        """Type ``e``, a branch in which ``names`` are known not to be None
        (``x if x is not None else 0``)."""
        saved = set(self.narrowed)
        self.narrowed.update(names)
        try:
            return self.expr(e)
        finally:
            self.narrowed = saved

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
                    Code.OPERATOR, f"`{e.op}` mixes {self.show(first)} and {self.show(t)}", e.line
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
            if handles.is_handle(a) and handles.is_handle(b):  # identity of two nodes
                if handles.node_class(a) != handles.node_class(b):
                    raise Refusal(Code.OPERATOR, f"`is` between {a} and {b}", e.line)
                return
            if b.name != "None" and a.name != "None":
                raise Refusal(Code.OPERATOR, "`is` other than `is None`", e.line)
            return
        if op in ("in", "not in"):
            if b.name == "bytes" and a.name in ("int", "bytes"):
                return  # a byte value, or a sub-sequence (``b"ab" in data``)
            item = T.elem(b) if b.name != "str" else T.STR
            if item is None or not self.u.unify(item, a):
                raise Refusal(Code.OPERATOR, f"`in` on {self.show(a)} and {self.show(b)}", e.line)
            if T.contains_class(self.u.resolve(a)):
                raise Refusal(Code.OPERATOR, f"`in` on {self.show(b)} (object equality)", e.line)
            return
        if T.is_num(a) and T.is_num(b):
            return
        if is_class(self.u.resolve(a)) or is_class(self.u.resolve(b)):
            return self.check_class_compare(op, self.u.resolve(a), self.u.resolve(b), e)
        if op in ("==", "!=") and self.mixed_mappings(a, b):
            return  # an OrderedDict and a dict: Python compares them as dicts
        if op in ("==", "!=") and T.optional_scalar_pair(self.u.resolve(a), self.u.resolve(b)):
            return  # ``n == candidate``: a value never equals None, else the values compare
        if not self.u.unify(a, b):
            raise Refusal(
                Code.OPERATOR, f"comparison {op} of {self.show(a)} and {self.show(b)}", e.line
            )
        a = self.u.resolve(a)
        if op not in ("==", "!=") and a.name in ("dict", "OrderedDict", "Optional", "None"):
            raise Refusal(Code.OPERATOR, f"ordering comparison {op} on {self.show(a)}", e.line)

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
            raise Refusal(
                Code.OPERATOR, f"comparison {op} of {self.show(a)} and {self.show(b)}", e.line
            )
        if "__eq__" in model.methods and op in ("==", "!="):
            return  # the class's own __eq__ (PartialEq::eq); != is its negation, as in Python
        if op not in ("==", "!=") and not (model.order and model.orderable()):
            raise Refusal(
                Code.OPERATOR,
                f"ordering comparison {op} on {a} (not order=True, or fields without an order)",
                e.line,
            )
        if any(T.has_float(t) for t in model.fields.values()):
            raise Refusal(
                Code.OPERATOR,
                f"comparison {op} of {a} objects with float fields (NaN identity)",
                e.line,
            )

    def e_IfExp(self, e: ir.IfExp) -> PyType:
        self.cond(e.test)
        a = self.u.resolve(self.narrowed_expr(e.body, none_tests(e.test, positive=True)))
        b = self.u.resolve(self.narrowed_expr(e.orelse, none_tests(e.test, positive=False)))
        if a.name == "None" and b.name not in ("None", "Optional") and not T.is_var(b):
            return T.optional(b)
        if b.name == "None" and a.name not in ("None", "Optional") and not T.is_var(a):
            return T.optional(a)
        optional = self.optional_branches(a, b)
        if optional is not None:
            return optional
        if not self.u.unify(a, b):
            raise Refusal(
                Code.TYPE_MISMATCH,
                f"conditional expression mixes {self.show(a)} and "
                f"{self.show(b)} (its type would depend on the branch taken)",
                e.line,
            )
        return self.u.resolve(a)

    def optional_branches(self, a: PyType, b: PyType) -> PyType | None:
        """``x.next if x else None`` (Optional[Node] and None) and ``a if a is not None
        else b`` (Node and Optional[Node]): the Optional, the other branch wrapped in ``Some``
        where it is a value (``owned`` wraps it); None when neither branch is such an
        Optional."""
        for opt, other in ((a, b), (b, a)):
            if opt.name != "Optional" or T.is_var(other):
                continue
            if other.name == "None":
                return opt
            if other.name != "Optional" and self.u.unify(opt.args[0], other):
                return self.u.resolve(opt)
        return None

    def e_Attr(self, e: ir.Attr) -> PyType:
        obj = self.u.resolve(self.expr(e.obj))
        if obj.name == "Optional" and handles.is_handle(obj):
            obj = obj.args[0]  # None has no attributes: Python raises, Rust panics
        model = self.classes(obj.name) if is_class(obj) else None
        if model is None:
            raise Refusal(Code.EXPRESSION, f"attribute access .{e.name} is not supported", e.line)
        getter = model.getter(e.name)
        if getter is not None:
            return self.method_call(e, obj.name, getter, [e.obj], {})
        if e.name not in model.fields:
            what = (
                "a method (bound methods are not supported)"
                if e.name in model.methods
                else ("not an attribute set in __init__ (class attributes are not supported)")
            )
            raise Refusal(Code.CLASS_FORM, f"{obj.name}.{e.name} is {what}", e.line)
        t = self.u.resolve(model.fields[e.name])
        path = f"{e.obj.id}.{e.name}" if isinstance(e.obj, ir.Name) else ""
        e.narrowed = (  # a node's child (its getter's read takes the ``expect``)
            path in self.narrowed
            and t.name == "Optional"
            and handles.is_handle(t)
            and handles.is_handle(obj)
        )
        return t.args[0] if e.narrowed else model.fields[e.name]

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
            raise Refusal(
                Code.CLASS_FORM, f"assignment to {what} {target.name} of {obj.name}", s.line
            )
        setter = ir.Method(target.obj, key, [s.value], line=s.line)
        self.method_call(setter, obj.name, key, [target.obj, s.value], {})
        setter.ty = T.NONE
        self.facts.setters[id(s)] = setter
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
        if T.is_var(idx) and obj.name in ("list", "tuple...", "str", "deque", "bytes"):
            self.u.unify(idx, T.INT)
            idx = T.INT
        if obj.name == "deque":
            if idx.name not in ("int", "bool"):
                raise Refusal(Code.OPERATOR, f"index of a deque by {self.show(idx)}", e.line)
            return obj.args[0]
        obj = T.as_dict(obj)
        if obj.name == "dict":
            if not self.u.unify(obj.args[0], idx):
                raise Refusal(
                    Code.TYPE_MISMATCH, f"dict key {self.show(idx)} for {self.show(obj)}", e.line
                )
            return obj.args[1]
        if idx.name not in ("int", "bool"):
            raise Refusal(Code.OPERATOR, f"index of {self.show(obj)} by {self.show(idx)}", e.line)
        if obj.name in ("list", "tuple..."):
            return obj.args[0]
        if obj.name == "str":
            return T.STR
        if obj.name == "bytes":
            return T.INT
        if obj.name == "tuple":
            k = const_int(e.index)
            if k is not None and -len(obj.args) <= k < len(obj.args):
                return obj.args[k]
            raise Refusal(
                Code.OPERATOR,
                "tuple index must be an in-range constant (with a computed "
                "index the item's type would depend on its value)",
                e.line,
            )
        raise Refusal(Code.OPERATOR, f"indexing {self.show(obj)}", e.line)

    def e_Slice(self, e: ir.Slice) -> PyType:
        obj = self.u.resolve(self.expr(e.obj))
        for part in (e.lower, e.upper, e.step):
            if part is not None and self.u.resolve(self.expr(part)).name not in ("int", "None"):
                raise Refusal(Code.OPERATOR, "slice bounds must be int", e.line)
        if obj.name in ("list", "str", "tuple...", "bytes"):
            return obj
        raise Refusal(Code.OPERATOR, f"slicing {self.show(obj)}", e.line)

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
                    Code.TYPE_MISMATCH,
                    f"display mixes {self.show(item)} and {self.show(t)}",
                    e.line,
                )
        return self.u.resolve(item)

    def hashable(self, t: PyType, e: ir.Expr) -> PyType:
        """Refuse set elements / dict keys Rust cannot hash (floats)."""
        key = self.u.resolve(t.args[0])
        if T.has_float(key) or T.contains_mutable(key):
            raise Refusal(
                Code.TYPE_OPERATION, f"{self.show(key)} as a set element or dict key", e.line
            )
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
        if e.spread:
            self.percent_spread(e)
        for p in e.parts:
            if isinstance(p, ir.FmtField):
                t = self.u.resolve(self.expr(p.value))
                shown = T.collection_in(t) or ("bytes" if T.has_bytes(t) else "")
                if shown:
                    raise Refusal(
                        Code.FORMAT,
                        f"{shown} value in a formatted string (Python prints "
                        "its class name or b'...', which the runtime does not)",
                        e.line,
                    )
                if e.percent and t.name in ("tuple", "tuple..."):
                    raise Refusal(
                        Code.FORMAT,
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

    def percent_spread(self, e: ir.FStr) -> None:
        """``template % name`` with ``e.spread`` conversions: Python spreads the tuple the name
        holds over them, and raises TypeError for any other value or another length."""
        first = next(p.value for p in e.parts if isinstance(p, ir.FmtField))
        assert isinstance(first, ir.Index)
        t = self.u.resolve(self.expr(first.obj))
        if t.name != "tuple" or len(t.args) != e.spread:
            raise Refusal(
                Code.FORMAT,
                f"%-format with {e.spread} conversions of one value, {t} (Python spreads a "
                f"tuple of exactly {e.spread} items over them, and raises otherwise)",
                e.line,
            )

    def e_Lambda(self, e: ir.Lambda) -> PyType:
        want = self.facts.wanted.get(id(e))
        if want is None:
            raise Refusal(
                Code.EXPRESSION, "lambda outside a key= argument or a Callable value", e.line
            )
        if len(e.params) != len(want.args) - 1:
            raise Refusal(
                Code.TYPE_MISMATCH,
                f"lambda takes {len(e.params)} arguments, {want} expected",
                e.line,
            )
        for name in e.bound:
            if name not in self.env:
                raise Refusal(
                    Code.UNKNOWN_NAME, f"lambda default {name}={name} of unknown name", e.line
                )
        self.facts.bound[id(e)] = {n: self.u.resolve(self.env[n]) for n in e.bound}
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
                raise Refusal(Code.TYPE_MISMATCH, "lambda arity does not match", lam.line)
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
        raise Refusal(Code.EXPRESSION, f"key function `{show(lam)}`", lam.line)

    def _bound_key_call(self, lam: ir.Expr, args: list[PyType], call: ir.Expr) -> PyType:
        """Type ``call`` with ``__arg__`` bound to the key's argument; record it on ``lam``."""
        self.env["__arg__"] = args[0]
        try:
            out = self.expr(call)
        finally:
            self.env.pop("__arg__", None)
        lam.ty = PyType("lambda", (*args, out))
        self.facts.calls[id(lam)] = call
        return out


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
    if op == "+" and a.name == b.name and a.name in ("str", "bytes"):
        return a
    seqs = {"str", "bytes", "list"}
    if op == "*" and {a.name, b.name} <= seqs | {"int"} and "int" in (a.name, b.name):
        other = a if b.name == "int" else b
        return other if other.name in seqs else None
    if op == "+" and a.name in ("list", "tuple...") and b.name == a.name:
        return a if u.unify(a, b) else None
    if op == "+" and a.name == b.name == "tuple":
        return PyType("tuple", a.args + b.args)
    if op in ("|", "&", "-", "^") and a.name == b.name == "set":
        return a if u.unify(a, b) else None
    return None


def _attribute_why(name: str) -> str:
    """Why a module attribute is no constant, where it is known."""
    if name in MODULE_STATE:
        return " (the running process's state, not a constant)"
    if name in INTERPRETER_STATE:
        return " (the running interpreter's version, build or installation, not a constant)"
    return ""
