"""The shared type language: Python annotations <-> normalised strings <-> Rust types and values.

One place decides how a Python type is spelled, which Rust type it maps to, how a parameter of
that type is passed, and how a Python value of it is written as a Rust expression. The rule
engine uses it to type signatures; the verifier uses it to build inputs for the Rust side.

Normalised spellings (``render`` produces exactly these):
    int float bool str bytes None
    list[T]  set[T]  dict[K, V]  OrderedDict[K, V]  tuple[A, B]  tuple[T, ...]  Optional[T]
    Callable[[A, B], R]

A ``Callable[[A, B], R]`` is ``PyType("Callable", (A, B, R))``: the last argument is the result.

Rust mapping (owned):
    int -> i64   float -> f64   bool -> bool   str -> String   bytes -> Vec<u8>   None -> ()
    list[T] -> Vec<T>   tuple[T, ...] -> Vec<T>   tuple[A, B] -> (A, B)
    dict[K, V] -> crate::pyrt::PyDict<K, V> (insertion-ordered, like Python's dict)
    OrderedDict[K, V] -> crate::pyrt::PyOrderedDict<K, V> (a PyDict whose == sees order)
    set[T] -> std::collections::HashSet<T>   Optional[T] -> Option<T>
    deque[T] -> crate::pyrt::PyDeque<T> (items only: a drawn deque has no maxlen)
    Callable[[A], R] -> Box<dyn Fn(A') -> R> where stored (a parameter takes ``impl Fn``, a
    returned closure is ``impl Fn``/``impl FnMut``); closure arguments are passed like borrowed
    parameters except Copy scalars (``callable_arg_type``).
Borrowed parameters (mode "ref"): str -> &str, list/tuple[T, ...] -> &[T], bytes -> &[u8],
anything else -> &T.  Mutated parameters (mode "mut"): &mut T.  A parameter of type
``Optional[T]`` changed in place behind the ``None``-default idiom (mode "optmut"):
``Option<&mut T>`` (translate/rules/analysis/nonedefault.py).
Python exceptions map to Rust panics; the verifier treats both as "raised".
"""

from __future__ import annotations

import ast
import functools
import math
from collections import OrderedDict, deque
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from pipeline.codec import New

I64_MIN = -(2**63)
I64_MAX = 2**63 - 1
SCALARS = ("int", "float", "bool", "str", "bytes", "None", "bigint")
RUNTIME_MODULE = "pyrt"
OPT_MUT = "optmut"  # the passing mode of an ``Optional[T]`` changed in place when not None
PARAM_MODES = ("value", "ref", "mut", OPT_MUT)
# annotations that say no more than "untyped": a bare container, ``Any``, ``object`` (the
# sharder collects literal calls for such parameters; the engine types them from their uses)
UNTYPED_ANNOTATIONS = frozenset(
    {"list", "List", "dict", "Dict", "set", "Set", "tuple", "Tuple", "frozenset", "FrozenSet"}
    | {"Any", "object"}
)

_ALIASES = {
    "List": "list",
    "list": "list",
    "Sequence": "list",
    "MutableSequence": "list",
    "Iterable": "list",
    "Iterator": "list",
    "Collection": "list",
    "Dict": "dict",
    "dict": "dict",
    "Mapping": "dict",
    "MutableMapping": "dict",
    "Set": "set",
    "set": "set",
    "FrozenSet": "set",
    "frozenset": "set",
    "AbstractSet": "set",
    "MutableSet": "set",
    "Tuple": "tuple",
    "tuple": "tuple",
    "Optional": "Optional",
    "OrderedDict": "OrderedDict",
    "deque": "deque",
    "Deque": "deque",
}
MAPPINGS = ("dict", "OrderedDict")  # the kinds with two type arguments


class TypeSyntaxError(ValueError):
    """An annotation or type string outside the supported type language."""


class DoesNotFit(ValueError):
    """A Python value that the mapped Rust type cannot represent (e.g. int beyond i64)."""


@dataclass(frozen=True, slots=True)
class PyType:
    """A node of the type language: a scalar name, or a constructor with arguments."""

    name: str  # scalar name, or "list" | "set" | "dict" | "tuple" | "tuple..." | "Optional"
    args: tuple[PyType, ...] = ()

    def render(self) -> str:
        if self.name == "Callable":
            args = ", ".join(a.render() for a in self.args[:-1])
            return f"Callable[[{args}], {self.args[-1].render()}]"
        if not self.args:
            return self.name
        if self.name == "tuple...":
            return f"tuple[{self.args[0].render()}, ...]"
        return f"{self.name}[{', '.join(a.render() for a in self.args)}]"

    def __str__(self) -> str:
        return self.render()


def parse(text: str, classes: Collection[str] = (), typevars: Collection[str] = ()) -> PyType:
    """Parse a type string (normalised or any supported annotation spelling); ``classes``
    are the class names that may appear as types, ``typevars`` the module's ``TypeVar``s."""
    try:
        node = ast.parse(text, mode="eval").body
    except SyntaxError as exc:
        raise TypeSyntaxError(f"not a type: {text!r}") from exc
    return from_annotation(node, classes, typevars)


def from_annotation(
    node: ast.expr, classes: Collection[str] = (), typevars: Collection[str] = ()
) -> PyType:
    """Normalise an annotation AST (``List[int]``, ``list[int]``, ``str | None``…); a name in
    ``classes`` (a translated class of the same module) is a class type, one in ``typevars``
    (a module-level ``T = TypeVar("T")``) a type variable (see ``typevar``)."""
    if typevars:
        return _with_typevars(node, classes, frozenset(typevars))
    if isinstance(node, ast.Constant) and node.value is None:
        return PyType("None")
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return parse(node.value, classes)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _union([node.left, node.right], classes)
    name = dotted_name(node.value if isinstance(node, ast.Subscript) else node)
    if name is None:
        raise TypeSyntaxError(f"unsupported annotation: {ast.unparse(node)}")
    if not isinstance(node, ast.Subscript) and name in classes and is_class(PyType(name)):
        return PyType(name)
    name = name.rsplit(".", 1)[-1]
    if not isinstance(node, ast.Subscript):
        if name in SCALARS:
            return PyType(name)
        raise TypeSyntaxError(f"unsupported annotation: {ast.unparse(node)}")
    elts = list(node.slice.elts) if isinstance(node.slice, ast.Tuple) else [node.slice]
    if name == "Union":
        return _union(elts, classes)
    if name == "Callable":
        return _callable(elts, node, classes)
    kind = _ALIASES.get(name)
    if kind is None:
        raise TypeSyntaxError(f"unsupported annotation: {ast.unparse(node)}")
    return _constructor(kind, elts, node, classes)


def _constructor(
    kind: str, elts: list[ast.expr], node: ast.expr, classes: Collection[str]
) -> PyType:
    if kind == "tuple":
        if len(elts) == 2 and isinstance(elts[1], ast.Constant) and elts[1].value is Ellipsis:
            return PyType("tuple...", (from_annotation(elts[0], classes),))
        return PyType("tuple", tuple(from_annotation(e, classes) for e in elts))
    want = 2 if kind in MAPPINGS else 1
    if len(elts) != want:
        raise TypeSyntaxError(f"{kind} needs {want} type argument(s): {ast.unparse(node)}")
    return PyType(kind, tuple(from_annotation(e, classes) for e in elts))


def _callable(elts: list[ast.expr], node: ast.expr, classes: Collection[str]) -> PyType:
    """``Callable[[A, B], R]`` (``Callable[..., R]`` and bare ``Callable`` are refused)."""
    if len(elts) != 2 or not isinstance(elts[0], ast.List):
        raise TypeSyntaxError(f"unsupported annotation: {ast.unparse(node)}")
    args = tuple(from_annotation(e, classes) for e in elts[0].elts)
    return PyType("Callable", (*args, from_annotation(elts[1], classes)))


NUMBERS = frozenset({"int", "float"})


def _union(members: list[ast.expr], classes: Collection[str]) -> PyType:
    """``Optional[T]`` (``T | None``), and ``int | float`` (also with ``None``), which is
    ``float``: PEP 484's numeric tower already lets an int stand where a float is declared, so
    the engine and the verifier treat both spellings alike. Other unions are refused."""
    types = [from_annotation(m, classes) for m in members]
    others = [t for t in types if t.name != "None"]
    if others and {t.name for t in others} == NUMBERS and len(others) == 2:
        if len(types) == 2:
            return PyType("float")
        if len(types) == 3:
            return PyType("Optional", (PyType("float"),))
    if len(others) == 1 and len(types) == 2:
        return PyType("Optional", (others[0],))
    shown = " | ".join(t.render() for t in types)
    raise TypeSyntaxError(
        f"union {shown}: unions other than Optional[T] and int | float are not supported"
    )


def _with_typevars(node: ast.expr, classes: Collection[str], typevars: frozenset[str]) -> PyType:
    """``from_annotation`` where the names in ``typevars`` stand for type variables: each is
    replaced by a placeholder class name, parsed, then mapped back."""
    marks = {f"TypeVarMark{i}{n}": n for i, n in enumerate(sorted(typevars))}
    back = {v: k for k, v in marks.items()}
    renamed = ast.fix_missing_locations(_RenameNames(back).visit(_copy(node)))
    t = from_annotation(renamed, [*classes, *marks])
    return substitute(t, {m: typevar(n) for m, n in marks.items()})


class _RenameNames(ast.NodeTransformer):
    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def visit_Name(self, node: ast.Name) -> ast.Name:  # ast visitor API
        return ast.Name(self.names.get(node.id, node.id), node.ctx)


def _copy(node: ast.expr) -> ast.expr:
    return ast.parse(ast.unparse(node), mode="eval").body


TYPEVAR_MARK = "~"  # a type variable ``T`` is PyType("~T"): no class, scalar or constructor


def typevar(name: str) -> PyType:
    """The type variable ``name`` (a ``TypeVar`` of the module, generic in Rust)."""
    return PyType(TYPEVAR_MARK + name)


def is_typevar(t: PyType) -> bool:
    """Whether ``t`` is a type variable."""
    return t.name.startswith(TYPEVAR_MARK)


def typevars_in(t: PyType) -> list[str]:
    """The type variables ``t`` mentions (their Python names), first occurrence first."""
    if is_typevar(t):
        return [t.name[len(TYPEVAR_MARK) :]]
    out: list[str] = []
    for a in t.args:
        out += [n for n in typevars_in(a) if n not in out]
    return out


def substitute(t: PyType, mapping: dict[str, PyType]) -> PyType:
    """``t`` with each type named in ``mapping`` replaced."""
    if t.name in mapping and not t.args:
        return mapping[t.name]
    return PyType(t.name, tuple(substitute(a, mapping) for a in t.args))


# Capitalised names the type language (or the engine) uses that are not classes.
_NOT_CLASSES = frozenset({"None", "Optional", "Counter", "OrderedDict", "Callable", "Union", "Any"})


def is_class(t: PyType) -> bool:
    """Whether ``t`` names a user class (``Point``, ``_Point``): a capitalised identifier
    (after leading underscores, which Rust keeps: the name stays unique) without type
    arguments that the type language does not use for anything else."""
    return not t.args and _class_name(t.name)


@functools.lru_cache(maxsize=4096)
def _class_name(name: str) -> bool:
    """is_class's test of a name (memoised: the verifier's comparison asks per value)."""
    return name.lstrip("_")[:1].isupper() and name.isidentifier() and name not in _NOT_CLASSES


BASE_VARIANT = "Base"  # the Rust enum variant of a base class's own instances


@dataclass(frozen=True, slots=True)
class Mutator:
    """A method that changes its object, called on a drawn object before the tested call."""

    name: str  # Python method name, e.g. "push"
    path: str  # Rust path of the method, e.g. "demo::m::Stack::push"
    params: tuple[tuple[PyType, str], ...]  # its parameters after ``self``: (type, mode)


@dataclass(frozen=True, slots=True)
class ClassShape:
    """What the verifier needs to build and read objects of one translated class."""

    name: str  # Python class name
    path: str  # Rust path of the struct, e.g. "demo::pkg::shapes::Point"
    init: tuple[PyType, ...]  # constructor parameter types (all passed by value)
    fields: tuple[tuple[str, PyType], ...]  # fields in declaration order
    defaults: tuple[str, ...] = ()  # Python literals of the last len(defaults) init params
    variants: tuple[str, ...] = ()  # a base class (a Rust enum): its subclasses
    handle: bool = False  # a node class: ``Rc<RefCell<..>>`` handle, compared with identity
    mutators: tuple[Mutator, ...] = ()  # methods a drawn object may be changed with first


Classes = Mapping[str, ClassShape]


def dotted_name(node: ast.expr) -> str | None:
    """``a.b.c`` for a Name/Attribute chain, else None."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = dotted_name(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def rust_type(t: PyType, crate: str = "crate", classes: Classes | None = None) -> str:
    """The owned Rust type for ``t``; ``crate`` prefixes runtime paths (``crate`` or a name),
    ``classes`` gives the paths of class types (a bare name, same module, without it)."""
    scalar = {
        "int": "i64",
        "float": "f64",
        "bool": "bool",
        "str": "String",
        "bytes": "Vec<u8>",
        "None": "()",
    }
    if t.name in scalar:
        return scalar[t.name]
    if t.name == "bigint":
        return f"{crate}::{RUNTIME_MODULE}::Int"
    if is_typevar(t):
        return t.name[len(TYPEVAR_MARK) :]
    if is_class(t):
        return classes[t.name].path if classes and t.name in classes else t.name
    inner = [rust_type(a, crate, classes) for a in t.args]
    if t.name in ("list", "tuple..."):
        return f"Vec<{inner[0]}>"
    if t.name == "set":
        return f"std::collections::HashSet<{inner[0]}>"
    if t.name == "dict":
        return f"{crate}::{RUNTIME_MODULE}::PyDict<{inner[0]}, {inner[1]}>"
    if t.name == "OrderedDict":
        return f"{crate}::{RUNTIME_MODULE}::PyOrderedDict<{inner[0]}, {inner[1]}>"
    if t.name == "Optional":
        return f"Option<{inner[0]}>"
    if t.name == "tuple":
        return _tuple_of(inner)
    if t.name == "deque":
        return f"{crate}::{RUNTIME_MODULE}::PyDeque<{inner[0]}>"
    if t.name == "Callable":
        return f"Box<dyn {rust_fn_trait(t, 'Fn', crate)}>"
    raise TypeSyntaxError(f"no Rust type for {t.render()}")


def with_big_ints(t: PyType) -> PyType:
    """``t`` with every ``int`` in it an unbounded ``bigint`` (the runtime's ``Int``)."""
    if t.name == "int":
        return PyType("bigint")
    return PyType(t.name, tuple(with_big_ints(a) for a in t.args)) if t.args else t


def callable_arg_mode(t: PyType) -> str:
    """How a closure takes an argument of type ``t``: Copy scalars by value, the rest
    borrowed (``&str``, ``&[T]``, ``&T``), like parameters that are only read."""
    copy = t.name in ("int", "float", "bool", "None") or (
        t.name in ("tuple", "Optional") and all(callable_arg_mode(a) == "value" for a in t.args)
    )
    return "value" if copy else "ref"


def rust_fn_trait(t: PyType, trait: str = "Fn", crate: str = "crate") -> str:
    """``Fn(i64, &str) -> bool`` for ``Callable[[int, str], bool]`` (``trait``: Fn/FnMut)."""
    args = ", ".join(rust_param_type(a, callable_arg_mode(a), crate) for a in t.args[:-1])
    ret = t.args[-1]
    arrow = "" if ret.name == "None" else f" -> {rust_type(ret, crate)}"
    return f"{trait}({args}){arrow}"


def rust_param_type(
    t: PyType, mode: str, crate: str = "crate", classes: Classes | None = None
) -> str:
    """The Rust type of a parameter passed by ``mode`` ("value", "ref", "mut", "optmut")."""
    if mode == "value":
        return rust_type(t, crate, classes)
    if mode == "mut":
        return f"&mut {rust_type(t, crate, classes)}"
    if mode == OPT_MUT:
        return f"Option<&mut {rust_type(t.args[0], crate, classes)}>"
    if t.name == "str":
        return "&str"
    if t.name == "bytes":
        return "&[u8]"
    if t.name in ("list", "tuple..."):
        return f"&[{rust_type(t.args[0], crate, classes)}]"
    return f"&{rust_type(t, crate, classes)}"


def rust_literal(
    t: PyType, value: object, crate: str = "crate", classes: Classes | None = None
) -> str:
    """A Rust expression that builds ``value`` as an owned ``rust_type(t)``.

    Raises DoesNotFit when the value is outside what the Rust type represents, and
    TypeError when the value is not of type ``t`` at all.
    """
    name = t.name
    if name == "bool":
        _check(isinstance(value, bool), t, value)
        return "true" if value else "false"
    if name == "int":
        _check(isinstance(value, int) and not isinstance(value, bool), t, value)
        assert isinstance(value, int)
        if not I64_MIN <= value <= I64_MAX:
            raise DoesNotFit(f"{value} does not fit in i64")
        return f"{value}i64" if value != I64_MIN else "i64::MIN"
    if name == "bigint":
        _check(isinstance(value, int) and not isinstance(value, bool), t, value)
        return f'{crate}::{RUNTIME_MODULE}::Int::parse("{value}")'
    if name == "float":
        _check(isinstance(value, float | int) and not isinstance(value, bool), t, value)
        return _float_literal(float(value))  # type: ignore[arg-type]
    if name == "str":
        return f"String::from({rust_str(_as(value, str, t))})"
    if name == "bytes":
        data = _as(value, bytes | bytearray, t)
        return "vec![" + ", ".join(f"{b}u8" for b in data) + "]"
    if name == "None":
        _check(value is None, t, value)
        return "()"
    if name == "Callable":  # a verifier catalogue entry carries its own Rust text
        text = getattr(value, "rust", None)
        _check(isinstance(text, str) and getattr(value, "sig", None) == t.render(), t, value)
        text = str(text).replace("crate::", f"{crate}::")  # runtime types, as the crate names them
        return f"Box::new({text}) as {rust_type(t, crate)}"
    return _container_literal(t, value, crate, classes)


def _container_literal(t: PyType, value: object, crate: str, classes: Classes | None) -> str:
    name = t.name

    def lit(item_type: PyType, item: object) -> str:
        return rust_literal(item_type, item, crate, classes)

    if is_class(t):
        return _object_literal(t, value, crate, classes)
    if name == "Optional":
        return "None" if value is None else f"Some({lit(t.args[0], value)})"
    if name in ("list", "tuple..."):
        seq = _as(value, list | tuple, t)
        items = ", ".join(lit(t.args[0], v) for v in seq)
        return f"Vec::<{rust_type(t.args[0], crate, classes)}>::from([{items}])"
    if name == "tuple":
        tup = _as(value, tuple, t)
        _check(len(tup) == len(t.args), t, value)
        return _tuple_of([lit(a, v) for a, v in zip(t.args, tup, strict=True)])
    if name == "set":
        members = _as(value, set | frozenset, t)
        items = ", ".join(sorted(lit(t.args[0], v) for v in members))
        return f"<{rust_type(t, crate, classes)}>::from([{items}])"
    if name == "deque":  # a real deque (its maxlen is not carried: drawn ones have none)
        items = ", ".join(lit(t.args[0], v) for v in _as(value, deque, t))
        inner = rust_type(t.args[0], crate, classes)
        return f"<{rust_type(t, crate, classes)}>::new(Vec::<{inner}>::from([{items}]), None)"
    if name in MAPPINGS:
        mapping = _as(value, OrderedDict if name == "OrderedDict" else dict, t)
        pairs = ", ".join(f"({lit(t.args[0], k)}, {lit(t.args[1], v)})" for k, v in mapping.items())
        return f"<{rust_type(t, crate, classes)}>::from_pairs(vec![{pairs}])"
    raise TypeSyntaxError(f"no Rust literal for {t.render()}")


def _object_literal(t: PyType, value: object, crate: str, classes: Classes | None) -> str:
    """``path::Cls::new(args)`` for a ``New`` value (the object its constructor builds)."""
    shape = classes.get(t.name) if classes else None
    if shape is None:
        raise TypeSyntaxError(f"no Rust literal for class {t.name}")
    if isinstance(value, New) and value.name in shape.variants:  # a subclass: its variant
        inner = _object_literal(PyType(value.name), value, crate, classes)
        return f"{shape.path}::{value.name}({inner})"
    _check(isinstance(value, New) and value.name == t.name, t, value)
    assert isinstance(value, New)
    _check(len(value.args) == len(shape.init), t, value)
    args = ", ".join(
        rust_literal(a, v, crate, classes) for a, v in zip(shape.init, value.args, strict=True)
    )
    made = f"{shape.path}::new({args})"
    if not value.calls:
        return made
    steps = [f"let mut o = {made};"]
    mutators = {m.name: m for m in shape.mutators}
    for name, call_args in value.calls:
        m = mutators.get(name)
        _check(m is not None and len(call_args) == len(m.params), t, value)
        assert m is not None
        lits = [
            {"value": "", "ref": "&", "mut": "&mut "}[mode] + rust_literal(a, v, crate, classes)
            for (a, mode), v in zip(m.params, call_args, strict=True)
        ]
        steps.append(f"let _ = {m.path}(&mut o, {', '.join(lits)});")
    return "{ " + " ".join(steps) + " o }"


def _as(value: object, kinds: Any, t: PyType) -> Any:
    """``value`` when it is an instance of ``kinds``, else TypeError."""
    _check(isinstance(value, kinds), t, value)
    return value


def _check(ok: bool, t: PyType, value: object) -> None:
    if not ok:
        raise TypeError(f"{value!r} is not a {t.render()}")


def _float_literal(x: float) -> str:
    if math.isnan(x):
        return "f64::NAN"
    if math.isinf(x):
        return "f64::INFINITY" if x > 0 else "f64::NEG_INFINITY"
    return f"{x!r}f64"


def _tuple_of(parts: list[str]) -> str:
    """Rust tuple syntax: ``()``, ``(a,)``, ``(a, b)``."""
    if len(parts) == 1:
        return f"({parts[0]},)"
    return "(" + ", ".join(parts) + ")"


def rust_bytes(data: bytes) -> str:
    """A Rust byte-string literal for ``data`` (bytes outside printable ASCII as \\xNN)."""
    out = []
    for c in data:
        ch = chr(c)
        if ch in '\\"':
            out.append("\\" + ch)
        elif " " <= ch <= "~":
            out.append(ch)
        else:
            out.append(f"\\x{c:02x}")
    return 'b"' + "".join(out) + '"'


def rust_str(s: str) -> str:
    """A Rust string literal for ``s`` (every non-printable-ASCII char escaped as \\u{..})."""
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif " " <= ch <= "~":
            out.append(ch)
        else:
            out.append(f"\\u{{{ord(ch):x}}}")
    return '"' + "".join(out) + '"'
