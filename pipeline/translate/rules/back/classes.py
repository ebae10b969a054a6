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

from pipeline.pytypes import PyType, is_class, is_typevar, rust_str
from pipeline.records import ClassSig, FnSig, Param
from pipeline.rustnames import ident
from pipeline.translate.rules.analysis.facts import Ownership, Signature, Signatures, Typed
from pipeline.translate.rules.back.function import emit_function
from pipeline.translate.rules.back.rust import rtype
from pipeline.translate.rules.diagnostics import Code, Refusal
from pipeline.translate.rules.front.classes import BASE_VARIANT, ClassModel
from pipeline.translate.rules.ir import nodes as ir
from pipeline.translate.rules.types import intmode
from pipeline.translate.rules.types.unify import as_dict, is_copy

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
    table: Signatures,
    helpers: set[str],
) -> str:
    """A base class's member: ``new`` builds the base variant; a method is the base's body
    (private ``base_<name>``, run for the base's own instances) and a ``pub`` method that
    calls the variant's version (every subclass has one: its own or a copy)."""
    if rust_name == "new":
        return f"pub fn new() -> {model.name} {{\n    {model.name}::{BASE_VARIANT}\n}}\n"
    sig, typed, own = front
    private = f"base_{rust_name}"
    if private in {model.rust_method(m) for m in model.methods}:
        raise Refusal(
            Code.CLASS_FORM,
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


def handle_text(model: ClassModel) -> str:
    """A node class (types/handles.py): ``pub struct ClsData { fields }`` and the handle
    ``pub struct Cls(Rc<RefCell<ClsData>>)``; a clone is another reference to the same
    object, ``==`` is identity (Python's default ``__eq__``), and ``Debug`` names the class
    only (a cyclic structure has no finite field-by-field form). Dropping a node frees the
    chain behind it node by node (a long list would overflow the stack with nested drops)."""
    name = model.name
    data = f"{name}Data"
    fields = "".join(f"    pub {ident(n)}: {rtype(t)},\n" for n, t in model.fields.items())
    body = f" {{\n{fields}}}" if fields else " {}"
    link = PyType("Optional", (PyType(name),))
    links = [ident(n) for n, t in model.fields.items() if t == link]
    take = "".join(f"        todo.extend(self.{n}.take());\n" for n in links)
    again = "".join(f"                todo.extend(data.{n}.take());\n" for n in links)
    return (
        f"pub struct {data}{body}\n\n"
        f"impl Drop for {data} {{\n"
        "    fn drop(&mut self) {\n"
        f"        let mut todo: Vec<{name}> = Vec::new();\n"
        f"{take}"
        "        while let Some(node) = todo.pop() {\n"
        "            if let Ok(cell) = std::rc::Rc::try_unwrap(node.0) {\n"
        "                let mut data = cell.into_inner();\n"
        f"{again}"
        "            }\n"
        "        }\n"
        "    }\n"
        "}\n\n"
        "#[derive(Clone)]\n"
        f"pub struct {name}(pub std::rc::Rc<std::cell::RefCell<{data}>>);\n\n"
        f"impl PartialEq for {name} {{\n"
        "    fn eq(&self, other: &Self) -> bool {\n"
        "        std::rc::Rc::ptr_eq(&self.0, &other.0)\n    }\n}\n\n"
        f"impl std::fmt::Debug for {name} {{\n"
        "    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {\n"
        f'        write!(f, "<{name} object>")\n    }}\n}}\n'
    )


def check_handle_names(model: ClassModel, class_names: frozenset[str]) -> None:
    """The names a handle adds (``ClsData``, one getter per attribute) must be free."""
    if f"{model.name}Data" in class_names:
        raise Refusal(
            Code.CLASS_FORM,
            f"node class {model.name} next to a class {model.name}Data "
            "(the name of its fields' struct)",
            model.line,
        )
    methods = {model.rust_method(m) for m in model.methods}
    clash = sorted(ident(f) for f in model.fields if ident(f) in methods)
    if clash:
        raise Refusal(
            Code.CLASS_FORM,
            f"node class {model.name}: attribute {clash[0]} and a method of the same Rust name",
            model.line,
        )


def handle_getters(model: ClassModel) -> list[str]:
    """One getter per attribute: a copy of the value (a new reference for a node), the
    borrow ending inside the getter, so that a store into the same object may follow."""
    out = []
    for n, t in model.fields.items():
        take = "" if is_copy(t) else ".clone()"
        out.append(
            f"pub fn {ident(n)}(&self) -> {rtype(t)} {{\n    self.0.borrow().{ident(n)}{take}\n}}\n"
        )
    return out


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


def class_sigs(table: Signatures, *sigs: Signature) -> tuple[ClassSig, ...]:
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
        fields = tuple(Param(n, _as_emitted(t).render()) for n, t in model.fields.items())
        defaults = _default_literals(front[0])
        mutators = _mutators(table, model)
        out.append(
            ClassSig(
                name, name, init, fields, defaults, tuple(model.subclasses), model.handle, mutators
            )
        )
    return tuple(out)


def _mutators(table: Signatures, model: ClassModel) -> tuple[FnSig, ...]:
    """The plain methods that change their object (``&mut self``) and take only values the
    verifier draws (no objects, functions or type variables, each parameter by value or
    borrowed): called on drawn objects before a tested call. None for node classes and class
    hierarchies (built otherwise)."""
    if model.handle or model.subclasses or model.base is not None or intmode.big():
        return ()  # (a big-int translation's ints are not the verifier's ``int`` literals)
    out = []
    for key, kind in model.kinds.items():
        if kind != "instance" or "." in key or key.startswith("__"):
            continue
        front = table.member(f"{model.name}.{key}")
        if front is None:
            continue
        sig = front[0]
        if not sig.params or sig.params[0][2] != "mut" or sig.varargs or sig.varkw:
            continue
        rest = sig.params[1:]
        if any(mode not in ("value", "ref", "mut") or not _drawn(t) for _n, t, mode in rest):
            continue
        params = tuple(Param(n, _as_emitted(t).render(), mode) for n, t, mode in sig.params)
        rust = f"{model.name}::{model.rust_method(key)}"
        out.append(FnSig(f"{model.name}.{key}", rust, params, _as_emitted(sig.returns).render()))
    return tuple(out)


def _drawn(t: PyType) -> bool:
    """Whether the verifier draws values of ``t`` for a mutator's call."""
    if is_class(t) or t.name in ("Callable", "bigint") or is_typevar(t):
        return False
    return all(_drawn(a) for a in t.args)


def _as_emitted(t: PyType) -> PyType:
    """A field's type as the verifier reads it back: a defaultdict or Counter is the
    runtime's dict it is emitted as (its Python value a dict subclass with the same items)."""
    t = t if t.name == "OrderedDict" else as_dict(t)
    return PyType(t.name, tuple(_as_emitted(a) for a in t.args)) if t.args else t


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
