"""What will be tested: one FnPlan per entry point (FnSig), with its cases and their results.

Planning is pure (no processes): parse the signature's types, build the inputs, and turn each
input into Rust expressions (or note that it does not fit the Rust types).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pipeline.verify.callables as callables
from pipeline import codec
from pipeline.pytypes import (
    OPT_MUT,
    PARAM_MODES,
    ClassShape,
    DoesNotFit,
    Mutator,
    PyType,
    TypeSyntaxError,
    is_class,
    parse,
    rust_literal,
)
from pipeline.records import ClassSig, FnSig, Translation, Unit
from pipeline.rustnames import module_path
from pipeline.verify.harness import HarnessCase, HarnessFn, input_data, rust_call_path
from pipeline.verify.inputs import Case, CaseSet, InputRequest, build_cases


@dataclass
class CaseRun:
    """One input of one function and what each side made of it."""

    id: int  # harness case id, unique within a verify_crate call
    case: Case
    literals: tuple[str, ...] | None  # Rust expressions per argument; None if not fit
    not_fit: str = ""  # why the input cannot be built in Rust (a mismatch)
    pending: bool = False  # literals not built yet (a generated input: see build_literals)
    py: dict | None = None  # the sandbox child's response
    rust: dict | None = None  # the harness row
    _decoded: dict[int | None, object] = field(default_factory=dict, repr=False)

    def py_decoded(self, index: int | None = None) -> object:
        """The Python call's result (``index`` None) or its argument ``index`` after the
        call, decoded once (judging an input and showing it both read them)."""
        if index not in self._decoded:
            assert self.py is not None
            tree = self.py["value"] if index is None else self.py["args"][index]
            self._decoded[index] = codec.decode(tree)
        return self._decoded[index]


@dataclass
class FnPlan:
    """One entry point of one unit."""

    index: int
    unit: Unit
    sig: FnSig
    params: list[tuple[PyType, str]] = field(default_factory=list)
    returns: PyType | None = None
    problem: str = ""  # set when the entry point cannot be tested at all
    cases: list[CaseRun] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    observe: callables.Observation | None = None  # a result holding callables is applied
    classes: dict[str, ClassShape] = field(default_factory=dict)  # of the unit's module
    typing: tuple[str, ...] = ()  # parameter types assumed without annotation (Translation)
    inputs: CaseSet | None = field(default=None, repr=False)  # generated ones drawn on demand
    ids: Iterator[int] | None = field(default=None, repr=False)  # case ids of the whole run
    _observed: list[tuple[int, PyType]] | None = field(default=None, repr=False)

    def draw(self, n: int) -> list[CaseRun]:
        """Up to ``n`` more generated inputs, appended to the cases (their Rust literals
        pending); [] once the draw is exhausted."""
        if self.inputs is None or self.ids is None:
            return []
        runs = [CaseRun(next(self.ids), c, None, pending=True) for c in self.inputs.draw(n)]
        self.cases += runs
        return runs

    def observed(self) -> list[tuple[int, PyType]]:
        """Parameters whose value after the call is compared: ``mut`` and ``optmut`` ones,
        and borrowed objects (``self`` above all: a method must leave its object as Python's
        does; an object passed by value was rebound, not changed, and is the callee's),
        and nodes passed by value (a shared handle: the caller's node changes with it).
        Computed once, when the plan is complete (every input's judgement asks)."""
        if self._observed is None:
            self._observed = [
                (i, t)
                for i, (t, mode) in enumerate(self.params)
                if mode in ("mut", OPT_MUT)
                or (mode == "ref" and _has_class(t))
                or (mode == "value" and self.has_node(t))
            ]
        return self._observed

    def has_node(self, t: PyType) -> bool:
        """Whether a node (a shared handle) occurs in ``t``."""
        shape = self.classes.get(t.name) if is_class(t) else None
        return (shape is not None and shape.handle) or any(self.has_node(a) for a in t.args)

    def harness_fn(self, crate: str, ids: set[int] | None = None) -> HarnessFn:
        """This plan as a harness function (only cases in ``ids``, when given)."""
        path = trait_path(
            crate,
            self.sig.py_name,
            rust_call_path(crate, module_path(self.unit.path), self.sig.rust_name),
        )
        types = [t for t, _ in self.params]
        cases = tuple(
            HarnessCase(c.id, c.literals, input_data(types, c.case.args))
            for c in self.cases
            if c.literals is not None and (ids is None or c.id in ids)
        )
        assert self.returns is not None
        wrap = self.observe.rust if self.observe is not None else "$CALL"
        observed = tuple(i for i, _ in self.observed())
        return HarnessFn(
            self.index,
            path,
            tuple(self.params),
            self.returns,
            cases,
            wrap,
            observed,
            tuple(self.classes.values()),
        )


# special methods translated as trait methods: (trait path, the crate's own trait?)
TRAIT_METHODS = {
    "__str__": ("pyrt::PyStr", True),
    "__repr__": ("pyrt::PyStr", True),
    "__eq__": ("std::cmp::PartialEq", False),
    "__lt__": ("std::cmp::PartialOrd", False),
}


def trait_path(crate: str, py_name: str, path: str) -> str:
    """``<crate::m::Cls as Trait>::method`` for a special method that the engine emits as a
    trait method (``Cls.__repr__`` -> ``PyStr::py_repr``); ``path`` unchanged otherwise."""
    special = py_name.rpartition(".")[2]
    if special not in TRAIT_METHODS:
        return path
    trait, own = TRAIT_METHODS[special]
    owner, _, method = path.rpartition("::")
    return f"<{owner} as {crate + '::' if own else ''}{trait}>::{method}"


def _has_class(t: PyType) -> bool:
    return is_class(t) or any(_has_class(a) for a in t.args)


def class_shapes(
    classes: tuple[ClassSig, ...],
    crate: str,
    module: tuple[str, ...],
    homes: dict[str, tuple[str, ...]] | None = None,
) -> dict[str, ClassShape]:
    """The verifier's view of a translation's classes (Rust paths inside ``crate``; a class
    of another module the unit uses, ``homes``, lives in that module's Rust)."""
    names = [c.py_name for c in classes]
    out = {}
    for c in classes:
        where = (homes or {}).get(c.py_name, module)
        path = rust_call_path(crate, where, c.rust_name)
        init = tuple(parse(p.py_type, names) for p in c.init)
        fields = tuple((p.name, parse(p.py_type, names)) for p in c.fields)
        mutators = tuple(_mutators(c, crate, where, names))
        out[c.py_name] = ClassShape(
            c.py_name, path, init, fields, c.defaults, c.variants, c.handle, mutators
        )
    return out


def _mutators(
    c: ClassSig, crate: str, module: tuple[str, ...], names: list[str]
) -> Iterator[Mutator]:
    """The methods a drawn object of ``c`` may be changed with before the tested call
    (those whose types the verifier reads)."""
    for m in c.mutators:
        try:
            params = tuple((parse(p.py_type, names), p.mode) for p in m.params[1:])
        except TypeSyntaxError:
            continue
        path = rust_call_path(crate, module, m.rust_name)
        yield Mutator(m.python_name.rsplit(".", 1)[-1], path, params)


@dataclass(frozen=True)
class PlanSettings:
    """The planning knobs taken from VerifyOptions."""

    count: int
    seed: int
    user_cases: dict[str, list[object]]
    first: int | None = None  # generated inputs drawn at planning (None: all); FnPlan.draw
    draw_store: Path | None = None  # draws kept across processes (strategies.draw_stream)


def parse_sig(
    sig: FnSig, classes: tuple[str, ...] | list[str] = ()
) -> tuple[list[tuple[PyType, str]], PyType]:
    """Parameter (type, mode) pairs and the return type; TypeSyntaxError if unsupported."""
    params = []
    for p in sig.params:
        if p.mode not in PARAM_MODES:
            raise TypeSyntaxError(f"parameter {p.name}: unknown mode {p.mode!r}")
        t = parse(p.py_type, classes)
        if p.mode == OPT_MUT and t.name != "Optional":
            raise TypeSyntaxError(f"parameter {p.name}: mode {OPT_MUT} of a {t.render()}")
        params.append((t, p.mode))
    return params, parse(sig.returns, classes)


def to_literals(
    params: list[tuple[PyType, str]],
    args: tuple[object, ...],
    crate: str,
    classes: dict[str, ClassShape] | None = None,
) -> tuple[str, ...]:
    """Rust expressions for ``args`` (DoesNotFit / TypeError propagate)."""
    return tuple(rust_literal(t, a, crate, classes) for (t, _), a in zip(params, args, strict=True))


def plan_fn(
    index: int,
    unit: Unit,
    sig: FnSig,
    module_source: str,
    crate: str,
    settings: PlanSettings,
    ids: Iterator[int],
    classes: tuple[ClassSig, ...] = (),
) -> FnPlan:
    """Types, inputs and Rust literals for one entry point (case ids taken from ``ids``)."""
    plan = FnPlan(index, unit, sig, ids=ids)
    try:
        homes = {f.qualname: module_path(f.path) for f in unit.foreign if f.kind == "class"}
        plan.classes = class_shapes(classes, crate, module_path(unit.path), homes)
        plan.params, plan.returns = parse_sig(sig, list(plan.classes))
    except TypeSyntaxError as exc:
        plan.problem = f"{sig.py_name}: type not supported by the verifier: {exc}"
        return plan
    try:
        plan.observe = callables.observe_iterator(sig.returns, plan.returns) or callables.observe(
            plan.returns, crate
        )
    except callables.NotObservable as exc:
        plan.problem = f"{sig.py_name}: {exc}"
        return plan
    if plan.observe is not None:
        plan.returns = plan.observe.type
    plan.problem = callables.check_params(plan.params)
    if plan.problem:
        plan.problem = f"{sig.py_name}: {plan.problem} cannot be verified"
        return plan
    request = InputRequest(
        f"{unit.path}::{sig.py_name}",
        sig.python_name,
        [p.name for p in sig.params],
        [t for t, _ in plan.params],
        module_source or unit.source,
        plan.classes,
        tuple(p.name for p in sig.params if p.mode == OPT_MUT),
        tuple(text for name, text in unit.call_examples if name == sig.python_name),
    )
    built = build_cases(
        request,
        settings.user_cases,
        settings.count,
        settings.seed,
        settings.first,
        settings.draw_store,
    )
    plan.notes += built.notes
    plan.inputs = built
    for case in built.cases:
        run = CaseRun(0, case, None, pending=case.origin == "generated")
        if run.pending or _with_literals(run, plan, crate):
            run.id = next(ids)
            plan.cases.append(run)
    return plan


def _with_literals(run: CaseRun, plan: FnPlan, crate: str) -> bool:
    """Build ``run``'s Rust literals (or say why the input does not fit the Rust types);
    False, with a note, when the input is not of the parameter types at all."""
    run.pending = False
    try:
        run.literals = to_literals(plan.params, run.case.args, crate, plan.classes)
    except DoesNotFit as exc:
        run.not_fit = str(exc)
    except (TypeError, TypeSyntaxError) as exc:
        plan.notes.append(f"{run.case.origin} input {run.case.args!r} ignored: {exc}")
        return False
    return True


def build_literals(plans: list[FnPlan], crate: str) -> None:
    """The Rust literals of the generated inputs left in the plans once the Python side ran.
    Planning builds those of doctest, call and user inputs only (an input of the wrong type
    is left out before it runs); drawn inputs are of the parameter types by construction,
    and about half of them are never run (coverage stops the drawing first)."""
    for plan in plans:
        plan.cases = [
            run for run in plan.cases if not run.pending or _with_literals(run, plan, crate)
        ]


def plan_items(
    items: list[tuple[Unit, Translation]],
    modules: dict[str, str],
    crate: str,
    settings: PlanSettings,
) -> list[FnPlan]:
    """One FnPlan per FnSig of every translated unit, case ids numbered across all."""
    plans: list[FnPlan] = []
    ids = itertools.count()
    for unit, translation in items:
        for sig in translation.signatures if translation.ok else ():
            plan = plan_fn(
                len(plans),
                unit,
                sig,
                modules.get(unit.path, ""),
                crate,
                settings,
                ids,
                translation.classes,
            )
            plan.typing = translation.typing
            plans.append(plan)
    return plans
