"""The rule engine: the passes (front -> analysis -> back, see the package map) for one unit.

``translate`` never raises: a construct outside the supported subset becomes a refusal whose
diagnostics name it and its line; a bug becomes an internal error (``translate.crashed``).
Sibling functions the unit calls are compiled through the same passes (``session.SigTable``)
so that argument types and passing modes agree with how they will be translated themselves.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace

from pipeline.pyimports import import_nodes
from pipeline.records import ClassSig, Diagnostic, FnSig, Translation, TranslationStatus, Unit
from pipeline.rustnames import ident, module_path
from pipeline.translate import crashed
from pipeline.translate.rules.analysis import generics
from pipeline.translate.rules.analysis.facts import NO_EVIDENCE
from pipeline.translate.rules.back.classes import class_sigs
from pipeline.translate.rules.back.function import emit_function
from pipeline.translate.rules.diagnostics import Code, Refusal, Where, diagnostic
from pipeline.translate.rules.front import shadowing, unknown
from pipeline.translate.rules.front.lower import import_map
from pipeline.translate.rules.front.nodes import node_classes
from pipeline.translate.rules.runtime.select import runtime_source
from pipeline.translate.rules.session import (
    SigTable,
    carried_first,
    fn_sig,
    front,
    translate_class,
)
from pipeline.translate.rules.types.handles import handle_classes
from pipeline.translate.rules.types.intmode import big_ints

VERSION = "0.2.47"
MAX_SHADOWS = 4  # locals renamed after a type-changing rebinding (front/shadowing.py)
INTS = ("i64", "big")
BIG_NOTE = "ints: big"  # in Translation.typing (the manifest's typing column) of a big-int unit


@dataclass(frozen=True)
class Done:
    """One function translated: its Rust, runtime helpers, signatures (one per generic
    instance), class signatures, assumed typings, the table that typed it, generic or not."""

    rust: str
    helpers: tuple[str, ...]
    sigs: tuple[FnSig, ...]
    classes: tuple[ClassSig, ...]
    typing: tuple[str, ...]
    table: SigTable
    generic: bool
    uses: tuple[str, ...] = ()  # `use` paths of the classes of other modules it names


class RuleEngine:
    """Rule-based Python -> Rust translation (see the package docstring for the passes).

    ``ints``: "i64" (the default: an int is an i64 whose overflow panics) or "big" (every
    int is the runtime's unbounded ``crate::pyrt::Int``, ``bigint`` in the type language; for
    a unit whose i64 translation overflowed). The mode is part of ``Translation.engine``
    (``rules@V+ints:big``), so of every cache key made from it."""

    name = "rules"
    version = VERSION

    def __init__(self, ints: str = "i64") -> None:
        if ints not in INTS:
            raise ValueError(f"ints must be one of {INTS}, not {ints!r}")
        self.ints = ints

    @property
    def engine_id(self) -> str:
        """``name@version``, with ``+ints:big`` in big-int mode."""
        return f"{self.name}@{self.version}" + ("+ints:big" if self.ints == "big" else "")

    def with_big_ints(self) -> RuleEngine:
        """This engine with unbounded ints (``pipeline/widen.py`` retries overflowed units)."""
        return RuleEngine("big")

    def translate(self, unit: Unit) -> Translation:
        """Translate one unit; refusals and crashes are returned, never raised."""
        start = time.perf_counter()
        engine = self.engine_id
        try:
            typing: tuple[str, ...] = ()
            with big_ints(self.ints == "big"), handle_classes(_node_classes(unit)):
                rust, helpers, sigs, cls_sigs, typing, foreign = self._unit(unit)
            uses = ("crate::pyrt::PySeq",) if "seq" in helpers else ()
            uses = tuple(sorted({*uses, *foreign}))
        except Refusal as exc:
            if exc.code == Code.UNKNOWN_NAME:
                exc.message = unknown.explain(exc.message, unit)
            elif exc.code in (Code.CALL, Code.ANNOTATION):
                exc.message = unknown.explain_imported(exc.message, unit)
            return Translation(
                unit.id,
                engine,
                TranslationStatus.REFUSED,
                diagnostics=(diagnostic(exc), *_waiting(exc)),
                seconds=time.perf_counter() - start,
            )
        except Exception:  # an engine bug must not kill the task
            return crashed(unit, engine, start)
        return Translation(
            unit.id,
            engine,
            TranslationStatus.TRANSLATED,
            rust=rust,
            helpers=helpers,
            uses=uses,
            signatures=sigs,
            seconds=time.perf_counter() - start,
            classes=cls_sigs,
            typing=typing,
        )

    def _unit(
        self, unit: Unit
    ) -> tuple[
        str,
        tuple[str, ...],
        tuple[FnSig, ...],
        tuple[ClassSig, ...],
        tuple[str, ...],
        tuple[str, ...],
    ]:
        """A class or a function unit (a function only, in big-int mode); last, the `use`
        paths of the classes of other modules it names."""
        if unit.kind == "class" and self.ints == "big":
            raise Refusal(
                Code.UNIT_KIND, "classes are not translated with unbounded ints", unit.first_line
            )
        if unit.kind == "class":
            return (*translate_class(unit), ())
        done = self._translate(unit)
        if unit.foreign:
            done = self._nested(unit, done)
        typing = done.typing + ((BIG_NOTE,) if self.ints == "big" else ())
        return done.rust, done.helpers, done.sigs, done.classes, typing, done.uses

    def _translate(self, unit: Unit) -> Done:
        """One function; a generic one gets an entry point per instantiation; also the
        parameter types it assumed (``s: str (usage)``)."""
        where = Where(unit.first_line)
        if unit.kind != "function":
            raise Refusal(
                Code.UNIT_KIND, f"unit kind {unit.kind!r} is not supported", unit.first_line
            )
        source = unit.source
        for _ in range(MAX_SHADOWS):
            try:
                return self._translate_source(unit, source, where)
            except Refusal as exc:
                again = _shadowed(exc, source, unit.first_line)
                if again is None:
                    raise
                source = again
        return self._translate_source(unit, source, where)

    def _translate_source(self, unit: Unit, source: str, where: Where) -> Done:
        imports = carried_first(import_map(unit.imports), unit)
        table = SigTable(unit, imports)
        with table.compiling(unit.qualname):
            fn = table.lowered(source, where)
            try:
                sig, typed, own = front(fn, table)
                table.check_cycle(fn.name, sig)
                names = generics.signature_typevars(sig)
                header, need = "", []
                if names:
                    need = generics.bounds(typed, table.lookup)
                    header = generics.generic_params(names, need)
                rust, helpers = emit_function(fn, typed, own, sig, table, generic_params=header)
                helpers += generics.bound_helpers(need)
            except Refusal as exc:
                assumed = [a.param for a in table.typing.get(fn.name, ()) if a.source == "usage"]
                raise AssumedRefusal(exc, assumed) if assumed else exc from None
        sigs = generics.instances(sig, names) if names else (fn_sig(sig),)
        typing = tuple(a.render() for a in table.typing.get(fn.name, ()))
        return Done(rust, helpers, sigs, class_sigs(table, sig), typing, table, bool(names))

    def _nested(self, unit: Unit, done: Done) -> Done:
        """``done`` with the Rust of the functions of other modules it calls (``unit.foreign``,
        ``units/crossconst.py``) as items at the start of its function's body, where their
        names mean them and nothing else does (private copies: the unit compiles and verifies
        alone, and the crate's modules stay as they are). Each is translated as the unit of
        its own module it is (its constants, imports and siblings); those its nested copies
        call are nested beside it. Refused (PT040) when one is refused there, is generic, or
        was typed differently by a caller here than by itself."""
        by_name = {f.qualname: f for f in unit.foreign if f.kind == "function"}
        items: dict[str, Done] = {}
        todo = sorted(by_name.keys() & _words(done.rust), reverse=True)
        while todo:
            name = todo.pop()
            if name in items:
                continue
            home = by_name[name]
            try:
                got = self._translate(replace(home, foreign=()))
            except Refusal as exc:
                raise Refusal(
                    Code.SIBLING_CALL,
                    f"{name}, a function of {home.module} it calls, is refused there "
                    f"({exc.code} {exc.message})",
                    unit.first_line,
                ) from None
            if got.generic or len(got.sigs) != 1:
                raise Refusal(
                    Code.SIBLING_CALL,
                    f"{name}, a function of {home.module} it calls, is generic (a copy of it "
                    "is not instantiated here)",
                    unit.first_line,
                )
            items[name] = got
            todo += sorted((by_name.keys() & _words(got.rust)) - items.keys(), reverse=True)
        for caller, view in [(unit.qualname, done), *items.items()]:
            for name, got in items.items():
                seen = view.table.done.get(name) if name != caller else None
                if seen is not None and fn_sig(seen) != got.sigs[0]:
                    raise Refusal(
                        Code.SIBLING_CALL,
                        f"{name}, a function of {by_name[name].module}, is typed differently "
                        f"by {caller} here than in its module",
                        unit.first_line,
                    )
        uses = self._foreign_classes(unit, done, items)
        if not items:
            return replace(done, uses=uses)
        text = "\n".join(_private(items[name].rust) for name in sorted(items))
        helpers = tuple(sorted({*done.helpers, *(h for d in items.values() for h in d.helpers)}))
        rust = _nest(done.rust, ident(unit.qualname), text)
        if rust is None:
            raise Refusal(
                Code.SIBLING_CALL,
                "functions of other modules it calls: no function body to nest them in",
                unit.first_line,
            )
        return replace(done, rust=rust, helpers=helpers, uses=uses)

    def _foreign_classes(self, unit: Unit, done: Done, items: dict[str, Done]) -> tuple[str, ...]:
        """The `use` paths of the classes of other modules (``unit.foreign``) that the Rust of
        ``done`` or of its nested copies names: the class stays where it lives, one type for
        the whole crate. Refused (PT040) when one is refused in its own module (there it is
        translated and verified as itself) or is built differently here than there."""
        classes = {f.qualname: f for f in unit.foreign if f.kind == "class"}
        if not classes:
            return ()
        words = _words(done.rust).union(*(_words(d.rust) for d in items.values()))
        seen = {c.py_name: c for d in (done, *items.values()) for c in d.classes}
        bound = _import_names(unit.imports)
        for c in done.classes:  # the verifier builds its inputs from the unit's module
            if c.py_name in classes and c.py_name not in bound:
                raise Refusal(
                    Code.SIBLING_CALL,
                    f"{c.py_name}, a class of {classes[c.py_name].module} its values hold, is no "
                    f"name of {unit.module} (the verifier builds its objects from there)",
                    unit.first_line,
                )
        uses = []
        for name in sorted(classes.keys() & (words | seen.keys())):
            home = classes[name]
            try:
                _, _, _, sigs, _ = translate_class(replace(home, foreign=()))
            except Refusal as exc:
                raise Refusal(
                    Code.SIBLING_CALL,
                    f"{name}, a class of {home.module} it uses, is refused there "
                    f"({exc.code} {exc.message})",
                    unit.first_line,
                ) from None
            own = {c.py_name: c for c in sigs}
            mine = own.get(name)
            if mine is None or any(seen.get(n, c) != c for n, c in own.items()):
                raise Refusal(
                    Code.SIBLING_CALL,
                    f"{name}, a class of {home.module} it uses, is built differently here than "
                    "in its module",
                    unit.first_line,
                )
            uses.append("::".join(("crate", *module_path(home.path), mine.rust_name)))
        return tuple(uses)

    def runtime_source(self, helpers: Iterable[str]) -> str:
        """The ``pyrt`` module with exactly ``helpers`` and their dependencies."""
        return runtime_source(helpers)


class AssumedRefusal(Refusal):
    """A refusal under parameter types assumed from the body's uses: literal calls elsewhere
    in the repository may still type them (``units/crossmod.py`` retries a unit whose
    diagnostics say it lacks such a call)."""

    def __init__(self, exc: Refusal, params: list[str]) -> None:
        super().__init__(exc.code, exc.message, exc.line)
        self.params = params


def _shadowed(exc: Refusal, source: str, first_line: int) -> str | None:
    """``source`` with the local a ``changes type`` refusal names renamed from that line on
    (``front/shadowing.py``), or None."""
    name = shadowing.changed_name(exc.message) if exc.code == Code.TYPE_CHANGE else None
    if name is None or exc.line is None:
        return None
    return shadowing.renamed(source, name, exc.line - first_line + 1)


def _waiting(exc: Refusal) -> tuple[Diagnostic, ...]:
    """One PT020 per parameter typed from usage in a refused function (after the refusal)."""
    if not isinstance(exc, AssumedRefusal):
        return ()
    return tuple(
        Diagnostic(
            Code.UNTYPED_PARAMETER.value,
            f"untyped parameter {p} ({NO_EVIDENCE}; typed from its uses instead)",
        )
        for p in exc.params
    )


def _node_classes(unit: Unit) -> frozenset[str]:
    """The node classes of the unit's module (front/nodes.py)."""
    return node_classes({**dict(unit.context), unit.qualname: unit.source})


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PUB_FN = re.compile(r"^(\s*)pub fn ", re.M)


def _words(rust: str) -> set[str]:
    """The identifiers of Rust text (a nested copy is emitted only where its name occurs)."""
    return set(_WORD.findall(rust))


def _import_names(imports: Iterable[str]) -> set[str]:
    """The names the module's import statements bind (relative ones too)."""
    return {a.asname or a.name.partition(".")[0] for n in import_nodes(imports) for a in n.names}


def _private(rust: str) -> str:
    """Rust items without ``pub`` (nested in a function body)."""
    return _PUB_FN.sub(r"\1fn ", rust).strip("\n")


def _nest(rust: str, name: str, items: str) -> str | None:
    """``rust`` with ``items`` just inside the body of its ``pub fn name``: after the first
    ``{`` outside the parameter list's parentheses (a signature holds no braces)."""
    head = re.search(rf"^\s*pub fn {re.escape(name)}\b", rust, re.M)
    if head is None:
        return None
    depth = 0
    for i in range(head.end(), len(rust)):
        ch = rust[i]
        if ch in "(<[":
            depth += 1
        elif ch in ")>]" and not (ch == ">" and rust[i - 1] == "-"):
            depth -= 1
        elif ch == "{" and depth == 0:
            return rust[: i + 1] + "\n" + items + "\n" + rust[i + 1 :]
    return None
