"""Classes, pass 5: a ClassModel -> ``pub struct`` + ``impl`` text and the verifier's records.

The struct derives only what is sound: ``Clone`` and ``Debug`` always, ``PartialEq`` for
dataclasses (field-by-field ``==``, as the generated ``__eq__``), ``PartialOrd`` for
``order=True`` (fields compared in declaration order, like Python's tuple comparison).
``__str__``/``__repr__`` become ``impl crate::pyrt::PyStr`` (a dataclass without ``__repr__``
gets its generated repr when it is reproducible exactly); every other member is an inherent
method (``new`` for the constructor).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.pytypes import PyType, is_class, rust_str
from pipeline.records import ClassSig, FnSig, Param, Unit
from pipeline.rustnames import ident
from pipeline.translate.rules import ir, lower
from pipeline.translate.rules.classes import BASE_VARIANT, COMPARE, DISPLAY, ClassModel
from pipeline.translate.rules.diagnostics import Refusal
from pipeline.translate.rules.emit import rtype, type_helpers
from pipeline.translate.rules.fmt import _needs_dict

if TYPE_CHECKING:
    from pipeline.translate.rules.engine import SigTable
    from pipeline.translate.rules.infer import Signature, Typed
    from pipeline.translate.rules.ownership import Ownership

PYSTR = "crate::pyrt::PyStr"
LINT_NAMES = {
    "add",
    "sub",
    "mul",
    "div",
    "neg",
    "not",
    "len",
    "from_str",
    "next",
    "hash",
    "eq",
    "cmp",
    "partial_cmp",
    "default",
    "clone",
    "deref",
    "drop",
    "index",
}


def translate_class(
    unit: Unit,
) -> tuple[str, tuple[str, ...], tuple[FnSig, ...], tuple[ClassSig, ...]]:
    """Rust items, runtime helpers, entry points and class records of a class unit."""
    from pipeline.translate.rules.engine import SigTable, emit_function, fn_sig

    table = SigTable(unit, lower.import_map(unit.imports), unit.first_line)
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
    parts = [struct_text(model), impl_text(model.name, methods), *compare_impls(model, compare)]
    if model.subclasses:
        parts[0] = enum_text(model)
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
    )


def sigs_of(table: SigTable, model: ClassModel) -> list[Signature]:
    """The constructor's signature (it names the class's own type)."""
    front = table.member(model.name)
    assert front is not None
    return [front[0]]


def enum_text(model: ClassModel) -> str:
    """A base class: ``pub enum Base { Base, Sub(Sub), ... }`` (its own instances and one
    variant per subclass of the module)."""
    variants = "".join(f"    {s}({s}),\n" for s in model.subclasses)
    return f"#[derive(Clone, Debug)]\npub enum {model.name} {{\n    {BASE_VARIANT},\n{variants}}}\n"


def base_member(
    model: ClassModel,
    rust_name: str,
    fn: ir.Function,
    front: tuple[Signature, Typed, Ownership],
    table: SigTable,
    helpers: set[str],
) -> str:
    """A base class's member: ``new`` builds the base variant; a method is the base's body
    (private ``base_<name>``, run for the base's own instances) and a ``pub`` method that
    calls the variant's version (every subclass has one: its own or a copy)."""
    from pipeline.translate.rules.engine import emit_function

    if rust_name == "new":
        return f"pub fn new() -> {model.name} {{\n    {model.name}::{BASE_VARIANT}\n}}\n"
    sig, typed, own = front
    private = f"base_{rust_name}"
    if private in {model.rust_method(m) for m in model.methods}:
        raise Refusal(
            "PT050",
            f"method {private} of base class {model.name} (the name of the "
            f"private body of {rust_name})",
            fn.line,
        )
    text, used = emit_function(fn, typed, own, sig, table, item=(private, "instance"))
    helpers.update(used)
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"pub fn {private}("))
    header = re.sub(
        r"(?<![&\w])mut (?=\w+:)",
        "",
        lines[at].replace(f"pub fn {private}(", f"pub fn {rust_name}(", 1),
    )
    args = ", ".join(ident(n) for n, _t, _m in sig.params[1:])
    arms = [f"        {model.name}::{BASE_VARIANT} => self.{private}({args}),"] + [
        f"        {model.name}::{s}(o) => o.{rust_name}({args})," for s in model.subclasses
    ]
    dispatch = "\n".join([*lines[:at], header, "    match self {", *arms, "    }", "}"])
    body = "\n".join(lines[:at] + [lines[at].removeprefix("pub ")] + lines[at + 1 :])
    return f"{dispatch}\n\n{body}\n"


def struct_text(model: ClassModel) -> str:
    """``#[derive(...)] pub struct Cls { pub field: T, ... }``."""
    derives = ["Clone", "Debug"]
    if model.derived_eq():
        derives.append("PartialEq")
        if model.order and model.orderable():
            derives.append("PartialOrd")
    fields = "".join(f"    pub {ident(n)}: {rtype(t)},\n" for n, t in model.fields.items())
    body = f" {{\n{fields}}}" if fields else ";"
    return f"#[derive({', '.join(derives)})]\npub struct {model.name}{body}\n"


def compare_impls(model: ClassModel, compare: dict[str, str]) -> list[str]:
    """``impl PartialEq`` from ``__eq__`` and ``impl PartialOrd`` from ``__lt__``.

    Python's ``a > b`` without ``__gt__`` is the reflected ``b.__lt__(a)``: ``gt`` says so;
    ``<=``/``>=`` raise in Python and are refused where used. ``PartialOrd`` needs a
    ``PartialEq``: without ``__eq__`` (or a dataclass's) it is Python's default, identity."""
    name = model.name
    out = []
    if "__eq__" in compare:
        out.append(f"impl PartialEq for {name} {{\n{compare['__eq__']}}}\n")
    if "__lt__" in compare:
        if not model.comparable():
            out.append(
                f"impl PartialEq for {name} {{\n"
                "    fn eq(&self, other: &Self) -> bool {\n"
                "        std::ptr::eq(self, other)\n    }\n}\n"
            )
        out.append(
            f"impl PartialOrd for {name} {{\n"
            "    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {\n"
            "        if self.lt(other) {\n            Some(std::cmp::Ordering::Less)\n"
            "        } else if other.lt(self) {\n            Some(std::cmp::Ordering::Greater)\n"
            "        } else if self == other {\n            Some(std::cmp::Ordering::Equal)\n"
            "        } else {\n            None\n        }\n    }\n\n"
            f"{compare['__lt__']}\n"
            "    fn gt(&self, other: &Self) -> bool {\n        other.lt(self)\n    }\n}\n"
        )
    return out


def impl_text(name: str, methods: list[str]) -> str:
    """The inherent ``impl`` block."""
    return f"impl {name} {{\n" + "\n".join(methods) + "}\n"


def _lints(text: str, rust_name: str, kind: str, sig: Signature) -> str:
    """Allow the clippy lints a faithful translation trips by design."""
    allows = []
    if rust_name in LINT_NAMES:
        allows.append("clippy::should_implement_trait")
    if rust_name == "len":
        allows.append("clippy::len_without_is_empty")
    if kind == "new" and not sig.params:
        allows.append("clippy::new_without_default")
    if not allows:
        return text
    return f"#[allow({', '.join(allows)})]\n{text}"


def pystr_impl(model: ClassModel, display: list[str]) -> str:
    """``impl crate::pyrt::PyStr``: the class's ``__str__``/``__repr__``, or the dataclass
    repr; a missing repr is unreachable (every use of it is refused where it is printed)."""
    methods = list(display)
    if "__repr__" not in model.methods:
        methods.append(
            auto_repr(model)
            if model.auto_repr()
            else (
                "fn py_repr(&self) -> String {\n"
                f'    unreachable!("repr of a {model.name} object has no translation")\n}}\n'
            )
        )
    return f"impl {PYSTR} for {model.name} {{\n" + "\n".join(methods) + "}\n"


def auto_repr(model: ClassModel) -> str:
    """The dataclass-generated ``__repr__``: ``Cls(a=<repr a>, b=<repr b>)``."""
    names = list(model.fields)
    pieces = (
        [f"{model.name}({names[0]}=", *(f", {n}=" for n in names[1:]), ")"]
        if names
        else [f"{model.name}()"]
    )
    text = '"' + "{}".join(rust_str(p)[1:-1] for p in pieces) + '"'
    args = "".join(f", {PYSTR}::py_repr(&self.{ident(n)})" for n in model.fields)
    return f"fn py_repr(&self) -> String {{\n    format!({text}{args})\n}}\n"


def class_sigs(table: SigTable, *sigs: Signature) -> tuple[ClassSig, ...]:
    """Records of the classes the signatures mention (and the classes their fields do)."""
    names: list[str] = []
    todo = [t for sig in sigs for t in (sig.returns, *(p[1] for p in sig.params))]
    while todo:
        t = todo.pop()
        todo.extend(t.args)
        if is_class(t) and t.name not in names:
            names.append(t.name)
            model = table.model(t.name)
            if model is not None:
                todo.extend(model.fields.values())
                todo.extend(PyType(s) for s in model.subclasses)
    out = []
    for name in sorted(names):
        model = table.model(name)
        front = table.member(name)
        if model is None or front is None:
            continue
        init = tuple(Param(p, t.render(), "value") for p, t, _mode in front[0].params)
        fields = tuple(Param(n, t.render()) for n, t in model.fields.items())
        out.append(
            ClassSig(name, name, init, fields, _default_literals(front[0]), tuple(model.subclasses))
        )
    return tuple(out)


def _default_literals(sig: Signature) -> tuple[str, ...]:
    """Python literals of the constructor's trailing defaults (so that a doctest's
    ``Cls("a")`` can be built in Rust with every argument); stops at the first default
    that is not a plain literal."""
    out: list[str] = []
    for default in reversed(sig.defaults):
        text = _literal_text(default)
        if text is None:
            break
        out.append(text)
    return tuple(reversed(out))


def _literal_text(e: ir.Expr | None) -> str | None:
    if isinstance(e, ir.Const):
        return repr(e.value)
    if isinstance(e, ir.Unary) and e.op == "-" and isinstance(e.operand, ir.Const):
        return f"-{e.operand.value!r}"
    if isinstance(e, ir.DictLit) and not e.keys:
        return "{}"
    if isinstance(e, ir.Seq) and not e.elts:
        return {"list": "[]", "tuple": "()", "set": "set()"}[e.kind]
    if isinstance(e, ir.Seq) and e.kind == "tuple":
        parts = [_literal_text(x) for x in e.elts]
        return None if None in parts else "(" + "".join(f"{p}, " for p in parts) + ")"
    return None
