"""Classes, pass 1: a ``class`` definition -> a ClassModel (fields, constructor, methods).

A dataclass's fields are its annotated class attributes; a plain class's fields are the
``self.x = ...`` assignments at the top level of ``__init__``. The constructor becomes an
ordinary IR function ``new`` that returns a ``StructLit``, and each method an IR function whose
first parameter ``self`` has the class type, so the function passes (infer, ownership, scopes,
emit) handle them unchanged. What a Rust struct cannot mean the same way is refused here, with
the construct and its line: inheritance, class attributes (state shared by all instances),
properties, other decorators, recursive field types, an ``__init__`` that reads ``self`` or sets
attributes conditionally, special methods without a faithful Rust counterpart.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from pipeline import pytypes
from pipeline.pytypes import PyType
from pipeline.rustnames import ident
from pipeline.translate.rules.diagnostics import Code, Refusal, Where
from pipeline.translate.rules.front import hierarchy, initfields, nodes
from pipeline.translate.rules.front.classnames import check_name as _check_name
from pipeline.translate.rules.front.contexts import enter_inlined, managers
from pipeline.translate.rules.front.lower import Lowerer
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import assigned_names, stmt_exprs, sub_exprs, walk_stmts
from pipeline.translate.rules.types.unify import collection_in

DATACLASS = ("dataclass", "dataclasses.dataclass")
DATACLASS_OPTIONS = ("frozen", "order", "eq")
# special methods kept as ordinary methods (Rust name) and the operators that call them
OPERATORS = {"+": "__add__", "-": "__sub__", "*": "__mul__", "@": "__matmul__"}
SPECIAL = {
    "__add__": "add",
    "__sub__": "sub",
    "__mul__": "mul",
    "__matmul__": "matmul",
    "__len__": "len",
    "__contains__": "contains",
    "__hash__": "py_hash",
}
DISPLAY = {"__str__": "py_str", "__repr__": "py_repr"}  # impl crate::pyrt::PyStr
# the context manager protocol, called by the ``with`` rewrite (front/contexts.py)
PROTOCOL = {"__enter__": "py_enter", "__exit__": "py_exit"}
COMPARE = {"__eq__": "eq", "__lt__": "lt"}  # impl PartialEq / PartialOrd
Hinting = Callable[[ir.Function, str], None]  # (``__init__`` lowered, class name)
BASE_VARIANT = pytypes.BASE_VARIANT  # the enum variant of a base class's own instances
FACTORIES = {"list": "list", "dict": "dict", "set": "set"}


@dataclass
class ClassModel:
    """A class ready for the function passes."""

    name: str
    line: int | None
    fields: dict[str, PyType]  # declaration order
    new: ir.Function  # the constructor, returning a StructLit
    methods: dict[str, ir.Function] = field(default_factory=dict)  # Python name -> IR
    kinds: dict[str, str] = field(default_factory=dict)  # "instance" | "static" | "class"
    is_dataclass: bool = False
    frozen: bool = False
    order: bool = False
    base: str | None = None  # the class it inherits from (a base of this module)
    subclasses: list[str] = field(default_factory=list)  # its subclasses in this module
    handle: bool = False  # a node class: a shared handle (types/handles.py)
    # fields whose type ``__init__`` alone does not say (``self.items = []``), typed from the
    # methods' uses by the session's field hook (analysis/fieldtypes.py) before any check
    pending: dict[str, PendingField] = field(default_factory=dict)
    init: ir.Function | None = None  # ``__init__`` as lowered (its stores still in place)

    def rust_method(self, name: str) -> str:
        """The Rust name of method ``name`` (a property: ``x`` and ``set_x``; a Rust keyword
        raw: ``r#where``)."""
        if name.endswith(".fget"):
            return ident(name.removesuffix(".fget"))
        if name.endswith(".fset"):
            return "set_" + name.removesuffix(".fset")
        tables = (SPECIAL, DISPLAY, COMPARE, PROTOCOL)
        return next((t[name] for t in tables if name in t), ident(name))

    def getter(self, attr: str) -> str | None:
        """The member key of property ``attr``'s getter, if it has one."""
        return f"{attr}.fget" if f"{attr}.fget" in self.methods else None

    def auto_repr(self) -> bool:
        """Whether the dataclass repr ``Cls(a=1, b='x')`` is reproduced: no fields of class
        type or of a collections type (whose repr names its class: ``OrderedDict(…)``). (A
        float field prints by Python's float repr: translated code never puts an int there,
        since an int argument for a float parameter is refused.)"""
        return (
            self.is_dataclass
            and "__repr__" not in self.methods
            and not any(_mentions_class(t) or collection_in(t) for t in self.fields.values())
        )

    def has_repr(self) -> bool:
        """Whether ``repr()`` of an object has a translation."""
        return "__repr__" in self.methods or self.auto_repr()

    def has_pystr(self) -> bool:
        """Whether the class gets a ``crate::pyrt::PyStr`` impl."""
        return self.has_repr() or "__str__" in self.methods

    def orderable(self) -> bool:
        """Whether every field type has a Rust ``PartialOrd`` (for ``order=True``)."""
        return all(_orderable(t) for t in self.fields.values())

    def derived_eq(self) -> bool:
        """Whether ``==`` is the derived field-by-field ``PartialEq``: a dataclass without
        ``__eq__`` whose fields hold no objects (their classes may have no ``==`` in Rust)."""
        return (
            self.is_dataclass
            and "__eq__" not in self.methods
            and not any(_mentions_class(t) for t in self.fields.values())
        )

    def comparable(self) -> bool:
        """Whether ``==`` between two objects has a translation."""
        return "__eq__" in self.methods or self.derived_eq()


@dataclass
class PendingField:
    """A field ``__init__`` stores without a type it can tell: its value, the statement of
    ``new`` that binds that value (its annotation set once the type is known) or the
    parameter stored as it is, and the line."""

    value: ir.Expr
    line: int | None
    store: ir.Assign | None = None
    param: ir.Param | None = None


FieldHook = Callable[["ClassModel"], None]  # types ``pending`` fields (and method parameters)


def _mentions_class(t: PyType) -> bool:
    return pytypes.is_class(t) or any(_mentions_class(a) for a in t.args)


def _orderable(t: PyType) -> bool:
    if t.name in ("int", "float", "bool", "str", "None"):
        return True
    return t.name in ("list", "tuple...", "tuple", "Optional") and all(
        _orderable(a) for a in t.args
    )


def parse_class(source: str, where: Where) -> ast.ClassDef:
    """The single top-level ``class`` of a unit's source (the shared, read-only node of
    ``hierarchy.class_def``; parsed again only to say precisely why there is none)."""
    node = hierarchy.class_def(source)
    if node is not None:
        return node
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        raise Refusal(Code.SYNTAX, f"syntax error: {exc.msg}", where.line(exc.lineno)) from None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.ClassDef):
        raise Refusal(Code.UNIT_KIND, "unit is not a single class", where.line(1))
    return tree.body[0]


def is_class_source(source: str) -> bool:
    """Whether a sibling's source defines a class."""
    return hierarchy.class_def(source) is not None


class ClassLowerer:
    """Reads one ``ast.ClassDef`` into a ClassModel (see the module docstring)."""

    def __init__(
        self,
        node: ast.ClassDef,
        where: Where,
        imports: dict[str, str],
        classes: frozenset[str],
        sources: dict[str, str] | None = None,
        type_aliases: Mapping[str, ast.expr] | None = None,
        hinted: Hinting | None = None,
        exception: tuple[str, ...] | None = None,
        named_tuple: bool = False,
        foreign: hierarchy.Foreign = hierarchy.NO_FOREIGN,
        fielded: FieldHook | None = None,
    ) -> None:
        self.node = node
        self.fielded = fielded  # types fields from the methods' uses (analysis/fieldtypes.py)
        self.named_tuple = named_tuple  # ``class P(NamedTuple)`` (its base dropped)
        self.hinted = hinted  # types ``__init__``'s untyped parameters (calls, then uses)
        self.exception = exception  # an exception class's chain (hierarchy.exception_chain)
        self.type_aliases = type_aliases
        self.where = where
        self.imports = imports
        self.classes = classes | {node.name}
        self.name = node.name
        self.self_type = PyType(node.name)
        self.sources = nodes.class_sources(node, sources or {})  # its unit's view (nodes.py)
        self.managers = managers(sources or {})  # context manager classes (``with``)
        self.exceptions = hierarchy.exception_classes(sources or {})  # ``raise``/``except``
        self.foreign = foreign  # the exception classes the module does not define
        # exception classes are no one's struct base (their subclasses are exceptions too)
        plain = {n: src for n, src in (sources or {}).items() if n not in self.exceptions}
        self.family = hierarchy.Family(node, where, plain, fields=named_tuple)

    def refuse(self, message: str, node: ast.AST) -> Refusal:
        return Refusal(Code.CLASS_FORM, message, self.where.line(node))

    def lowerer(self, aliases: dict[str, str] | None = None, stars: bool = False) -> Lowerer:
        return Lowerer(
            self.where,
            self.imports,
            self.classes,
            aliases,
            type_aliases=self.type_aliases,
            managers=self.managers,
            stars=stars,
            exceptions=self.exceptions,
            foreign=self.foreign,
        )

    def run(self) -> ClassModel:
        """The whole class."""
        node = self.node
        _check_name(node, self.where)
        options = self.decorators()
        if options is not None and (node.bases or self.family.subclasses):
            raise self.refuse(f"dataclass {self.name} in a class hierarchy is not supported", node)
        declared: dict[str, tuple[PyType, ast.expr | None, ast.AST]] = {}
        defs: list[ast.FunctionDef] = []
        for stmt in node.body:
            if isinstance(stmt, ast.FunctionDef):
                defs.append(stmt)
            elif options is None and hierarchy.constant_of(stmt) is not None:
                continue  # a class constant: read through self, replaced by its value
            elif (alias := hierarchy.method_alias(stmt, defs)) is not None:
                defs.append(alias)  # ``__str__ = __repr__``: the same function, another name
            elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
                if options is None and stmt.value is not None:
                    raise self.refuse(
                        f"class attribute {stmt.target.id} (shared by all "
                        "instances) is not supported",
                        stmt,
                    )
                ann = self.lowerer().annotation(stmt.annotation)
                declared[stmt.target.id] = (ann, stmt.value, stmt)
            elif _is_docstring(stmt) or isinstance(stmt, ast.Pass) or _is_slots(stmt):
                continue
            else:
                what = _target_text(stmt)
                raise self.refuse(f"class-level {what} is not supported in class {self.name}", stmt)
        if options is None:
            defs = self.family.methods(defs)
        for d in defs:
            self.check_def(d)
        if options is not None:
            model = self.dataclass_model(declared, options)
        else:
            model = self.plain_model(declared, defs)
        model.base, model.subclasses = self.family.base, list(self.family.subclasses)
        for d in defs:
            if d.name != "__init__" and not (d.name == "__enter__" and enter_inlined(d)):
                self.method(model, d)
        if self.fielded is not None:
            self.fielded(model)  # pending fields, untyped method parameters
            if model.init is not None:
                self.check_not_generic(model.init)
        self.family.check_model(model.fields, model.kinds)
        self.check_recursion(model)
        if self.exception is not None:
            members = [*model.fields, *(k.split(".")[0] for k in model.methods)]
            hierarchy.check_exception_members(node, self.where, self.exception, members)
        return model

    def decorators(self) -> dict[str, bool] | None:
        """Dataclass options (None for a plain class); other decorators are refused. A
        ``NamedTuple`` class is a frozen dataclass ordered as its tuple of fields (the same
        ``==``, ``<``, ``hash()`` and repr ``P(x=1, y='a')``)."""
        if self.named_tuple:
            if self.node.decorator_list:
                raise self.refuse(f"decorated NamedTuple class {self.name}", self.node)
            return {"frozen": True, "order": True, "eq": True}
        options: dict[str, bool] | None = None
        for d in self.node.decorator_list:
            target = d.func if isinstance(d, ast.Call) else d
            name = pytypes.dotted_name(target)
            if (
                name is not None
                and self.imports.get(name.split(".")[0], name) in DATACLASS
                or (name in DATACLASS)
            ):
                options = {"frozen": False, "order": False, "eq": True}
                for kw in d.keywords if isinstance(d, ast.Call) else []:
                    value = kw.value.value if isinstance(kw.value, ast.Constant) else None
                    if kw.arg not in DATACLASS_OPTIONS or not isinstance(value, bool):
                        raise self.refuse(
                            f"@dataclass option {ast.unparse(kw)} is not supported", d
                        )
                    options[kw.arg] = value
                if not options["eq"]:
                    raise self.refuse(
                        "@dataclass(eq=False) (identity equality) is not supported", d
                    )
                continue
            raise self.refuse(f"class decorator @{ast.unparse(d)} is not supported", d)
        return options

    def check_def(self, d: ast.FunctionDef) -> None:
        """Special methods without a faithful translation are refused up front."""
        name = d.name
        if (
            name.startswith("__")
            and name.endswith("__")
            and name != "__init__"
            and not any(name in table for table in (SPECIAL, DISPLAY, COMPARE, PROTOCOL))
        ):
            raise self.refuse(f"special method {name} of class {self.name} is not supported", d)

    # ------------------------------------------------------------ constructor
    def dataclass_model(
        self, declared: dict[str, tuple[PyType, ast.expr | None, ast.AST]], options: dict[str, bool]
    ) -> ClassModel:
        """``new(fields...)`` with the dataclass defaults."""
        params: list[ir.Param] = []
        seen_default = False
        for fname, (ann, value, stmt) in declared.items():
            default = self.field_default(fname, ann, value, stmt)
            seen_default = seen_default or default is not None
            if seen_default and default is None:
                raise self.refuse(
                    f"field {fname} without a default follows one with a default", stmt
                )
            params.append(ir.Param(fname, ann, default, line=self.where.line(stmt)))
        fields = {n: t for n, (t, _v, _s) in declared.items()}
        values: list[ir.Expr] = [ir.Name(n, line=self.where.line(self.node)) for n in fields]
        new = self.constructor(params, [], list(fields), values)
        return ClassModel(
            self.name,
            self.where.line(self.node),
            fields,
            new,
            is_dataclass=True,
            frozen=options["frozen"],
            order=options["order"],
        )

    def field_default(
        self, fname: str, ann: PyType, value: ast.expr | None, stmt: ast.AST
    ) -> ir.Expr | None:
        """A dataclass field's default: a literal, or ``field(default=/default_factory=)``."""
        if value is None:
            return None
        line = self.where.line(stmt)
        if isinstance(value, ast.Call) and pytypes.dotted_name(value.func) in (
            "field",
            "dataclasses.field",
        ):
            kw = {k.arg: k.value for k in value.keywords}
            if value.args or len(kw) != 1 or not set(kw) <= {"default", "default_factory"}:
                raise self.refuse(f"field() form of {fname} is not supported", stmt)
            if "default" in kw:
                return self.literal(fname, kw["default"], stmt)
            factory = pytypes.dotted_name(kw["default_factory"])
            if factory not in FACTORIES:
                raise self.refuse(f"default_factory of {fname} is not supported", stmt)
            if factory == "dict":
                return ir.DictLit([], [], line=line)
            return ir.Seq(FACTORIES[factory], [], line=line)
        return self.literal(fname, value, stmt)

    def literal(self, fname: str, value: ast.expr, stmt: ast.AST) -> ir.Expr:
        """An immutable literal default (shared by every instance, so it must not change)."""
        lowered = self.lowerer().expr(value)
        if not _immutable_literal(lowered):
            raise self.refuse(f"default of field {fname} is not a literal", stmt)
        return lowered

    def plain_model(
        self,
        declared: dict[str, tuple[PyType, ast.expr | None, ast.AST]],
        defs: list[ast.FunctionDef],
    ) -> ClassModel:
        """Fields from ``__init__``'s top-level ``self.x = ...`` assignments."""
        init = next((d for d in defs if d.name == "__init__"), None)
        if init is None:
            new = self.constructor([], [], [], [])
            return ClassModel(self.name, self.where.line(self.node), {}, new)
        if init.decorator_list:
            raise self.refuse("decorated __init__ is not supported", init)
        fn = self.lowerer().function(_without_self(init, self, "method"))
        nodes.type_none_defaults(self.name, fn, self.sources)
        if self.hinted is not None:
            self.hinted(fn, self.name)  # ``Cls(...)`` calls, then the uses in ``__init__``
            if self.fielded is None:
                self.check_not_generic(fn)
        params = {p.name: p for p in fn.params}
        body: list[ir.Stmt] = []
        fields: dict[str, PyType] = {}
        pending: dict[str, PendingField] = {}
        values: dict[str, ir.Expr] = {}
        bound = initfields.inner_names(fn)
        locals_: dict[str, str] = {}  # the fields set so far -> their locals (initfields.py)
        flat = [one for s in fn.body for one in _split_field_stores(s)]
        alone = self.family.base is None and not self.family.subclasses  # no overriding
        head, tail = initfields.split_tail(flat, lambda x: _field_store(x) is not None, alone)
        for one in head:
            store = _field_store(one)
            if store is None:
                initfields.read_set_fields(one, locals_)
                _refuse_self(one, self)
                body.append(one)
                continue
            fname, value, ann = store
            wrapped = ir.ExprStmt(value, line=one.line)
            initfields.read_set_fields(wrapped, locals_)
            value = wrapped.value
            if isinstance(one, ir.Assign):
                one.value = value
            _refuse_self(wrapped, self)
            if fname in fields:
                raise Refusal(
                    Code.CLASS_FORM, f"attribute self.{fname} is set twice in __init__", one.line
                )
            found = (
                ann
                or declared.get(fname, (None,))[0]
                or nodes.none_attribute(self.name, fname, value, self.sources)
                or _value_type(value, params, fname, one.line, self.fielded is None)
            )
            param = params.get(value.id) if isinstance(value, ir.Name) else None
            if found is None or pytypes.typevars_in(found):  # its methods' uses type it
                pending[fname] = PendingField(value, one.line, param=param)
            fields[fname] = found or PyType("None")  # a placeholder while pending
            if isinstance(value, ir.Name) and value.id == fname and value.id in params:
                values[fname] = value
                if fname not in bound:
                    locals_[fname] = fname
                continue
            temp = _temp_name(fname, params, fn)
            binding = ir.Assign(
                [ir.Name(temp, line=one.line)], value, ann=fields[fname], line=one.line
            )
            if fname in pending:
                pending[fname].store = binding
            body.append(binding)
            values[fname] = ir.Name(temp, line=one.line)
            if temp not in bound:
                locals_[fname] = temp
        for fname in declared:
            if fname not in fields:
                raise self.refuse(f"attribute {fname} is declared but not set in __init__", init)
        new = self.constructor(fn.params, body, list(fields), [values[f] for f in fields])
        for one in initfields.run_tail(new, tail, self.self_type):
            _refuse_self(one, self)  # a use of self the renaming missed stays refused
        model = ClassModel(self.name, self.where.line(self.node), fields, new)
        model.pending, model.init = pending, fn
        return model

    def check_not_generic(self, init: ir.Function) -> None:
        """A parameter of ``__init__`` that its uses leave generic (only stored or passed on)
        is refused: a struct is not generic here, and only a call would say its type."""
        for p in init.params:
            if p.ann is not None and pytypes.typevars_in(p.ann):
                raise Refusal(
                    Code.UNTYPED_PARAMETER,
                    f"untyped parameter {p.name} of {self.name}.__init__ (its uses in "
                    f"__init__ give no type, and no call {self.name}(...) with a literal "
                    "for it in its module)",
                    p.line,
                )

    def constructor(
        self, params: list[ir.Param], body: list[ir.Stmt], names: list[str], values: list[ir.Expr]
    ) -> ir.Function:
        """``new(params) -> Cls``: ``body`` then the struct literal."""
        line = self.where.line(self.node)
        lit = ir.StructLit(self.name, names, values, line=line)
        return ir.Function(
            self.name,
            params,
            self.self_type,
            [*body, ir.Return(lit, line=line)],
            has_return_ann=True,
            line=line,
        )

    # ------------------------------------------------------------ methods
    def method(self, model: ClassModel, d: ast.FunctionDef) -> None:
        """One method as an IR function named ``Cls.method`` (a property's getter and
        setter as ``Cls.name.fget`` / ``Cls.name.fset``, how Python reaches them too)."""
        kind, key = self.method_kind(d)
        if kind in ("static", "class") and d.name in {**SPECIAL, **DISPLAY}:
            raise self.refuse(f"{kind} method {d.name}", d)
        aliases = {}
        if kind == "class":
            aliases = {_first_param(d, self, "classmethod"): self.name}
        if d.name == "__eq__":
            d = self.typed_eq(d)
        if d.name == "__exit__" and kind == "instance":
            d = self.exit_without_exception(d)
        node = _without_self(d, self, "method") if kind != "static" else _undecorated(d)
        plain = key == d.name and not d.name.startswith("__")  # a method callers name
        fn = self.lowerer(aliases, stars=plain).function(node)
        if kind == "instance":
            fn.params.insert(0, ir.Param("self", self.self_type, None, line=self.where.line(d)))
        if d.name in COMPARE:
            self.check_compare_method(d, fn, model)
        if key.endswith(".fset") and len(fn.params) != 2:
            raise self.refuse(f"setter of {d.name} without exactly one value parameter", d)
        fn.name = f"{self.name}.{key}"
        rust = model.rust_method(key)
        if rust in {model.rust_method(k) for k in model.methods} | {"new"} or (
            rust in model.fields
        ):
            raise self.refuse(
                f"method {d.name} would share the Rust name {rust} with another member", d
            )
        model.methods[key] = fn
        model.kinds[key] = kind

    def exit_without_exception(self, d: ast.FunctionDef) -> ast.FunctionDef:
        """``__exit__(self, exc_type, exc, tb)`` whose body never reads the exception: its
        three parameters typed ``int | None`` (unread, so any value gives the same result),
        which the ``with`` rewrite passes as None."""
        args = d.args
        plain = args.posonlyargs + args.args
        if len(plain) != 4 or args.vararg or args.kwarg or args.kwonlyargs or args.defaults:
            raise self.refuse(
                f"__exit__ of class {self.name} without exactly three exception parameters", d
            )
        read = {n.id for s in d.body for n in ast.walk(s) if isinstance(n, ast.Name)}
        if {a.arg for a in plain[1:]} & read:
            raise self.refuse(f"__exit__ of class {self.name} reads the exception it is given", d)
        unread = [ast.arg(a.arg, ast.parse("int | None", mode="eval").body) for a in plain[1:]]
        bare = ast.arguments(
            posonlyargs=[], args=plain[:1] + unread, kwonlyargs=[], kw_defaults=[], defaults=[]
        )
        out = ast.FunctionDef(d.name, bare, d.body, d.decorator_list, d.returns)
        for n in ast.walk(out):
            if not hasattr(n, "lineno") or n in unread:
                ast.copy_location(n, d)
        return out

    def typed_eq(self, d: ast.FunctionDef) -> ast.FunctionDef:
        """``__eq__(self, other: object)`` in the two usual forms, typed ``other: Cls``:
        ``return isinstance(other, Cls) and <test>`` -> ``return <test>``, and a leading
        ``if not isinstance(other, Cls): return NotImplemented`` dropped. The Rust ``eq`` only
        ever receives a ``Cls``, for which the ``isinstance`` test is true: same answers."""
        args = d.args.args
        if len(args) != 2 or not (
            isinstance(args[1].annotation, ast.Name) and args[1].annotation.id == "object"
        ):
            return d
        other = args[1].arg
        body = self.without_instance_test([s for s in d.body if not _is_docstring(s)], other)
        if body is None:
            return d
        typed = ast.arg(
            other,
            ast.Name(self.name, ast.Load()),
            lineno=args[1].lineno,
            col_offset=args[1].col_offset,
        )
        new_args = ast.arguments(
            posonlyargs=[],
            args=[args[0], typed],
            vararg=None,
            kwonlyargs=[],
            kw_defaults=[],
            kwarg=None,
            defaults=[],
        )
        return ast.FunctionDef(
            name=d.name,
            args=new_args,
            body=body or [ast.Pass()],
            decorator_list=d.decorator_list,
            returns=d.returns,
            lineno=d.lineno,
            col_offset=d.col_offset,
            end_lineno=d.end_lineno,
            end_col_offset=d.end_col_offset,
        )

    def without_instance_test(self, body: list[ast.stmt], other: str) -> list[ast.stmt] | None:
        """``body`` without its ``isinstance(other, Cls)`` test, if it has one of the forms."""
        first = body[0] if body else None
        if isinstance(first, ast.Return):
            test = first.value
            if (
                isinstance(test, ast.BoolOp)
                and isinstance(test.op, ast.And)
                and self.is_instance_test(test.values[0], other)
            ):
                rest = test.values[1:]
                value = rest[0] if len(rest) == 1 else ast.BoolOp(ast.And(), rest)
                return [ast.Return(value, lineno=first.lineno, col_offset=first.col_offset)]
        if (
            isinstance(first, ast.If)
            and not first.orelse
            and len(first.body) == 1
            and isinstance(first.test, ast.UnaryOp)
            and isinstance(first.test.op, ast.Not)
            and self.is_instance_test(first.test.operand, other)
            and isinstance(first.body[0], ast.Return)
            and isinstance(first.body[0].value, ast.Name)
            and first.body[0].value.id == "NotImplemented"
        ):
            return body[1:]
        return None

    def is_instance_test(self, node: ast.expr, other: str) -> bool:
        """``isinstance(other, Cls)``."""
        return (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "isinstance"
            and len(node.args) == 2
            and not node.keywords
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id == other
            and isinstance(node.args[1], ast.Name)
            and node.args[1].id == self.name
        )

    def check_compare_method(self, d: ast.FunctionDef, fn: ir.Function, model: ClassModel) -> None:
        """``__eq__``/``__lt__`` become ``PartialEq::eq``/``PartialOrd::lt``: one other
        object of the same class (``other: object`` with ``NotImplemented`` is refused)."""
        other = fn.params[1:]
        if len(other) != 1 or other[0].ann != self.self_type or other[0].default is not None:
            raise self.refuse(f"{d.name} must take one parameter annotated {self.name}", d)
        if fn.returns is None or fn.returns.name != "bool":
            raise self.refuse(f"{d.name} must be annotated to return bool", d)
        if d.name == "__lt__" and model.order:
            raise self.refuse("__lt__ in a dataclass with order=True (Python raises)", d)

    def method_kind(self, d: ast.FunctionDef) -> tuple[str, str]:
        """("instance" | "static" | "class", key) from the decorators; properties are
        instance methods keyed ``name.fget`` / ``name.fset``."""
        kind, key = "instance", d.name
        for dec in d.decorator_list:
            name = pytypes.dotted_name(dec)
            if name in ("staticmethod", "classmethod") and len(d.decorator_list) == 1:
                kind = name.removesuffix("method")
            elif name == "property" and len(d.decorator_list) == 1:
                key = f"{d.name}.fget"
            elif name == f"{d.name}.setter" and len(d.decorator_list) == 1:
                key = f"{d.name}.fset"
            elif name is not None and name.split(".")[-1] in (
                "property",
                "setter",
                "getter",
                "deleter",
            ):
                raise self.refuse(f"property form @{name} on {d.name} is not supported", dec)
            else:
                raise self.refuse(
                    f"decorator @{ast.unparse(dec)} on method {d.name} is not supported", dec
                )
        return kind, key

    def check_recursion(self, model: ClassModel) -> None:
        """A field holding the class itself: a node class, or refused (front/nodes.py)."""
        in_hierarchy = model.base is not None or bool(model.subclasses)
        methods = [m.split(".")[0] for m in model.methods]
        line = self.where.line(self.node)
        model.handle = nodes.check_node(
            model.name, model.fields, model.is_dataclass, in_hierarchy, methods, line
        )


# ---------------------------------------------------------------- helpers


def _is_docstring(stmt: ast.stmt) -> bool:
    return (
        isinstance(stmt, ast.Expr)
        and isinstance(stmt.value, ast.Constant)
        and isinstance(stmt.value.value, str)
    )


def _is_slots(stmt: ast.stmt) -> bool:
    """``__slots__ = (...)``: an optimisation with no meaning for a Rust struct."""
    return (
        isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Name)
        and stmt.targets[0].id == "__slots__"
    )


def _target_text(stmt: ast.stmt) -> str:
    if isinstance(stmt, ast.Assign) and isinstance(stmt.targets[0], ast.Name):
        return f"attribute {stmt.targets[0].id} (shared by all instances)"
    if isinstance(stmt, ast.AnnAssign):
        return f"annotation {ast.unparse(stmt.target)}"
    return {"ClassDef": "nested class", "AsyncFunctionDef": "async def"}.get(
        type(stmt).__name__, type(stmt).__name__
    )


def _first_param(d: ast.FunctionDef, owner: ClassLowerer, what: str) -> str:
    plain = d.args.posonlyargs + d.args.args
    if not plain:
        raise owner.refuse(f"{what} {d.name} without a self/cls parameter", d)
    return plain[0].arg


def _without_self(d: ast.FunctionDef, owner: ClassLowerer, what: str) -> ast.FunctionDef:
    """A copy of ``d`` without its first parameter (``self``/``cls``) or decorators."""
    first = _first_param(d, owner, what)
    if first != "self" and not d.decorator_list:
        raise owner.refuse(f"method {d.name} names its first parameter {first}, not self", d)
    args = d.args
    plain = args.posonlyargs + args.args
    defaults = list(args.defaults)
    if len(defaults) == len(plain):
        raise owner.refuse(f"default for the first parameter of {d.name}", d)
    new_args = ast.arguments(
        posonlyargs=[],
        args=plain[1:],
        vararg=args.vararg,
        kwonlyargs=args.kwonlyargs,
        kw_defaults=args.kw_defaults,
        kwarg=args.kwarg,
        defaults=defaults,
    )
    copy = ast.FunctionDef(
        name=d.name,
        args=new_args,
        body=d.body,
        decorator_list=[],
        returns=d.returns,
        lineno=d.lineno,
        col_offset=d.col_offset,
        end_lineno=d.end_lineno,
        end_col_offset=d.end_col_offset,
    )
    return copy


def _undecorated(d: ast.FunctionDef) -> ast.FunctionDef:
    """A copy of ``d`` without decorators (a static method's ``@staticmethod``)."""
    return ast.FunctionDef(
        name=d.name,
        args=d.args,
        body=d.body,
        decorator_list=[],
        returns=d.returns,
        lineno=d.lineno,
        col_offset=d.col_offset,
        end_lineno=d.end_lineno,
        end_col_offset=d.end_col_offset,
    )


def _is_self_attr(e: ir.Expr) -> bool:
    return isinstance(e, ir.Attr) and isinstance(e.obj, ir.Name) and e.obj.id == "self"


def _split_field_stores(s: ir.Stmt) -> list[ir.Stmt]:
    """``self.a, self.b = a, b`` as two stores (the values are names or literals, so the
    order of evaluation cannot matter)."""
    if (
        isinstance(s, ir.Assign)
        and len(s.targets) == 1
        and isinstance(s.targets[0], ir.Seq)
        and isinstance(s.value, ir.Seq)
        and len(s.value.elts) == len(s.targets[0].elts)
        and all(_is_self_attr(t) for t in s.targets[0].elts)
        and all(isinstance(v, ir.Name | ir.Const) for v in s.value.elts)
    ):
        return [
            ir.Assign([t], v, line=s.line)
            for t, v in zip(s.targets[0].elts, s.value.elts, strict=True)
        ]
    return [s]


def _field_store(s: ir.Stmt) -> tuple[str, ir.Expr, PyType | None] | None:
    """(field, value, annotation) of a ``self.x = value`` statement, else None."""
    if isinstance(s, ir.Assign) and len(s.targets) == 1 and _is_self_attr(s.targets[0]):
        target = s.targets[0]
        assert isinstance(target, ir.Attr)
        return target.name, s.value, s.ann
    return None


def _refuse_self(s: ir.Stmt, owner: ClassLowerer) -> None:
    """Any other use of ``self`` in ``__init__``: the object does not exist yet in Rust."""
    for inner in walk_stmts([s]):
        for e in stmt_exprs(inner):
            for sub in sub_exprs(e):
                if isinstance(sub, ir.Name) and sub.id == "self":
                    raise Refusal(
                        Code.CLASS_FORM,
                        "__init__ uses self other than to set attributes at its top level",
                        inner.line,
                    )


def _value_type(
    value: ir.Expr, params: dict[str, ir.Param], fname: str, line: int | None, refuse: bool = True
) -> PyType | None:
    """The type of an unannotated attribute: its parameter's (annotated, typed from calls or
    uses, or given by a scalar literal default), or its literal's (None where ``refuse`` is
    false and neither says: the methods' uses may)."""
    if isinstance(value, ir.Name) and value.id in params:
        param = params[value.id]
        if param.ann is not None:
            return param.ann
        value = param.default if param.default is not None else value
    if isinstance(value, ir.Unary) and value.op == "-" and isinstance(value.operand, ir.Const):
        value = value.operand  # ``-1``: the type of ``1``
    if isinstance(value, ir.Const) and type(value.value) in (int, float, str, bool):
        return PyType(type(value.value).__name__)
    if not refuse:
        return None
    raise Refusal(
        Code.CLASS_FORM, f"type of attribute self.{fname} cannot be inferred (annotate it)", line
    )


def _temp_name(fname: str, params: dict[str, ir.Param], fn: ir.Function) -> str:
    """A local for a field's value that no parameter or other name uses."""
    taken = set(params) | assigned_names(fn.body)
    name = fname
    while name in taken:
        name = f"{name}_"
    return name


def _immutable_literal(e: ir.Expr) -> bool:
    if isinstance(e, ir.Const):
        return True
    if isinstance(e, ir.Unary) and e.op == "-":
        return _immutable_literal(e.operand)
    if isinstance(e, ir.Seq) and e.kind == "tuple":
        return all(_immutable_literal(x) for x in e.elts)
    return False


def exception_model(node: ast.ClassDef, where: Where) -> ClassModel:
    """An exception class of the module with only a docstring or ``pass`` (``class
    ParseError(ValueError): \"\"\"doc\"\"\"``).

    Raised, it is a panic named after it, and the ``except`` clauses of the module's
    functions catch it by its chain (front/lower.py); its instances carry nothing else a
    translation could read, so the class is an empty struct, built with no arguments. One
    with members is a plain class without its base (``hierarchy.exception_as_class``)."""
    _check_name(node, where)
    line = where.line(node)
    ret = ir.Return(ir.StructLit(node.name, [], [], line=line), line=line)
    new = ir.Function(node.name, [], PyType(node.name), [ret], has_return_ann=True, line=line)
    return ClassModel(node.name, line, {}, new)


def lower_class(
    source: str,
    where: Where,
    imports: dict[str, str],
    classes: frozenset[str],
    sources: dict[str, str] | None = None,
    type_aliases: Mapping[str, ast.expr] | None = None,
    hinted: Hinting | None = None,
    foreign: hierarchy.Foreign = hierarchy.NO_FOREIGN,
    fielded: FieldHook | None = None,
) -> ClassModel:
    """Parse and lower a class unit's source (``sources``: the module's other definitions,
    where its base class and subclasses are found; ``type_aliases``: the module's;
    ``hinted``: types ``__init__``'s untyped parameters as a function's; ``foreign``)."""
    node = parse_class(source, where)
    chain = hierarchy.exception_chain(node.name, {**(sources or {}), node.name: source})
    if chain is not None:
        node = hierarchy.exception_members(node, where, chain, sources or {})
        if hierarchy.plain_exception(node) is None:
            return exception_model(node, where)
        node = hierarchy.exception_as_class(node, where, chain)
    named_tuple = hierarchy.is_named_tuple(node, imports)
    if named_tuple:
        node = copy.copy(node)
        node.bases = []
    return ClassLowerer(
        node,
        where,
        imports,
        classes,
        sources,
        type_aliases,
        hinted,
        chain,
        named_tuple,
        foreign,
        fielded,
    ).run()
