"""Per-module state of one translation: the signature table and the front passes.

``SigTable`` knows the unit's siblings (``unit.context``): it lowers and analyses each on
demand, so that argument types and passing modes agree with how the sibling is translated
itself. ``front`` runs the analysis passes over one lowered function (inference, definite
assignment, ownership, iterator, closure and dict-loop checks) and settles its signature;
``member_front`` does so for a class member; ``translate_class`` turns a class unit into Rust.
"""

from __future__ import annotations

import ast
import contextlib
from collections.abc import Iterable, Iterator

from pipeline import pytypes
from pipeline.records import ClassSig, FnSig, Param, Unit
from pipeline.rustnames import ident
from pipeline.translate.rules.analysis import (
    classes_check,
    closures,
    definite,
    dictloops,
    eagergen,
    fieldtypes,
    generics,
    groupby,
    infer,
    iterated,
    iterators,
    nodeparams,
    oneshot,
    ownership,
    usage,
)
from pipeline.translate.rules.analysis.facts import Front, Ownership, SigLookup, Signature, Typed
from pipeline.translate.rules.analysis.generators import check_captures
from pipeline.translate.rules.analysis.ownership import MUTATING_MODES
from pipeline.translate.rules.back.classes import (
    _lints,
    base_member,
    check_handle_names,
    class_sigs,
    compare_impls,
    enum_text,
    handle_getters,
    handle_text,
    impl_text,
    pystr_impl,
    struct_text,
)
from pipeline.translate.rules.back.fmt import _needs_dict
from pipeline.translate.rules.back.function import emit_function
from pipeline.translate.rules.back.rust import type_helpers
from pipeline.translate.rules.diagnostics import Code, Refusal, Where
from pipeline.translate.rules.front import (
    classes,
    contexts,
    decorators,
    hierarchy,
    lower,
    patterns,
)
from pipeline.translate.rules.front.classes import COMPARE, DISPLAY, ClassModel
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.ir.walk import function_exprs, walk_stmts
from pipeline.translate.rules.types import aliases as typealiases
from pipeline.translate.rules.types import intmode, paramhints
from pipeline.translate.rules.types import unify as T
from pipeline.translate.rules.types.unify import as_dict

INTERNAL_TYPES = ("iter", "lambda")


class SigTable:
    """Signatures of the unit's function and its siblings (functions, and the constructors
    ``Cls`` and methods ``Cls.method`` of sibling classes), computed on demand."""

    def __init__(self, unit: Unit, imports: dict[str, str], first_line: int = 1) -> None:
        self.first_line = first_line  # of the unit's own class (for its diagnostics)
        self.sources = dict(unit.context)
        if unit.kind == "class":
            self.sources[unit.qualname] = unit.source
        else:  # a sibling that calls it back reaches it (mutual recursion, ``_cycle_signature``)
            self.sources.setdefault(unit.qualname, unit.source)
        self.own_class = unit.qualname if unit.kind == "class" else None
        self.class_names = frozenset(
            n for n, src in self.sources.items() if classes.is_class_source(src)
        )
        self.managers = contexts.managers(self.sources)
        self.exceptions = hierarchy.exception_classes(self.sources)
        self.foreign = hierarchy.module_foreign(
            self.sources, self.exceptions, unit.imports, imports, (unit.module, unit.file_sha256)
        )
        self.imports = imports
        self.call_examples = unit.call_examples
        self.constants = constant_sources(unit.constants)
        self.patterns = patterns.module_patterns(self.constants, imports)
        self.typevars = generics.module_typevars(unit.constants)
        self.type_aliases = typealiases.module_aliases(unit.constants)
        self.passthrough = decorators.passthrough(self.sources, self.constants)
        self.done: dict[str, Signature | None] = {}
        self.busy: set[str] = set()
        self.provisional: dict[str, Signature] = {}
        self.stack: list[str] = []  # functions being compiled, outermost first
        self.cycle: dict[str, Signature] = {}  # assumed for the members of a call cycle
        self.models: dict[str, classes.ClassModel] = {}
        self.members: dict[str, Front] = {}  # "Cls" / "Cls.method" -> its front passes
        self.typing: dict[str, list[usage.Assumed]] = {}  # parameter types nobody annotated

    def model(self, name: str) -> classes.ClassModel | None:
        """The lowered class ``name`` (None when it is not a class of this module)."""
        if name not in self.class_names:
            return None
        if name not in self.models:
            key = f"class {name}"
            if key in self.busy:
                raise Refusal(
                    Code.CLASS_FORM, f"class {name} refers to itself through other classes"
                )
            with self._resolving(key, name):
                try:
                    self.models[name] = self._lowered(name)
                except Refusal:
                    self.models.pop(name, None)
                    raise
        return self.models[name]

    def _lowered(self, name: str) -> classes.ClassModel:
        """Lower class ``name``; a class used by this unit (not its own) must translate whole,
        or its struct is missing, so its members are resolved here too."""
        own = name == self.own_class
        where = Where(self.first_line if own else 1)
        model = classes.lower_class(
            self.sources[name],
            where,
            self.imports,
            self.class_names,
            self.sources,
            self.type_aliases,
            self.hinted,
            self.foreign,
            self.fielded,
        )
        self.models[name] = model  # before its members: they look the class up
        if not own:
            for member in [name, *(f"{name}.{m}" for m in model.methods)]:
                self.member(member)
        if model.subclasses:
            self.check_dispatch(model)
        return model

    @contextlib.contextmanager
    def _resolving(self, key: str, cls: str) -> Iterator[None]:
        """Mark ``key`` busy while it is resolved (cycle detection); a refusal inside another
        class than the unit's own is reported as that class not translating (PT040)."""
        self.busy.add(key)
        try:
            yield
        except Refusal as exc:
            if cls == self.own_class:
                raise
            raise Refusal(
                Code.SIBLING_CALL, f"class {cls} cannot be translated: {exc.message}"
            ) from None
        finally:
            self.busy.discard(key)

    def check_dispatch(self, model: classes.ClassModel) -> None:
        """A base's methods dispatch to its subclasses' versions: every one must have the
        base's Rust signature (parameter types and modes, ``self`` borrowed, return type)."""
        for sub in model.subclasses:
            if sub == classes.BASE_VARIANT:
                raise Refusal(
                    Code.CLASS_FORM,
                    f"subclass {sub} of {model.name} (the name of the enum's own variant)",
                    model.line,
                )
            self.model(sub)
        for method in model.methods:
            base = self.member(f"{model.name}.{method}")
            assert base is not None
            want = _dispatch_shape(base[0])
            if want is None:
                raise Refusal(
                    Code.CLASS_FORM, f"method {model.name}.{method} takes self by value", model.line
                )
            for sub in model.subclasses:
                found = self.member(f"{sub}.{method}")
                if found is None or _dispatch_shape(found[0]) != want:
                    raise Refusal(
                        Code.CLASS_FORM,
                        f"{sub}.{method} has another Rust signature than "
                        f"{model.name}.{method} (types or borrowing differ)",
                        model.line,
                    )

    def member(self, name: str) -> Front | None:
        """Front passes of a class member: ``Cls`` (constructor) or ``Cls.method``."""
        cls, _, method = name.partition(".")
        model = self.model(cls)
        if model is None:
            return None
        fn = model.new if not method else model.methods.get(method)
        if fn is None:
            return None
        if name not in self.members:
            if name in self.busy:
                raise Refusal(
                    Code.SIBLING_CALL, f"mutual recursion through {name} is not supported"
                )
            with self._resolving(name, cls):
                self.members[name] = member_front(fn, self, model, method)
        return self.members[name]

    def lookup(self, name: str) -> Signature | None:
        """The signature of function ``name``, or None if it is not a sibling."""
        if name in self.provisional:
            return self.provisional[name]
        if name.partition(".")[0] in self.class_names:
            found = self.member(name)
            return found[0] if found is not None else None
        if name in self.done:
            return self.done[name]
        if name not in self.sources:
            return None
        if name in self.stack:  # itself (its usage walk: not a cycle), or a cycle
            return None if name == self.stack[-1] else self._cycle_signature(name)
        try:
            with self.compiling(name):
                self.done[name] = self.compile_sibling(name)
                self.check_cycle(name, self.done[name])
        except Refusal as exc:
            raise Refusal(
                Code.SIBLING_CALL, f"sibling {name} cannot be translated: {exc.message}"
            ) from None
        return self.done[name]

    @contextlib.contextmanager
    def compiling(self, name: str) -> Iterator[None]:
        """Function ``name`` is being compiled (the unit's own one too): a call reaching it
        again is a cycle."""
        self.stack.append(name)
        self.busy.add(name)
        try:
            yield
        finally:
            self.stack.pop()
            self.busy.discard(name)

    def _cycle_signature(self, name: str) -> Signature:
        """Mutual recursion: ``name`` is reached again while it is being compiled. Every
        member of the cycle (the functions compiled since ``name``) is assumed a signature
        from its annotations (and literal calls), Copy types by value and others borrowed,
        and ``check_cycle`` refuses each whose settled signature differs: every entry into
        the cycle (each member's own unit) then agrees on all of them."""
        for member in self.stack[self.stack.index(name) :]:
            if member not in self.cycle:
                self.cycle[member] = self._assumed(member)
        return self.cycle[name]

    def _assumed(self, name: str) -> Signature:
        """The signature a cycle assumes for its member ``name``: its annotations, literal
        calls and uses (``usage``, its return type as a recursive function's)."""
        fn = lower.lower_function(
            self.sources[name],
            Where(1),
            self.imports,
            self.class_names,
            self.typevars,
            self.type_aliases,
            exceptions=self.exceptions,
            foreign=self.foreign,
            passthrough=self.passthrough,
            patterns=self.patterns,
        )
        before = usage.untyped(fn)
        calls = paramhints.calls_of(name, self.call_examples)
        paramhints.widen(fn, calls)
        paramhints.apply(fn, calls, self.typevars)
        try:
            usage.apply(fn, before, _no_sibling, self.typevars, in_cycle=True)
            sig = self_signature(fn)
        except Refusal as exc:
            raise Refusal(
                Code.SIBLING_CALL, f"mutual recursion through {name}: {exc.message}", exc.line
            ) from None
        sig.params = [(n, t, "value" if T.is_copy(t) else "ref") for n, t, _ in sig.params]
        return sig

    def check_cycle(self, name: str, done: Signature | None) -> None:
        """The settled signature of a cycle's member must be the one the cycle assumed."""
        assumed = self.cycle.get(name)
        if assumed is None:
            return
        if done is None or _cycle_shape(done) != _cycle_shape(assumed):
            raise Refusal(
                Code.SIBLING_CALL,
                f"mutual recursion through {name}: its translation takes or returns its "
                "values otherwise than its callers in the cycle assumed (types, borrowing)",
            )

    def lowered(self, source: str, where: Where) -> ir.Function:
        """Lower a function of this module, its untyped parameters typed from its calls,
        else from their uses (recorded in ``typing``)."""
        fn = lower.lower_function(
            source,
            where,
            self.imports,
            self.class_names,
            self.typevars,
            self.type_aliases,
            self.managers,
            self.exceptions,
            self.foreign,
            self.passthrough,
            self.patterns,
        )
        self.hinted(fn, fn.name)
        return fn

    def hinted(self, fn: ir.Function, name: str) -> None:
        """Type ``fn``'s untyped parameters from the calls of ``name`` (a function, or a
        class for its ``__init__``), else from their uses; recorded in ``typing[name]``."""
        before = usage.untyped(fn)
        calls = paramhints.calls_of(name, self.call_examples)
        widened = paramhints.widen(fn, calls)
        paramhints.apply(fn, calls, self.typevars)
        nodes = nodeparams.apply(fn, self.sources)
        before = [p for p in before if p not in {a.param for a in nodes}]
        assumed = usage.apply(fn, before, self.lookup, self.typevars, constants=self.constant)
        self.typing[name] = [
            *nodes,
            *(_star_typed(fn, a) for a in assumed),
            *(usage.Assumed(p, paramhints.FLOAT, "calls widen int") for p in widened),
        ]

    def constant(self, name: str) -> ir.Expr | None:
        """A module constant's value, lowered (None: not a constant, or one the engine
        cannot lower: its readers are typed without it)."""
        source = self.constants.get(name)
        if source is None:
            return None
        try:
            return _lower_expr(self)(source)
        except Refusal:
            return None

    def fielded(self, model: ClassModel) -> None:
        """Type a class's fields and method parameters from the methods' uses; recorded in
        ``typing[class]`` after its ``__init__``'s (analysis/fieldtypes.py)."""
        calls = paramhints.calls_of(model.name, self.call_examples)
        names = [p.star + p.name for p in model.init.params] if model.init is not None else []
        passed = {n.lstrip("*") for call in calls for n in paramhints.arg_types(call, names)}
        assumed = fieldtypes.apply(model, passed)
        if assumed:  # an ``__init__`` parameter typed again replaces its earlier entry
            again = {a.param for a in assumed}
            earlier = [a for a in self.typing.get(model.name, []) if a.param not in again]
            self.typing[model.name] = earlier + assumed

    def compile_sibling(self, name: str) -> Signature | None:
        """Run the front passes on a sibling to learn its signature."""
        fn = self.lowered(self.sources[name], Where(1))
        if fn.name != name:
            return None
        sig, typed, _own = front(fn, self)
        if generics.signature_typevars(sig):  # translated only where exact for every type
            generics.bounds(typed, self.lookup)
        return sig


def _star_typed(fn: ir.Function, assumed: usage.Assumed) -> usage.Assumed:
    """An untyped ``*args`` is the tuple its uses read as a sequence (``list[T]`` ->
    ``tuple[T, ...]``), an untyped ``**kwargs`` the ``dict[str, V]`` they read; other uses
    refuse it (Python binds nothing else to them)."""
    p = next(p for p in fn.params if p.name == assumed.param)
    t = assumed.type
    if p.star == "*" and t.name in ("list", "tuple..."):
        p.ann = pytypes.PyType("tuple...", t.args)
        return usage.Assumed(p.name, p.ann, assumed.source)
    if p.star == "**" and t.name == "dict" and t.args[0] == pytypes.PyType("str"):
        return assumed
    if p.star:
        raise Refusal(
            Code.UNTYPED_PARAMETER,
            f"untyped parameter {p.star}{p.name}: its uses read it as {t.render()}, "
            f"not as {'a tuple' if p.star == '*' else 'a dict of str keys'}",
            p.line,
        )
    return assumed


def _cycle_shape(sig: Signature) -> tuple[object, ...]:
    """What callers in a cycle rely on: parameter types and modes, result, sharing, stars."""
    params = tuple((n, t.render(), mode) for n, t, mode in sig.params)
    return (params, sig.returns.render(), sig.shares, sig.varargs, sig.varkw, sig.kwonly)


def _dispatch_shape(sig: Signature) -> tuple[object, ...] | None:
    """What a dispatching method needs equal across a hierarchy (None: self by value)."""
    if not sig.params or sig.params[0][2] == "value":
        return None
    rest = [(t.render(), mode) for _n, t, mode in sig.params[1:]]
    return (sig.params[0][2], tuple(rest), sig.returns.render())


def carried_first(imports: dict[str, str], unit: Unit) -> dict[str, str]:
    """``imports`` less the names ``unit.constants`` and ``unit.foreign`` bind: a constant or
    function another module of the repository exports, carried into the unit under the name an
    import binds (``from pkg.base import LIMIT, clip``: ``units/crossconst.py``), is that value
    or def, not a module attribute (a module's own constant is never also bound by an import
    after it: ``units/shard._rebound_names``)."""
    if not unit.constants and not unit.foreign:
        return imports
    own = {name for name, _ in unit.constants} | {f.qualname for f in unit.foreign}
    return {k: v for k, v in imports.items() if k not in own}


def constant_sources(constants: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Module constant name -> source of its value expression."""
    out = {}
    for name, src in constants:
        try:
            out[name] = ast.unparse(infer.parse_constant(src))
        except (SyntaxError, ValueError, IndexError):
            continue
    return out


def self_signature(fn: ir.Function) -> Signature:
    """A provisional signature for recursive calls (types from annotations)."""
    params = []
    for p in fn.params:
        ann = p.ann or _literal_type(p.default)
        if ann is None:
            raise Refusal(
                Code.UNTYPED_PARAMETER, f"untyped parameter {p.name} of recursive function", p.line
            )
        params.append((p.name, ann, "ref"))
    if not fn.has_return_ann or fn.returns is None:
        raise Refusal(
            Code.UNINFERRED, f"recursive function {fn.name} needs a return annotation", fn.line
        )
    return Signature(
        fn.name,
        params,
        fn.returns,
        [p.default for p in fn.params],
        kwonly=fn.kwonly,
        varargs=_star(fn, "*"),
        varkw=_star(fn, "**"),
    )


def _no_sibling(name: str) -> None:
    """A lookup that knows no sibling (a cycle member's own uses, before any is compiled)."""
    return None


def _literal_type(default: ir.Expr | None) -> pytypes.PyType | None:
    """The type of a scalar literal default (``reverse=False``: bool), as inference gives an
    unannotated parameter; None for anything else."""
    if not isinstance(default, ir.Const) or default.value is None:
        return None
    kind = type(default.value).__name__
    return pytypes.PyType(kind) if kind in ("bool", "int", "float", "str") else None


def member_front(fn: ir.Function, table: SigTable, model: classes.ClassModel, method: str) -> Front:
    """Front passes of a constructor (parameters taken by value: they are stored) or a
    method (checked for what a Rust method cannot mean the same way)."""
    sig, typed, own = front(fn, table)
    if not method:
        for name, mode in own.modes.items():
            if mode == pytypes.OPT_MUT:  # taken by value below: the caller's would not change
                raise Refusal(
                    Code.ALIASING,
                    f"constructor parameter {name} is changed in place "
                    "behind the `None` default idiom (a constructor takes its "
                    "arguments by value)",
                    fn.line,
                )
        own.modes = {p.name: "value" for p in fn.params}
        targets = {
            id(t) for st in walk_stmts(fn.body) if isinstance(st, ir.Assign) for t in st.targets
        }
        reads = [
            e.id for e in function_exprs(fn) if isinstance(e, ir.Name) and id(e) not in targets
        ]
        # the struct literal: returned, or bound to the object the end of __init__ runs on
        lit = next(e for e in function_exprs(fn) if isinstance(e, ir.StructLit))
        stored = [v.id for v in lit.values if isinstance(v, ir.Name)]
        own.moved |= {n for n in stored if reads.count(n) == 1}  # read only to be stored
        sig = _signature(fn, typed, own)
    else:
        classes_check.check_method(fn, typed, own, model, method)
    return sig, typed, own


def front(fn: ir.Function, table: SigTable) -> Front:
    """Type and analyse ``fn``; returns its signature (modes settled for recursion)."""
    recursive = usage.calls_itself(fn)
    if recursive:
        table.provisional[fn.name] = self_signature(fn)
    try:
        typed = infer.Infer(
            fn, table.lookup, table.constants, _lower_expr(table), table.model
        ).run()
        _check_internal_types(typed)
        _check_big_bytes(typed)
        definite.check(fn)
        groupby.check(fn)
        lookup = _analyse_nested(typed, table.lookup)
        own = ownership.analyze(typed, lookup)
        iterators.check(typed, own)
        check_captures(typed, own)
        typed.closure_state = closures.check(typed, own)
        sig = _signature(fn, typed, own)
        for _ in range(3):
            if not recursive or table.provisional[fn.name].params == sig.params:
                break
            table.provisional[fn.name] = sig
            own = ownership.analyze(typed, lookup)
            sig = _signature(fn, typed, own)
        iterated.check(fn, lookup)
        oneshot.check(typed, own, lookup)
    finally:
        table.provisional.pop(fn.name, None)
    own.key_snapshots = dictloops.snapshots(fn)
    return sig, typed, own


def _signature(fn: ir.Function, typed: Typed, own: Ownership) -> Signature:
    params = [(p.name, typed.params[p.name], own.modes[p.name]) for p in fn.params]
    returns = typed.returns
    if fn.lazy:  # what callers and the verifier see: not a list (front/generators.py)
        returns = pytypes.PyType("Iterator", returns.args)
    return Signature(
        fn.name,
        params,
        returns,
        [p.default for p in fn.params],
        tuple(fn.captured),
        ownership.returned_params(typed),
        fn.kwonly,
        _star(fn, "*"),
        _star(fn, "**"),
        fn.int_float_return,
        fn.generator and not fn.lazy,
        fn.generator
        and not fn.lazy
        and all(own.modes[p.name] not in MUTATING_MODES for p in fn.params)
        and eagergen.total(fn),
    )


def _star(fn: ir.Function, star: str) -> str:
    """The name of ``fn``'s ``*args`` (star "*") or ``**kwargs`` (star "**") parameter."""
    return next((p.name for p in fn.params if p.star == star), "")


def _analyse_nested(typed: Typed, lookup: SigLookup) -> SigLookup:
    """Ownership of each nested def (in order); returns a lookup that knows their modes."""
    local: dict[str, Signature] = {}

    def find(name: str) -> Signature | None:
        return local.get(name) or lookup(name)

    for nested in typed.local_defs:
        _check_internal_types(nested)
        fn = nested.fn
        local[fn.name] = Signature(
            fn.name,
            [(p.name, nested.params[p.name], "ref") for p in fn.params],
            nested.returns,
            [],
            tuple(fn.captured),
        )
        for _ in range(3):
            own = ownership.analyze(nested, find)
            sig = _signature(fn, nested, own)
            settled = sig.params == local[fn.name].params
            local[fn.name] = sig
            if settled:
                break
        nested.own = own
        nested.closure_state = closures.check(nested, own)
    typed.local_sigs = local
    return find


def _lower_expr(table: SigTable):  # returns a callable
    """Lower a module constant's value expression."""

    def run(source: str) -> ir.Expr:
        node = ast.parse(source, mode="eval").body
        return lower.Lowerer(Where(1), table.imports).expr(node)

    return run


def _check_internal_types(typed: Typed) -> None:
    """Iterators and lambdas cannot live in variables or signatures."""
    for name, t in list(typed.locals.items()) + list(typed.params.items()):
        if _internal(t):
            raise Refusal(
                Code.TYPE_OPERATION,
                f"variable {name} holds an iterator or function ({t}); store a list instead",
                typed.fn.line,
            )
    if _internal(typed.returns):
        raise Refusal(
            Code.TYPE_OPERATION, f"function returns an iterator ({typed.returns})", typed.fn.line
        )


def _check_big_bytes(typed: Typed) -> None:
    """A byte reads as an i64 (``data[i]``, iteration): not translated with unbounded ints."""
    if intmode.big() and any(
        e.ty is not None and T.has_bytes(e.ty) for e in function_exprs(typed.fn)
    ):
        raise Refusal(
            Code.TYPE_OPERATION, "bytes values with unbounded ints are not supported", typed.fn.line
        )


def _internal(t: pytypes.PyType) -> bool:
    return t.name in INTERNAL_TYPES or any(_internal(a) for a in t.args)


def fn_sig(sig: Signature, rust_name: str | None = None) -> FnSig:
    """The record form of a signature (in the shared type language: a Counter or
    defaultdict, emitted as the runtime's dict, is a ``dict`` to the verifier; an iterator
    parameter is given a list)."""
    params = tuple(
        Param(sig.record_name(n), _plain(generics.as_list(t)).render(), mode)
        for n, t, mode in sig.params
    )
    return FnSig(sig.name, rust_name or ident(sig.name), params, _plain(sig.returns).render())


def _plain(t: pytypes.PyType) -> pytypes.PyType:
    """``t`` with every Counter/defaultdict read as the plain dict it is emitted as (an
    OrderedDict stays one: it is its own Rust type, and Python's value must be one; an int
    is a ``bigint`` in big-int mode)."""
    t = t if t.name == "OrderedDict" else as_dict(t)
    if t.name == "int" and intmode.big():
        return pytypes.PyType("bigint")
    return pytypes.PyType(t.name, tuple(_plain(a) for a in t.args)) if t.args else t


def translate_class(
    unit: Unit,
) -> tuple[str, tuple[str, ...], tuple[FnSig, ...], tuple[ClassSig, ...], tuple[str, ...]]:
    """Rust items, runtime helpers, entry points and class records of a class unit, and the
    types it assumed for the untyped parameters of ``__init__`` (``Translation.typing``)."""
    table = SigTable(unit, carried_first(lower.import_map(unit.imports), unit), unit.first_line)
    model = table.model(unit.qualname)
    assert model is not None
    methods: list[str] = []
    display: list[str] = []
    compare: dict[str, str] = {}
    helpers: set[str] = set()
    sigs: list[FnSig] = []
    members = [(unit.qualname, "", model.new)] + [
        (f"{model.name}.{m}", m, fn) for m, fn in model.methods.items()
    ]
    for key, method, fn in members:
        front = table.member(key)
        assert front is not None
        sig, typed, own = front
        rust_name = model.rust_method(method) if method else "new"
        kind = model.kinds[method] if method else "new"
        if model.subclasses:  # an enum: ``new`` makes the base variant, methods dispatch
            methods.append(
                _lints(
                    base_member(model, rust_name, fn, front, table, helpers), rust_name, kind, sig
                )
            )
            sigs.append(fn_sig(sig, f"{model.name}::{rust_name}"))
            continue
        text, used = emit_function(fn, typed, own, sig, table, item=(rust_name, kind))
        helpers.update(used)
        if method in DISPLAY:
            display.append(text.removeprefix("pub "))
        elif method in COMPARE:
            compare[method] = text.removeprefix("pub ")
        else:
            methods.append(_lints(text, rust_name, kind, sig))
        sigs.append(fn_sig(sig, f"{model.name}::{rust_name}"))
    for t in model.fields.values():
        helpers |= type_helpers(t)
    if model.handle:
        check_handle_names(model, table.class_names)
        methods = handle_getters(model) + methods
    parts = [struct_text(model), impl_text(model.name, methods), *compare_impls(model, compare)]
    if model.subclasses:
        parts[0] = enum_text(model)
    if model.handle:
        parts[0] = handle_text(model)
    if model.has_pystr():
        helpers.add("py_str")
        if model.auto_repr() and any(_needs_dict(t) for t in model.fields.values()):
            helpers.add("py_str_dict")
        parts.append(pystr_impl(model, display))
        if model.auto_repr():  # the dataclass's generated __repr__ is tested as well
            self_param = Param("self", model.name, "ref")
            sigs.append(
                FnSig(f"{model.name}.__repr__", f"{model.name}::py_repr", (self_param,), "str")
            )
    return (
        "\n".join(parts),
        tuple(sorted(helpers)),
        tuple(sigs),
        class_sigs(table, *sigs_of(table, model)),
        tuple(a.render() for a in table.typing.get(model.name, ())),
    )


def sigs_of(table: SigTable, model: ClassModel) -> list[Signature]:
    """The constructor's signature (it names the class's own type)."""
    front = table.member(model.name)
    assert front is not None
    return [front[0]]
