"""The rule engine: lower -> infer -> ownership -> scopes -> emit, for one unit.

``translate`` never raises: a construct outside the supported subset becomes a refusal whose
diagnostics name it and its line; a bug becomes ``status="internal_error"``. Sibling functions
the unit calls are compiled through the same passes (from ``unit.context``) so that argument
types and passing modes agree with how they will be translated themselves.
"""

from __future__ import annotations

import ast
import contextlib
import time
import traceback
from collections.abc import Iterable, Iterator

from pipeline import pytypes
from pipeline.records import ClassSig, Diagnostic, FnSig, Param, Translation, Unit
from pipeline.rustnames import ident
from pipeline.translate.rules import (
    classes,
    classes_check,
    classes_emit,
    closures,
    definite,
    dictloops,
    generics,
    infer,
    ir,
    iterators,
    lazy,
    lower,
    ownership,
    paramhints,
    runtime,
    scopes,
    typealiases,
)
from pipeline.translate.rules.diagnostics import Refusal, Where, diagnostic
from pipeline.translate.rules.emit import Emitter
from pipeline.translate.rules.tys import as_dict

VERSION = "0.2.9"
INTERNAL_TYPES = ("iter", "lambda")


class SigTable:
    """Signatures of the unit's function and its siblings (functions, and the constructors
    ``Cls`` and methods ``Cls.method`` of sibling classes), computed on demand."""

    def __init__(self, unit: Unit, imports: dict[str, str], first_line: int = 1) -> None:
        self.first_line = first_line  # of the unit's own class (for its diagnostics)
        self.sources = dict(unit.context)
        if unit.kind == "class":
            self.sources[unit.qualname] = unit.source
        self.own_class = unit.qualname if unit.kind == "class" else None
        self.class_names = frozenset(
            n for n, src in self.sources.items() if classes.is_class_source(src)
        )
        self.imports = imports
        self.call_examples = unit.call_examples
        self.constants = constant_sources(unit.constants)
        self.typevars = generics.module_typevars(unit.constants)
        self.type_aliases = typealiases.module_aliases(unit.constants)
        self.done: dict[str, infer.Signature | None] = {}
        self.busy: set[str] = set()
        self.provisional: dict[str, infer.Signature] = {}
        self.models: dict[str, classes.ClassModel] = {}
        self.members: dict[str, Front] = {}  # "Cls" / "Cls.method" -> its front passes

    def model(self, name: str) -> classes.ClassModel | None:
        """The lowered class ``name`` (None when it is not a class of this module)."""
        if name not in self.class_names:
            return None
        if name not in self.models:
            key = f"class {name}"
            if key in self.busy:
                raise Refusal("PT050", f"class {name} refers to itself through other classes")
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
            raise Refusal("PT040", f"class {cls} cannot be translated: {exc.message}") from None
        finally:
            self.busy.discard(key)

    def check_dispatch(self, model: classes.ClassModel) -> None:
        """A base's methods dispatch to its subclasses' versions: every one must have the
        base's Rust signature (parameter types and modes, ``self`` borrowed, return type)."""
        for sub in model.subclasses:
            if sub == classes.BASE_VARIANT:
                raise Refusal(
                    "PT050",
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
                    "PT050", f"method {model.name}.{method} takes self by value", model.line
                )
            for sub in model.subclasses:
                found = self.member(f"{sub}.{method}")
                if found is None or _dispatch_shape(found[0]) != want:
                    raise Refusal(
                        "PT050",
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
                raise Refusal("PT040", f"mutual recursion through {name} is not supported")
            with self._resolving(name, cls):
                self.members[name] = member_front(fn, self, model, method)
        return self.members[name]

    def lookup(self, name: str) -> infer.Signature | None:
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
        if name in self.busy:
            raise Refusal("PT040", f"mutual recursion through {name} is not supported")
        self.busy.add(name)
        try:
            self.done[name] = self.compile_sibling(name)
        except Refusal as exc:
            raise Refusal("PT040", f"sibling {name} cannot be translated: {exc.message}") from None
        finally:
            self.busy.discard(name)
        return self.done[name]

    def lowered(self, source: str, where: Where) -> ir.Function:
        """Lower a function of this module, its untyped parameters typed from its calls."""
        fn = lower.lower_function(
            source, where, self.imports, self.class_names, self.typevars, self.type_aliases
        )
        paramhints.apply(fn, paramhints.calls_of(fn.name, self.call_examples))
        return fn

    def compile_sibling(self, name: str) -> infer.Signature | None:
        """Run the front passes on a sibling to learn its signature."""
        fn = self.lowered(self.sources[name], Where(1))
        if fn.name != name:
            return None
        sig, typed, _own = front(fn, self)
        if generics.signature_typevars(sig):  # translated only where exact for every type
            generics.bounds(typed, self.lookup)
        return sig


def _dispatch_shape(sig: infer.Signature) -> tuple[object, ...] | None:
    """What a dispatching method needs equal across a hierarchy (None: self by value)."""
    if not sig.params or sig.params[0][2] == "value":
        return None
    rest = [(t.render(), mode) for _n, t, mode in sig.params[1:]]
    return (sig.params[0][2], tuple(rest), sig.returns.render())


def constant_sources(constants: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Module constant name -> source of its value expression."""
    out = {}
    for name, src in constants:
        try:
            out[name] = ast.unparse(infer.parse_constant(src))
        except (SyntaxError, ValueError, IndexError):
            continue
    return out


def self_signature(fn: ir.Function) -> infer.Signature:
    """A provisional signature for recursive calls (types from annotations)."""
    params = []
    for p in fn.params:
        if p.ann is None:
            raise Refusal("PT020", f"untyped parameter {p.name} of recursive function", p.line)
        params.append((p.name, p.ann, "ref"))
    if not fn.has_return_ann or fn.returns is None:
        raise Refusal("PT023", f"recursive function {fn.name} needs a return annotation", fn.line)
    return infer.Signature(fn.name, params, fn.returns, [p.default for p in fn.params])


Front = tuple[infer.Signature, infer.Typed, ownership.Ownership]


def member_front(fn: ir.Function, table: SigTable, model: classes.ClassModel, method: str) -> Front:
    """Front passes of a constructor (parameters taken by value: they are stored) or a
    method (checked for what a Rust method cannot mean the same way)."""
    sig, typed, own = front(fn, table)
    if not method:
        for name, mode in own.modes.items():
            if mode == pytypes.OPT_MUT:  # taken by value below: the caller's would not change
                raise Refusal(
                    "PT030",
                    f"constructor parameter {name} is changed in place "
                    "behind the `None` default idiom (a constructor takes its "
                    "arguments by value)",
                    fn.line,
                )
        own.modes = {p.name: "value" for p in fn.params}
        targets = {
            id(t)
            for st in infer.walk_stmts(fn.body)
            if isinstance(st, ir.Assign)
            for t in st.targets
        }
        reads = [
            e.id
            for e in ownership.function_exprs(fn)
            if isinstance(e, ir.Name) and id(e) not in targets
        ]
        last = fn.body[-1]
        assert isinstance(last, ir.Return) and isinstance(last.value, ir.StructLit)
        stored = [v.id for v in last.value.values if isinstance(v, ir.Name)]
        own.moved |= {n for n in stored if reads.count(n) == 1}  # read only to be stored
        sig = _signature(fn, typed, own)
    else:
        classes_check.check_method(fn, typed, own, model, method)
    return sig, typed, own


def front(fn: ir.Function, table: SigTable) -> Front:
    """Type and analyse ``fn``; returns its signature (modes settled for recursion)."""
    recursive = _calls_itself(fn)
    if recursive:
        table.provisional[fn.name] = self_signature(fn)
    try:
        typed = infer.Infer(
            fn, table.lookup, table.constants, _lower_expr(table), table.model
        ).run()
        _check_internal_types(typed)
        _check_bytes(typed)
        definite.check(fn)
        lookup = _analyse_nested(typed, table.lookup)
        own = ownership.analyze(typed, lookup)
        iterators.check(typed, own)
        lazy.check_captures(typed, own)
        typed.closure_state = closures.check(typed, own)
        sig = _signature(fn, typed, own)
        for _ in range(3):
            if not recursive or table.provisional[fn.name].params == sig.params:
                break
            table.provisional[fn.name] = sig
            own = ownership.analyze(typed, lookup)
            sig = _signature(fn, typed, own)
    finally:
        table.provisional.pop(fn.name, None)
    own.key_snapshots = dictloops.snapshots(fn)
    return sig, typed, own


def _signature(fn: ir.Function, typed: infer.Typed, own: ownership.Ownership) -> infer.Signature:
    params = [(p.name, typed.params[p.name], own.modes[p.name]) for p in fn.params]
    returns = typed.returns
    if fn.lazy:  # what callers and the verifier see: not a list (lazy.py)
        returns = pytypes.PyType("Iterator", returns.args)
    return infer.Signature(
        fn.name,
        params,
        returns,
        [p.default for p in fn.params],
        tuple(fn.captured),
        ownership.returned_params(typed),
    )


def _analyse_nested(typed: infer.Typed, lookup: infer.SigLookup) -> infer.SigLookup:
    """Ownership of each nested def (in order); returns a lookup that knows their modes."""
    local: dict[str, infer.Signature] = {}

    def find(name: str) -> infer.Signature | None:
        return local.get(name) or lookup(name)

    for nested in typed.local_defs:
        _check_internal_types(nested)
        fn = nested.fn
        local[fn.name] = infer.Signature(
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
        nested.own = own  # type: ignore[attr-defined]
        nested.closure_state = closures.check(nested, own)
    typed.local_sigs = local  # type: ignore[attr-defined]
    return find


def _calls_itself(fn: ir.Function) -> bool:
    return any(isinstance(e, ir.Call) and e.func == fn.name for e in ownership.function_exprs(fn))


def _lower_expr(table: SigTable):  # returns a callable
    """Lower a module constant's value expression."""

    def run(source: str) -> ir.Expr:
        node = ast.parse(source, mode="eval").body
        return lower.Lowerer(Where(1), table.imports).expr(node)

    return run


def _check_internal_types(typed: infer.Typed) -> None:
    """Iterators and lambdas cannot live in variables or signatures."""
    for name, t in list(typed.locals.items()) + list(typed.params.items()):
        if _internal(t):
            raise Refusal(
                "PT026",
                f"variable {name} holds an iterator or function ({t}); store a list instead",
                typed.fn.line,
            )
    if _internal(typed.returns):
        raise Refusal("PT026", f"function returns an iterator ({typed.returns})", typed.fn.line)


def _internal(t: pytypes.PyType) -> bool:
    return t.name in INTERNAL_TYPES or any(_internal(a) for a in t.args)


def _check_bytes(typed: infer.Typed) -> None:
    """bytes values are not translated yet (their repr and methods differ from str)."""
    for name, t in list(typed.locals.items()) + list(typed.params.items()):
        if "bytes" in t.render():
            raise Refusal("PT026", f"bytes value {name} is not supported", typed.fn.line)


class RuleEngine:
    """Rule-based Python -> Rust translation (see the package docstring for the passes)."""

    name = "rules"
    version = VERSION

    def translate(self, unit: Unit) -> Translation:
        """Translate one unit; refusals and crashes are returned, never raised."""
        start = time.perf_counter()
        engine = f"{self.name}@{self.version}"
        try:
            if unit.kind == "class":
                rust, helpers, sigs, cls_sigs = classes_emit.translate_class(unit)
            else:
                rust, helpers, sigs, cls_sigs = self._translate(unit)
            uses = ("crate::pyrt::PySeq",) if "seq" in helpers else ()
        except Refusal as exc:
            return Translation(
                unit.id,
                engine,
                ok=False,
                diagnostics=(diagnostic(exc),),
                seconds=time.perf_counter() - start,
            )
        except Exception:  # an engine bug must not kill the task
            diag = Diagnostic("PT999", "engine crashed: " + traceback.format_exc(limit=6))
            return Translation(
                unit.id,
                engine,
                ok=False,
                diagnostics=(diag,),
                seconds=time.perf_counter() - start,
                status="internal_error",
            )
        return Translation(
            unit.id,
            engine,
            ok=True,
            rust=rust,
            helpers=helpers,
            uses=uses,
            signatures=sigs,
            seconds=time.perf_counter() - start,
            classes=cls_sigs,
        )

    def _translate(
        self, unit: Unit
    ) -> tuple[str, tuple[str, ...], tuple[FnSig, ...], tuple[ClassSig, ...]]:
        """One function; a generic one gets an entry point per instantiation."""
        where = Where(unit.first_line)
        if unit.kind != "function":
            raise Refusal("PT002", f"unit kind {unit.kind!r} is not supported", unit.first_line)
        imports = lower.import_map(unit.imports)
        table = SigTable(unit, imports)
        fn = table.lowered(unit.source, where)
        sig, typed, own = front(fn, table)
        names = generics.signature_typevars(sig)
        header = ""
        if names:
            need = generics.bounds(typed, table.lookup)
            header = generics.generic_params(names, need)
        rust, helpers = emit_function(fn, typed, own, sig, table, generic_params=header)
        sigs = generics.instances(sig, names) if names else (fn_sig(sig),)
        return rust, helpers, sigs, classes_emit.class_sigs(table, sig)

    def runtime_source(self, helpers: Iterable[str]) -> str:
        """The ``pyrt`` module with exactly ``helpers`` and their dependencies."""
        return runtime.runtime_source(helpers)


def emit_function(
    fn: ir.Function,
    typed: infer.Typed,
    own: ownership.Ownership,
    sig: infer.Signature,
    table: SigTable,
    item: tuple[str, str] | None = None,
    generic_params: str = "",
) -> tuple[str, tuple[str, ...]]:
    """Rust text of one front-analysed function (``item``: its Rust name and method kind
    when it lives in an ``impl``; ``generic_params``: ``<T: Clone>`` for a generic one) and
    the runtime helpers it uses."""
    decls = scopes.decide(fn)
    local_sigs = getattr(typed, "local_sigs", {})
    called = {n: s for n in _called(fn) if (s := table.lookup(n)) is not None}
    called.update(local_sigs)
    called[fn.name] = sig
    emitter = Emitter(typed, own, decls, called, sig, classes=table.model, item=item)
    emitter.generic_params = generic_params
    try:
        rust = emitter.function()
    except pytypes.TypeSyntaxError as exc:
        raise Refusal("PT026", str(exc), fn.line) from None
    return rust, tuple(sorted(emitter.helpers))


def _called(fn: ir.Function) -> set[str]:
    names = {e.func for e in ownership.function_exprs(fn) if isinstance(e, ir.Call)}
    names |= {e.id for e in ownership.function_exprs(fn) if isinstance(e, ir.Name)}  # f values
    names |= {
        c.func
        for e in ownership.function_exprs(fn)
        if isinstance(c := getattr(e, "call", None), ir.Call)
    }  # methods, operators
    names |= {
        st.setter.call.func
        for st in infer.walk_stmts(fn.body)  # property setters
        if hasattr(st, "setter")
    }
    for s in fn.body:
        if isinstance(s, ir.LocalDef):
            names |= _called(s.fn)
    return names


def fn_sig(sig: infer.Signature, rust_name: str | None = None) -> FnSig:
    """The record form of a signature (in the shared type language: a Counter or
    defaultdict, emitted as the runtime's dict, is a ``dict`` to the verifier; an iterator
    parameter is given a list)."""
    params = tuple(
        Param(n, _plain(generics.as_list(t)).render(), mode) for n, t, mode in sig.params
    )
    return FnSig(sig.name, rust_name or ident(sig.name), params, _plain(sig.returns).render())


def _plain(t: pytypes.PyType) -> pytypes.PyType:
    """``t`` with every Counter/defaultdict read as the plain dict it is emitted as (an
    OrderedDict stays one: it is its own Rust type, and Python's value must be one)."""
    t = t if t.name == "OrderedDict" else as_dict(t)
    return pytypes.PyType(t.name, tuple(_plain(a) for a in t.args)) if t.args else t
